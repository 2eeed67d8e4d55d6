"""The Settings dialog's General tab: the mission (read only, but for its State where an older
installation never recorded one: an administrator records it once) and the interface
language."""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QWidget

from laissez.casework import settings as settings_uc
from laissez.casework.views.settings import SettingsView
from laissez.desktop.controllers.session import SessionController
from laissez.desktop.preferences import Preferences
from laissez.desktop.widgets import note
from laissez.i18n import UI_LANGUAGES, _


class GeneralTab(QWidget):
    """The mission's code and name, which cannot be changed here, and the interface language."""

    def __init__(
        self,
        session: SessionController,
        view: SettingsView,
        preferences: Preferences,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        form = QFormLayout(self)
        self.mission_code = QLineEdit(view.mission.code)
        self.mission_name = QLineEdit(view.mission.name)
        #: the mission's State: read only once recorded; typed once by an administrator where
        #: an installation from before it was asked has none
        self.mission_state = QLineEdit(view.mission_state)
        self.mission_state.setObjectName("settings_mission_state")
        self.mission_state.setMaxLength(3)
        self.state_editable = not view.mission_state and view.is_administrator
        self.mission_state.setReadOnly(not self.state_editable)
        self.mission_state_label = QLabel()
        self.mission_state_label.setBuddy(self.mission_state)
        self.state_note = note()
        self.recorded_state = view.mission_state
        read_only = [self.mission_code, self.mission_name]
        if not self.state_editable:
            read_only.append(self.mission_state)
        for field in read_only:
            field.setReadOnly(True)  # still selectable and read by screen readers
            field.setFrame(False)
            palette = field.palette()
            palette.setColor(QPalette.ColorRole.Base, palette.color(QPalette.ColorRole.Window))
            field.setPalette(palette)
        self.mission_code_label = QLabel()
        self.mission_code_label.setBuddy(self.mission_code)
        self.mission_name_label = QLabel()
        self.mission_name_label.setBuddy(self.mission_name)
        self.mission_note = note()
        self.language = QComboBox()
        self.language.setObjectName("settings_language")
        for code, name in UI_LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(preferences.ui_language)))
        self.language_label = QLabel()
        self.language_label.setBuddy(self.language)
        form.addRow(self.mission_code_label, self.mission_code)
        form.addRow(self.mission_name_label, self.mission_name)
        form.addRow(self.mission_state_label, self.mission_state)
        form.addRow(self.state_note)
        form.addRow(self.mission_note)
        form.addRow(self.language_label, self.language)

    def retranslate(self) -> None:
        """Set every text in the current interface language."""
        self.mission_code_label.setText(_("Mission code"))
        self.mission_name_label.setText(_("Mission name"))
        self.mission_code.setAccessibleName(_("Mission code"))
        self.mission_name.setAccessibleName(_("Mission name"))
        self.mission_note.setText(
            _(
                "The mission is set when Laissez is installed and enrolled with headquarters; "
                "it cannot be changed here."
            )
        )
        self.mission_state_label.setText(_("Mission's S&tate"))
        self.mission_state.setAccessibleName(_("Mission's State (ICAO code)"))
        if self.state_editable:
            self.state_note.setText(
                _(
                    "This installation has no State recorded, so it issues only for the "
                    "nationalities headquarters lists. Type the State's three-letter ICAO code "
                    "(for example BGD). It is recorded once, in the audit log, and cannot be "
                    "changed here afterwards."
                )
            )
        elif not self.recorded_state:
            self.state_note.setText(
                _("No State is recorded for this mission: an administrator can record it here.")
            )
        else:
            self.state_note.setText("")
        self.state_note.setVisible(bool(self.state_note.text()))
        self.language_label.setText(_("Interface &language"))
        self.language.setAccessibleName(_("Interface language"))

    def save(self) -> None:
        """Record the mission's State if the administrator typed one (raises what casework
        refuses; nothing changes then)."""
        typed = self.mission_state.text().strip().upper()
        if self.state_editable and typed:
            settings_uc.set_mission_state(self.session.database(), typed)
            self.state_editable = False
            self.recorded_state = typed
            self.mission_state.setReadOnly(True)

    def chosen_language(self) -> str:
        """The language code the officer picked."""
        return str(self.language.currentData())
