"""The person's signature for the next consent decision: signed or a mark on the pad, or declined
to sign with a reason (casework's codes), and whether the interpreter signed too. The pad is
cleared after each decision: the person signs every decision."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from laissez.casework.views.advisal import DECLINED_TO_SIGN_REASONS
from laissez.desktop.flow.signature_pad import SignaturePad
from laissez.desktop.theme import MUTED_TEXT, label_style
from laissez.i18n import N_, _

#: why the person did not sign, in words (codes from casework)
DECLINED_REASON_LABELS: dict[str, str] = {
    "cannot_write": N_("Cannot write"),
    "physical_impairment": N_("A physical impairment prevents signing"),
    "refuses_to_sign": N_("Refuses to sign (the decision stands)"),
    "fears_consequences_of_signing": N_("Afraid of what signing may lead to"),
    "other_recorded_in_case_notes": N_("Another reason, written in the case notes"),
}
KIND_LABELS: dict[str | None, str] = {
    "signed": N_("signed"),
    "mark": N_("mark"),
    "declined_to_sign": N_("declined to sign"),
    None: N_("no signature captured on screen"),
}


class SignatureChoice(QGroupBox):
    """How the person signs the next decision: on the pad, by a mark, or not (with a reason)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("consent_signature_box")
        self.kind_signed = QRadioButton()
        self.kind_signed.setObjectName("consent_kind_signed")
        self.kind_mark = QRadioButton()
        self.kind_mark.setObjectName("consent_kind_mark")
        self.kind_declined = QRadioButton()
        self.kind_declined.setObjectName("consent_kind_declined")
        self.kind = QButtonGroup(self)
        for button in (self.kind_signed, self.kind_mark, self.kind_declined):
            self.kind.addButton(button)
        self.pad = SignaturePad()
        self.clear_pad = QPushButton()
        self.clear_pad.setObjectName("consent_clear_signature")
        self.clear_pad.clicked.connect(self.pad.clear)
        self.reason = QComboBox()
        self.reason.setObjectName("consent_declined_reason")
        for code in DECLINED_TO_SIGN_REASONS:
            self.reason.addItem(code, code)
        self.reason.setCurrentIndex(-1)
        self.reason_label = QLabel()
        self.reason_label.setBuddy(self.reason)
        self.interpreter_signed = QCheckBox()
        self.interpreter_signed.setObjectName("consent_interpreter_signed")
        self.kind_signed.setChecked(True)
        for button in (self.kind_signed, self.kind_mark, self.kind_declined):
            button.toggled.connect(self._on_kind)
        self.pad_note = QLabel()
        self.pad_note.setWordWrap(True)
        self.pad_note.setStyleSheet(label_style(MUTED_TEXT))
        sig = QVBoxLayout(self)
        sig.addWidget(self.kind_signed)
        sig.addWidget(self.kind_mark)
        sig.addWidget(self.pad)
        clear_row = QHBoxLayout()
        clear_row.addStretch(1)
        clear_row.addWidget(self.clear_pad)
        sig.addLayout(clear_row)
        sig.addWidget(self.kind_declined)
        sig.addWidget(self.reason_label)
        sig.addWidget(self.reason)
        sig.addWidget(self.interpreter_signed)
        sig.addWidget(self.pad_note)
        self._on_kind()

    def retranslate(self) -> None:
        """Set every text in the current interface language."""
        self.setTitle(_("The person's signature for the next decision"))
        self.kind_signed.setText(_("Signat&ure"))
        self.kind_mark.setText(_("&Mark (cross or thumb)"))
        self.kind_declined.setText(_("&Declined to sign"))
        self.kind_signed.setAccessibleName(_("The person signs on the pad"))
        self.kind_mark.setAccessibleName(_("The person makes a mark on the pad"))
        self.kind_declined.setAccessibleName(_("The person declined to sign"))
        self.clear_pad.setText(_("Cl&ear"))
        self.clear_pad.setAccessibleName(_("Clear the signature pad"))
        self.pad.retranslate()
        self.reason_label.setText(_("Reason for not si&gning:"))
        self.reason.setAccessibleName(_("Reason for not signing"))
        self.reason.setPlaceholderText(_("Choose a reason"))
        for i in range(self.reason.count()):
            self.reason.setItemText(i, _(DECLINED_REASON_LABELS[self.reason.itemData(i)]))
        self.interpreter_signed.setText(_("The &interpreter signed too"))
        self.pad_note.setText(
            _("The pad is cleared after each decision: the person signs every decision.")
        )

    def _on_kind(self) -> None:
        declined = self.kind_declined.isChecked()
        self.reason.setEnabled(declined)
        self.reason_label.setEnabled(declined)
        self.pad.setEnabled(not declined)
        self.clear_pad.setEnabled(not declined)

    def reset(self) -> None:
        """A clean pad, signed on the pad, no reason, the interpreter not signed."""
        self.pad.clear()
        self.kind_signed.setChecked(True)
        self.reason.setCurrentIndex(-1)
        self.interpreter_signed.setChecked(False)

    def arguments(self) -> dict[str, object]:
        """The signature keyword arguments of ``record_consent``."""
        interpreter = (
            self.interpreter_signed.isChecked()
            if self.interpreter_signed.isVisibleTo(self)
            else None
        )
        if self.kind_declined.isChecked():
            return {
                "signature_kind": "declined_to_sign",
                "declined_reason": self.reason.currentData(),
                "interpreter_signed": interpreter,
            }
        return {
            "signature": self.pad.png_bytes(),
            "signature_kind": "mark" if self.kind_mark.isChecked() else "signed",
            "interpreter_signed": interpreter,
        }

    def focus_missing(self) -> None:
        """After a refusal: focus what is missing (the reason, or the empty pad)."""
        if self.kind_declined.isChecked() and self.reason.currentIndex() < 0:
            self.reason.setFocus()
        elif not self.kind_declined.isChecked() and self.pad.is_empty():
            self.pad.setFocus()
