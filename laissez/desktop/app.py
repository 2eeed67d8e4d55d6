"""Application wiring: configuration, logging, language, the QApplication and the window."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

from laissez.casework.accounts import DEFAULT_KDF, KdfParams
from laissez.desktop import collector, preferences
from laissez.desktop.config import Config
from laissez.desktop.controllers.cases import CasesController
from laissez.desktop.controllers.session import SessionController
from laissez.desktop.idle import IdleWatcher
from laissez.desktop.language import LanguageController
from laissez.desktop.logging import configure_logging, install_excepthook
from laissez.desktop.main_window import MainWindow
from laissez.desktop.settings.dialog import SettingsDialog
from laissez.desktop.settings.printer import available_printers

if TYPE_CHECKING:
    from laissez.desktop.workers import Job

logger = logging.getLogger(__name__)


class Application:
    """The wired application: config, preferences, language controller and main window."""

    def __init__(self, app: QApplication, config: Config, *, kdf: KdfParams = DEFAULT_KDF) -> None:
        self.config = config
        self.collector = collector.install(app)
        self.preferences = preferences.load(self.config.data_dir)
        self.language = LanguageController(app)
        self.session = SessionController(self.config.data_dir, kdf=kdf)
        self.cases = CasesController(self.session)
        self.window = MainWindow(self.config, self.session, self.cases)
        self.language.language_changed.connect(self.window.on_language_changed)
        self.window.language_group.triggered.connect(self.on_language_chosen)
        self.language.apply(self.preferences.ui_language)
        self.idle = IdleWatcher(
            app,
            self.config.effective_idle_lock_ms(self.preferences.idle_lock_minutes),
            parent=self.window,
        )
        self.idle.idle_timed_out.connect(self.window.lock)
        #: where the settings dialog finds the installed printers (tests give their own)
        self.printer_names: Callable[[], Sequence[str]] = available_printers
        self.settings_dialog: SettingsDialog | None = None
        self.window.settings_action.triggered.connect(self.open_settings)
        self.language.language_changed.connect(self._retranslate_settings)
        self.session.signed_out.connect(self._close_settings)
        self.window.lock_action.triggered.connect(self._close_settings)
        self.idle.idle_timed_out.connect(self._close_settings)

    def shutdown(self) -> None:
        """End the application's hold on the process: the settings dialog closed, the database
        closed, the idle watch (an event filter on the whole QApplication) and every timer
        stopped, the window deleted. The QApplication itself lives on (tests and benchmarks
        wire several applications, one after another, into one QApplication: every filter
        left behind ran on every event of every later one)."""
        self._close_settings()
        self.idle.stop()
        self.window.end()

    def on_language_chosen(self, action: object) -> None:
        """Apply and remember the language the officer picked from the menu."""
        code = str(action.data())  # type: ignore[attr-defined]
        self.language.apply(code)
        self.preferences = self.preferences.with_language(code)
        preferences.save(self.config.data_dir, self.preferences)

    def open_settings(self) -> SettingsDialog | None:
        """Show the settings dialog (signed in only); returns it."""
        if not self.session.signed_in_now or self.window.locked:
            return None
        self._close_settings()
        dialog = SettingsDialog(
            self.session,
            self.config,
            self.preferences.with_language(self.language.language),
            printers=self.printer_names,
            parent=self.window,
        )
        dialog.preferences_saved.connect(self.on_settings_saved)
        dialog.enrolled.connect(self.window.sync_controller.refresh)
        dialog.numbers_loaded.connect(self.window.sync_controller.refresh)
        self.settings_dialog = dialog
        dialog.open()
        return dialog

    def _close_settings(self) -> None:
        """Close the settings dialog (sign-out, lock, reopening): it shows mission data."""
        dialog, self.settings_dialog = self.settings_dialog, None
        if dialog is not None:
            dialog.reject()
            dialog.deleteLater()

    def _retranslate_settings(self) -> None:
        if self.settings_dialog is not None:
            self.settings_dialog.retranslate()

    def on_settings_saved(self, chosen: object) -> None:
        """Apply the language and idle lock at once and remember the preferences."""
        assert isinstance(chosen, preferences.Preferences)
        language_changed = chosen.ui_language != self.preferences.ui_language
        self.preferences = chosen
        preferences.save(self.config.data_dir, chosen)
        self.idle.set_timeout(self.config.effective_idle_lock_ms(chosen.idle_lock_minutes))
        if language_changed:
            self.language.apply(chosen.ui_language)
        self.window.sync_controller.refresh()


def create_application(
    data_dir: Path | None = None, *, kdf: KdfParams = DEFAULT_KDF
) -> Application:
    """Wire the application around the existing QApplication (tests, benchmarks); ``kdf``
    sets the key derivation cost of a database made by the first-run setup."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        raise RuntimeError("a QApplication must exist before the application is wired")
    return Application(app, Config.load(data_dir), kdf=kdf)


def _warm_sandbox() -> Job:
    """Start the sandbox's fork servers off the GUI thread while the officer signs in, so the
    first document read does not wait for them (a few seconds on a small machine): the MRZ
    server with the PP-OCR models loaded and warmed, so that the first read after start costs
    what any other does. Returns the job (its ``relay.done`` says the servers are ready)."""
    from laissez.desktop.workers import run_in_pool
    from laissez.documents import sandbox

    def warm(_cancel: object, _progress: object) -> None:
        sandbox.warm_up()
        # what a reading is made of (numpy, Pillow): imported here rather than at start-up
        import laissez.documents.ocr  # noqa: F401

    def failed(error: BaseException) -> None:  # the first read will try again and say why
        logger.info("sandbox warm-up failed with %s", type(error).__name__)

    return run_in_pool(warm, lambda _value: None, failed)


def run_app(data_dir: Path | None = None) -> int:
    """Run the desktop application until its window closes; returns the exit status."""
    os.umask(0o077)
    config = Config.load(data_dir)
    configure_logging(config.log_dir)
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("Laissez")
    install_excepthook()
    application = Application(app, config)
    application.window.show()
    logger.info("main window shown")
    _warm_sandbox()
    status = int(app.exec())
    application.shutdown()  # closes the database before the process ends
    return status
