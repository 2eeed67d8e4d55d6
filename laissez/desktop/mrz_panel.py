"""A panel that checks MRZ lines as they are typed and names every problem by position."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from laissez.desktop.messages import describe_mrz_error, field_label
from laissez.documents.errors import MrzError
from laissez.documents.mrz import parse
from laissez.i18n import _, ltr, ngettext


class MrzCheckPanel(QWidget):
    """Type or paste MRZ lines; the checks update on every keystroke.

    Emits:
        mrz_validated(bool): after each check, True when the MRZ is valid.
    """

    mrz_validated = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mrz_check_panel")
        self.title = QLabel()
        self.title.setObjectName("panel_title")
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.editor = QPlainTextEdit()
        self.editor.setObjectName("mrz_editor")
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSize(13)
        font.setStyleHint(QFont.StyleHint.Monospace)
        self.editor.setFont(font)
        # MRZ text is always left to right, even in a right-to-left interface.
        self.editor.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        # Isolated left to right: in an Arabic interface the placeholder would be reordered.
        self.editor.setPlaceholderText(ltr("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<") + "\n…")
        self.editor.setFixedHeight(96)
        self.verdict = QLabel("")
        self.verdict.setObjectName("mrz_verdict")
        self.results = QListWidget()
        self.results.setObjectName("mrz_results")
        layout = QVBoxLayout(self)
        for widget in (self.title, self.hint, self.editor, self.verdict, self.results):
            layout.addWidget(widget)
        self.editor.textChanged.connect(self.on_editor_text_changed)
        self.retranslate()

    def retranslate(self) -> None:
        """Set every text in the current interface language."""
        self.title.setText(_("Check a machine-readable zone"))
        self.hint.setText(
            _(
                "Type or paste the two or three MRZ lines exactly as printed. "
                "Each check digit is verified as you type."
            )
        )
        self.on_editor_text_changed()

    def on_editor_text_changed(self) -> None:
        """Re-check the MRZ and list each check and problem."""
        self.results.clear()
        text = self.editor.toPlainText().upper()
        if not text.strip():
            self.verdict.setText("")
            return
        try:
            result = parse(text)
        except MrzError as exc:
            self.verdict.setText(describe_mrz_error(exc))
            self.verdict.setStyleSheet("color: #8a5300;")
            self.mrz_validated.emit(False)
            return
        if result.valid:
            self.verdict.setText(
                _("Valid {format} MRZ: every check digit matches.").format(
                    format=result.format.value
                )
            )
            self.verdict.setStyleSheet("color: #1b6e20; font-weight: bold;")
        else:
            self.verdict.setText(
                ngettext(
                    "Not valid: {count} problem.",
                    "Not valid: {count} problems.",
                    len(result.errors),
                ).format(count=len(result.errors))
            )
            self.verdict.setStyleSheet("color: #b00020; font-weight: bold;")
        for error in result.errors:
            QListWidgetItem("✗  " + describe_mrz_error(error), self.results)
        for check in result.checks:
            if check.ok:
                QListWidgetItem(
                    "✓  "
                    + _("Check digit for the {name} matches (line {line}, position {pos}).").format(
                        name=field_label(check.name), line=check.line, pos=check.position
                    ),
                    self.results,
                )
        if result.fields.protection_status:
            QListWidgetItem(
                "⚠  " + _("Protection code (XXA/XXB/XXC): refer before any return."),
                self.results,
            )
        self.mrz_validated.emit(result.valid)
