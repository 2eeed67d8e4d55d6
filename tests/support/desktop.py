"""Desktop test helpers: start the application and sign in, open a case in the window, and
drive the case flow's steps through their widgets as an officer would."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
)

from laissez.forms.schema import FieldType
from laissez.storage.keys import TEST_KDF

if TYPE_CHECKING:
    from laissez.desktop.flow.advisal import AdvisalStep
    from laissez.desktop.flow.approval import ApprovalStep
    from laissez.desktop.flow.consent import ConsentStep
    from laissez.desktop.flow.issue import IssueStep
    from laissez.desktop.flow.second_person import SecondPersonDialog
    from laissez.desktop.formview import FormView

#: the administrator-officer of the desktop tests' template data directory
USERNAME = "amina"
PASSPHRASE = "correct horse battery"
LEFT = Qt.MouseButton.LeftButton


#: a small laptop's screen (1366×768) less a 40 px panel
SMALL = (1366, 768 - 40)


# -- the window


def shot(widget, name: str, language: str, prefix: str = "fresh") -> None:  # type: ignore[no-untyped-def]
    """Save ``widget`` as ``<prefix>-<language>-<name>.png`` in ``$LAISSEZ_WALK_SHOTS`` (only
    when it is set: under a virtual screen, to look at the walk)."""
    folder = os.environ.get("LAISSEZ_WALK_SHOTS")
    if folder:
        active, focused = QApplication.activeWindow(), QApplication.focusWidget()
        QApplication.processEvents()
        Path(folder).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(folder) / f"{prefix}-{language}-{name}.png"))
        QApplication.processEvents()
        if active is not None and QApplication.activeWindow() is not active:
            active.activateWindow()  # grabbing may take the focus away: the walk goes on
            QApplication.processEvents()
            if focused is not None:
                focused.setFocus()


def fits(window) -> None:  # type: ignore[no-untyped-def]
    """The window fits the small screen and its status bar shows."""
    assert window.height() <= SMALL[1] and window.width() <= SMALL[0]
    bar = window.statusBar()
    assert bar.isVisible() and bar.geometry().bottom() < window.height()


def focus(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """Give ``window`` the keyboard focus again (after a dialog closed)."""
    if not window.isActiveWindow():
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=3000)


def start_and_sign_in(qtbot):  # type: ignore[no-untyped-def]
    """Start the application on the current data directory and sign in through the page."""
    from laissez.desktop.app import create_application

    application = create_application(kdf=TEST_KDF)
    window = application.window
    qtbot.addWidget(window)
    window.show()
    assert window.pages.currentWidget() is window.sign_in_page
    window.sign_in_page.username.setText(USERNAME)
    window.sign_in_page.passphrase.setText(PASSPHRASE)
    window.sign_in_page.button.click()
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.work_area, timeout=10000)
    return application


def open_case_in_window(window, case_id: uuid.UUID) -> object:  # type: ignore[no-untyped-def]
    """Open ``case_id`` in the case flow page as the case list's Return key does; returns
    the ``CaseFlowPage``."""
    window.open_case(case_id)
    assert window.case_pages.currentWidget() is window.case_view
    return window.case_view


# -- driving the steps


def fill(qtbot, view: FormView, answers: dict[str, Any]) -> None:  # type: ignore[no-untyped-def]
    """Answer through the widgets, as an officer would, in form order."""
    for f in view.form.fields:
        if f.id not in answers:
            continue
        value = answers[f.id]
        if f.type in (FieldType.YES_NO_UNKNOWN, FieldType.CHOICE) and view.findChild(
            QAbstractButton, f"field_{f.id}_{value}"
        ):
            view.findChild(QAbstractButton, f"field_{f.id}_{value}").click()
        elif f.type is FieldType.MULTI_CHOICE:
            for option in value:
                view.findChild(QAbstractButton, f"field_{f.id}_{option}").click()
        elif f.type is FieldType.SIGNATURE:
            kind = view.findChild(QComboBox, f"edit_{f.id}")
            kind.setCurrentIndex(kind.findData(value["kind"]))
            detail = view.findChild(QLineEdit, f"edit_{f.id}_detail")
            qtbot.keyClicks(detail, value.get("ref") or value.get("reason") or "")
        elif f.type in (FieldType.COUNTRY, FieldType.LANGUAGE):
            combo = view.findChild(QComboBox, f"edit_{f.id}")
            combo.setCurrentIndex(view.editor(f.id).codes.index(value))
        elif f.type is FieldType.CHOICE:
            combo = view.findChild(QComboBox, f"edit_{f.id}")
            combo.setCurrentIndex(combo.findData(value))
        else:
            edit = view.findChild(QLineEdit, f"edit_{f.id}") or view.findChild(
                QPlainTextEdit, f"edit_{f.id}"
            )
            qtbot.keyClicks(edit, str(value))
    given = view.answers()
    assert {k: given.get(k) for k in answers} == answers


def type_mrz(step, lines: list[str]) -> None:  # type: ignore[no-untyped-def]
    editor = step.capture.findChild(QPlainTextEdit, "capture_mrz_editor")
    editor.setPlainText("\n".join(lines))
    step.capture.findChild(QPushButton, "capture_use_button").click()


#: the next key timestamp (ms) ``type_keys`` uses: every call starts well after the last
_KEY_CLOCK = [1_000_000]


def type_keys(widget, lines, *, gap_ms: int) -> None:  # type: ignore[no-untyped-def]
    """Type ``lines`` into ``widget``, each followed by Enter, one key every ``gap_ms``
    milliseconds by the keys' own timestamps (as the window system stamps them), at once: a
    desk document reader types so with a small ``gap_ms``, a person with a large one."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent

    stamp = _KEY_CLOCK[0]
    shift = Qt.KeyboardModifier.ShiftModifier
    for line in lines:
        for text in [*line, "\r"]:
            key = Qt.Key.Key_Return if text == "\r" else Qt.Key(ord(text))
            modifiers = shift if not text.isdigit() and text != "\r" else Qt.KeyboardModifier(0)
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                event = QKeyEvent(kind, key, modifiers, text)
                event.setTimestamp(stamp + (kind == QEvent.Type.KeyRelease))
                QApplication.sendEvent(widget, event)
            stamp += gap_ms
    _KEY_CLOCK[0] = stamp + 60_000


