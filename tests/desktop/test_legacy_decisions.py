"""Issue 15 on the desktop: a case approved before the upgrade (no signature) shows
``decision.signed_before_upgrade`` on its checklist with "Sign again" for the decision's
author and "Approve again…" for a second supervisor signed in on the spot; real clicks on a
real upgraded SQLCipher database."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import func, select, update

from laissez.casework.states import CaseState as S
from laissez.desktop.flow.second_person import SecondPersonDialog
from laissez.storage.keys import TEST_KDF
from laissez.storage.models import Approval, AuditEvent
from tests.support.desktop import open_case_in_window, sign_in_second_person
from tests.support.world import PASSPHRASE, World

LEFT = Qt.MouseButton.LeftButton
CODE = "decision.signed_before_upgrade"


@pytest.fixture
def world(isolated_dirs: Path) -> Iterator[World]:
    """A mission upgraded from schema 0006 (it had an era without signatures)."""
    made = World(isolated_dirs, upgraded_from="0006")
    try:
        yield made
    finally:
        made.close()


def _app(qtbot, name: str):  # type: ignore[no-untyped-def]
    from laissez.desktop.app import create_application

    application = create_application(kdf=TEST_KDF)
    qtbot.addWidget(application.window)
    application.window.show()
    with qtbot.waitSignal(application.session.signed_in, timeout=10000):
        application.session.sign_in(name, PASSPHRASE.format(name=name))
    return application


@pytest.fixture
def sam_app(qtbot, world):  # type: ignore[no-untyped-def]
    application = _app(qtbot, "sam")
    yield application
    if application.session.signed_in_now:
        application.session.sign_out()


@pytest.fixture
def oscar_app(qtbot, world):  # type: ignore[no-untyped-def]
    application = _app(qtbot, "oscar")
    yield application
    if application.session.signed_in_now:
        application.session.sign_out()


def _approved_before_signing(world: World) -> uuid.UUID:
    """A case approved by sam whose approval looks as schema 0007 leaves one made before it."""
    case = world.new_case(S.APPROVED)
    with world.admin.session() as s:
        first_signed = s.scalar(
            select(func.min(AuditEvent.at)).where(AuditEvent.signature.is_not(None))
        )
        s.execute(
            update(Approval)
            .where(Approval.case_id == case)
            .values(signature=None, decided_at=first_signed - dt.timedelta(minutes=5))
        )
    assert CODE in [i.code for i in world["oscar"].gate(case)]
    return case


def _actions(world: World) -> list[str]:
    with world.admin.read_session() as s:
        return list(s.scalars(select(AuditEvent.action).order_by(AuditEvent.seq)))


def test_the_author_signs_the_old_approval_again(qtbot, sam_app, world) -> None:
    case = _approved_before_signing(world)
    page = open_case_in_window(sam_app.window, case)
    step = page.current_step()
    gate = step.gate
    assert CODE in gate.sentences
    assert set(gate.legacy_buttons) == {"resign", "reaffirm"}
    qtbot.mouseClick(gate.legacy_buttons["resign"], LEFT)
    step = page.current_step()
    assert step.message.text() == "1 of your decisions from before the upgrade is now signed."
    assert not step.message.error
    assert CODE not in step.gate.sentences and not step.gate.legacy_buttons
    codes = [i.code for i in world["oscar"].gate(case)]
    assert CODE not in codes and "decision.unsigned" not in codes
    assert _actions(world).count("decision.resigned") == 1


def test_another_user_cannot_sign_it_but_a_second_supervisor_approves_again(
    qtbot, oscar_app, world
) -> None:
    case = _approved_before_signing(world)
    page = open_case_in_window(oscar_app.window, case)
    step = page.current_step()
    qtbot.mouseClick(step.gate.legacy_buttons["resign"], LEFT)  # oscar decided nothing old
    assert step.message.error
    assert step.message.text().startswith("None of this case's decisions from before")
    assert CODE in page.current_step().gate.sentences
    qtbot.mouseClick(page.current_step().gate.legacy_buttons["reaffirm"], LEFT)
    [dialog] = [d for d in page.findChildren(SecondPersonDialog) if d.isVisible()]
    sign_in_second_person(qtbot, dialog, "sue")
    assert dialog.stack.currentWidget() is dialog.decision_page
    dialog.radios["reaffirmed"].click()
    qtbot.mouseClick(dialog.confirm_button, LEFT)
    assert not dialog.isVisible()
    step = page.current_step()
    assert step.message.text() == "Approved again. The travel document can now be issued."
    assert CODE not in step.gate.sentences
    assert [i.code for i in world["oscar"].gate(case)] == []
    world["sue"].decisions.issue_document(case)
    assert world["oscar"].state(case) is S.DOCUMENT_ISSUED
