"""Reading back what was recorded for a case's forms."""

from __future__ import annotations

import uuid

import pytest

from laissez.casework.errors import CaseNotFoundError
from laissez.casework.snapshot import REQUIRED_FORMS
from laissez.casework.states import CaseState
from laissez.casework.views.answers import case_answers
from laissez.forms import default_library
from tests.support.world import IDENTITY, INTERVIEW, PHOTO, World, mrz_lines


def test_a_new_case_has_no_answers(world: World) -> None:
    case_id = world.new_case(CaseState.DRAFT)
    view = case_answers(world.handles["oscar"], case_id)
    assert view.forms == {} and view.complete == ()
    assert view.missing == REQUIRED_FORMS
    assert view.answers("identity") == {}
    assert view.mrz_lines == () and view.photo is None


def test_identified_case_reads_back_identity_mrz_and_photo(world: World) -> None:
    case_id = world.new_case(CaseState.IDENTIFIED)
    view = case_answers(world.handles["olga"], case_id)
    assert view.answers("identity") == IDENTITY
    assert view.complete == ("identity",)
    assert view.is_complete("identity") and not view.is_complete("family")
    assert view.forms["identity"].form_version == default_library().form("identity").version
    assert view.mrz_lines == tuple(mrz_lines()) and view.mrz_valid
    assert view.photo == PHOTO


def test_interviewed_case_has_every_form_in_order(world: World) -> None:
    case_id = world.new_case(CaseState.INTERVIEWED)
    world["oscar"].intake.record_interview(case_id, "family", INTERVIEW["family"], language="fr")
    view = case_answers(world.handles["oscar"], case_id)
    assert view.complete == REQUIRED_FORMS and view.missing == ()
    for form_id, answers in INTERVIEW.items():
        assert view.answers(form_id) == answers
    assert view.forms["family"].language == "fr"


def test_identity_without_mrz_keeps_the_photo(world: World) -> None:
    case_id = world.new_case(CaseState.IDENTIFIED, mrz=None)
    view = case_answers(world.handles["oscar"], case_id)
    assert view.mrz_lines == () and not view.mrz_valid and view.photo == PHOTO
    bare = world.new_case(CaseState.IDENTIFIED, mrz=None, photo=None)
    assert case_answers(world.handles["oscar"], bare).photo is None


def test_unknown_case_is_refused(world: World) -> None:
    with pytest.raises(CaseNotFoundError):
        case_answers(world.handles["oscar"], uuid.uuid4())
