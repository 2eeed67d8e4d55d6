"""Database keys and per-user key slots.

The database key is 32 random bytes given to SQLCipher as a raw key (no SQLCipher KDF). It is
never stored in the clear. Each user has a *key slot* in a small JSON file next to the database
(``<database>.keys``), readable before the database is unlocked:

* an X25519 key pair; the private key is encrypted with AES-256-GCM under a key-encryption key
  derived from the user's passphrase with Argon2id (parameters and salt stored in the slot);
* the database key *sealed* to the user's public key (ephemeral X25519, HKDF-SHA256, AES-GCM).

So a passphrase unlocks the private key, which opens the user's copy of the database key.
The same passphrase (same key-encryption key) wraps the user's personal Ed25519 *signing key*
(``signing_key``, public half in ``signing_public`` and in the ``users`` table): the decisions
the gate trusts are signed with it, so the shared database key is not enough to forge one in
someone else's name.
Adding a user, removing one or changing a passphrase only touches this file, never the
database pages. Rotating the database key (``PRAGMA rekey``) seals the new key to every user's
public key (taken from the encrypted ``users`` table), so nobody has to re-enter a passphrase.
During a rotation the new sealed key is stored as ``pending`` first, so a crash in the middle
leaves a file that opens with either key. Every encrypted blob is bound (AES-GCM associated
data) to the database id and the user id, so slots cannot be swapped between users or files.

Slots are named by a keyed hash of the user name (``_slot_id``), so the file, readable before
unlock, shows no user names (version 1 files, which did, are renamed when loaded). Signing in
needs only the name typed, so nothing has to list the names before unlock.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import uuid
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from laissez.storage.errors import KeyFileError, WeakPassphraseError, WrongPassphraseError

KEY_BYTES = 32
MIN_PASSPHRASE_LENGTH = 10
#: zxcvbn score (0-4) a new passphrase must reach: 3 is "safely unguessable" to an offline
#: attack on a slow hash, which Argon2id is
MIN_PASSPHRASE_SCORE = 3
#: characters of a passphrase zxcvbn looks at
ESTIMATED_CHARACTERS = 100
FILE_FORMAT = "laissez-keyslots"
FILE_VERSION = 2


@dataclass(frozen=True)
class KdfParams:
    """Argon2id parameters. The defaults take about 0.3 s on a 2-core laptop."""

    time_cost: int = 3
    memory_cost_kib: int = 65536
    parallelism: int = 2

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> KdfParams:
        """Parameters from a slot's ``kdf`` object."""
        return cls(
            time_cost=int(data["time_cost"]),
            memory_cost_kib=int(data["memory_cost_kib"]),
            parallelism=int(data["parallelism"]),
        )


DEFAULT_KDF = KdfParams()
#: Cheap parameters for tests only: never use them for a real installation.
TEST_KDF = KdfParams(time_cost=1, memory_cost_kib=8192, parallelism=1)


def generate_database_key() -> bytes:
    """A new random 256-bit database key."""
    return secrets.token_bytes(KEY_BYTES)


def passphrase_weakness(passphrase: str, user_inputs: Sequence[str] = ()) -> str | None:
    """What is wrong with a new passphrase, or None: ``too_short`` (under
    ``MIN_PASSPHRASE_LENGTH`` characters) or ``too_guessable`` (zxcvbn, a maintained strength
    estimator, scores it under ``MIN_PASSPHRASE_SCORE``: ``aaaaaaaaaa``, ``password123``,
    the user's own name). ``user_inputs`` (user name, mission code) count as guessable."""
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        return "too_short"
    from zxcvbn import zxcvbn  # a dependency; imported here: only new passphrases need it

    # zxcvbn's matching grows with length; what it sees of a long passphrase is plenty
    words = [w for w in user_inputs if w]
    if zxcvbn(passphrase[:ESTIMATED_CHARACTERS], user_inputs=words)["score"] < (
        MIN_PASSPHRASE_SCORE
    ):
        return "too_guessable"
    return None


