"""The red-flags screen (issue 14): a protection officer sees the open flags of a case and clears
one with its reason and reference, by clicks; anyone else sees them and is told who can."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt

from laissez.casework.states import CaseState
from laissez.desktop.flow.overview import OverviewStep
from laissez.storage.keys import TEST_KDF
from tests.support.desktop import open_case_in_window
from tests.support.world import INTERVIEW, PASSPHRASE, World

FEAR = {**INTERVIEW["fear_of_return"], "fears_return": "yes"}


def _app(qtbot, name: str) -> Iterator[object]:  # type: ignore[no-untyped-def]
    from laissez.desktop.app import create_application

    application = create_application(kdf=TEST_KDF)
    window = application.window
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(application.session.signed_in, timeout=10000):
        application.session.sign_in(name, PASSPHRASE.format(name=name))
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.work_area, timeout=10000)
    yield application
    if application.session.signed_in_now:
        application.session.sign_out()


@pytest.fixture
def pat_app(qtbot, world: World):  # type: ignore[no-untyped-def]
    yield from _app(qtbot, "pat")


@pytest.fixture
def oscar_app(qtbot, world: World):  # type: ignore[no-untyped-def]
    yield from _app(qtbot, "oscar")


def _overview(window, case_id) -> OverviewStep:  # type: ignore[no-untyped-def]
    page = open_case_in_window(window, case_id)
    page.go_to("overview")
    step = page.current_step()
    assert isinstance(step, OverviewStep)
    return step


def _asylum_case(world: World):  # type: ignore[no-untyped-def]
    case_id = world.new_case(CaseState.CONSENT_RECORDED, interview={"fear_of_return": FEAR})
    world["pat"].decisions.record_referral_outcome(case_id, "asylum_claim_lodged")
    return case_id


def _codes(world: World, case_id) -> list[str]:  # type: ignore[no-untyped-def]
    return [i.code for i in world["oscar"].gate(case_id)]


def test_a_protection_officer_clears_a_decided_asylum_claim(qtbot, pat_app, world) -> None:
    case_id = _asylum_case(world)
    assert "protection.asylum_claim_pending" in _codes(world, case_id)
    step = _overview(pat_app.window, case_id)
    qtbot.mouseClick(step.flags_button, Qt.MouseButton.LeftButton)
    dialog = step.flags_dialog
    assert dialog is not None and dialog.isVisible()
    assert [f.kind for f in dialog.open_rows()] == ["asylum_claim"]
    assert dialog.flags.item(0).text().startswith("Asylum claim lodged: raised by pat")
    assert dialog.clear_button.isEnabled() and dialog.reference.isEnabled()
    assert dialog.note.text() == ""
    # without the claim's reference: refused, in a sentence, nothing recorded
    qtbot.mouseClick(dialog.clear_button, Qt.MouseButton.LeftButton)
    assert dialog.message.property("error") is True
    assert dialog.message.text() and "Traceback" not in dialog.message.text()
    assert "protection.asylum_claim_pending" in _codes(world, case_id)
    # with it: cleared, signed in the protection officer's name
    qtbot.keyClicks(dialog.reference, "GR-2026-123")
    qtbot.mouseClick(dialog.clear_button, Qt.MouseButton.LeftButton)
    assert dialog.message.text() == "The flag is cleared; the decision is signed in your name."
    assert dialog.open_rows() == []
    assert dialog.flags.item(0).text() == "No red flag is open in this case."
    assert not dialog.clear_button.isEnabled()
    assert "protection.asylum_claim_pending" not in _codes(world, case_id)
    dialog.reject()
    qtbot.waitUntil(lambda: all(f.kind != "asylum_claim" or not f.open
                                for f in step.case.flags))  # fmt: skip


def test_an_officer_sees_the_flags_and_is_told_who_clears_them(qtbot, oscar_app, world) -> None:
    case_id = _asylum_case(world)
    step = _overview(oscar_app.window, case_id)
    qtbot.mouseClick(step.flags_button, Qt.MouseButton.LeftButton)
    dialog = step.flags_dialog
    assert dialog is not None
    assert [f.kind for f in dialog.open_rows()] == ["asylum_claim"]
    assert not dialog.clear_button.isEnabled()
    assert not dialog.reason.isEnabled() and not dialog.reference.isEnabled()
    assert dialog.note.text() == (
        "Only a protection officer can clear a red flag. Ask a protection officer to sign in "
        "on this computer."
    )
    qtbot.mouseClick(dialog.clear_button, Qt.MouseButton.LeftButton)  # disabled: nothing
    assert "protection.asylum_claim_pending" in _codes(world, case_id)
    dialog.reject()


def test_a_flag_cleared_by_its_own_decision_points_there(qtbot, pat_app, world) -> None:
    case_id = world.new_case(CaseState.CONSENT_RECORDED, interview={"fear_of_return": FEAR})
    step = _overview(pat_app.window, case_id)
    qtbot.mouseClick(step.flags_button, Qt.MouseButton.LeftButton)
    dialog = step.flags_dialog
    assert dialog is not None
    assert [f.kind for f in dialog.open_rows()] == ["fear"]
    assert not dialog.clear_button.isEnabled()
    assert dialog.note.text() == "This flag is cleared by its own decision on the Approval step."
    dialog.reject()
