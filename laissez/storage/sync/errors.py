"""Typed errors of the sync client.

Being offline is a normal state: ``HqUnreachableError`` means "try again later" and loses
nothing. Messages name ids, counts and codes, never payload values.
"""

from __future__ import annotations


class SyncError(Exception):
    """Base class of every error raised by ``laissez.storage.sync``."""

    code = "sync"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class HqUnreachableError(SyncError):
    """Headquarters did not answer (no link, timeout, cut connection, server error)."""

    code = "sync.unreachable"


class HqNumbersPausedError(HqUnreachableError):
    """Headquarters answered, but gives no document numbers until its record of the numbers
    handed out (kept outside its database) can be read again (HTTP 503,
    ``numbers.highwater``). Like any unreachable headquarters, the sync tries again later."""

    code = "sync.numbers_paused"


class HqRefusedError(SyncError):
    """Headquarters answered with a refusal (4xx); ``hq_code`` is its stable error code."""

    code = "sync.refused"

    def __init__(self, message: str, *, status: int, hq_code: str) -> None:
        super().__init__(message)
        self.status = status
        self.hq_code = hq_code


class InsecureUrlError(SyncError):
    """A headquarters address that is not ``https://`` (only this computer may be reached
    over plain ``http://``): device keys and personal data never cross a network unencrypted."""

    code = "sync.insecure_url"


class NotEnrolledError(SyncError):
    """This installation has no device identity yet: enrol it with a one-time code first."""

    code = "sync.not_enrolled"


class NumbersExhaustedError(SyncError):
    """No unused document number is left in the ranges headquarters gave this device."""

    code = "sync.numbers_exhausted"


class SyncSchemaMissingError(SyncError):
    """The database has no ``sync_*`` tables: it was not upgraded to migration 0005."""

    code = "sync.schema_missing"


class AuditRewrittenError(SyncError):
    """Headquarters holds an audit head this device's trail does not extend: events it had
    anchored were cut off or rewritten here (or an older backup was restored). Headquarters
    keeps a flag for a person; syncing goes on once they checked the device."""

    code = "sync.audit_rewritten"