def check_passphrase(passphrase: str, user_inputs: Sequence[str] = ()) -> None:
    """Raise ``WeakPassphraseError`` (``reason``: ``too_short`` or ``too_guessable``) when a new
    passphrase is too short or too easy to guess."""
    problem = passphrase_weakness(passphrase, user_inputs)
    if problem == "too_short":
        raise WeakPassphraseError(
            f"a passphrase needs at least {MIN_PASSPHRASE_LENGTH} characters", reason=problem
        )
    if problem is not None:
        raise WeakPassphraseError(
            "the passphrase is too easy to guess; use several unrelated words", reason=problem
        )


def derive_kek(passphrase: str, salt: bytes, params: KdfParams) -> bytes:
    """Argon2id(passphrase, salt) -> 32-byte key-encryption key."""
    return hash_secret_raw(
        secret=passphrase.encode("utf-8"),
        salt=salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_cost_kib,
        parallelism=params.parallelism,
        hash_len=KEY_BYTES,
        type=Type.ID,
    )


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def _raw_public(key: X25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def _raw_private(key: X25519PrivateKey | Ed25519PrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )


def _wrap(kek: bytes, raw: bytes, aad: bytes) -> dict[str, str]:
    nonce = secrets.token_bytes(12)
    return {"nonce": _b64(nonce), "ciphertext": _b64(AESGCM(kek).encrypt(nonce, raw, aad))}


def seal(db_key: bytes, public_key: bytes, aad: bytes) -> dict[str, str]:
    """Encrypt ``db_key`` so that only the holder of ``public_key``'s private key can open it."""
    ephemeral = X25519PrivateKey.generate()
    recipient = X25519PublicKey.from_public_bytes(public_key)
    eph_public = _raw_public(ephemeral.public_key())
    wrap_key = _hkdf(ephemeral.exchange(recipient), eph_public + public_key)
    nonce = secrets.token_bytes(12)
    sealed = AESGCM(wrap_key).encrypt(nonce, db_key, aad)
    return {"ephemeral": _b64(eph_public), "nonce": _b64(nonce), "ciphertext": _b64(sealed)}


def unseal(box: dict[str, str], private_key: X25519PrivateKey, aad: bytes) -> bytes:
    """Open a box made by ``seal``; raises ``cryptography.exceptions.InvalidTag`` on mismatch."""
    eph_public = _unb64(box["ephemeral"])
    own_public = _raw_public(private_key.public_key())
    shared = private_key.exchange(X25519PublicKey.from_public_bytes(eph_public))
    wrap_key = _hkdf(shared, eph_public + own_public)
    return AESGCM(wrap_key).decrypt(_unb64(box["nonce"]), _unb64(box["ciphertext"]), aad)


def _hkdf(shared: bytes, salt: bytes) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(), length=KEY_BYTES, salt=salt, info=b"laissez database key v1"
    ).derive(shared)


@dataclass(frozen=True)
class Unlocked:
    """What a passphrase opened: the user's id and the candidate database keys (the current one
    first, then the pending one of an interrupted rotation, if any)."""

    user_id: uuid.UUID
    keys: tuple[bytes, ...]
    signing_key: Ed25519PrivateKey | None = None


