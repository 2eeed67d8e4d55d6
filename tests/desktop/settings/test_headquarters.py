"""The Settings dialog's Headquarters tab: enrolling this computer with headquarters and
loading document numbers from headquarters' offline bundle."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from laissez.casework.views import settings as settings_view
from laissez.storage.sync.enrolment import enrol_installation
from laissez.storage.sync.offline import export_bundle
from tests.support.pg import ROOT, free_port
from tests.support.sync import new_mission


def _open(application):  # type: ignore[no-untyped-def]
    application.window.settings_action.trigger()
    dialog = application.settings_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_an_administrator_enrols_the_computer(
    qtbot,
    admin_app,
    world,
    pg_url,
    hq_server,
) -> None:
    from laissez.storage.sync import state

    with world.admin.session() as session:  # a new mission: no document numbers yet
        session.execute(state.sync_number_ranges.delete())
    dialog = _open(admin_app)
    dialog.tabs.setCurrentWidget(dialog.hq_tab)
    dialog.hq_tab.hq_url.setText(hq_server.url)
    dialog.hq_tab.enrol_code.setText("not-a-real-code")
    dialog.hq_tab.enrol_button.click()
    qtbot.waitUntil(lambda: dialog.message.isVisibleTo(dialog), timeout=15000)
    assert "Headquarters refused" in dialog.message.text()
    assert "not enrolled" in dialog.hq_tab.hq_state.text()
    code, enrolment = new_mission(pg_url)
    dialog.hq_tab.enrol_code.setText(enrolment)
    with qtbot.waitSignal(dialog.enrolled, timeout=15000):
        dialog.hq_tab.enrol_button.click()
    assert f"mission \u2066{code}\u2069" in dialog.hq_tab.hq_state.text()
    assert admin_app.window.sync_status.status.enrolled
    # enrolling brings the first document numbers (issue 17: no terminal needed)
    assert dialog.hq_tab.numbers_state.text().startswith(
        "100 document numbers were received from headquarters. "
        "100 document numbers left on this computer."
    )
    assert admin_app.window.sync_status.status.numbers_left == 100


def test_return_in_the_code_field_enrols_and_an_unreachable_hq_is_explained(
    qtbot, admin_app
) -> None:
    dialog = _open(admin_app)
    dialog.tabs.setCurrentWidget(dialog.hq_tab)
    dialog.hq_tab.hq_url.setText(f"http://127.0.0.1:{free_port()}")
    dialog.hq_tab.enrol_code.setText("ABCD-1234")
    dialog.hq_tab.enrol_code.setFocus()
    qtbot.keyClick(dialog.hq_tab.enrol_code, Qt.Key.Key_Return)
    assert dialog.isVisible()  # Return enrolled; it did not save and close
    qtbot.waitUntil(lambda: dialog.message.isVisibleTo(dialog), timeout=15000)
    assert dialog.message.text().startswith("Headquarters cannot be reached")
    assert dialog.hq_tab.enrol_button.isEnabled()
    assert not settings_view.settings_view(admin_app.session.database()).sync.enrolled


def test_enrolling_needs_an_address_and_a_code(qtbot, admin_app) -> None:
    dialog = _open(admin_app)
    dialog.hq_tab.enrol_button.click()
    assert dialog.message.text() == "Type the headquarters address and the one-time code."


def test_a_corrupt_bundle_gives_the_sentence(qtbot, admin_app, tmp_path: Path) -> None:
    dialog = _open(admin_app)
    bad = tmp_path / "reply.laissez"
    bad.write_bytes(b"not a bundle at all")
    assert dialog.hq_tab.load_numbers_button.isEnabled()
    assert "1000 document numbers left" in dialog.hq_tab.numbers_state.text()
    dialog.hq_tab.load_numbers(bad)
    qtbot.waitUntil(lambda: dialog.message.isVisibleTo(dialog), timeout=10000)
    assert dialog.message.text().startswith("This file is not a bundle from headquarters")
    assert dialog.tabs.currentWidget() is dialog.hq_tab
    assert dialog.hq_tab.load_numbers_button.isEnabled()


def test_an_officer_cannot_load_numbers(qtbot, officer_app) -> None:
    dialog = _open(officer_app)
    assert not dialog.hq_tab.load_numbers_button.isEnabled()


@pytest.mark.slow
def test_an_administrator_loads_numbers_from_a_reply_bundle(
    qtbot,
    admin_app,
    world,
    tmp_path: Path,
    pg_url,
    hq_server,
) -> None:
    _mission, enrolment = new_mission(pg_url)
    enrol_installation(world.admin.session, world.admin.engine, hq_server.url, enrolment, "d")
    request = tmp_path / "to-hq.laissez"
    export_bundle(world.admin.session, request, numbers=4)
    reply = tmp_path / "from-hq.reply"
    out = subprocess.run(
        [sys.executable, "-m", "laissez.hq.cli", "--database", pg_url, "import",
         str(request), "--reply", str(reply)],
        capture_output=True, text=True, cwd=ROOT, timeout=60,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    dialog = _open(admin_app)
    with qtbot.waitSignal(dialog.numbers_loaded, timeout=15000):
        dialog.hq_tab.load_numbers(reply)
    assert dialog.hq_tab.numbers_state.text() == (
        "4 document numbers were loaded. 1004 document numbers left on this computer."
    )
    qtbot.waitUntil(lambda: admin_app.window.sync_status.status.numbers_left == 1004, timeout=5000)


def test_changes_headquarters_cannot_read_are_shown_with_their_codes(
    qtbot, world, pg_url, hq_server
) -> None:
    """A change of a kind this headquarters does not know yet (a newer computer) is refused
    alone; the administrator reads how many and the code in Settings."""
    from laissez.protocol.kinds import KINDS, CaseStatus, Kind
    from laissez.storage import outbox
    from laissez.storage.sync.enrolment import connect
    from tests.support.world import ADMIN_PASSPHRASE

    _code, enrolment = new_mission(pg_url)
    enrol_installation(world.admin.session, world.admin.engine, hq_server.url, enrolment, "d")
    newer = KINDS.replacing(Kind("case", "record_copy_given", {1: CaseStatus}))
    with world.admin.session() as s:
        outbox.enqueue(s, newer.get("case", "record_copy_given"), "c1",
                       {"status": "advised", "version": 4}, registry=newer)  # fmt: skip
    engine = connect(world.admin.session, world.admin.engine)
    try:
        assert engine.push().rejected_codes == {"kind.unknown": 1}
    finally:
        engine.close()

    from laissez.desktop.app import create_application
    from laissez.storage.keys import TEST_KDF

    application = create_application(kdf=TEST_KDF)
    qtbot.addWidget(application.window)
    application.window.show()
    with qtbot.waitSignal(application.session.signed_in, timeout=10000):
        application.session.sign_in("admin", ADMIN_PASSPHRASE)
    try:
        dialog = _open(application)
        text = dialog.hq_tab.hq_state.text()
        assert "Headquarters cannot read 1 change (\u2066kind.unknown\u2069)" in text
    finally:
        application.session.sign_out()
