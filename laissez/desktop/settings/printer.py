"""The Settings dialog's Printer tab: this computer's default printer for travel documents."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QWidget

from laissez.desktop.widgets import note
from laissez.i18n import _, ltr


def available_printers() -> list[str]:
    """The names of the printers installed on this computer."""
    from PySide6.QtPrintSupport import QPrinterInfo

    return list(QPrinterInfo.availablePrinterNames())


class PrinterTab(QWidget):
    """A choice among the installed printers; the first entry is the system's default."""

    def __init__(
        self, printer_names: Sequence[str], chosen: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.printer_names = list(printer_names)
        form = QFormLayout(self)
        self.printer = QComboBox()
        self.printer.setObjectName("settings_printer")
        self.printer_label = QLabel()
        self.printer_label.setBuddy(self.printer)
        self.printer_note = note()
        self.printer.addItem("", "")
        for name in self.printer_names:
            self.printer.addItem(ltr(name), name)
        self.printer.setCurrentIndex(max(self.printer.findData(chosen), 0))
        self.printer.setEnabled(bool(self.printer_names))
        form.addRow(self.printer_label, self.printer)
        form.addRow(self.printer_note)

    def retranslate(self) -> None:
        """Set every text in the current interface language."""
        self.printer_label.setText(_("&Default printer"))
        self.printer.setAccessibleName(_("Default printer"))
        self.printer.setItemText(0, _("The system's default printer"))
        if self.printer_names:
            self.printer_note.setText(
                _("Documents are printed on this printer unless you choose another one.")
            )
        else:
            self.printer_note.setText(
                _(
                    "No printer is installed on this computer. Ask your administrator to "
                    "install one before printing travel documents."
                )
            )

    def chosen_printer(self) -> str:
        """The printer's name, or "" for the system's default."""
        return str(self.printer.currentData() or "")
