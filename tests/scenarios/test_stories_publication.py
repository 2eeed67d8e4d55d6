"""Stories of issue 20, from the person's side: the words read to Amina are the words
headquarters published and signed, her data-sharing decision holds only for what she was told,
and nobody gains a role the gate trusts without an administrator's signed decision.

Each story runs on the real encrypted database; the publication stories drive the real
headquarters (PostgreSQL, a ``laissez-hq`` process) into the real device sync.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from sqlalchemy import create_engine, select, update
from sqlalchemy.orm import Session

from laissez.casework.errors import AdvisalTextUnpublishedError, RoleRequiredError
from laissez.casework.service import Casework
from laissez.casework.staff import StaffRequestError, change_staff_roles
from laissez.casework.states import CaseState
from laissez.forms import Library, content_hash
from laissez.forms.library import DEFAULT_ROOT, MANIFEST
from laissez.hq import admin
from laissez.hq.errors import PublicationError
from laissez.storage.database import Database
from laissez.storage.models import ConsentDecision, InterviewAnswers, RightsAdvisal, UserRole
from laissez.storage.models.sync import SyncFormVersion
from laissez.storage.sync.engine import SyncEngine
from laissez.storage.sync.enrolment import connect, enrol_installation
from tests.support import own_hq
from tests.support.pg import HqServer
from tests.support.publications import dump, fresh_version, packaged
from tests.support.sync import new_mission
from tests.support.world import ADVISAL, INTERVIEW, PASSPHRASE, World, codes

# this module changes what headquarters hands out: its own database and process
pg_url = own_hq.pg_url
hq_process = own_hq.hq_process

S = CaseState
FEAR_YES = {**INTERVIEW["fear_of_return"], "fears_return": "yes"}


def _hq(pg_url: str) -> Session:
    return Session(create_engine(pg_url), expire_on_commit=False)


@pytest.fixture
def mission(world: World, pg_url: str, hq_server: HqServer) -> Iterator[SyncEngine]:
    """The world's mission, enrolled with the real headquarters; its sync engine."""
    _code, enrolment = new_mission(pg_url)
    db = world.admin
    enrol_installation(db.session, db.engine, hq_server.url, enrolment, "desk-1")
    engine = connect(db.session, db.engine, timeout=10)
    yield engine
    engine.close()