class KeyFile:
    """The key-slot file of one database. Load it, change it, then ``save`` (atomic replace).

    Attributes:
        path: where the file lives.
        database_id: random id binding the slots to one database.
    """

    def __init__(self, path: Path, database_id: uuid.UUID, slots: dict[str, dict[str, Any]]):
        self.path = path
        self.database_id = database_id
        self._slots = slots
        self._fresh: dict[str, Ed25519PrivateKey] = {}  # signing keys made here, in memory

    @classmethod
    def new(cls, path: Path) -> KeyFile:
        """An empty key file for a new database (not yet saved)."""
        return cls(path, uuid.uuid4(), {})

    @classmethod
    def load(cls, path: Path) -> KeyFile:
        """Read ``path``; raises ``KeyFileError`` when it is missing or malformed."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            version = data.get("version")
            if data.get("format") != FILE_FORMAT or version not in (1, FILE_VERSION):
                raise KeyFileError(f"key file {path.name} has an unknown format or version")
            slots = data["slots"]
            if not isinstance(slots, dict):
                raise KeyFileError(f"key file {path.name} is malformed")
            database_id = uuid.UUID(data["database_id"])
            if version == 1:  # slots named by user name: renamed now, written at the next save
                slots = {_slot_id(database_id, name): slot for name, slot in slots.items()}
            return cls(path, database_id, slots)
        except FileNotFoundError as exc:
            raise KeyFileError(f"key file {path.name} is missing") from exc
        except (ValueError, KeyError, TypeError, UnicodeDecodeError, RecursionError) as exc:
            raise KeyFileError(f"key file {path.name} is malformed") from exc

    def to_dict(self) -> dict[str, Any]:
        """The JSON form written to disk."""
        return {
            "format": FILE_FORMAT,
            "version": FILE_VERSION,
            "database_id": str(self.database_id),
            "slots": self._slots,
        }

    def save(self, path: Path | None = None) -> None:
        """Write the file atomically (temporary file, fsync, rename, fsync the directory)."""
        target = path or self.path
        atomic_write(target, json.dumps(self.to_dict(), indent=1, sort_keys=True).encode())

    def slot_id(self, username: str) -> str:
        """The name ``username``'s slot has in the file: a keyed hash, not the user name."""
        return _slot_id(self.database_id, username)

    @property
    def slot_count(self) -> int:
        """How many slots the file holds (their user names cannot be read from it)."""
        return len(self._slots)

    def has_slot(self, username: str) -> bool:
        """Whether ``username`` has a slot."""
        return self.slot_id(username) in self._slots

    def user_id(self, username: str) -> uuid.UUID:
        """The user id stored in a slot (``KeyError`` if there is none)."""
        return uuid.UUID(self._slots[self.slot_id(username)]["user_id"])

    def _aad(self, user_id: uuid.UUID, purpose: str) -> bytes:
        return f"laissez|{self.database_id}|{user_id}|{purpose}".encode()

    def set_slot(
        self,
        username: str,
        user_id: uuid.UUID,
        passphrase: str,
        db_key: bytes,
        params: KdfParams = DEFAULT_KDF,
    ) -> bytes:
        """Create or replace ``username``'s slot with a new key pair; returns the public key."""
        check_passphrase(passphrase, (username,))
        private = X25519PrivateKey.generate()
        public = _raw_public(private.public_key())
        slot: dict[str, Any] = {"user_id": str(user_id), "public_key": _b64(public)}
        self._slots[self.slot_id(username)] = slot
        # a new signing identity: nobody else can unwrap the old one (its public half stays
        # registered, so the user's past decisions still verify)
        self._wrap_private(username, private, passphrase, params, Ed25519PrivateKey.generate())
        slot["sealed_key"] = seal(db_key, public, self._aad(user_id, "db-key"))
        return public

    def fresh_signing_key(self, username: str) -> Ed25519PrivateKey | None:
        """The signing key this object just wrapped for ``username`` (None if it made none)."""
        return self._fresh.get(username)

    def signing_public(self, username: str) -> bytes | None:
        """The raw Ed25519 public key of ``username``'s signing key (None for an old slot)."""
        text = self._slots.get(self.slot_id(username), {}).get("signing_public")
        return _unb64(text) if text else None

    def _wrap_private(
        self,
        username: str,
        private: X25519PrivateKey,
        passphrase: str,
        params: KdfParams,
        signing: Ed25519PrivateKey | None = None,
    ) -> None:
        slot = self._slots[self.slot_id(username)]
        salt = secrets.token_bytes(16)
        kek = derive_kek(passphrase, salt, params)
        user_id = uuid.UUID(slot["user_id"])
        slot["kdf"] = {"algorithm": "argon2id", "salt": _b64(salt), **asdict(params)}
        slot["private_key"] = _wrap(kek, _raw_private(private), self._aad(user_id, "private-key"))
        if signing is not None:
            self._fresh[username] = signing
            slot["signing_key"] = _wrap(
                kek, _raw_private(signing), self._aad(user_id, "signing-key")
            )
            slot["signing_public"] = _b64(
                signing.public_key().public_bytes(
                    serialization.Encoding.Raw, serialization.PublicFormat.Raw
                )
            )
        else:
            slot.pop("signing_key", None)
            slot.pop("signing_public", None)

    def _private_key(self, username: str, passphrase: str) -> X25519PrivateKey:
        return self._open(username, passphrase)[0]

    def _open(
        self, username: str, passphrase: str
    ) -> tuple[X25519PrivateKey, Ed25519PrivateKey | None]:
        slot = self._slots.get(self.slot_id(username))
        if slot is None:
            # Spend the same time as a real attempt, so timing does not reveal user names.
            params = DEFAULT_KDF
            for other in self._slots.values():
                params = KdfParams.from_dict(other["kdf"])
                break
            derive_kek(passphrase, b"\0" * 16, params)
            raise WrongPassphraseError("unknown user name or wrong passphrase")
        try:
            kdf = slot["kdf"]
            if kdf.get("algorithm") != "argon2id":
                raise KeyFileError(f"key slot uses an unknown KDF: {kdf.get('algorithm')}")
            kek = derive_kek(passphrase, _unb64(kdf["salt"]), KdfParams.from_dict(kdf))
            box = slot["private_key"]
            aad = self._aad(uuid.UUID(slot["user_id"]), "private-key")
            raw = AESGCM(kek).decrypt(_unb64(box["nonce"]), _unb64(box["ciphertext"]), aad)
        except InvalidTag as exc:
            raise WrongPassphraseError("unknown user name or wrong passphrase") from exc
        except (KeyError, ValueError, TypeError) as exc:
            raise KeyFileError(f"key file {self.path.name} has a malformed slot") from exc
        signing = None
        if slot.get("signing_key"):
            try:
                sbox = slot["signing_key"]
                sraw = AESGCM(kek).decrypt(
                    _unb64(sbox["nonce"]),
                    _unb64(sbox["ciphertext"]),
                    self._aad(uuid.UUID(slot["user_id"]), "signing-key"),
                )
                signing = Ed25519PrivateKey.from_private_bytes(sraw)
            except (InvalidTag, KeyError, ValueError, TypeError) as exc:
                raise KeyFileError(f"key file {self.path.name} has a damaged signing key") from exc
        return X25519PrivateKey.from_private_bytes(raw), signing

    def unlock(self, username: str, passphrase: str) -> Unlocked:
        """Open ``username``'s slot; raises ``WrongPassphraseError`` or ``KeyFileError``."""
        private, signing = self._open(username, passphrase)
        slot = self._slots[self.slot_id(username)]
        user_id = uuid.UUID(slot["user_id"])
        aad = self._aad(user_id, "db-key")
        keys: list[bytes] = []
        for name in ("sealed_key", "pending_key"):
            box = slot.get(name)
            if not box:
                continue
            try:
                keys.append(unseal(box, private, aad))
            except (InvalidTag, KeyError, ValueError) as exc:
                raise KeyFileError(f"key slot has a damaged {name}") from exc
        if not keys:
            raise KeyFileError("key slot holds no database key")
        return Unlocked(user_id=user_id, keys=tuple(keys), signing_key=signing)

    def change_passphrase(
        self, username: str, old: str, new: str, params: KdfParams | None = None
    ) -> bytes:
        """Re-wrap ``username``'s slot under a new passphrase (the old one must open it).

        The X25519 key pair is replaced, not re-wrapped: an old copy of the key file opened
        with the old passphrase yields a private key that no current sealed database key
        matches (the caller re-seals the database key to :meth:`public_key` and should rotate
        the database key, see ``UserAdministration.change_passphrase``). The personal signing
        key keeps its identity (its public half verifies the user's past decisions) and is
        re-wrapped under the new passphrase. Returns the new X25519 public key.
        """
        check_passphrase(new)
        _old_private, signing = self._open(username, old)
        current = KdfParams.from_dict(self._slots[self.slot_id(username)]["kdf"])
        private = X25519PrivateKey.generate()
        slot = self._slots[self.slot_id(username)]
        slot["public_key"] = _b64(_raw_public(private.public_key()))
        for name in ("sealed_key", "pending_key"):
            slot.pop(name, None)
        self._wrap_private(
            username, private, new, params or current, signing or Ed25519PrivateKey.generate()
        )
        return _unb64(slot["public_key"])

    def public_key(self, username: str) -> bytes:
        """The X25519 public key of ``username``'s slot."""
        return _unb64(self._slots[self.slot_id(username)]["public_key"])

    def reseal(self, username: str, db_key: bytes) -> None:
        """Seal ``db_key`` to ``username``'s current public key (after a passphrase change)."""
        slot = self._slots[self.slot_id(username)]
        user_id = uuid.UUID(slot["user_id"])
        slot["sealed_key"] = seal(db_key, _unb64(slot["public_key"]), self._aad(user_id, "db-key"))

    def add_signing_key(self, username: str, passphrase: str) -> Ed25519PrivateKey:
        """Give an old slot (made before personal signing keys) a new signing key, wrapped
        under the same passphrase; returns it. The slot's X25519 key is kept."""
        private, signing = self._open(username, passphrase)
        if signing is not None:
            return signing
        signing = Ed25519PrivateKey.generate()
        current = KdfParams.from_dict(self._slots[self.slot_id(username)]["kdf"])
        self._wrap_private(username, private, passphrase, current, signing)
        return signing

    def remove_slot(self, username: str) -> None:
        """Delete ``username``'s slot (no effect if there is none)."""
        self._slots.pop(self.slot_id(username), None)

    def begin_rekey(self, new_key: bytes, public_keys: dict[str, bytes]) -> None:
        """Seal ``new_key`` as every slot's ``pending_key``. Slots without a public key in
        ``public_keys`` (by user name) are dropped: their users were removed."""
        by_slot = {self.slot_id(name): key for name, key in public_keys.items()}
        for slot_id in list(self._slots):
            public = by_slot.get(slot_id)
            if public is None:
                del self._slots[slot_id]
                continue
            user_id = uuid.UUID(self._slots[slot_id]["user_id"])
            self._slots[slot_id]["pending_key"] = seal(
                new_key, public, self._aad(user_id, "db-key")
            )

    def finish_rekey(self) -> None:
        """Promote each slot's ``pending_key`` to ``sealed_key``."""
        for slot in self._slots.values():
            pending = slot.pop("pending_key", None)
            if pending:
                slot["sealed_key"] = pending

    def promote(self, key_index: int) -> bool:
        """After an interrupted rotation: if the pending key (index 1) is the one that opened the
        database, finish the rotation. Returns whether the file changed."""
        if key_index == 1:
            self.finish_rekey()
            return True
        changed = False
        if key_index == 0:
            for slot in self._slots.values():
                changed |= slot.pop("pending_key", None) is not None
        return changed


def _slot_id(database_id: uuid.UUID, username: str) -> str:
    """A slot's name in the file: HMAC-SHA256 of the user name under the database id.

    The file shows no user name before unlock. It is not a secret against guessing: anyone
    with the file can test a list of likely names (a name is short), but cannot read them."""
    mac = hmac.new(database_id.bytes, username.encode("utf-8"), hashlib.sha256)
    return "u-" + mac.hexdigest()[:32]


def atomic_write(target: Path, data: bytes) -> None:
    """Replace ``target`` with ``data`` so that a crash leaves the old or the new file, whole."""
    tmp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(target.parent)


def fsync_dir(directory: Path) -> None:
    """Flush a directory entry to disk (no-op where directories cannot be opened)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
