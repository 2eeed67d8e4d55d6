"""Sync errors read as what happened to the officer's work, by their code."""

from __future__ import annotations

import pytest

from laissez.casework.errors import CaseNotFoundError
from laissez.desktop.messages import describe_sync_error, describe_sync_failure
from laissez.storage.sync import errors as se

_UNREACHABLE = (
    "Headquarters cannot be reached; your work is kept and will be sent later. "
    "Check the network connection and try again."
)
_NOT_ENROLLED = (
    "This computer is not enrolled with headquarters yet. An administrator enrols it "
    "in Settings with a one-time code from headquarters."
)
_REFUSED = (
    "Headquarters refused this computer. Your work is kept; ask your administrator "
    "to check the enrolment."
)
_SCHEMA = "The database must be upgraded first: sign out and sign in again."


@pytest.mark.parametrize(
    ("error", "sentence"),
    [
        (se.SyncError("m"), _UNREACHABLE),
        (se.HqUnreachableError("m"), _UNREACHABLE),
        (se.NotEnrolledError("m"), _NOT_ENROLLED),
        (se.NumbersExhaustedError("m"), _UNREACHABLE),
        (se.SyncSchemaMissingError("m"), _SCHEMA),
        (se.HqRefusedError("m", status=403, hq_code="x"), _REFUSED),
        (OSError("x"), "A file could not be read. Check that it exists and that you may open it."),
        (CaseNotFoundError("x"), "This case no longer exists on this computer."),
    ],
    ids=lambda v: type(v).__name__,
)
def test_sync_failures_keep_their_sentences(error: BaseException, sentence: str) -> None:
    assert describe_sync_failure(error) == sentence


def test_sync_codes_stored_with_an_entry_have_their_own_sentence() -> None:
    assert describe_sync_error("sync.rejected") == (
        "Headquarters refused some changes. They are kept and will be sent again; if "
        "this stays, tell your administrator."
    )
    assert describe_sync_error("sync.not_enrolled") == _NOT_ENROLLED
    assert describe_sync_error("anything.else") == _UNREACHABLE