def _edited_library(tmp_path: Path, *, manifest_too: bool) -> Library:
    """The packaged texts with Amina's advisal (Bengali) edited on disk, and its manifest
    entry rewritten to the new hash when ``manifest_too``."""
    root = tmp_path / "library"
    shutil.copytree(DEFAULT_ROOT, root)
    path = root / "advisal" / "rights" / "1" / f"{ADVISAL['language']}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["points"] = [p for p in data["points"] if p["code"] != "asylum"] + [
        {"code": "asylum", "heading": "Asylum", "body": "You cannot ask for asylum here."}
    ]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    if manifest_too:
        manifest = json.loads((root / MANIFEST).read_text(encoding="utf-8"))
        manifest[f"advisal/rights@1/{ADVISAL['language']}"] = content_hash(data)
        (root / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    return Library(root)


# --- 4. texts and forms only as published -------------------------------------------------------


def test_amina_is_never_read_a_text_edited_on_this_computer(world: World, tmp_path: Path) -> None:
    """Someone rewrote the asylum point of Amina's advisal on disk, and its manifest entry so
    the hashes agree: the case cannot go on on it, and says so in a sentence."""
    edited = Casework(world.handles["oscar"], library=_edited_library(tmp_path, manifest_too=True))
    case_id = world.new_case(S.INTERVIEWED)
    with pytest.raises(AdvisalTextUnpublishedError) as refused:
        edited.consent.deliver_advisal(case_id, **ADVISAL)
    assert refused.value.code == "casework.advisal_unpublished"
    assert "published and signed" in refused.value.message
    assert world["oscar"].state(case_id) is S.INTERVIEWED
    # a case advised from the real text is judged against the edited one: it does not count
    world["oscar"].consent.deliver_advisal(case_id, **ADVISAL)
    assert "advisal.text_unknown" in [i.code for i in edited.gate(case_id)]
    assert "advisal.text_unknown" not in codes(world, case_id)


def test_a_draft_beside_the_published_form_changes_nothing_for_amina(
    world: World, tmp_path: Path
) -> None:
    """A draft of the fear-of-return form, without the question whether she fears return, sits
    beside the published version: Amina is still asked from the published one."""
    root = tmp_path / "library"
    shutil.copytree(DEFAULT_ROOT, root)
    draft = packaged("forms/fear_of_return/2.yaml")
    draft.update(version="3", status="draft")
    (root / "forms" / "fear_of_return" / "3.yaml").write_text(dump(draft), encoding="utf-8")
    officer = Casework(world.handles["oscar"], library=Library(root))
    assert officer.library.form("fear_of_return").version == "2"
    case_id = world.new_case(S.IDENTIFIED)
    officer.intake.record_interview(case_id, "fear_of_return", INTERVIEW["fear_of_return"])
    with world.handles["oscar"].session() as s:
        row = s.scalars(
            select(InterviewAnswers).where(
                InterviewAnswers.case_id == case_id, InterviewAnswers.form_id == "fear_of_return"
            )
        ).one()
        assert row.form_version == "2"


def test_headquarters_publishes_amina_a_new_advisal_and_the_mission_uses_it_signed(
    world: World, mission: SyncEngine, pg_url: str, tmp_path: Path
) -> None:
    """Headquarters publishes a corrected Bengali advisal. Until the mission syncs, Amina is
    advised from the packaged text; after, from the new one, whose version and hash her case
    records. A copy altered in the mission's database no longer counts; an advisal leaving out
    her right to say she fears return is refused at headquarters."""
    language = ADVISAL["language"]
    text = packaged(f"advisal/rights/1/{language}.yaml")
    version = fresh_version()
    text.update(version=version, closing=text["closing"] + " (2)")
    with _hq(pg_url) as s:
        key, digest = admin.publish_form(s, dump(text))
        s.commit()
        incomplete = dict(text, version=fresh_version())
        incomplete["points"] = [p for p in text["points"] if p["code"] != "fear_of_return"]
        with pytest.raises(PublicationError, match="missing: fear_of_return"):
            admin.publish_form(s, dump(incomplete))
    assert key == f"advisal/rights@{version}/{language}"

    before = world.new_case(S.ADVISED)
    assert mission.pull().form_versions >= 1
    after = world.new_case(S.ADVISED)
    with world.handles["oscar"].session() as s:
        seen = {
            a.case_id: (a.text_version, a.text_hash)
            for a in s.scalars(
                select(RightsAdvisal).where(RightsAdvisal.case_id.in_([before, after]))
            )
        }
    assert seen[before][0] == "1"
    assert seen[after] == (version, digest)
    assert "advisal.text_unknown" not in codes(world, after)

    # someone edits headquarters' text in the mission's database: it is no longer published
    with world.admin.session() as s:
        s.execute(
            update(SyncFormVersion)
            .where(SyncFormVersion.form_id == "advisal/rights", SyncFormVersion.version == version)
            .values(body=dump(dict(text, closing="You must go back.")))
        )
    assert "advisal.text_unknown" in codes(world, after)
    assert world["oscar"].library.advisal(language).version == "1"


# --- 5. consent bound to what the person was told ---------------------------------------------


def test_amina_is_asked_again_when_what_a_recipient_gets_changes(
    world: World, mission: SyncEngine, pg_url: str
) -> None:
    """Amina declined to share her data with family tracing, as it was explained to her. Then
    headquarters changes what family tracing receives (her photograph too), and later why: each
    time her old decision stops counting until she is asked again on the new terms."""
    case_id = world.new_case(S.CONSENT_RECORDED)
    assert codes(world, case_id) == ["approval.missing"]
    with world.handles["oscar"].session() as s:
        first = s.scalars(
            select(ConsentDecision).where(ConsentDecision.recipient == "family_tracing")
        ).one()
        assert first.shared_data and first.purpose and first.terms_hash

    scopes = packaged("consent/standard/2.yaml")
    tracing = next(x for x in scopes["scopes"] if x.get("recipient") == "family_tracing")
    tracing["data"] = [*tracing["data"], "photo"]
    with _hq(pg_url) as s:
        admin.publish_form(s, dump(dict(scopes, version=fresh_version())))
        s.commit()
    mission.pull()
    assert codes(world, case_id) == ["consent.sharing_terms_changed", "approval.missing"]

    world["oscar"].consent.record_data_sharing(case_id, "family_tracing", "declined")
    assert codes(world, case_id) == ["approval.missing"]
    with world.handles["oscar"].session() as s:
        again = s.scalars(
            select(ConsentDecision)
            .where(ConsentDecision.recipient == "family_tracing")
            .order_by(ConsentDecision.decided_at.desc())
        ).first()
        assert "photo" in again.shared_data

    # only the purpose changes, in the language she was told: asked again once more
    tracing["explanation"][ADVISAL["language"]] += " (2)"
    with _hq(pg_url) as s:
        admin.publish_form(s, dump(dict(scopes, version=fresh_version())))
        s.commit()
    mission.pull()
    assert codes(world, case_id) == ["consent.sharing_terms_changed", "approval.missing"]
    world["oscar"].consent.record_data_sharing(case_id, "family_tracing", "granted")
    assert codes(world, case_id) == ["approval.missing"]


# --- 6. roles are decisions -----------------------------------------------------------------------


def test_a_role_written_into_the_database_never_decides_on_amina(world: World) -> None:
    """Someone who can write the database makes the officer Olga a supervisor and Oscar a
    protection officer with SQL. Neither can approve Amina's document or clear her fear of
    return; the gate ignores an approval written in Olga's name. Once the administrator grants
    Olga the role, signed, she can approve; nobody grants a role to themselves."""
    case_id = world.new_case(
        S.CONSENT_RECORDED, officer="oscar", interview={"fear_of_return": FEAR_YES}
    )
    ids = {name: db.user.id for name, db in world.handles.items()}
    with world.admin.session() as s:
        s.add_all(
            [
                UserRole(user_id=ids["olga"], role="supervisor"),
                UserRole(user_id=ids["oscar"], role="protection_officer"),
            ]
        )
    olga = Database.open(world.path, username="olga", passphrase=PASSPHRASE.format(name="olga"))
    oscar = Database.open(world.path, username="oscar", passphrase=PASSPHRASE.format(name="oscar"))
    try:
        assert olga.user.roles == frozenset({"officer"})
        with pytest.raises(RoleRequiredError):
            Casework(olga).decisions.approve(case_id)
        with pytest.raises(RoleRequiredError):
            Casework(oscar).decisions.record_referral_outcome(case_id, "no_protection_need")
        assert codes(world, case_id) == ["fear.unresolved", "approval.missing"]

        # nobody grants themselves a role, administrators included
        with pytest.raises(StaffRequestError):
            change_staff_roles(world.admin, "admin", ["administrator", "supervisor"])
        with pytest.raises(RoleRequiredError):
            change_staff_roles(olga, "olga", ["officer", "supervisor"])

        change_staff_roles(world.admin, "olga", ["officer", "supervisor"])
        world["pat"].decisions.record_referral_outcome(case_id, "no_protection_need")
        olga_again = Database.open(
            world.path, username="olga", passphrase=PASSPHRASE.format(name="olga")
        )
        try:
            Casework(olga_again).decisions.approve(case_id)
            assert codes(world, case_id) == []
            change_staff_roles(world.admin, "olga", ["officer"])
            assert codes(world, case_id) == ["approval.not_supervisor"]
        finally:
            olga_again.close()
    finally:
        olga.close()
        oscar.close()