def fill_advisal(qtbot, step: AdvisalStep, *, interpreter_used: bool = True) -> None:  # type: ignore[no-untyped-def]
    step.understood_yes.setChecked(True)
    step.needed_yes.setChecked(True)
    step.interpreter_used.setChecked(interpreter_used)
    if interpreter_used:
        step.interpreter_name.setText("Interpreter One")
    qtbot.mouseClick(step.question_log.add_question, LEFT)
    step.question_log.table.item(0, 0).setText("Does the entry ban stop family visits?")
    step.question_log.table.item(0, 1).setText("Yes, for five years.")
    step.counsel_offered.setChecked(True)


def draw_signature(qtbot, step: ConsentStep) -> None:  # type: ignore[no-untyped-def]
    """Two strokes with the mouse, as a person signing with a finger would."""
    pad = step.signature.pad
    step.scroll_area.ensureWidgetVisible(pad)
    for y in (40, 80):
        qtbot.mousePress(pad, LEFT, pos=QPoint(20, y))
        for x in range(30, 300, 30):
            qtbot.mouseMove(pad, QPoint(x, y + (x // 30) % 3 * 8))
        qtbot.mouseRelease(pad, LEFT, pos=QPoint(300, y))
    assert not pad.is_empty()


def sign_in_second_person(  # type: ignore[no-untyped-def]
    qtbot, dialog: SecondPersonDialog, name: str, passphrase: str | None = None
) -> None:
    """Type a user name and passphrase in the dialog and wait for the check to end."""
    from tests.support.world import PASSPHRASE as WORLD_PASSPHRASE  # a world user

    assert dialog.isVisible()
    dialog.username.setText(name)
    dialog.passphrase.setText(
        WORLD_PASSPHRASE.format(name=name) if passphrase is None else passphrase
    )
    dialog.sign_in_button.click()
    assert dialog.busy_now  # the check runs off the GUI thread
    qtbot.waitUntil(lambda: not dialog.busy_now, timeout=10000)


def decide(step: ApprovalStep, kind: str, qtbot, name: str, choice: str, reason: str = "") -> None:  # type: ignore[no-untyped-def]
    """Open the decision ``kind``, sign in as ``name`` and record ``choice``."""
    step.buttons[kind].click()
    dialog = step.dialog
    assert dialog is not None
    sign_in_second_person(qtbot, dialog, name)
    assert dialog.stack.currentWidget() is dialog.decision_page
    dialog.radios[choice].click()
    if reason:
        dialog.reason.setCurrentIndex(dialog.reason.findData(reason))
    dialog.confirm_button.click()
    assert not dialog.isVisible()
    assert dialog._db is None  # the second person's handle is closed at once


def when_modal(action: Callable[[object], None]) -> None:
    """Run ``action`` on the next modal dialog (the print or reprint dialog)."""

    tries = [250]

    def run() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            tries[0] -= 1
            if tries[0] > 0:
                QTimer.singleShot(20, run)
            return
        action(dialog)

    QTimer.singleShot(0, run)


def to_pdf_file(step: IssueStep, path: Path) -> None:
    """The test printer: the print dialog's printer writes a PDF file."""
    step.printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    step.printer.setOutputFileName(str(path))


def print_accepting(qtbot, step: IssueStep) -> None:  # type: ignore[no-untyped-def]
    rows = step.log.rowCount()
    printed = sum(1 for d in step.documents for x in d.lines if x.printer)
    when_modal(
        lambda dialog: (isinstance(dialog, QPrintDialog) or pytest.fail()) and dialog.accept()
    )
    step.print_button.click()
    qtbot.waitUntil(
        lambda: sum(1 for d in step.documents for x in d.lines if x.printer) == printed + 1,
        timeout=20000,
    )
    assert step.log.rowCount() >= rows
