"""Sentences for sync errors (kept apart from ``messages`` so features merge without clashes).

Sync errors carry a stable ``code``; the officer reads a translated sentence that says what
happened to their work and what to do, never headquarters' words or an address.
"""

from __future__ import annotations

from laissez.desktop.messages import describe_error
from laissez.i18n import _
from laissez.storage.sync.errors import SyncError


def describe_sync_error(code: str) -> str:
    """A translated sentence for the stable code of a sync error (never headquarters' words)."""
    if code == "sync.not_enrolled":
        return _(
            "This computer is not enrolled with headquarters yet. An administrator enrols it "
            "in Settings with a one-time code from headquarters."
        )
    if code == "sync.refused":
        return _(
            "Headquarters refused this computer. Your work is kept; ask your administrator "
            "to check the enrolment."
        )
    if code == "sync.rejected":
        return _(
            "Headquarters refused some changes. They are kept and will be sent again; if "
            "this stays, tell your administrator."
        )
    if code == "sync.schema_missing":
        return _("The database must be upgraded first: sign out and sign in again.")
    return _(
        "Headquarters cannot be reached; your work is kept and will be sent later. "
        "Check the network connection and try again."
    )


def describe_sync_failure(error: BaseException) -> str:
    """The sentence for an error raised during a sync or an enrolment."""
    if isinstance(error, SyncError):
        return describe_sync_error(error.code)
    return describe_error(error)
