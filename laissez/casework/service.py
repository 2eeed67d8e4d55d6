"""The case lifecycle on the encrypted database: ``Casework``, built from one part per
concern. Each transition checks who is acting (the user who unlocked the database) and the
case's state, then writes the change, an audit event (ids, states and codes only) and an
outbox entry in ONE transaction, or raises a ``CaseworkError`` and writes nothing.
``decisions.issue_document`` is the only way into ``document_issued``, and it passes the
safeguard gate inside the same transaction.

The parts (each a plain class in its own module, sharing one ``CaseContext``):

* ``cw.intake`` (``intake.IntakeSteps``): open_case, record_identity, approve_nationality,
  record_interview, record_fear_expressed;
* ``cw.consent`` (``consenting.ConsentSteps``): deliver_advisal, record_consent,
  record_data_sharing, withdraw_consent;
* ``cw.decisions`` (``decisions.DecisionSteps``): record_referral_outcome,
  record_voluntariness_review, release_protection_hold, approve, reject_approval,
  issue_document, close, close_without_document, documents, revocation_list;
* ``cw.signing`` (``signing.SigningSteps``): install_signer, signers, reprint_document,
  print_events, trusted_certificates, revocations_for, verify_printed;
* ``cw.certificates`` (``signer_request.CertificateRequestSteps``): request_certificate,
  request_state (the seal signer's certificate from headquarters);
* ``cw.numbers`` (``numbers.NumberSteps``): numbers_left, numbers_notice, load_numbers;
* ``cw.prints`` (``print_log.PrintLogSteps``): record_print, pending_pdf;
* ``cw.persons`` (``persons.PersonSteps``): proposals, linked_cases, decide_match (the
  person across cases);
* ``cw.lost`` (``lost.LostSteps``): report_lost (revokes at once; a replacement is issued
  anew through the gate).

Reading stays on ``Casework`` itself: ``state``, ``gate``, ``snapshot``, ``list_cases``.

Typical use (see also ``laissez case --help``)::

    cw = Casework(db)                                  # db: laissez.storage.database.Database
    case_id = cw.intake.open_case()
    cw.intake.record_identity(case_id, identity_answers, mrz_lines=lines, mrz_source="typed")
    for form_id, answers in interview.items():
        cw.intake.record_interview(case_id, form_id, answers)
    cw.consent.deliver_advisal(case_id, language="ar", ...)
    cw.consent.record_consent(case_id, "return", "granted"); ...
    Casework(supervisor_db).decisions.approve(case_id)
    etd = cw.decisions.issue_document(case_id)         # EtdData; etd.pdf: the sealed ETD
    pdf = cw.signing.reprint_document(etd.document_id, "printer_jam")
    cw.signing.verify_printed(pdf)                     # DocumentCheck (mission's trust state)
"""

from __future__ import annotations

import uuid

from sqlalchemy import select

from laissez.casework.base import CaseContext, CaseSummary
from laissez.casework.consenting import ConsentSteps
from laissez.casework.decisions import DecisionSteps
from laissez.casework.gate import GateIssue, evaluate
from laissez.casework.intake import IntakeSteps
from laissez.casework.legacy import LegacySteps
from laissez.casework.lost import LostSteps
from laissez.casework.numbers import NumberSteps
from laissez.casework.persons import PersonSteps
from laissez.casework.print_log import PrintLogSteps
from laissez.casework.signer_request import CertificateRequestSteps
from laissez.casework.signing import SigningSteps
from laissez.casework.snapshot import CaseSnapshot
from laissez.casework.states import CaseState
from laissez.forms import Library
from laissez.storage.database import Database
from laissez.storage.models import Case


class Casework:
    """Every transition of the case lifecycle, acting as the user who unlocked ``db``: one
    part per concern (``intake``, ``consent``, ``decisions``, ``signing``, ``numbers``,
    ``prints``, ``persons``, ``lost``), and the four ways to read a case."""

    def __init__(self, db: Database, *, library: Library | None = None) -> None:
        self.context = CaseContext(db, library=library)
        self.db = db
        self.intake = IntakeSteps(self.context)
        self.consent = ConsentSteps(self.context)
        self.decisions = DecisionSteps(self.context)
        self.signing = SigningSteps(self.context)
        self.certificates = CertificateRequestSteps(self.context)
        self.numbers = NumberSteps(self.context)
        self.prints = PrintLogSteps(self.context)
        self.persons = PersonSteps(self.context)
        self.lost = LostSteps(self.context)
        self.legacy = LegacySteps(self.context)

    @property
    def library(self) -> Library:
        """The texts and forms this mission may use (see ``CaseContext.library``)."""
        return self.context.library

    # --- reading ------------------------------------------------------------------------------

    def state(self, case_id: uuid.UUID) -> CaseState:
        """The case's current state."""
        with self.db.session() as session:
            return CaseState(self.context.case(session, case_id).status)

    def gate(self, case_id: uuid.UUID) -> tuple[GateIssue, ...]:
        """What the safeguard gate says about the case now (every unmet condition)."""
        with self.db.session() as session:
            return evaluate(self.context.snapshot(session, self.context.case(session, case_id)))

    def snapshot(self, case_id: uuid.UUID) -> CaseSnapshot:
        """The frozen facts the gate looks at."""
        with self.db.session() as session:
            return self.context.snapshot(session, self.context.case(session, case_id))

    def list_cases(self, limit: int = 100) -> list[CaseSummary]:
        """The newest cases with their state and current gate codes."""
        with self.db.session() as session:
            cases = session.scalars(
                select(Case).order_by(Case.created_at.desc()).limit(limit)
            ).all()
            return [
                CaseSummary(
                    c.id,
                    c.status,
                    c.created_at,
                    tuple(i.code for i in evaluate(self.context.snapshot(session, c))),
                )
                for c in cases
            ]


__all__ = ["CaseContext", "CaseSummary", "Casework"]
