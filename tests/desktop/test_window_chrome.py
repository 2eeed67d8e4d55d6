"""Issue 17: the window as mature software: Quit and closing ask about unsaved edits, the
window comes back where it was, the step list folds away, Help shows the keys and About,
and a case can be closed from its screen. Every test presses real keys or clicks."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from laissez.casework.states import CaseState
from laissez.storage.keys import TEST_KDF
from tests.support.desktop import fill, open_case_in_window
from tests.support.world import INTERVIEW

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
LEFT = Qt.MouseButton.LeftButton


class _Seen(list):  # type: ignore[type-arg]
    """The dialogs met; ``stop()`` ends the watch (a test that expects no dialog must end it,
    or the watch goes on into the next test and closes that test's dialog: a supervisor's
    sign-in dialog was rejected mid-check so, and the approval waited forever)."""

    def __init__(self) -> None:
        super().__init__()
        self.tries = 200

    def stop(self) -> None:
        self.tries = 0


def _on_next_modal(act) -> _Seen:  # type: ignore[no-untyped-def]
    """Run ``act(dialog)`` on the next modal dialog; returns the dialogs met."""
    seen = _Seen()

    def run() -> None:
        if seen.tries <= 0:
            return
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            seen.tries -= 1
            if seen.tries > 0:
                QTimer.singleShot(20, run)
            return
        seen.stop()
        seen.append(dialog)
        try:
            act(dialog)
        finally:  # a failed check must not leave a modal dialog waiting forever
            if dialog.isVisible():
                QTimer.singleShot(0, dialog.reject)

    QTimer.singleShot(0, run)
    return seen


def _press(qtbot, window, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    window.activateWindow()
    qtbot.waitActive(window)
    qtbot.keyClick(QApplication.focusWidget() or window, key, modifier)


def _typed_in_family(qtbot, officer_app, world):  # type: ignore[no-untyped-def]
    window = officer_app.window
    case_id = world.new_case(CaseState.IDENTIFIED, photo=None)
    page = open_case_in_window(window, case_id)
    page.go_to("interview")
    step = page.current_step()
    fill(qtbot, step.pages["family"].view, INTERVIEW["family"])
    return case_id, page, step


def _click(label: str):  # type: ignore[no-untyped-def]
    def act(box) -> None:  # type: ignore[no-untyped-def]
        assert isinstance(box, QMessageBox)
        next(b for b in box.buttons() if b.text() == label).click()

    return act


def test_ctrl_q_with_unsaved_edits_asks_and_enter_stays(qtbot, officer_app, world) -> None:
    from laissez.casework.views.answers import case_answers

    window = officer_app.window
    case_id, page, step = _typed_in_family(qtbot, officer_app, world)
    # Ctrl+Q: the question; Enter stays (the window is still open, the edits kept)
    texts: list[str] = []

    def enter(box) -> None:  # type: ignore[no-untyped-def]
        texts.append(box.text())
        qtbot.keyClick(box, Qt.Key.Key_Return)

    seen = _on_next_modal(enter)
    _press(qtbot, window, Qt.Key.Key_Q, CTRL)
    assert len(seen) == 1 and texts[0].startswith("What you typed in ")
    assert window.isVisible() and window.case_pages.currentWidget() is page
    assert step.pages["family"].view.answers() != {}
    # Escape stays too
    seen = _on_next_modal(lambda box: qtbot.keyClick(box, Qt.Key.Key_Escape))
    window.close()  # the window manager's close button
    assert len(seen) == 1 and window.isVisible()
    # Session → Quit, Save: recorded, then the window closes
    seen = _on_next_modal(_click("&Save"))
    window.quit_action.trigger()
    assert len(seen) == 1 and not window.isVisible()
    assert case_answers(world.handles["oscar"], case_id).is_complete("family")


def test_closing_the_window_may_discard_and_nothing_asks_without_edits(
    qtbot, officer_app, world
) -> None:
    from laissez.casework.views.answers import case_answers

    window = officer_app.window
    case_id, _page, _step = _typed_in_family(qtbot, officer_app, world)
    seen = _on_next_modal(_click("&Discard the changes"))
    window.close()
    assert len(seen) == 1 and not window.isVisible()
    assert not case_answers(world.handles["oscar"], case_id).is_complete("family")
    # nothing typed: closing asks nothing
    window.show()
    open_case_in_window(window, world.new_case(CaseState.IDENTIFIED, photo=None))
    seen = _on_next_modal(lambda box: box.reject())
    window.close()
    qtbot.wait(50)
    seen.stop()  # no dialog came: the watch must not close the next test's dialog
    assert seen == [] and not window.isVisible()


def test_the_window_comes_back_where_it_was_left(qtbot, isolated_dirs, world) -> None:
    from pathlib import Path

    from laissez.desktop.app import create_application
    from laissez.desktop.window_state import FILE_NAME

    first = create_application(kdf=TEST_KDF)
    window = first.window
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.resize(700, 520)
    qtbot.waitUntil(lambda: window.width() == 700)
    window.close()  # the window manager's close button; nobody signed in: nothing asked
    assert not window.isVisible()
    saved = Path(first.config.config_dir) / FILE_NAME
    assert saved.is_file()
    assert str(saved).startswith(str(isolated_dirs.parent / "xdg-config"))  # the user's config
    assert saved.stat().st_size < 4096  # geometry only: no mission data
    second = create_application(kdf=TEST_KDF)
    qtbot.addWidget(second.window)
    assert (second.window.width(), second.window.height()) == (700, 520)


def test_the_step_list_folds_away_with_ctrl_b_and_stays_folded(qtbot, officer_app, world) -> None:
    from laissez.desktop.app import create_application

    window = officer_app.window
    page = open_case_in_window(window, world.new_case(CaseState.IDENTIFIED, photo=None))
    page.go_to("identity")
    step = page.current_step()
    assert page.step_list.isVisible() and page.steps_button.text() == "Hide the steps"
    wide = step.width()
    _press(qtbot, window, Qt.Key.Key_B, CTRL)
    assert not page.step_list.isVisible()
    assert page.steps_button.text() == "Show the steps"
    qtbot.waitUntil(lambda: step.width() > wide + 100)  # the step has the width now
    # Alt+number still goes to a step with the list folded
    _press(qtbot, window, Qt.Key.Key_3, ALT)
    assert page.current_step().step_id == "interview"
    # remembered: the next start opens with the list folded; the button unfolds it
    other = create_application(kdf=TEST_KDF)
    qtbot.addWidget(other.window)
    assert other.window.case_view.steps_button.isChecked()
    qtbot.mouseClick(page.steps_button, LEFT)
    assert page.step_list.isVisible()


def test_f1_lists_the_shortcuts_and_about_tells_version_and_licences(qtbot, officer_app) -> None:
    from laissez import __version__
    from laissez.desktop.help import AboutDialog, ShortcutsDialog

    window = officer_app.window
    _press(qtbot, window, Qt.Key.Key_F1)
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, ShortcutsDialog)
    rows = dict(dialog.rows())
    for keys, what in (
        ("Ctrl+N", "New case"),
        ("F5", "Sync now"),
        ("Ctrl+L", "Lock now"),
        ("Ctrl+Q", "Quit"),
        ("Ctrl+B", "Hide or show the list of steps"),
    ):
        assert rows.get("\u2066" + keys + "\u2069") == what, (keys, rows)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    # Help → About, by the keyboard: Alt+H, then A
    window.activateWindow()
    qtbot.waitActive(window)
    qtbot.keyClick(window, Qt.Key.Key_H, ALT)
    qtbot.waitUntil(window.help_menu.isVisible)
    qtbot.keyClick(window.help_menu, Qt.Key.Key_A)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), AboutDialog))
    about = QApplication.activeModalWidget()
    text = about.summary.text()
    assert f"Laissez {__version__}" in text.replace("\u2066", "").replace("\u2069", "")
    assert "Licence: " in text and "Apache-2.0" in text
    components = [about.components.item(r, 0).text() for r in range(about.components.rowCount())]
    assert any("PySide6" in c for c in components) and any("SQLCipher" in c for c in components)
    assert about.close_button.isDefault()
    qtbot.keyClick(about, Qt.Key.Key_Return)  # Enter closes it
    assert not about.isVisible()


def test_closing_an_issued_case_needs_departure_evidence(qtbot, officer_app, world) -> None:
    from laissez.desktop.flow.close_case import CloseCaseDialog

    window = officer_app.window
    case_id = world.new_case(CaseState.APPROVED)
    world["sam"].decisions.issue_document(case_id)
    page = open_case_in_window(window, case_id)
    assert page.close_case_button.isVisible()
    # Enter on the dialog keeps the case open (the irreversible action is not the default)
    seen = _on_next_modal(lambda d: qtbot.keyClick(d.reason, Qt.Key.Key_Return))
    qtbot.mouseClick(page.close_case_button, LEFT)
    assert isinstance(seen[0], CloseCaseDialog)
    assert seen[0].cancel_button.isDefault() and not seen[0].confirm_button.isDefault()
    assert world["oscar"].state(case_id) is CaseState.DOCUMENT_ISSUED
    # no evidence and the planned departure has not passed: the refusal, as a sentence

    def no_evidence(d) -> None:  # type: ignore[no-untyped-def]
        d.reason.setCurrentIndex(d.reason.count() - 1)
        qtbot.mouseClick(d.confirm_button, LEFT)

    _on_next_modal(no_evidence)
    qtbot.mouseClick(page.close_case_button, LEFT)
    message = page.current_step().message
    assert message.error and message.text().startswith("The case cannot be closed yet: the "
                                                       "person has not departed")  # fmt: skip
    assert world["oscar"].state(case_id) is CaseState.DOCUMENT_ISSUED
    # boarding confirmed: closed

    def boarding(d) -> None:  # type: ignore[no-untyped-def]
        d.reason.setCurrentIndex(d.reason.findData("boarding_confirmed"))
        qtbot.mouseClick(d.confirm_button, LEFT)

    _on_next_modal(boarding)
    qtbot.mouseClick(page.close_case_button, LEFT)
    assert world["oscar"].state(case_id) is CaseState.CLOSED
    assert page.current_step().message.text() == "The case is closed."
    assert page.status.text() == "Status: Closed" or "Closed" in page.status.text()
    assert not page.close_case_button.isVisible()


def test_a_case_closes_without_a_document_with_a_reason(qtbot, officer_app, world) -> None:
    window = officer_app.window
    case_id = world.new_case(CaseState.INTERVIEWED, photo=None)
    page = open_case_in_window(window, case_id)

    def unreachable(d) -> None:  # type: ignore[no-untyped-def]
        assert d.reason.findData("person_unreachable") >= 0
        d.reason.setCurrentIndex(d.reason.findData("person_unreachable"))
        qtbot.keyClick(d.confirm_button, Qt.Key.Key_Space)

    seen = _on_next_modal(unreachable)
    page.close_case_button.setFocus()
    qtbot.keyClick(page.close_case_button, Qt.Key.Key_Space)
    assert seen and world["oscar"].state(case_id) is CaseState.CLOSED_WITHOUT_DOCUMENT
    assert not page.close_case_button.isVisible()
