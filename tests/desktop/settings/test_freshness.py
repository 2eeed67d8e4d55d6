"""The freshness period (issue 14): how many days a consent and an approval stay fresh at the
mission, changed by an administrator in Settings (1 to 90 days, audited); shown to others."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from laissez.casework.errors import MissingInformationError, RoleRequiredError
from laissez.casework.settings import set_freshness_days
from laissez.storage.models import AuditEvent, Mission


def _open(application):  # type: ignore[no-untyped-def]
    application.window.settings_action.trigger()
    dialog = application.settings_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.tabs.setCurrentWidget(dialog.retention_tab)
    return dialog


def _type_days(qtbot, spin, text: str) -> None:  # type: ignore[no-untyped-def]
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, text)


def test_an_administrator_sets_the_freshness_period(qtbot, admin_app, world) -> None:
    dialog = _open(admin_app)
    spin = dialog.retention_tab.freshness
    assert spin.isEnabled() and spin.value() == 30  # the default
    assert "1 to 90 days" in dialog.retention_tab.freshness_note.text()
    # the box takes no more than 90: typing 120 leaves at most 90 in it
    _type_days(qtbot, spin, "120")
    assert spin.value() <= 90
    _type_days(qtbot, spin, "45")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    with world.admin.session() as session:
        assert {m.freshness_days for m in session.scalars(select(Mission))} == {45}
        events = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "settings.freshness_days")
        ).all()
        assert [e.details for e in events] == [{"days": 45}]
    assert _open(admin_app).retention_tab.freshness.value() == 45
    # the checklist of every case now counts 45 days
    case_id = world.new_case()
    assert world["oscar"].snapshot(case_id).freshness_days == 45


def test_an_officer_sees_the_period_but_cannot_change_it(qtbot, officer_app, world) -> None:
    dialog = _open(officer_app)
    assert not dialog.retention_tab.freshness.isEnabled()
    assert dialog.retention_tab.freshness.value() == 30
    with pytest.raises(RoleRequiredError):
        set_freshness_days(world.handles["oscar"], 10)


@pytest.mark.parametrize("days", [0, 91, 365])
def test_a_period_outside_1_to_90_days_is_refused(world, days: int) -> None:
    with pytest.raises(MissingInformationError) as refused:
        set_freshness_days(world.admin, days)
    assert "1 to 90 days" in str(refused.value)
