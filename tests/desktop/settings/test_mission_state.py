"""An installation from before the mission's State was asked at first run has none: it issues
only for the nationalities headquarters lists. An administrator records the State once, in
Settings > General (audited); it is never changed there afterwards, and nobody else records it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select, update

from laissez.casework.errors import IssuingStateError, MissingInformationError, RoleRequiredError
from laissez.casework.settings import set_mission_state
from laissez.casework.states import CaseState
from laissez.storage.models import AuditEvent, Mission


def _forget_state(world) -> None:  # type: ignore[no-untyped-def]
    with world.admin.session() as session:
        session.execute(update(Mission).values(country_code=None))


def _open(application):  # type: ignore[no-untyped-def]
    application.window.settings_action.trigger()
    dialog = application.settings_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_an_administrator_records_the_missing_state_once(qtbot, world, admin_app) -> None:
    _forget_state(world)
    case_id = world.new_case(CaseState.CONSENT_RECORDED)
    assert "identity.issuing_state_unset" in [i.code for i in world["oscar"].gate(case_id)]
    dialog = _open(admin_app)
    field = dialog.general_tab.mission_state
    assert not field.isReadOnly()
    assert "three-letter ICAO code" in dialog.general_tab.state_note.text()
    field.setFocus()
    qtbot.keyClicks(field, "xxa")  # a protection code, not a State: refused, nothing recorded
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.tabs.currentWidget() is dialog.general_tab
    assert dialog.message.text()
    field.clear()
    qtbot.keyClicks(field, "bgd")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible(), dialog.message.text()
    with world.admin.session() as session:
        assert {m.country_code for m in session.scalars(select(Mission))} == {"BGD"}
        events = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "settings.mission_state")
        ).all()
        assert [e.details for e in events] == [{"state": "bgd"}]  # audit codes are lower case
    assert "identity.issuing_state_unset" not in [i.code for i in world["oscar"].gate(case_id)]
    again = _open(admin_app).general_tab.mission_state
    assert again.isReadOnly() and again.text() == "BGD"
    with pytest.raises(MissingInformationError):  # recorded once: never changed here
        set_mission_state(world.admin, "DEU")


def test_nobody_else_records_it_and_a_code_must_be_a_states(world) -> None:
    _forget_state(world)
    with pytest.raises(RoleRequiredError):
        set_mission_state(world.handles["sam"], "BGD")
    with pytest.raises(IssuingStateError):
        set_mission_state(world.admin, "XXX")
    with world.admin.session() as session:
        assert {m.country_code for m in session.scalars(select(Mission))} == {None}
