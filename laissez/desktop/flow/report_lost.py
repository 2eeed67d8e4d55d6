"""Reporting a travel document lost or stolen: it is revoked at once and cannot be undone, so
Enter and Escape cancel. Whether it was lost or stolen stays at the mission."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QWidget,
)

from laissez.casework.lost import LOSS_KINDS
from laissez.desktop.widgets import irreversible_dialog_layout
from laissez.i18n import N_, _, ltr

#: what happened to the document (codes of ``casework.lost.LOSS_KINDS``)
LOSS_LABELS: dict[str, str] = {
    "lost": N_("The document was lost"),
    "stolen": N_("The document was stolen"),
}
assert set(LOSS_LABELS) == set(LOSS_KINDS)


class ReportLostDialog(QDialog):
    """Asks whether document ``number`` was lost or stolen; ``kind()`` is the chosen code."""

    def __init__(self, number: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("report_lost_dialog")
        self.setWindowTitle(_("Report the document lost or stolen"))
        self.explain = QLabel(
            _(
                "Document {number} is revoked at once: it goes on the revocation list, "
                "headquarters and the other computers are told at the next sync, and it can "
                "never be printed again. If the person has not left, the case goes back to "
                "approval: a replacement is a new document with a new number. This cannot be "
                "undone."
            ).format(number=ltr(number))
        )
        self.explain.setWordWrap(True)
        self.kind_box = QComboBox()
        self.kind_box.setObjectName("report_lost_kind")
        for code, label in LOSS_LABELS.items():
            self.kind_box.addItem(_(label), code)
        self.kind_label = QLabel(_("&What happened"))
        self.kind_label.setBuddy(self.kind_box)
        self.kind_box.setAccessibleName(_("What happened to the document"))
        form = QFormLayout()
        form.addRow(self.kind_label, self.kind_box)
        self.confirm_button, self.cancel_button = irreversible_dialog_layout(
            self, self.explain, form, _("Revoke the document"), "report_lost"
        )

    def kind(self) -> str:
        """The chosen code: ``lost`` or ``stolen``."""
        return str(self.kind_box.currentData())
