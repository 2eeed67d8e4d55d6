"""The Settings dialog's General tab: the mission (read only) and the interface language."""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QWidget

from laissez.casework.views.settings import SettingsView
from laissez.desktop.preferences import Preferences
from laissez.desktop.widgets import note
from laissez.i18n import UI_LANGUAGES, _


class GeneralTab(QWidget):
    """The mission's code and name, which cannot be changed here, and the interface language."""

    def __init__(
        self, view: SettingsView, preferences: Preferences, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        self.mission_code = QLineEdit(view.mission.code)
        self.mission_name = QLineEdit(view.mission.name)
        for field in (self.mission_code, self.mission_name):
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
        self.language_label.setText(_("Interface &language"))
        self.language.setAccessibleName(_("Interface language"))

    def chosen_language(self) -> str:
        """The language code the officer picked."""
        return str(self.language.currentData())
