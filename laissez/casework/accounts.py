"""Accounts on this installation: first run, sign in, re-check a passphrase, sign out.

Pure Python (no Qt). The desktop calls these from a worker thread because key derivation
(Argon2id) takes a noticeable moment. Passphrases are never logged or kept.

Typical use::

    if accounts.needs_setup(data_dir):
        db = accounts.first_run(data_dir, SetupRequest(...))
    else:
        db = accounts.sign_in(data_dir, "amina", secret)   # WrongPassphraseError if wrong
    accounts.verify_passphrase(db, secret)                  # after a lock; no re-open
    accounts.sign_out(db)

The signed-in handle is storage's ``Database`` and key derivation takes ``KdfParams``
(``DEFAULT_KDF`` in production); both are re-exported here so that the desktop names them
without importing storage. So is ``MIN_PASSPHRASE_LENGTH``, storage's passphrase rule.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from laissez.casework.base import CaseContext
from laissez.casework.errors import IssuingStateError, MissingInformationError
from laissez.casework.signing import SigningSteps
from laissez.documents.codes import is_issuing_state
from laissez.storage.database import DATABASE_NAME, Database, keys_path
from laissez.storage.errors import WrongPassphraseError
from laissez.storage.keys import (
    DEFAULT_KDF,
    MIN_PASSPHRASE_LENGTH,
    KdfParams,
    KeyFile,
    passphrase_weakness,
)
from laissez.storage.models import Role

logger = logging.getLogger(__name__)

__all__ = [
    "DEFAULT_KDF",
    "MIN_PASSPHRASE_LENGTH",
    "Database",
    "KdfParams",
    "SetupRequest",
    "SignerPaths",
    "database_path",
    "first_run",
    "install_signer_files",
    "is_issuing_state",
    "needs_setup",
    "passphrase_problems",
    "sign_in",
    "sign_out",
    "verify_passphrase",
]


@dataclass(frozen=True)
class SetupRequest:
    """What the first-run setup asks for. ``also_officer``: the first administrator also
    interviews (gets the officer role), as in a small mission with one consular officer.
    ``country_code``: the mission's own State (ICAO three-letter code), the nationality it
    issues travel documents for unless headquarters sets a list."""

    mission_code: str
    mission_name: str
    username: str
    display_name: str
    passphrase: str
    also_officer: bool = True
    country_code: str = ""


@dataclass(frozen=True)
class SignerPaths:
    """The mission signing key's PEM files, as an administrator picked them."""

    key: Path
    certificate: Path
    root: Path
    password: str = ""
    #: the PIN of the mission's PKCS#11 token the key is imported into (empty: the
    #: environment's ``LAISSEZ_PKCS11_PIN``, on developer machines)
    token_pin: str = ""


def database_path(data_dir: Path) -> Path:
    """Where this installation's encrypted database lives."""
    return Path(data_dir) / DATABASE_NAME


def needs_setup(data_dir: Path) -> bool:
    """True when the data directory holds no database yet (first run)."""
    path = database_path(data_dir)
    return not path.exists() and not keys_path(path).exists()


def passphrase_problems(
    passphrase: str, repeated: str, user_inputs: Sequence[str] = ()
) -> tuple[str, ...]:
    """Codes of what is wrong with a new passphrase: ``too_short`` (fewer than
    ``MIN_PASSPHRASE_LENGTH`` characters), ``too_guessable`` (a strength estimator finds it
    easy to guess; ``user_inputs`` such as the user name count as guessable), storage's rules,
    and ``mismatch`` (the two differ)."""
    problems: list[str] = []
    weakness = passphrase_weakness(passphrase, user_inputs)
    if weakness is not None:
        problems.append(weakness)
    if passphrase != repeated:
        problems.append("mismatch")
    return tuple(problems)


