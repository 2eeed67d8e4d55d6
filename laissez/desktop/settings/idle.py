"""The Settings dialog's Idle lock tab: the minutes without activity before the window locks."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QSpinBox, QWidget

from laissez.desktop.config import Config
from laissez.desktop.preferences import Preferences
from laissez.desktop.widgets import note
from laissez.i18n import _

#: the idle-lock spin box's range, in minutes
IDLE_MINUTES_RANGE = (1, 120)


class IdleTab(QWidget):
    """The idle-lock minutes; read only when the deployment sets them."""

    def __init__(
        self, config: Config, preferences: Preferences, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.config = config
        form = QFormLayout(self)
        self.idle_minutes = QSpinBox()
        self.idle_minutes.setObjectName("settings_idle_minutes")
        self.idle_minutes.setRange(*IDLE_MINUTES_RANGE)
        minutes = config.effective_idle_lock_ms(preferences.idle_lock_minutes) // 60_000
        self.idle_minutes.setValue(max(IDLE_MINUTES_RANGE[0], min(minutes, IDLE_MINUTES_RANGE[1])))
        self.idle_minutes.setEnabled(not config.idle_lock_from_env)
        self.idle_label = QLabel()
        self.idle_label.setBuddy(self.idle_minutes)
        self.idle_note = note()
        form.addRow(self.idle_label, self.idle_minutes)
        form.addRow(self.idle_note)

    def retranslate(self) -> None:
        """Set every text in the current interface language."""
        self.idle_label.setText(_("Lock after (&minutes without activity)"))
        self.idle_minutes.setAccessibleName(_("Minutes without activity before the lock"))
        self.idle_minutes.setSuffix(" " + _("min"))
        if self.config.idle_lock_from_env:
            self.idle_note.setText(_("This computer's deployment sets the idle lock."))
        else:
            self.idle_note.setText(
                _(
                    "The window locks when no one uses it for this long; the passphrase opens "
                    "it again. The new time applies as soon as you save."
                )
            )
