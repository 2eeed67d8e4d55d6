"""The session controller: first run, sign in, unlock after a lock, sign out.

It owns the open ``Database``; widgets only see display names and translated messages. Key
derivation is slow on purpose, so every passphrase check runs in ``run_in_pool``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from laissez.casework import accounts
from laissez.casework.accounts import DEFAULT_KDF, Database, KdfParams
from laissez.desktop.messages import describe_error
from laissez.desktop.workers import run_in_pool

logger = logging.getLogger(__name__)


class SessionController(QObject):
    """Signs the officer in and out; keeps the open database away from the widgets.

    Emits:
        busy_changed(bool): a passphrase check or database creation started (True) or ended.
        signed_in(str): the database is open; the argument is the user's display name.
        sign_in_failed(str): a translated sentence for the sign-in or setup page.
        unlocked(): the passphrase given on the lock screen was right.
        unlock_failed(str): a translated sentence for the lock screen.
        signed_out(): the database was closed.
        signer_installed(): the mission signing key was installed.
        signer_failed(str): a translated sentence for the signing-key step.
    """

    busy_changed = Signal(bool)
    signed_in = Signal(str)
    sign_in_failed = Signal(str)
    unlocked = Signal()
    unlock_failed = Signal(str)
    signed_out = Signal()
    signer_installed = Signal()
    signer_failed = Signal(str)

    def __init__(self, data_dir: Path, *, kdf: KdfParams = DEFAULT_KDF) -> None:
        super().__init__()
        self.data_dir = data_dir
        self.kdf = kdf
        self._db: Database | None = None
        self._token_pin: str | None = None  # the seal key's PIN, in memory for this session
        self.busy = False

    # --- state --------------------------------------------------------------------------------

    @property
    def signed_in_now(self) -> bool:
        """True while a database is open."""
        return self._db is not None

    def needs_setup(self) -> bool:
        """True when this installation has no database yet."""
        return accounts.needs_setup(self.data_dir)

    def database(self) -> Database:
        """The open database, for the other controllers (never handed to a widget)."""
        if self._db is None:
            raise RuntimeError("no one is signed in")
        return self._db

    def user_label(self) -> str:
        """The signed-in user's display name (or user name)."""
        db = self.database()
        return db.user.display_name or db.user.username

    def is_administrator(self) -> bool:
        """Whether the signed-in user may install the signing key."""
        return self._db is not None and self._db.user.has_role("administrator")

    def has_role(self, role: str) -> bool:
        """Whether the signed-in user holds ``role`` (what a screen enables; casework checks
        again whatever it is asked to do)."""
        return self._db is not None and self._db.user.has_role(role)

    @property
    def token_pin(self) -> str | None:
        """The seal key's PIN given this session, if any (never written anywhere)."""
        return self._token_pin

    def remember_token_pin(self, pin: str | None) -> None:
        """Hold the seal key's PIN until the screen locks or the user signs out."""
        self._token_pin = pin or None

    def forget_token_pin(self) -> None:
        """Drop the seal key's PIN (lock, sign-out, or the token refused it)."""
        self._token_pin = None

    # --- running jobs -------------------------------------------------------------------------

    def _run(
        self,
        work: Callable[[], Any],
        done: Callable[[Any], None],
        failed: Callable[[BaseException], None],
    ) -> None:
        if self.busy:
            return
        self.busy = True
        self.busy_changed.emit(True)

        def finish(callback: Callable[[Any], None]) -> Callable[[Any], None]:
            def deliver(value: Any) -> None:
                self.busy = False
                self.busy_changed.emit(False)
                callback(value)

            return deliver

        run_in_pool(lambda _cancel, _progress: work(), finish(done), finish(failed))

    # --- intents ------------------------------------------------------------------------------

    def first_run(self, request: accounts.SetupRequest) -> None:
        """Create the database with its first administrator (in a worker), then sign in."""
        self._run(
            lambda: accounts.first_run(self.data_dir, request, kdf=self.kdf),
            self._on_open,
            self._on_sign_in_error,
        )

    def sign_in(self, username: str, passphrase: str) -> None:
        """Open the database as ``username`` (in a worker)."""
        self._run(
            lambda: accounts.sign_in(self.data_dir, username, passphrase),
            self._on_open,
            self._on_sign_in_error,
        )

    def unlock(self, passphrase: str) -> None:
        """Check the signed-in user's passphrase after a lock (in a worker)."""
        db = self.database()
        self._run(
            lambda: accounts.verify_passphrase(db, passphrase),
            lambda _none: self.unlocked.emit(),
            lambda exc: self.unlock_failed.emit(describe_error(exc)),
        )

    def install_signer(self, paths: accounts.SignerPaths) -> None:
        """Install the mission signing key from PEM files (in a worker)."""
        db = self.database()
        self._run(
            lambda: accounts.install_signer_files(db, paths),
            lambda _id: self.signer_installed.emit(),
            lambda exc: self.signer_failed.emit(describe_error(exc)),
        )

    def sign_out(self) -> None:
        """Close the database and tell the window to forget everything it showed."""
        db, self._db = self._db, None
        self.forget_token_pin()
        if db is not None:
            accounts.sign_out(db)
        self.signed_out.emit()

    # --- results ------------------------------------------------------------------------------

    def _on_open(self, db: Database) -> None:
        self._db = db
        logger.info("signed in as user %s", db.user.id)
        self.signed_in.emit(self.user_label())

    def _on_sign_in_error(self, exc: BaseException) -> None:
        self.sign_in_failed.emit(describe_error(exc))
