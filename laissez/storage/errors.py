"""Typed errors of the storage package.

Every error has a stable ``code`` (``storage.wrong_passphrase`` ...) that the desktop maps to
translated words. Messages name files, fields, users' ids and record ids, never personal values:
an exception message may end up in a log.
"""

from __future__ import annotations


class StorageError(Exception):
    """Base class of every error raised by ``laissez.storage``.

    Attributes:
        code: stable machine-readable code.
        message: an English sentence for logs and the command line (no personal data).
    """

    code = "storage"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class DatabaseMissingError(StorageError):
    """There is no database (or no key file) at the given path."""

    code = "storage.missing"


class DatabaseExistsError(StorageError):
    """``create`` was asked to make a database where one already exists."""

    code = "storage.exists"


class WrongPassphraseError(StorageError):
    """The user name is unknown or the passphrase does not unlock its key slot.

    The two cases share one error on purpose: the message does not tell a guesser which user
    names exist. Nothing is written when it is raised.
    """

    code = "storage.wrong_passphrase"


class KeyFileError(StorageError):
    """The key-slot file is unreadable, malformed or does not match the database."""

    code = "storage.key_file"


class DatabaseCorruptError(StorageError):
    """The database file cannot be decrypted with its key or fails an integrity check."""

    code = "storage.corrupt"


class SchemaTooNewError(StorageError):
    """The database was migrated by a newer Laissez; this version must not touch it."""

    code = "storage.schema_too_new"


class MigrationError(StorageError):
    """A schema migration failed; the database was left as it was (a backup exists)."""

    code = "storage.migration"


class PermissionDeniedError(StorageError):
    """The current user lacks the role an operation needs (for example administrator)."""

    code = "storage.permission"


class UserExistsError(StorageError):
    """A user with that user name already exists."""

    code = "storage.user_exists"


class UserNotFoundError(StorageError):
    """No active user has that user name."""

    code = "storage.user_not_found"


class LastAdministratorError(StorageError):
    """The operation would leave the installation without an active administrator."""

    code = "storage.last_administrator"


class WeakPassphraseError(StorageError):
    """A new passphrase is too short (``reason`` ``too_short``, see
    ``keys.MIN_PASSPHRASE_LENGTH``) or too easy to guess (``too_guessable``, see
    ``keys.MIN_PASSPHRASE_SCORE``)."""

    code = "storage.weak_passphrase"

    def __init__(self, message: str, *, reason: str = "too_short") -> None:
        super().__init__(message)
        self.reason = reason


class AuditDetailsError(StorageError):
    """Audit details hold something other than record ids, codes and counts."""

    code = "storage.audit_details"


class AuditChainError(StorageError):
    """The audit chain does not verify; ``problem`` names the first bad event."""

    code = "storage.audit_chain"


class BackupError(StorageError):
    """A backup file could not be written, or a backup to restore is unusable."""

    code = "storage.backup"


class RetentionPolicyError(StorageError):
    """A retention rule is invalid (unknown status or negative number of days)."""

    code = "storage.retention_policy"


class DatabaseClosedError(StorageError):
    """The ``Database`` object was closed and cannot be used any more."""

    code = "storage.closed"


class UnknownRoleError(StorageError):
    """A role name that is not one of ``models.Role``."""

    code = "storage.unknown_role"
