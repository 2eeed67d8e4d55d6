"""The sync status in the main window's status bar and "Sync now" against a real
headquarters process (PostgreSQL, ``laissez-hq serve``)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from laissez.casework.states import CaseState
from laissez.desktop.sync_status import relative_time
from laissez.i18n import install
from laissez.storage.sync import state
from laissez.storage.sync.enrolment import enrol_installation
from tests.support.desktop import open_case_in_window
from tests.support.pg import free_port
from tests.support.sync import new_mission
from tests.support.world import IDENTITY, PHOTO, mrz_lines


def _enrol(world, database_url: str, hq_url: str) -> str:  # type: ignore[no-untyped-def]
    """Enrol the world's installation in a new mission at ``hq_url``; returns its code."""
    code, enrolment = new_mission(database_url)
    enrol_installation(world.admin.session, world.admin.engine, hq_url, enrolment, "desk-1")
    return code


def _record_identity(page, case_id):  # type: ignore[no-untyped-def]
    """Record the identity through the flow page, as a step does (emits ``case_changed``)."""
    step = page.current_step()
    return page.context.attempt(
        step,
        lambda: page.context.casework().intake.record_identity(
            case_id, IDENTITY, mrz_lines=mrz_lines(), photo=PHOTO
        ),
    )


def _pending(window) -> int:  # type: ignore[no-untyped-def]
    status = window.sync_status.status
    assert status is not None
    return status.pending


def test_relative_time_reads_like_speech() -> None:
    now = dt.datetime(2026, 1, 1, 12, 0, tzinfo=dt.UTC)
    assert relative_time(None, now) == "never"
    assert relative_time(now - dt.timedelta(seconds=20), now) == "just now"
    assert relative_time(now - dt.timedelta(minutes=3), now) == "3 min ago"
    assert relative_time(now - dt.timedelta(hours=5), now) == "5 hours ago"
    assert relative_time(now - dt.timedelta(days=3), now) == "3 days ago"


def test_the_status_shows_pending_changes_after_a_case_change(qtbot, officer_app, world) -> None:
    window = officer_app.window
    widget = window.sync_status
    assert widget.isVisible()
    before = _pending(window)
    assert f"{before} change" in widget.pending_label.text()
    assert "1000 document numbers left" in widget.numbers_label.text()
    # Not enrolled: the officer is told so, and who fixes it.
    assert "not enrolled" in widget.error_label.text()
    assert "administrator" in widget.error_label.text()
    case_id = world.new_case(CaseState.DRAFT)
    page = open_case_in_window(window, case_id)
    _record_identity(page, case_id)
    assert page.case.status == "identified"
    assert _pending(window) > before
    assert f"{_pending(window)} changes waiting to be sent" == widget.pending_label.text()


def test_sync_now_without_enrolment_says_what_to_do(qtbot, officer_app, world) -> None:
    window = officer_app.window
    widget = window.sync_status
    before = _pending(window)
    window.activateWindow()
    qtbot.waitActive(window)
    with qtbot.waitSignal(window.sync_controller.sync_failed, timeout=10000) as failed:
        qtbot.keyClick(window.case_list, Qt.Key.Key_F5)  # the keyboard path: F5
    assert "not enrolled" in failed.args[0] and "Settings" in failed.args[0]
    assert _pending(window) == before
    assert widget.sync_button.isEnabled()


def test_sync_now_pushes_to_headquarters(qtbot, officer_app, world, pg_url, hq_server) -> None:
    window = officer_app.window
    widget = window.sync_status
    _enrol(world, pg_url, hq_server.url)
    case_id = world.new_case(CaseState.IDENTIFIED)
    window.sync_controller.refresh()
    assert _pending(window) > 0
    assert widget.error_label.text() == ""
    # enrolled: the next automatic run is announced beside the last one
    assert widget.last_sync_label.text() == "Last sync: never · next sync in 5 min"
    busy_states: list[bool] = []
    window.sync_controller.busy_changed.connect(busy_states.append)
    with qtbot.waitSignal(window.sync_controller.sync_succeeded, timeout=30000):
        window.sync_action.trigger()
        # The window stays responsive: the run goes on in a worker, the button waits.
        assert not widget.sync_button.isEnabled()
        assert widget.busy_bar.isVisibleTo(widget)
        window.open_case(case_id)
    assert busy_states == [True, False]
    assert widget.sync_button.isEnabled() and not widget.busy_bar.isVisibleTo(widget)
    assert _pending(window) == 0
    assert widget.pending_label.text() == "0 changes waiting to be sent"
    assert widget.last_sync_label.text() == "Last sync: just now · next sync in 5 min"
    assert widget.error_label.text() == ""


def test_unreachable_headquarters_loses_nothing(
    qtbot,
    officer_app,
    world,
    pg_url,
    hq_server,
) -> None:
    window = officer_app.window
    widget = window.sync_status
    _enrol(world, pg_url, hq_server.url)
    world.new_case(CaseState.IDENTIFIED)
    with world.admin.session() as session:  # headquarters moved away: nobody listens there
        state.put(session, state.KEY_HQ_URL, f"http://127.0.0.1:{free_port()}")
    window.sync_controller.refresh()
    before = _pending(window)
    assert before > 0
    with qtbot.waitSignal(window.sync_controller.sync_failed, timeout=30000) as failed:
        widget.sync_button.click()
        assert not widget.sync_button.isEnabled()
    sentence = failed.args[0]
    assert sentence.startswith("Headquarters cannot be reached; your work is kept")
    assert "127.0.0.1" not in sentence and "Traceback" not in sentence
    assert widget.error_label.text() == sentence and widget.error_label.isVisibleTo(widget)
    assert _pending(window) == before
    # tried again within a minute, on its own
    assert widget.last_sync_label.text() == "Last sync: never · next sync in a minute"
    assert widget.sync_button.isEnabled()
    # After a restart the error is still explained (recorded as a code, not as words).
    window.sync_controller.refresh()
    assert widget.error_sentence().startswith("Headquarters cannot be reached")


def test_the_status_is_hidden_while_locked_and_signed_out(qtbot, officer_app) -> None:
    window = officer_app.window
    assert window.sync_status.isVisible()
    window.lock()
    assert not window.sync_status.isVisible()
    officer_app.session.sign_out()
    assert not window.sync_status.isVisible()
    assert window.sync_status.pending_label.text() == ""
    assert not window.sync_action.isEnabled()


def test_the_status_follows_the_interface_direction(qtbot, officer_app) -> None:
    window = officer_app.window
    try:
        officer_app.language.apply("ar")
        assert window.sync_status.layoutDirection() == Qt.LayoutDirection.RightToLeft
        assert window.sync_status.pending_label.text()  # re-worded, still shown
    finally:
        officer_app.language.apply("en")
        install("en")
    assert window.sync_status.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert window.sync_status.sync_button.text() == "Sync now"
