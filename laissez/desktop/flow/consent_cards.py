"""One card per consent scope: what the person is asked, in their language and the officer's,
the decision (nothing chosen at first), its record button and what was recorded; and the
summary of a recorded decision in words."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from laissez import i18n
from laissez.casework.views.advisal import ConsentRow
from laissez.desktop import theme
from laissez.desktop.flow.consent_signature import DECLINED_REASON_LABELS, KIND_LABELS
from laissez.desktop.theme import label_style
from laissez.forms.consent import ConsentKind, ConsentScope
from laissez.i18n import N_, _, ltr

#: what a data-sharing scope shares (codes of ``ConsentScope.data``), in the officer's words
DATA_LABELS: dict[str, str] = {
    "identity": N_("identity"),
    "travel_date": N_("travel date"),
    "destination": N_("destination"),
    "contact": N_("contact details"),
    "family": N_("family"),
    "photo": N_("photograph"),
    "fingerprints": N_("fingerprints"),
    "proceedings": N_("pending proceedings"),
}


def shared_items(scope: ConsentScope) -> str:
    """What ``scope`` shares, in the interface language (an unknown code as it is)."""
    return _(", ").join(_(DATA_LABELS[c]) if c in DATA_LABELS else ltr(c) for c in scope.data)


def scope_key(scope: ConsentScope) -> str:
    """``return``, ``travel_document`` or ``data_sharing.<recipient>``."""
    return f"data_sharing.{scope.recipient}" if scope.recipient else scope.code


class ScopeCard(QGroupBox):
    """One consent scope: what the person is asked (in their language and the officer's), the
    decision (nothing chosen at first), its own record button and what was recorded."""

    def __init__(self, scope: ConsentScope, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scope = scope
        self.key = scope_key(scope)
        name = self.key.replace(".", "_")
        self.setObjectName(f"consent_card_{name}")
        self.explanation = QLabel()
        self.explanation.setObjectName(f"consent_{name}_explanation")
        self.explanation.setWordWrap(True)
        self.explanation.setStyleSheet(label_style(theme.READING_TEXT))
        self.officer_text = QLabel()
        self.officer_text.setWordWrap(True)
        self.officer_text.setStyleSheet(label_style(theme.MUTED_ITALIC))
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet(label_style(theme.SUCCESS_TEXT))
        self.note.setVisible(scope.kind is ConsentKind.DATA_SHARING)
        #: what is shared and with whom, in the interface language (data sharing only)
        self.shared = QLabel()
        self.shared.setObjectName(f"consent_{name}_shared")
        self.shared.setWordWrap(True)
        self.shared.setVisible(scope.kind is ConsentKind.DATA_SHARING)
        self.granted = QRadioButton()
        self.granted.setObjectName(f"consent_{name}_granted")
        self.declined = QRadioButton()
        self.declined.setObjectName(f"consent_{name}_declined")
        self.group = QButtonGroup(self)
        self.group.addButton(self.granted)
        self.group.addButton(self.declined)
        self.record_button = QPushButton()
        self.record_button.setObjectName(f"consent_{name}_record")
        self.status = QLabel()
        self.status.setObjectName(f"consent_{name}_status")
        self.status.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.granted)
        row.addWidget(self.declined)
        row.addStretch(1)
        row.addWidget(self.record_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addWidget(self.officer_text)
        layout.addWidget(self.shared)
        layout.addWidget(self.note)
        layout.addLayout(row)
        layout.addWidget(self.status)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Return or Enter on the card's decision records it (its main button)."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.record_button.click()
            event.accept()
            return
        super().keyPressEvent(event)

    def decision(self) -> str | None:
        """``granted``, ``declined`` or None when nothing is chosen."""
        if self.granted.isChecked():
            return "granted"
        if self.declined.isChecked():
            return "declined"
        return None

    def reset(self) -> None:
        """Choose nothing again."""
        self.group.setExclusive(False)
        self.granted.setChecked(False)
        self.declined.setChecked(False)
        self.group.setExclusive(True)

    def show_texts(self, person_language: str, ui_language: str) -> None:
        """Label and explanation in the person's language, and in the officer's below."""
        label = self.scope.label.get(ui_language)
        self.setTitle(label)
        person = self.scope.explanation.get(person_language)
        mine = self.scope.explanation.get(ui_language)
        rtl = i18n.is_rtl(person_language)
        self.explanation.setText(person)
        self.explanation.setLayoutDirection(
            Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
        )
        self.explanation.setAlignment(
            Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft
        )
        self.officer_text.setText(mine)
        self.officer_text.setVisible(mine != person)
        if self.scope.kind is ConsentKind.DATA_SHARING:
            # with whom: the card's title; what: this line
            self.shared.setText(
                _("What is shared: {items}.").format(items=shared_items(self.scope))
            )
        self.note.setText(_("Refusing is always allowed and does not affect the travel document."))
        self.granted.setText(_("Granted"))
        self.declined.setText(_("Declined"))
        self.granted.setAccessibleName(_("{scope}: granted").format(scope=label))
        self.declined.setAccessibleName(_("{scope}: declined").format(scope=label))
        self.record_button.setText(_("Record this decision"))
        self.record_button.setAccessibleName(
            _("Record the decision on {scope}").format(scope=label)
        )

    def show_recorded(self, row: ConsentRow | None) -> None:
        """What is recorded for this scope since the latest advisal."""
        if row is None:
            self.status.setText(_("Not asked yet."))
            self.status.setStyleSheet(label_style(theme.WARNING_TEXT))
            return
        self.status.setText(_("Recorded: {summary}").format(summary=decision_summary(row)))
        self.status.setStyleSheet(label_style(theme.SUCCESS_STRONG))


def decision_summary(row: ConsentRow) -> str:
    """``Granted, 2026-11-24 10:42 UTC, signed`` in the interface language."""
    decision = _("Granted") if row.decision == "granted" else _("Declined")
    kind = _(KIND_LABELS.get(row.signature_kind, KIND_LABELS[None]))
    if row.signature_kind == "declined_to_sign" and row.declined_reason:
        reason = DECLINED_REASON_LABELS.get(row.declined_reason)
        kind = f"{kind} ({_(reason) if reason else ltr(row.declined_reason)})"
    parts = [decision, ltr(row.decided_at.strftime("%Y-%m-%d %H:%M UTC")), kind]
    if row.withdrawn:
        parts.append(_("withdrawn"))
    return _(", ").join(parts)  # the Arabic comma in Arabic