def first_run(data_dir: Path, request: SetupRequest, *, kdf: KdfParams = DEFAULT_KDF) -> Database:
    """Create the installation's database with its mission and first administrator, signed in.

    Raises ``MissingInformationError`` (fields named) for an empty mission code or user name,
    ``IssuingStateError`` for a missing or unknown mission State (not a State's ICAO code:
    ``XXX``, ``XXA``, an organisation ...), and storage's ``WeakPassphraseError`` or
    ``DatabaseExistsError``.
    """
    missing = [
        name
        for name, value in (("mission_code", request.mission_code), ("username", request.username))
        if not value.strip()
    ]
    if missing:
        raise MissingInformationError("the first-run setup needs these fields", fields=missing)
    country = request.country_code.strip().upper()
    if not is_issuing_state(country):
        raise IssuingStateError("the mission's State is missing or not a State's ICAO code")
    db = Database.create(
        database_path(data_dir),
        username=request.username.strip(),
        passphrase=request.passphrase,
        display_name=request.display_name.strip(),
        mission_code=request.mission_code.strip().upper(),
        mission_name=request.mission_name.strip(),
        kdf=kdf,
        roles=(Role.OFFICER.value,) if request.also_officer else (),
        country_code=country,
    )
    logger.info("first run: database created, user %s", db.user.id)
    return db


def sign_in(data_dir: Path, username: str, passphrase: str) -> Database:
    """Open the installation's database as ``username``.

    Raises storage's ``WrongPassphraseError`` (unknown user or wrong passphrase; nothing
    written), ``DatabaseMissingError``, ``DatabaseCorruptError`` and friends.
    """
    return Database.open(database_path(data_dir), username=username.strip(), passphrase=passphrase)


def verify_passphrase(db: Database, passphrase: str) -> None:
    """Check that ``passphrase`` opens the signed-in user's key slot, without re-opening the
    database (the key file is readable on its own). Raises ``WrongPassphraseError``."""
    unlocked = KeyFile.load(keys_path(db.path)).unlock(db.user.username, passphrase)
    if unlocked.user_id != db.user.id:
        raise WrongPassphraseError("unknown user name or wrong passphrase")


def sign_out(db: Database) -> None:
    """Close the database; nothing of it stays in memory that the desktop can reach."""
    user_id = db.user.id
    db.close()
    logger.info("user %s signed out", user_id)


def install_signer_files(db: Database, paths: SignerPaths) -> uuid.UUID:
    """Read the three PEM files and install the mission's seal signer (administrators).

    Raises ``OSError`` for an unreadable file and casework's ``SignerInvalidError`` or
    ``RoleRequiredError``.
    """
    key_pem = paths.key.read_bytes()
    certificate_pem = paths.certificate.read_bytes()
    root_pem = paths.root.read_bytes()
    password = paths.password.encode() if paths.password else None
    signing = SigningSteps(CaseContext(db))
    if paths.token_pin:
        signing.use_token_pin(paths.token_pin)
    return signing.install_signer(key_pem, certificate_pem, root_pem, password=password)


#: the shortest PIN the mission-local seal token accepts when an administrator resets it
MIN_TOKEN_PIN_LENGTH = 6


def token_pin_problems(pin: str, repeated: str) -> tuple[str, ...]:
    """What is wrong with a new token PIN typed twice: ``too_short`` (fewer than
    ``MIN_TOKEN_PIN_LENGTH`` characters), ``mismatch`` (the two differ); empty when usable."""
    problems: list[str] = []
    if len(pin) < MIN_TOKEN_PIN_LENGTH:
        problems.append("too_short")
    if pin != repeated:
        problems.append("mismatch")
    return tuple(problems)


def token_resettable() -> bool:
    """True when the seal token is the mission-local one Laissez manages (its PIN can be
    reset from Laissez); False for a token configured outside Laissez."""
    from laissez.casework.seal_token import uses_mission_token

    return uses_mission_token()


def reset_token_files(db: Database, paths: SignerPaths, new_pin: str, repeated: str) -> uuid.UUID:
    """An administrator remakes the mission-local seal token with ``new_pin`` and installs
    the signer again from headquarters' PEM files (``SigningSteps.reset_token``).

    Raises ``MissingInformationError`` (the PIN rule, ``problems`` as
    :func:`token_pin_problems`), ``OSError`` for an unreadable file, and casework's
    ``RoleRequiredError``, ``TokenNotResettableError`` or ``SignerInvalidError``.
    """
    problems = token_pin_problems(new_pin, repeated)
    if problems:
        raise MissingInformationError("the new token PIN is not usable", fields=problems)
    key_pem = paths.key.read_bytes()
    certificate_pem = paths.certificate.read_bytes()
    root_pem = paths.root.read_bytes()
    password = paths.password.encode() if paths.password else None
    signing = SigningSteps(CaseContext(db))
    return signing.reset_token(new_pin, key_pem, certificate_pem, root_pem, password=password)
