"""The Settings dialog: mission, interface language, retention, printer, idle lock,
headquarters and users, one tab each.

What belongs to this computer (language, default printer, idle-lock minutes) is kept in the
preferences file, never anything personal; what belongs to the mission (retention rules, the
enrolment with headquarters) lives in the encrypted database and only an administrator changes
it, through ``laissez.casework.settings`` (it reads ``laissez.casework.views.settings``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from laissez.casework.views import settings as settings_view
from laissez.desktop.config import Config
from laissez.desktop.controllers.session import SessionController
from laissez.desktop.messages import describe_error
from laissez.desktop.preferences import Preferences
from laissez.desktop.settings.general import GeneralTab
from laissez.desktop.settings.headquarters import HeadquartersTab
from laissez.desktop.settings.idle import IdleTab
from laissez.desktop.settings.printer import PrinterTab, available_printers
from laissez.desktop.settings.retention import RetentionTab
from laissez.desktop.settings.signing import SigningTab
from laissez.desktop.settings.users import UsersTab
from laissez.desktop.widgets import error_label
from laissez.i18n import _

logger = logging.getLogger(__name__)


class SettingsDialog(QDialog):
    """Settings for this computer and, for administrators, the mission.

    Emits:
        preferences_saved(object): the new ``Preferences`` when the officer pressed Save;
            the application applies the language and idle lock at once and writes the file.
        enrolled(): this computer was enrolled with headquarters.
        numbers_loaded(): document numbers were loaded from a headquarters bundle.
    """

    preferences_saved = Signal(object)
    enrolled = Signal()
    numbers_loaded = Signal()

    def __init__(
        self,
        session: SessionController,
        config: Config,
        preferences: Preferences,
        *,
        printers: Callable[[], Sequence[str]] = available_printers,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settings_dialog")
        self.session = session
        self.config = config
        self.preferences = preferences
        view = settings_view.settings_view(session.database())
        self.is_administrator = view.is_administrator
        self.tabs = QTabWidget()
        self.tabs.setObjectName("settings_tabs")
        self.general_tab = GeneralTab(session, view, preferences)
        self.retention_tab = RetentionTab(session, view)
        self.printer_tab = PrinterTab(list(printers()), preferences.default_printer)
        self.idle_tab = IdleTab(config, preferences)
        self.hq_tab = HeadquartersTab(session, view)
        self.hq_tab.enrolled.connect(self.enrolled)
        self.hq_tab.numbers_loaded.connect(self.numbers_loaded)
        self.hq_tab.message.connect(self._on_hq_message)
        self.users_tab = UsersTab(session)
        self.signing_tab = SigningTab(session)
        for tab in (
            self.general_tab,
            self.retention_tab,
            self.printer_tab,
            self.idle_tab,
            self.hq_tab,
            self.users_tab,
            self.signing_tab,
        ):
            self.tabs.addTab(tab, "")
        self.message = error_label()
        # Own buttons, not standard ones: Qt re-words standard buttons on a language change,
        # after our retranslate, and drops our mnemonics.
        self.buttons = QDialogButtonBox()
        self.save_button = QPushButton()
        self.save_button.setObjectName("settings_save")
        self.save_button.setDefault(True)
        self.cancel_button = QPushButton()
        self.cancel_button.setObjectName("settings_cancel")
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(620, 460)
        self.retranslate()

    def retranslate(self) -> None:
        """Set every text in the current interface language."""
        self.setWindowTitle(_("Settings"))
        for index, title in enumerate(
            (
                _("&General"),
                _("&Retention"),
                _("&Printer"),
                _("&Idle lock"),
                _("&Headquarters"),
                _("&Users"),
                _("Signing &key"),
            )
        ):
            self.tabs.setTabText(index, title)
        self.general_tab.retranslate()
        self.retention_tab.retranslate()
        self.printer_tab.retranslate()
        self.idle_tab.retranslate()
        self.hq_tab.retranslate()
        self.users_tab.retranslate()
        self.signing_tab.retranslate()
        self.save_button.setText(_("&Save"))
        self.cancel_button.setText(_("Cancel"))

    def show_message(self, text: str) -> None:
        """Show a translated sentence under the tabs ("" hides it)."""
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _on_hq_message(self, text: str, bring_forward: bool) -> None:
        if bring_forward:
            self.tabs.setCurrentWidget(self.hq_tab)
        self.show_message(text)

    def chosen_preferences(self) -> Preferences:
        """The preferences as the dialog shows them now."""
        prefs = self.preferences.with_language(self.general_tab.chosen_language())
        prefs = prefs.with_printer(self.printer_tab.chosen_printer())
        if not self.config.idle_lock_from_env:
            prefs = prefs.with_idle_lock(self.idle_tab.idle_minutes.value())
        return prefs

    def save(self) -> None:
        """Store the retention rules (administrators), then hand the preferences over."""
        if self.is_administrator:
            for tab in (self.general_tab, self.retention_tab):
                try:
                    tab.save()
                except Exception as exc:
                    logger.info("saving mission settings failed with %s", type(exc).__name__)
                    self.tabs.setCurrentWidget(tab)
                    self.show_message(describe_error(exc))
                    return
        self.preferences = self.chosen_preferences()
        self.preferences_saved.emit(self.preferences)
        self.accept()
