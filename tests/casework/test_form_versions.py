"""A form's newer version (version 2 added Arabic) and the cases answered with an older one."""

from __future__ import annotations

import copy
import shutil
import uuid
from pathlib import Path

from sqlalchemy import select

from laissez.casework.service import Casework
from laissez.casework.states import CaseState
from laissez.forms import Library, default_library, validate
from laissez.forms.library import DEFAULT_ROOT
from laissez.storage.models import Case, InterviewAnswers
from tests.support.world import ADVISAL, IDENTITY, INTERVIEW, PHOTO, World, mrz_lines


def _version_1_only(tmp_path: Path) -> Library:
    """The library as it was before version 2 of the forms was published."""
    root = tmp_path / "library-v1"
    shutil.copytree(DEFAULT_ROOT, root)
    for path in root.glob("forms/*/2.yaml"):
        path.unlink()
    return Library(root)


def _stored(world: World, case_id: uuid.UUID) -> dict[str, tuple[str, dict]]:
    with world.handles["sam"].session() as session:
        rows = session.scalars(select(InterviewAnswers).where(InterviewAnswers.case_id == case_id))
        return {r.form_id: (r.form_version, dict(r.answers)) for r in rows}


def test_a_case_answered_with_version_1_goes_on_to_approval(world: World, tmp_path: Path) -> None:
    old = Casework(world.handles["oscar"], library=_version_1_only(tmp_path))
    case_id = old.intake.open_case()
    old.intake.record_identity(case_id, IDENTITY, mrz_lines=mrz_lines(), photo=PHOTO)
    for form_id, answers in copy.deepcopy(INTERVIEW).items():
        old.intake.record_interview(case_id, form_id, answers)
    stored = _stored(world, case_id)
    assert {form_id: version for form_id, (version, _a) in stored.items()} == dict.fromkeys(
        ["identity", *INTERVIEW], "1"
    )

    # version 2 is now the newest: the case goes on, and its answers keep their version
    oscar = world["oscar"]
    oscar.consent.deliver_advisal(case_id, **ADVISAL)
    for recipient in default_library().consent_scopes().recipients():
        oscar.consent.record_data_sharing(case_id, recipient, "declined")
    oscar.consent.record_consent(case_id, "return", "granted")
    oscar.consent.record_consent(case_id, "travel_document", "granted")
    world["sam"].decisions.approve(case_id)
    assert oscar.gate(case_id) == ()
    with world.handles["sam"].session() as session:
        assert session.get(Case, case_id).status == CaseState.APPROVED.value
    library = default_library()
    for form_id, (version, answers) in _stored(world, case_id).items():
        assert version == "1"
        assert validate(library.form(form_id, version), answers) == ()  # it still resolves
        assert validate(library.form(form_id), answers) == ()  # and fits version 2 as well


def test_answers_recorded_now_name_version_2(world: World) -> None:
    case_id = world.new_case(CaseState.INTERVIEWED)
    assert {version for version, _a in _stored(world, case_id).values()} == {"2"}
