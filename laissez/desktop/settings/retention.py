"""The Settings dialog's Retention tab: how long personal data of a case is kept, per status,
and how long a consent and an approval stay fresh at the mission (1 to 90 days).

Everyone sees the rules; only an administrator changes them, through
``laissez.casework.settings``, which checks the values and records each change in the audit
log.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QHeaderView,
    QLabel,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from laissez.casework import settings as settings_uc
from laissez.casework.views.settings import SettingsView
from laissez.desktop.controllers.session import SessionController
from laissez.desktop.messages import STATUS_LABELS, status_label
from laissez.desktop.widgets import note
from laissez.i18n import _

#: the retention spin box's "no rule" value
NO_RULE = -1


class RetentionTab(QWidget):
    """One row per case status with the days its personal data is kept ("No limit": no rule)."""

    def __init__(
        self, session: SessionController, view: SettingsView, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.view = view
        self.spins: dict[str, QSpinBox] = {}
        layout = QVBoxLayout(self)
        self.retention_note = note()
        self.retention_table = QTableWidget(len(STATUS_LABELS), 2)
        self.retention_table.setObjectName("retention_table")
        self.retention_table.verticalHeader().hide()
        header = self.retention_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        rules = dict(view.retention_rules)
        for row, status in enumerate(STATUS_LABELS):
            item = QTableWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, status)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.retention_table.setItem(row, 0, item)
            spin = QSpinBox()
            spin.setRange(NO_RULE, 36500)
            spin.setValue(rules.get(status, NO_RULE))
            spin.setEnabled(view.is_administrator)
            self.retention_table.setCellWidget(row, 1, spin)
            self.spins[status] = spin
        self.freshness = QSpinBox()
        self.freshness.setObjectName("settings_freshness_days")
        self.freshness.setRange(1, settings_uc.MAX_FRESHNESS_DAYS)
        self.freshness.setValue(view.freshness_days)
        self.freshness.setEnabled(view.is_administrator)
        self.freshness_label = QLabel()
        self.freshness_label.setBuddy(self.freshness)
        self.freshness_note = note()
        fresh = QFormLayout()
        fresh.addRow(self.freshness_label, self.freshness)
        layout.addLayout(fresh)
        layout.addWidget(self.freshness_note)
        layout.addWidget(self.retention_note)
        layout.addWidget(self.retention_table)

    def retranslate(self) -> None:
        """Set every text in the current interface language."""
        self.freshness_label.setText(_("Consent and approval stay &fresh for (days)"))
        self.freshness.setAccessibleName(_("Days a consent and an approval stay fresh"))
        self.freshness_note.setText(
            _(
                "After this many days a consent or an approval no longer counts and must be "
                "given again before a document is issued: 1 to {most} days."
            ).format(most=settings_uc.MAX_FRESHNESS_DAYS)
        )
        self.retention_table.setHorizontalHeaderLabels([_("Case status"), _("Keep for (days)")])
        self.retention_table.setAccessibleName(_("Retention rules"))
        for row, status in enumerate(STATUS_LABELS):
            item = self.retention_table.item(row, 0)
            if item is not None:
                item.setText(status_label(status))
            spin = self.spins[status]
            spin.setSpecialValueText(_("No limit"))
            spin.setAccessibleName(
                _("Days to keep personal data of cases in status {status}").format(
                    status=status_label(status)
                )
            )
        if self.view.is_administrator:
            text = _(
                "Personal data of a case is removed this many days after the case entered the "
                "status. Choose \u201cNo limit\u201d to keep it. Changes are recorded in the "
                "audit log."
            )
        else:
            text = _(
                "Personal data of a case is removed this many days after the case entered the "
                "status. Only an administrator can change these rules."
            )
        self.retention_note.setText(text)

    def save(self) -> None:
        """Store the rules and the freshness period the administrator changed (raises what
        casework refuses)."""
        db = self.session.database()
        if self.freshness.value() != self.view.freshness_days:
            settings_uc.set_freshness_days(db, self.freshness.value())
        rules = dict(self.view.retention_rules)
        for status, spin in self.spins.items():
            value = spin.value()
            if value == rules.get(status, NO_RULE):
                continue
            if value == NO_RULE:
                settings_uc.remove_retention_rule(db, status)
            else:
                settings_uc.set_retention_rule(db, status, value)
