"""A scripted day at a mission: ten varied cases made through casework, pushed with the real
sync client (``laissez sync push``) to a real headquarters on PostgreSQL.

``EXPECTED`` is what happened that day, counted by hand from the script: the report at
headquarters must show exactly these numbers (before suppression).
"""

from __future__ import annotations

import contextlib
import io
import json
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from laissez.casework.states import CaseState as S
from laissez.cli import main as laissez_main
from laissez.storage.sync.enrolment import enrol_installation
from tests.support.sync import new_mission
from tests.support.world import ADMIN_PASSPHRASE, ADVISAL, INTERVIEW, World

RECIPIENTS = ("biometric_register", "family_tracing", "host_authorities", "legal_aid",
              "reintegration_agency")  # fmt: skip
FEAR = {**INTERVIEW["fear_of_return"], "fears_return": "yes"}
ENGLISH_NO_INTERPRETER = {
    **ADVISAL,
    "language": "en",
    "interpreter_needed": False,
    "interpreter_used": False,
    "interpreter_name": None,
}

#: the day as it happened: every report column, counted by hand from ``run_day``
EXPECTED: dict[str, int] = {
    "cases_opened": 10,
    "advisals_delivered": 9,
    "advisals_with_interpreter": 8,
    "advisals_language_bn": 8,
    "advisals_language_en": 1,
    "consents_granted_return": 8,
    "consents_granted_travel_document": 8,
    "consents_declined_return": 1,
    "consents_declined_travel_document": 0,
    "consents_withdrawn_return": 2,
    "consents_withdrawn_travel_document": 2,
    **{f"consents_declined_data_sharing_{r}": 9 for r in RECIPIENTS},
    # three fears, two referrals and a clearing happened: none of it leaves the mission with a
    # case attached (issue 14), and the month's counts leave only once the month is over
    "fear_of_return_flags": 0,
    "protection_referred": 0,
    "protection_cleared": 0,
    "protection_flags_raised": 0,
    "protection_flags_cleared": 0,
    "closed_without_document": 4,
    "documents_issued": 7,
    "documents_revoked": 2,
}


@dataclass
class Day:
    """What the day left: the world, the mission at headquarters, the cases by name."""

    world: World
    mission_code: str
    cases: dict[str, uuid.UUID] = field(default_factory=dict)
    revoked_numbers: list[str] = field(default_factory=list)


def sync(database: Path, *args: str) -> tuple[int, dict]:
    """``laissez sync ARGS --database ...`` as the administrator; returns (status, JSON out)."""
    out = io.StringIO()
    with pytest.MonkeyPatch.context() as mp, contextlib.redirect_stdout(out):
        mp.setattr("sys.stdin", io.StringIO(ADMIN_PASSPHRASE + "\n"))
        mp.setenv("LAISSEZ_USER", "admin")
        status = laissez_main(["sync", *args, "--database", str(database)])
    return status, json.loads(out.getvalue() or "{}")


def enrol(world: World, pg_url: str, hq_url: str) -> str:
    """Enrol the world's installation in a new mission at headquarters; its code."""
    mission_code, enrolment = new_mission(pg_url)
    enrol_installation(world.admin.session, world.admin.engine, hq_url, enrolment, "desk-1")
    return mission_code


def _advise_to_issue(world: World, case_id: uuid.UUID) -> None:
    """From interviewed: advisal, data sharing declined, consents, approval, document."""
    cw = world["oscar"]
    cw.consent.deliver_advisal(case_id, **ADVISAL)
    for recipient in RECIPIENTS:
        cw.consent.record_data_sharing(case_id, recipient, "declined")
    cw.consent.record_consent(case_id, "return", "granted")
    cw.consent.record_consent(case_id, "travel_document", "granted")
    world["sam"].decisions.approve(case_id)
    world["sam"].decisions.issue_document(case_id)


def run_day(world: World, day: Day) -> None:
    """Ten cases, each a different path through the safeguards."""
    officer, protection = world["oscar"], world["pat"]
    c = day.cases
    # 1-4: documents issued (two of the persons departed)
    for name in ("issued_closed_1", "issued_closed_2", "issued_3", "issued_4"):
        c[name] = world.new_case(S.APPROVED)
        world["sam"].decisions.issue_document(c[name])
    officer.decisions.close(c["issued_closed_1"], departure_evidence="boarding_confirmed")
    officer.decisions.close(c["issued_closed_2"], departure_evidence="exit_stamp_seen")
    # 5: issued, then the person withdrew consent: the document is revoked
    c["issued_withdrawn"] = world.new_case(S.APPROVED)
    world["sam"].decisions.issue_document(c["issued_withdrawn"])
    officer.consent.withdraw_consent(c["issued_withdrawn"])
    # 6: advised in English without an interpreter, declined to return
    c["declined"] = world.new_case(S.ADVISED, advisal=ENGLISH_NO_INTERPRETER)
    officer.consent.record_consent(c["declined"], "return", "declined")
    officer.decisions.close_without_document(c["declined"], "consent_declined")
    # 7: consented, withdrew before any document, case closed
    c["withdrawn_before"] = world.new_case(S.CONSENT_RECORDED)
    officer.consent.withdraw_consent(c["withdrawn_before"])
    officer.decisions.close_without_document(c["withdrawn_before"], "consent_withdrawn")
    # 8: fear of return in the interview, referred for protection, no document ever
    c["fear_referred"] = world.new_case(S.INTERVIEWED, interview={"fear_of_return": FEAR})
    protection.decisions.record_referral_outcome(c["fear_referred"], "asylum_claim_lodged")
    protection.decisions.close_without_document(c["fear_referred"], "referred")
    # 9: fear in the interview, cleared by a protection officer, then a document
    c["fear_cleared"] = world.new_case(S.INTERVIEWED, interview={"fear_of_return": FEAR})
    protection.decisions.record_referral_outcome(c["fear_cleared"], "no_protection_need")
    _advise_to_issue(world, c["fear_cleared"])
    # 10: issued, then the person said they fear return: revoked, referred, closed
    c["issued_then_fear"] = world.new_case(S.APPROVED)
    world["sam"].decisions.issue_document(c["issued_then_fear"])
    officer.intake.record_fear_expressed(c["issued_then_fear"])
    protection.decisions.record_referral_outcome(
        c["issued_then_fear"], "referred_to_protection_agency"
    )
    protection.decisions.close_without_document(c["issued_then_fear"], "referred")
    day.revoked_numbers = [number for number, _reason in officer.decisions.revocation_list()]


def make_day(directory: Path, pg_url: str, hq_url: str) -> Day:
    """A world enrolled at headquarters, the day's cases made, and pushed."""
    world = World(directory)
    day = Day(world, enrol(world, pg_url, hq_url))
    run_day(world, day)
    return day
