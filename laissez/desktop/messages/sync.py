"""Sentences for sync errors.

Sync errors carry a stable ``code``; the officer reads a translated sentence that says what
happened to their work and what to do, never headquarters' words or an address.
"""

from __future__ import annotations

from laissez.desktop.messages.errors import describe_error, error_codes
from laissez.i18n import N_, _

#: Sync error code -> its sentence; any other code reads as "headquarters cannot be reached".
SYNC_SENTENCES: dict[str, str] = {
    "sync.not_enrolled": N_(
        "This computer is not enrolled with headquarters yet. An administrator enrols it "
        "in Settings with a one-time code from headquarters."
    ),
    "sync.refused": N_(
        "Headquarters refused this computer. Your work is kept; ask your administrator "
        "to check the enrolment."
    ),
    "sync.rejected": N_(
        "Headquarters refused some changes. They are kept and will be sent again; if "
        "this stays, tell your administrator."
    ),
    "sync.schema_missing": N_("The database must be upgraded first: sign out and sign in again."),
    "sync.audit_rewritten": N_(
        "This computer's audit trail no longer matches what headquarters recorded at the last "
        "sync: events were removed or rewritten here, or an older backup was restored. "
        "Headquarters has been told; your changes were sent. Ask headquarters to check this "
        "computer."
    ),
    "sync.numbers_paused": N_(
        "Headquarters answered but gives no document numbers for now (its record of the "
        "numbers it handed out cannot be read). Your work is kept and the numbers you have "
        "can still be used; tell headquarters if this stays."
    ),
    "sync.insecure_url": N_(
        "The headquarters address must start with https://. Ask headquarters for its secure "
        "address."
    ),
}
_UNREACHABLE = N_(
    "Headquarters cannot be reached; your work is kept and will be sent later. "
    "Check the network connection and try again."
)


def describe_sync_error(code: str) -> str:
    """A translated sentence for the stable code of a sync error (never headquarters' words)."""
    return _(SYNC_SENTENCES.get(code, _UNREACHABLE))


def describe_sync_failure(error: BaseException) -> str:
    """The sentence for an error raised during a sync or an enrolment."""
    codes = error_codes(error)
    if "sync" in codes:  # a SyncError: the sync client's own errors
        return describe_sync_error(codes[0])
    return describe_error(error)
