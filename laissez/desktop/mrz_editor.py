"""The MRZ editor: the lines are checked on every keystroke, each wrong character highlighted,
each problem listed by line and position, and a verdict given.

One widget for the MRZ check tab (:mod:`laissez.desktop.mrz_panel`) and the capture step
(:mod:`laissez.desktop.capture`). Both show the same checks; they differ only in what the list
reports (see ``report`` below). Typed letters are upper-cased in place, the text stays left to
right in a right-to-left interface, and Tab leaves the editor.

Public API:
    ``MrzEditor(parent=None, *, report=False, point_size=12)``; signal ``validity_changed(bool)``;
    children ``editor``, ``counts``, ``verdict``, ``protection``, ``problems``;
    ``lines()``, ``set_text(text)``, ``set_doubtful(fields)``, ``check()``, ``clear()``,
    ``highlighted(doubtful=False)``, ``retranslate()``;
    ``doubtful_fields(reading)``: the fields a document reader was not sure of.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontDatabase, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from laissez.desktop import theme
from laissez.desktop.messages import describe_mrz_error, field_label
from laissez.documents.errors import MrzError, MrzLayoutError
from laissez.documents.mrz import LAYOUTS, MrzResult, parse
from laissez.documents.mrz.layouts import Span
from laissez.i18n import _, ltr, ngettext

if TYPE_CHECKING:  # not at start-up: numpy and Pillow come with it
    from laissez.documents.ocr import MrzReading

#: A span of one MRZ line: (line, first position, last position), 1-based.
Marks = list[tuple[int, int, int]]
#: A field a reader was not sure of: name -> (line, first position, last position, text read).
Doubtful = dict[str, tuple[int, int, int, str]]


def expected_length(lines: list[str]) -> int | None:
    """The line length the MRZ being typed should have, or None while it cannot be told."""
    if len(lines) >= 3:
        return 30
    if not lines:
        return None
    first = len(lines[0])
    if len(lines) == 2 or first > 30:
        return 44 if first > 40 else 36
    return None


def doubtful_fields(reading: MrzReading) -> Doubtful:
    """The fields the reader was not sure of: name -> (line, first, last, text read)."""
    layout = LAYOUTS.get(reading.format) if reading.format is not None else None
    if layout is None:
        return {}
    out = {}
    checks = {check.name: check.digit for check in layout.checks}
    for name in reading.uncertain:
        span: Span | None
        try:
            span = layout.field(name).span
        except KeyError:
            span = checks.get(name)  # "composite": its check digit
        if span is None:
            continue
        if span.line <= len(reading.lines):
            text = reading.lines[span.line - 1][span.start - 1 : span.end]
            out[name] = (span.line, span.start, span.end, text)
    return out


def doubtful_labels(reading: MrzReading) -> str:
    """The labels of the fields the reader was not sure of, as a list in the interface's
    language (empty when none)."""
    return _(", ").join(field_label(name) for name in doubtful_fields(reading))


class MrzEditor(QWidget):
    """Type or paste MRZ lines; the checks update on every keystroke.

    ``report`` chooses what the checks show. True (the MRZ check tab): the list reports every
    problem marked ✗, every check digit that matches marked ✓ and a protection code marked ⚠,
    and stays shown; the verdict is plain, and for text that is no MRZ yet it is the problem
    itself. False (the capture step): the list holds only the problems (and the fields a reader
    was not sure of) and is hidden while empty; the verdict is marked ✓ or ✗, or says "Not an
    MRZ yet."; a protection code is a banner above the list.

    Emits:
        validity_changed(bool): after each check, True when the MRZ is valid.
    """

    validity_changed = Signal(bool)

    def __init__(
        self, parent: QWidget | None = None, *, report: bool = False, point_size: int = 12
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mrz_editor_box")
        self._report = report
        self._doubtful: Doubtful = {}
        self._normalising = False
        self.editor = QPlainTextEdit()
        self.editor.setObjectName("mrz_editor")
        self._set_up_editor(point_size)
        self.counts = QLabel()
        self.counts.setObjectName("mrz_counts")
        self.verdict = QLabel()
        self.verdict.setObjectName("mrz_verdict")
        self.verdict.setWordWrap(True)
        self.protection = QLabel()
        self.protection.setObjectName("mrz_protection")
        self.protection.setWordWrap(True)
        self.protection.setStyleSheet(theme.WARNING_BANNER)
        self.protection.setVisible(False)
        self.problems = QListWidget()
        self.problems.setObjectName("mrz_results")
        self.problems.setWordWrap(True)
        self.problems.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.problems.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        if not report:
            self.problems.setMaximumHeight(110)
            self.problems.setVisible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.editor, self.counts, self.verdict, self.protection, self.problems):
            layout.addWidget(widget)
        self.setTabOrder(self.editor, self.problems)
        self.editor.textChanged.connect(self._on_text_changed)

    def _set_up_editor(self, point_size: int) -> None:
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSize(point_size)
        self.editor.setFont(font)
        # MRZ text is always left to right, even in a right-to-left interface.
        self.editor.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        option = self.editor.document().defaultTextOption()
        option.setTextDirection(Qt.LayoutDirection.LeftToRight)
        option.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignAbsolute)
        self.editor.document().setDefaultTextOption(option)
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.editor.setTabChangesFocus(True)
        # Isolated left to right: in an Arabic interface the placeholder would be reordered.
        self.editor.setPlaceholderText(ltr("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<") + "\n…")
        metrics = self.editor.fontMetrics()
        self.editor.setMinimumWidth(metrics.horizontalAdvance("M" * 46) + 24)
        self.editor.setFixedHeight(metrics.lineSpacing() * 3 + 18)

    def retranslate(self) -> None:
        """Set every text in the current interface language (and check again)."""
        self.editor.setAccessibleName(_("Machine-readable zone, typed"))
        self.editor.setAccessibleDescription(
            _("Type or paste the two or three MRZ lines exactly as printed.")
        )
        self.problems.setAccessibleName(_("Problems in the MRZ"))
        self.counts.setAccessibleName(_("Characters per line"))
        self.verdict.setAccessibleName(_("MRZ verdict"))
        self.check()

    # ---------------------------------------------------------------- the text

    def set_text(self, text: str) -> None:
        """Put ``text`` in the editor (it is checked at once)."""
        self.editor.setPlainText(text)

    def set_doubtful(self, fields: Doubtful) -> None:
        """Mark ``fields`` (see :func:`doubtful_fields`) as read with doubt, for as long as the
        officer leaves their text as read. Call before :meth:`set_text`."""
        self._doubtful = dict(fields)

    def clear(self) -> None:
        """Empty the editor and forget the doubtful fields."""
        self._doubtful = {}
        self.editor.clear()
        self.check()

    def lines(self) -> list[str]:
        """The MRZ lines in the editor, stripped, blank lines left out."""
        return [text for _n, _o, text in self._blocks()]

    def _on_text_changed(self) -> None:
        if self._normalising:
            return
        text = self.editor.toPlainText()
        upper = text.upper()
        if upper != text:
            cursor = self.editor.textCursor()
            position = cursor.position()
            self._normalising = True
            try:
                whole = QTextCursor(self.editor.document())
                whole.select(QTextCursor.SelectionType.Document)
                whole.insertText(upper)
                cursor = self.editor.textCursor()
                cursor.setPosition(min(position, len(upper)))
                self.editor.setTextCursor(cursor)
            finally:
                self._normalising = False
        if not upper.strip():
            self._doubtful = {}
        self.check()

    def _blocks(self) -> list[tuple[int, int, str]]:
        """(block number, offset of the first character, stripped text) of each MRZ line."""
        out = []
        block = self.editor.document().firstBlock()
        while block.isValid():
            raw = block.text()
            stripped = raw.strip()
            if stripped:
                out.append((block.blockNumber(), len(raw) - len(raw.lstrip()), stripped))
            block = block.next()
        return out

    # ---------------------------------------------------------------- the checks

    def check(self) -> None:
        """Check the editor's MRZ: highlights, counts, verdict and the list of problems."""
        self.problems.clear()
        blocks = self._blocks()
        lines = [text for _n, _o, text in blocks]
        self.protection.setVisible(False)
        if not lines:
            self.counts.clear()
            self.verdict.clear()
            self.problems.setVisible(self._report)
            self.editor.setExtraSelections([])
            self.validity_changed.emit(False)
            return
        expected = expected_length(lines)
        self.counts.setText(self._counts_text(lines, expected))
        marks: Marks = []
        doubts: Marks = []
        try:
            result = parse(lines)
        except MrzError as exc:
            if isinstance(exc, MrzLayoutError) and expected is not None:
                for number, line in enumerate(lines, start=1):
                    if len(line) > expected:
                        marks.append((number, expected + 1, len(line)))
            problems = self._not_an_mrz(exc)
            valid = False
        else:
            valid = bool(result.valid)
            problems = self._problems(result, lines, marks, doubts)
            self._show_verdict(result)
        for text in problems:
            QListWidgetItem(text, self.problems)
        self.problems.setVisible(self._report or bool(problems))
        self._highlight(blocks, marks, doubts)
        self.validity_changed.emit(valid)

    def _not_an_mrz(self, error: MrzError) -> list[str]:
        """Say the text is no MRZ yet; the problems to list."""
        self.verdict.setStyleSheet(theme.WARNING_TEXT)
        if self._report:
            self.verdict.setText(describe_mrz_error(error))
            return []
        self.verdict.setText(_("Not an MRZ yet."))
        return [describe_mrz_error(error)]

    def _problems(
        self, result: MrzResult, lines: list[str], marks: Marks, doubts: Marks
    ) -> list[str]:
        """The problems of a parsed MRZ to list; their spans go into ``marks`` and ``doubts``."""
        mark = "✗  " if self._report else ""
        problems = [mark + describe_mrz_error(error) for error in result.errors]
        for error in result.errors:
            if error.line is not None and error.position is not None:
                marks.append((error.line, error.position, error.end or error.position))
        wrong = {error.field for error in result.errors}
        for name, (line_no, first, last, text) in self._doubtful.items():
            if (
                name in wrong
                or line_no > len(lines)
                or lines[line_no - 1][first - 1 : last] != text
            ):
                continue  # already listed as wrong, or the officer has changed it
            doubts.append((line_no, first, last))
            problems.append(
                _(
                    "Line {line}, positions {position}-{end}: the reader was not sure of "
                    "the {field}. Compare it with the document."
                ).format(line=line_no, position=first, end=last, field=field_label(name))
            )
        if self._report:
            for check in result.checks:
                if check.ok:
                    problems.append(
                        "✓  "
                        + _(
                            "Check digit for the {name} matches (line {line}, position {pos})."
                        ).format(name=field_label(check.name), line=check.line, pos=check.position)
                    )
        if result.fields.protection_status:
            warning = _("Protection code (XXA/XXB/XXC): refer before any return.")
            if self._report:
                problems.append("⚠  " + warning)
            else:
                self.protection.setText("⚠  " + warning + " " + _("You may still use this MRZ."))
                self.protection.setVisible(True)
        return problems

    def _show_verdict(self, result: MrzResult) -> None:
        if result.valid:
            fmt = result.format.value if self._report else ltr(result.format.value)
            text = _("Valid {format} MRZ: every check digit matches.").format(format=fmt)
            self.verdict.setText(text if self._report else "✓  " + text)
            self.verdict.setStyleSheet(theme.SUCCESS_STRONG)
        else:
            count = len(result.errors)
            text = ngettext(
                "Not valid: {count} problem.", "Not valid: {count} problems.", count
            ).format(count=count)
            self.verdict.setText(text if self._report else "✗  " + text)
            self.verdict.setStyleSheet(theme.ERROR_STRONG)

    @staticmethod
    def _counts_text(lines: list[str], expected: int | None) -> str:
        parts = []
        for number, line in enumerate(lines, start=1):
            if expected is None:
                ratio = ltr(str(len(line)))
            else:
                mark = "✓" if len(line) == expected else "✗"
                ratio = ltr(f"{len(line)}/{expected}") + " " + mark
            parts.append(_("line {line}: {ratio}").format(line=number, ratio=ratio))
        return _("Characters per line:") + "  " + "   ·   ".join(parts)

    # ---------------------------------------------------------------- highlighting

    def _highlight(self, blocks: list[tuple[int, int, str]], marks: Marks, doubts: Marks) -> None:
        wrong = QTextCharFormat()
        wrong.setBackground(QColor(theme.WRONG_CHARACTER_BACKGROUND))
        wrong.setForeground(QColor(theme.ERROR))
        wrong.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        wrong.setUnderlineColor(QColor(theme.ERROR))
        doubtful = QTextCharFormat()
        doubtful.setBackground(QColor(theme.DOUBTFUL_CHARACTER_BACKGROUND))
        doubtful.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
        doubtful.setUnderlineColor(QColor(theme.WARNING))
        selections = []
        document = self.editor.document()
        spans = [(span, doubtful) for span in doubts] + [(span, wrong) for span in marks]
        for (line, first, last), fmt in spans:
            if not 1 <= line <= len(blocks):
                continue
            number, offset, text = blocks[line - 1]
            first = max(1, first)
            last = min(max(first, last), len(text))
            if first > len(text):
                continue
            block = document.findBlockByNumber(number)
            cursor = QTextCursor(block)
            cursor.setPosition(block.position() + offset + first - 1)
            cursor.setPosition(block.position() + offset + last, QTextCursor.MoveMode.KeepAnchor)
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor
            selection.format = fmt
            selections.append(selection)
        self.editor.setExtraSelections(selections)

    def highlighted(self, *, doubtful: bool = False) -> Marks:
        """The spans highlighted as wrong (or, with ``doubtful``, as read with doubt) as
        (line, first position, last position), 1-based."""
        blocks = {
            number: (index, offset) for index, (number, offset, _t) in enumerate(self._blocks())
        }
        doubt_colour = QColor(theme.DOUBTFUL_CHARACTER_BACKGROUND)
        out = []
        for selection in self.editor.extraSelections():
            is_doubt = selection.format.background().color() == doubt_colour
            if is_doubt != doubtful:
                continue
            cursor = selection.cursor
            block = cursor.block()
            index, offset = blocks.get(block.blockNumber(), (None, 0))
            if index is None:
                continue
            start = cursor.selectionStart() - block.position() - offset + 1
            end = cursor.selectionEnd() - block.position() - offset
            out.append((index + 1, start, end))
        return out
