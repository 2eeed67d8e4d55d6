"""The Help menu's dialogs: the keyboard shortcuts, and About (version and licences)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from laissez import __version__
from laissez.i18n import N_, _, ltr

#: the licence of Laissez itself (pyproject.toml)
LICENCE = "Apache-2.0"
#: the components bundled with the application and their licences
COMPONENTS: tuple[tuple[str, str], ...] = (
    ("Qt / PySide6", "LGPL-3.0"),
    ("SQLCipher", "BSD-3-Clause"),
    ("SQLAlchemy", "MIT"),
    ("cryptography", "Apache-2.0 / BSD-3-Clause"),
    ("ReportLab", "BSD-3-Clause"),
    ("Tesseract OCR", "Apache-2.0"),
    ("PassportEye", "MIT"),
    ("ZBar / pyzbar", "LGPL-2.1 / MIT"),
    ("zxing-cpp", "Apache-2.0"),
    ("pypdfium2 / PDFium", "Apache-2.0 / BSD-3-Clause"),
    ("httpx", "BSD-3-Clause"),
)

#: keys that work in the case screen (the window's own actions are read from the window)
CASE_KEYS: tuple[tuple[str, str], ...] = (
    ("Ctrl+PgDown", N_("Next step of the case")),
    ("Ctrl+PgUp", N_("Previous step of the case")),
    ("Alt+1 … Alt+7", N_("Go to step 1 to 7 of the case")),
    ("Ctrl+B", N_("Hide or show the list of steps")),
    ("Ctrl+Return", N_("Save or record the step shown (read the typed MRZ in the capture)")),
    ("Return", N_("The highlighted button; in a dialog, its safe default")),
    ("Escape", N_("Cancel a dialog; nothing is recorded")),
)


def _close_buttons(dialog: QDialog) -> QPushButton:
    buttons = QDialogButtonBox()
    close = QPushButton(_("Close"))
    close.setObjectName("help_close")
    close.setDefault(True)
    buttons.addButton(close, QDialogButtonBox.ButtonRole.RejectRole)
    buttons.rejected.connect(dialog.reject)
    layout = dialog.layout()
    assert layout is not None
    layout.addWidget(buttons)
    close.setFocus()
    return close


class _InformationDialog(QDialog):
    """A dialog that only informs: Enter closes it like Escape, wherever the focus is (a table
    or list in it would otherwise take the key)."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.reject()
            return
        super().keyPressEvent(event)


class ShortcutsDialog(_InformationDialog):
    """Every keyboard shortcut: the window's actions (``actions``: text and key) and the case
    screen's keys."""

    def __init__(self, actions: list[tuple[str, QKeySequence]], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("shortcuts_dialog")
        self.setWindowTitle(_("Keyboard shortcuts"))
        rows = [
            (key.toString(QKeySequence.SequenceFormat.NativeText), text.replace("&", ""))
            for text, key in actions
            if not key.isEmpty()
        ]
        rows += [(key, _(what)) for key, what in CASE_KEYS]
        self.table = QTableWidget(len(rows), 2)
        self.table.setObjectName("shortcuts_table")
        self.table.setHorizontalHeaderLabels([_("Keys"), _("What they do")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, (key, what) in enumerate(rows):
            self.table.setItem(row, 0, QTableWidgetItem(ltr(key)))
            self.table.setItem(row, 1, QTableWidgetItem(what))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        self.close_button = _close_buttons(self)
        self.resize(560, 420)

    def rows(self) -> list[tuple[str, str]]:
        """What the table shows (keys, what they do)."""
        rows = []
        for r in range(self.table.rowCount()):
            keys, what = self.table.item(r, 0), self.table.item(r, 1)
            rows.append((keys.text() if keys else "", what.text() if what else ""))
        return rows


class AboutDialog(_InformationDialog):
    """The version of Laissez, its licence and the licences of the bundled components."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("about_dialog")
        self.setWindowTitle(_("About Laissez"))
        self.summary = QLabel(
            "<h2>Laissez {version}</h2><p>{what}</p><p>{licence}</p>".format(
                version=ltr(__version__),
                what=_(
                    "Consular casework for returns, with the person's rights built in: "
                    "rights advisal, informed consent, fear-of-return screening and four "
                    "eyes before any travel document."
                ),
                licence=_("Licence: {licence}").format(licence=ltr(LICENCE)),
            )
        )
        self.summary.setObjectName("about_summary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.components = QTableWidget(len(COMPONENTS), 2)
        self.components.setObjectName("about_components")
        self.components.setHorizontalHeaderLabels([_("Bundled component"), _("Licence")])
        self.components.verticalHeader().hide()
        self.components.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, (name, licence) in enumerate(COMPONENTS):
            self.components.setItem(row, 0, QTableWidgetItem(ltr(name)))
            self.components.setItem(row, 1, QTableWidgetItem(ltr(licence)))
        self.components.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.components, 1)
        self.close_button = _close_buttons(self)
        self.resize(520, 440)
