"""The person match: normalised keys (transliteration, skeletons), the indexed lookup, and what
retention leaves of a case's keys."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select, text, update

from laissez.casework import match_keys
from laissez.casework.match_keys import Evidence, fold_name, keys, skeleton, verdict
from laissez.casework.states import CaseState
from laissez.storage import retention
from laissez.storage.models import OutboxEntry, PersonMatchKey
from laissez.storage.outbox import ACKED
from tests.support.world import World


def test_names_fold_by_the_icao_transliteration_in_any_order() -> None:
    assert fold_name("Müller", "José") == fold_name("MUELLER", "JOSE") == "JOSE MUELLER"
    assert fold_name("Amina", "Rahman") == fold_name("Rahman", "Amina")
    # the Arabic script and the passport's Latin spelling share a skeleton, not a name
    assert fold_name("حداد", "ليلى") != fold_name("Haddad", "Layla")
    assert skeleton(fold_name("حداد", "ليلى")) == skeleton(fold_name("Haddad", "Layla"))
    assert skeleton("MOHAMMED") == skeleton("MUHAMMAD")


def test_exact_and_uncertain_evidence() -> None:
    passport = Evidence(documents=(("BGD", "BX1234567", True),))
    typed = Evidence(documents=(("BGD", "bx 123 4567", False),))
    shared = {d for _k, d in keys(passport)} & {d for _k, d in keys(typed)}
    assert len(shared) == 1  # the typed number is normalised, and compared with the read one
    assert verdict({match_keys.DOC}, {match_keys.DOC}) == ("document", None)
    assert verdict({match_keys.DOC}, {match_keys.DOC_UNVERIFIED}) == (
        None,
        "same_document_unverified",
    )
    full = Evidence(names=(("Rahman", "Amina"),), date_of_birth="1990-03-04", nationality="BGD")
    partial = Evidence(names=(("Rahman", "Amina"),), date_of_birth="1990-XX-XX", nationality="BGD")
    kinds_full = {k for k, _d in keys(full)}
    kinds_partial = {k for k, _d in keys(partial)}
    assert match_keys.NAME_BIRTH in kinds_full
    assert kinds_partial == {match_keys.NAME}  # a partly unknown birth date is never exact
    assert verdict({match_keys.NAME}, {match_keys.NAME}) == (None, "same_name_other_birth")


def test_no_key_holds_the_value_it_was_made_from() -> None:
    found = keys(Evidence(names=(("Rahman", "Amina"),), date_of_birth="1990-03-04",
                          nationality="BGD", documents=(("BGD", "BX1234567", True),)))  # fmt: skip
    assert all(len(d) == 64 and "RAHMAN" not in d and "BX12" not in d for _k, d in found)


def test_the_match_is_an_indexed_lookup_not_a_scan(world: World) -> None:
    world.new_case(CaseState.IDENTIFIED)
    with world.handles["oscar"].session() as session:
        stmt = select(PersonMatchKey.case_id).where(PersonMatchKey.digest.in_(["a" * 64]))
        sql = str(stmt.compile(compile_kwargs={"literal_binds": True}))
        plan = " ".join(str(r[-1]) for r in session.execute(text(f"EXPLAIN QUERY PLAN {sql}")))
    assert "USING INDEX ix_person_match_keys_digest" in plan, plan


def test_retention_clears_a_purged_case_keys(world: World) -> None:
    case_id = world.new_case(CaseState.IDENTIFIED)
    world["oscar"].decisions.close_without_document(case_id, "person_left")
    with world.admin.session() as session:
        assert session.scalars(
            select(PersonMatchKey.digest).where(PersonMatchKey.case_id == case_id)
        ).all()
        retention.set_rule(session, world.admin.user.id, "closed_without_document", 1)
        # headquarters has what it needed: retention may now purge the case
        session.execute(
            update(OutboxEntry).where(OutboxEntry.case_id == case_id).values(status=ACKED)
        )
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=3)
    with world.admin.session() as session:
        report = retention.purge(session, world.admin.user.id, now=later)
        assert case_id in report.purged
        digests = session.scalars(
            select(PersonMatchKey.digest).where(PersonMatchKey.case_id == case_id)
        ).all()
    assert digests and set(digests) == {None}
