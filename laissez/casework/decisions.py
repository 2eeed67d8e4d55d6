"""Transitions that decide: protection-officer outcomes, four-eyes approval, issuing the
document through the safeguard gate (sealed and printed in the same transaction), closing."""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Sequence
from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from laissez.casework import facts, signatures
from laissez.casework import flags as red_flags
from laissez.casework.base import CaseContext, require_independent
from laissez.casework.errors import (
    FlagClearError,
    GateBlockedError,
    InvalidTransitionError,
    MissingInformationError,
    NoDocumentNumbersError,
    PrintFailedError,
    TokenPinRequiredError,
)
from laissez.casework.etd import ETD_VALIDITY_DAYS, EtdData
from laissez.casework.gate import (
    EXIT_REFERRAL_OUTCOMES,
    FREE_CONSENT_CONFIRMED,
    REFERRAL_OUTCOMES,
    VOLUNTARINESS_OUTCOMES,
    GateIssue,
    evaluate,
)
from laissez.casework.numbers import NO_NUMBERS_CODE, number_notice, take_document_number
from laissez.casework.seal_token import token_config, token_failure
from laissez.casework.signing import active_signer, printed_etd
from laissez.casework.snapshot import (
    OFFICER,
    PROTECTION_OFFICER,
    SUPERVISOR,
)
from laissez.casework.states import TERMINAL, CaseState
from laissez.documents.errors import DocumentError
from laissez.documents.seal.pki import ETD_MAX_VALIDITY_DAYS
from laissez.documents.seal.token import TokenError
from laissez.printing.errors import PrintingError
from laissez.protocol import kinds
from laissez.storage import audit, outbox
from laissez.storage.ids import utcnow
from laissez.storage.models import (
    Approval,
    Case,
    DocumentImage,
    IdentityDocument,
    InterviewAnswers,
    LegalProceeding,
    Mission,
    Person,
    PrintEvent,
    Revocation,
    Screening,
    TravelDocument,
)
from laissez.storage.sync import state as sync_state

logger = logging.getLogger(__name__)
S = CaseState


#: how a departure is known: the carrier confirmed boarding, an exit stamp was seen, the escort
#: reported it, or the person confirmed it from abroad
DEPARTURE_EVIDENCE: tuple[str, ...] = (
    "boarding_confirmed", "exit_stamp_seen", "escort_report", "person_confirmed_from_abroad",
)  # fmt: skip


def check_validity(valid_days: int) -> None:
    """An ETD is valid from 1 day up to the policy limit (``ETD_MAX_VALIDITY_DAYS``, 90 days);
    anything else is refused with ``MissingInformationError``."""
    if not isinstance(valid_days, int) or not 1 <= valid_days <= ETD_MAX_VALIDITY_DAYS:
        raise MissingInformationError(
            f"an emergency travel document is valid for 1 to {ETD_MAX_VALIDITY_DAYS} days, "
            f"not {valid_days}",
            fields=["valid_days"],
        )


def doc_day(doc: TravelDocument) -> dt.date:
    """The day a travel document was issued (UTC): its issue and seal signature date."""
    return doc.issued_at.date()


class DecisionSteps:
    """Protection officer, approval, issue, close (``Casework.decisions``)."""

    def __init__(self, ctx: CaseContext) -> None:
        self.ctx = ctx

    # --- protection officer -------------------------------------------------------------------

    def _decided_screening(self, case: Case, kind: str, outcome: str, **extra: object) -> Screening:
        """A screening that this officer both records and decides, now."""
        now = utcnow()
        row = Screening(
            case_id=case.id,
            kind=kind,
            outcome=outcome,
            screened_by=self.ctx.actor_id,
            screened_at=now,
            decided_by=self.ctx.actor_id,
            decided_at=now,
            **extra,
        )
        signatures.sign_screening(self.ctx.db, row)
        return row

    def record_referral_outcome(self, case_id: uuid.UUID, outcome: str) -> None:
        """A protection officer records the outcome of the fear-of-return referral.

        ``asylum_claim_lodged`` / ``referred_to_protection_agency`` -> protection_referral (no
        document, ever, in this case). ``no_protection_need`` / ``fear_withdrawn_after_counselling``
        clear the fear block (a case waiting in protection_referral goes back to interviewed;
        an approved case needs approving again).
        """
        self.ctx.require(PROTECTION_OFFICER)
        if outcome not in REFERRAL_OUTCOMES:
            raise MissingInformationError(
                f"referral outcome must be one of {', '.join(sorted(REFERRAL_OUTCOMES))}"
            )
        with self.ctx.db.session() as session:
            case = self.ctx.case(session, case_id)
            screening = facts.latest_screening(session, case.id, facts.FEAR_OF_RETURN)
            pending = screening is not None and screening.fear_expressed is not False
            raised = red_flags.open_flags(session, case.id, red_flags.FEAR)
            if screening is None or not pending or screening.referral_outcome is not None:
                if not raised:
                    raise InvalidTransitionError(
                        f"case {case.id} has no fear of return waiting for a referral outcome",
                        state=case.status,
                        action="record_referral_outcome",
                    )
                # the fear was raised and the form re-saved since: the decision gets its own
                # screening record
                previous = dict(screening.answers or {}) if screening else {}
                screening = self._decided_screening(
                    case, facts.FEAR_OF_RETURN, "pending", fear_expressed=True, answers=previous
                )
                session.add(screening)
            self.ctx.check_state(case, "record_referral_outcome")
            red_flags.clear(session, case.id, red_flags.FEAR, self.ctx.actor_id, outcome,
                            sign=self.ctx.db.sign)  # fmt: skip
            if outcome == "asylum_claim_lodged":
                red_flags.raise_flags(session, case.id, [(red_flags.ASYLUM_CLAIM, None)],
                                      "referral_outcome", self.ctx.actor_id)  # fmt: skip
            screening.referral_outcome = outcome
            screening.outcome = "referred" if outcome in EXIT_REFERRAL_OUTCOMES else "cleared"
            screening.decided_by = self.ctx.actor_id
            screening.decided_at = utcnow()
            signatures.sign_screening(self.ctx.db, screening)
            new_state: CaseState | None
            if case.status in TERMINAL:
                new_state = None  # decided for the person's other cases; this one stays closed
            elif outcome in EXIT_REFERRAL_OUTCOMES:
                new_state = S.PROTECTION_REFERRAL
            elif case.status == S.PROTECTION_REFERRAL:
                new_state = S.INTERVIEWED
            else:
                new_state = self.ctx.lapse_approval(case)
            assert outcome in REFERRAL_OUTCOMES
            self.ctx.log(
                session,
                case,
                "record_referral_outcome",
                new_state,
                {"outcome": outcome},
                # headquarters learns referred or cleared, never which protection route
                {"outcome": screening.outcome},
            )

    def record_voluntariness_review(self, case_id: uuid.UUID, outcome: str) -> None:
        """A protection officer reviews whether consent is free (``free_consent_confirmed`` or
        ``consent_not_free``). After a confirmation the person must confirm consent again."""
        self.ctx.require(PROTECTION_OFFICER)
        if outcome not in VOLUNTARINESS_OUTCOMES:
            raise MissingInformationError(
                f"outcome must be one of {', '.join(sorted(VOLUNTARINESS_OUTCOMES))}"
            )
        with self.ctx.db.session() as session:
            case = self.ctx.case(session, case_id)
            self.ctx.check_state(case, "record_voluntariness_review")
            session.add(self._decided_screening(case, facts.VOLUNTARINESS, outcome))
            if outcome == FREE_CONSENT_CONFIRMED:
                red_flags.clear(session, case.id, red_flags.PRESSURE, self.ctx.actor_id,
                                outcome, sign=self.ctx.db.sign)  # fmt: skip
            else:
                red_flags.raise_flags(session, case.id, [(red_flags.PRESSURE, None)],
                                      "voluntariness_review", self.ctx.actor_id)  # fmt: skip
            self.ctx.log(
                session,
                case,
                "record_voluntariness_review",
                self.ctx.lapse_approval(case),
                {"outcome": outcome},
            )

    def release_protection_hold(self, case_id: uuid.UUID, reason_code: str) -> None:
        """A protection officer releases the hold an XXA/XXB/XXC code or a stateless or refugee
        statement put on the case (for example a confirmed voluntary repatriation)."""
        self.ctx.require(PROTECTION_OFFICER)
        self.ctx.reason(reason_code)
        with self.ctx.db.session() as session:
            case = self.ctx.case(session, case_id)
            self.ctx.check_state(case, "release_protection_hold")
            snap = self.ctx.snapshot(session, case)
            if not (
                snap.identity.protection_codes
                or snap.identity.protection_claimed
                or snap.open_flags(red_flags.PROTECTION_STATUS)
            ):
                raise InvalidTransitionError(
                    f"case {case.id} has no protection hold", action="release_protection_hold"
                )
            red_flags.clear(session, case.id, red_flags.PROTECTION_STATUS, self.ctx.actor_id,
                            reason_code, sign=self.ctx.db.sign)  # fmt: skip
            session.add(
                self._decided_screening(
                    case, facts.PROTECTION_STATUS, facts.HOLD_RELEASED, referral_outcome=reason_code
                )
            )
            self.ctx.log(
                session,
                case,
                "release_protection_hold",
                self.ctx.lapse_approval(case),
                {"reason": reason_code},
            )

    def clear_flag(
        self,
        case_id: uuid.UUID,
        kind: str,
        reason_code: str,
        *,
        reference: str | None = None,
        detail: str | None = None,
    ) -> int:
        """A protection officer clears the open flags of ``kind`` (trafficking, proceeding,
        asylum_claim, child: see ``flags.CLEAR_REASONS`` for the reasons each accepts) with a
        reason; a proceeding or an asylum claim needs its ``reference`` (``detail`` names the
        proceeding's kind). Fear, pressure and protection status are cleared by their own
        decisions. Returns how many flags were cleared (``FlagClearError`` when none is open).
        """
        self.ctx.require(PROTECTION_OFFICER)
        reasons = red_flags.CLEAR_REASONS.get(kind)
        if reasons is None:
            raise MissingInformationError(
                f"flag kind {kind} is cleared with its own decision, or unknown", fields=["kind"]
            )
        if reason_code not in reasons:
            raise MissingInformationError(
                f"the reason for clearing a {kind} flag is one of {', '.join(reasons)}",
                fields=["reason_code"],
            )
        if kind in red_flags.NEEDS_REFERENCE and not (reference or "").strip():
            raise MissingInformationError(
                f"clearing a {kind} flag needs the proceeding's reference", fields=["reference"]
            )
        with self.ctx.db.session() as session:
            case = self.ctx.case(session, case_id)
            # a closed case's open flags follow the person into their other cases: they are
            # cleared there too (the case itself stays closed)
            count = red_flags.clear(session, case.id, kind, self.ctx.actor_id, reason_code,
                                    reference=reference, detail=detail,
                                    sign=self.ctx.db.sign)  # fmt: skip
            if count == 0:
                raise FlagClearError(f"case {case.id} has no open {kind} flag")
            if kind == red_flags.PROCEEDING:
                for row in session.scalars(
                    select(LegalProceeding).where(LegalProceeding.case_id == case.id)
                ).all():
                    if detail is None or row.kind == detail:
                        row.pending = False
            if kind == red_flags.CHILD:
                case.is_minor = False
            new_state = self.ctx.lapse_approval(case)
            if (
                kind == red_flags.ASYLUM_CLAIM
                and case.status == S.PROTECTION_REFERRAL
                and not red_flags.open_flags(session, case.id, red_flags.FEAR)
                and not self.ctx.snapshot(session, case).referred_out
            ):
                new_state = S.INTERVIEWED  # the claim ended: the return track may resume
            details = {"kind": kind, "reason": reason_code, "cleared": count}
            self.ctx.log(session, case, "clear_flag", new_state, details)
            return count

    # --- four eyes, issue, close --------------------------------------------------------------

    def approve(self, case_id: uuid.UUID, comment: str | None = None) -> None:
        """A supervisor who took no part in the interview approves issuing the document.

        Every other gate condition must already hold (``GateBlockedError`` lists those that
        do not). consent_recorded -> approved.
        """
        self.ctx.require(SUPERVISOR)
        with self.ctx.db.session() as session:
            case = self.ctx.case(session, case_id)
            self.ctx.check_state(case, "approve")
            snap = self.ctx.snapshot(session, case)
            require_independent(snap, self.ctx.actor_id, case.id)
            issues = evaluate(snap, ignore_approval=True)
            record_approval(self.ctx, session, case, issues, comment)
            self.ctx.log(session, case, "approve", S.APPROVED)

    def reject_approval(
        self, case_id: uuid.UUID, reason_code: str, comment: str | None = None
    ) -> None:
        """A supervisor who took no part in the interview refuses to approve issuing the
        document, for a reason code (the audit event holds the code only; ``comment`` is kept
        with the decision). The case stays in consent_recorded and the gate reports
        ``approval.missing`` until a supervisor approves it later."""
        self.ctx.require(SUPERVISOR)
        self.ctx.reason(reason_code)
        with self.ctx.db.session() as session:
            case = self.ctx.case(session, case_id)
            self.ctx.check_state(case, "reject_approval")
            snap = self.ctx.snapshot(session, case)
            require_independent(snap, self.ctx.actor_id, case.id, verb="decide on it")
            row = Approval(
                case_id=case.id,
                approver_id=self.ctx.actor_id,
                role=SUPERVISOR,
                decision="rejected",
                reason_code=reason_code,
                comment=comment,
                subject="issue",
                decided_at=utcnow(),
            )
            signatures.sign_approval(self.ctx.db, row)
            session.add(row)
            self.ctx.log(session, case, "reject_approval", None, {"reason": reason_code})

    def issue_document(self, case_id: uuid.UUID, *, valid_days: int = ETD_VALIDITY_DAYS) -> EtdData:
        """Issue the emergency travel document: the ONLY way into document_issued, and the
        only place a new ETD is sealed and laid out (``laissez.printing.issue_etd``).

        The mission's active signing key is unlocked first (``SignerMissingError`` when none
        is installed, before anything is written). The safeguard gate runs inside the
        transaction that writes the document; if any condition is unmet nothing is written
        except an audit event naming the codes, and ``GateBlockedError`` carries every unmet
        condition. Then the seal is signed and the PDF made in the same transaction; the MRZ,
        the seal and an ``original`` print event are stored (not the PDF). If printing fails
        (``PrintFailedError``, e.g. no photo) everything is rolled back. Returns the
        ``EtdData`` with ``pdf``, ``mrz_lines`` and ``seal`` set.

        The document number is the next unused one of this device's headquarters ranges,
        taken in the same transaction (``laissez.casework.numbers``); with none left
        ``NoDocumentNumbersError`` is raised and nothing but a refusal audit event is written.
        Without the token's PIN for this session ``TokenPinRequiredError`` is raised before
        anything is written; a PIN the token refuses raises ``TokenPinWrongError`` and rolls
        everything back.
        """
        self.ctx.require(OFFICER, SUPERVISOR)
        check_validity(valid_days)
        try:
            with self.ctx.db.session() as session:
                token = token_config(self.ctx)
                signing_key_id, signer = active_signer(session, token)
                if not token.pin:
                    raise TokenPinRequiredError(
                        "the seal key's token needs its PIN; the issuing supervisor must enter it"
                    )
                case = self.ctx.case(session, case_id)
                etd = self._write_document(session, case, valid_days)
                doc = session.get(TravelDocument, etd.document_id)
                assert doc is not None
                try:
                    from laissez.printing.etd import issue_etd  # reportlab: loaded on first use

                    issued = issue_etd(printed_etd(session, doc), signer, today=doc_day(doc))
                except TokenError as exc:  # a wrong PIN: everything is rolled back
                    raise token_failure(exc, PrintFailedError) from None
                except (PrintingError, DocumentError) as exc:
                    raise PrintFailedError(
                        f"case {case.id}: the document could not be printed: {exc}"
                    ) from None
                doc.mrz_lines = "\n".join(issued.mrz_lines)
                doc.seal = issued.seal
                doc.signing_key_id = signing_key_id
                event = PrintEvent(travel_document_id=doc.id, kind="original",
                                   printed_by=self.ctx.actor_id)  # fmt: skip
                session.add(event)
                session.flush()
                audit.record(
                    session,
                    self.ctx.actor_id,
                    "travel_document.printed",
                    "travel_document",
                    doc.id,
                    {"print_event_id": event.id, "signing_key_id": signing_key_id},
                )
                notice = number_notice(sync_state.numbers_left(session))
                if notice is not None:
                    logger.warning("issue: %s", notice.code)
                return replace(etd, mrz_lines=issued.mrz_lines, seal=issued.seal, pdf=issued.pdf)
        except NoDocumentNumbersError:
            with self.ctx.db.session() as session:
                audit.record(session, self.ctx.actor_id, "case.issue_refused", "case", case_id,
                             {"codes": [NO_NUMBERS_CODE]})  # fmt: skip
            raise
        except GateBlockedError as exc:
            with self.ctx.db.session() as session:
                audit.record(
                    session,
                    self.ctx.actor_id,
                    "case.issue_refused",
                    "case",
                    case_id,
                    {"codes": list(exc.codes)},
                )
            raise

    def _write_document(self, session: Session, case: Case, valid_days: int) -> EtdData:
        check_validity(valid_days)
        # the state check and the whole gate (signed decisions included) run here, in the
        # function that writes the document, so no internal path writes one around them
        self.ctx.check_state(case, "issue_document")
        issues = evaluate(self.ctx.snapshot(session, case))
        if issues:
            raise GateBlockedError(
                f"case {case.id}: the safeguard gate found {len(issues)} unmet condition(s)",
                issues=issues,
            )
        person = session.get(Person, case.person_id)
        assert person is not None and person.nationality is not None
        mission = session.get(Mission, case.mission_id) if case.mission_id else None
        # from this device's headquarters ranges, in this transaction (see casework.numbers)
        number = take_document_number(session, mission.code if mission else None)
        today = utcnow().date()
        doc = TravelDocument(
            case_id=case.id,
            document_number=number,
            status="issued",
            valid_from=today.isoformat(),
            valid_until=(today + dt.timedelta(days=valid_days)).isoformat(),
            issued_by=self.ctx.actor_id,
        )
        session.add(doc)
        session.flush()
        photo = session.scalars(
            select(DocumentImage)
            .join(IdentityDocument)
            .where(IdentityDocument.person_id == person.id, DocumentImage.kind == "photo")
            .limit(1)
        ).first()
        audit.record(
            session, self.ctx.actor_id, "travel_document.issued", "travel_document", doc.id, {}
        )
        outbox.enqueue(
            session,
            kinds.DOCUMENT_ISSUED,
            doc.id,
            {"status": "issued", "valid_until": doc.valid_until, "document_number": number},
            case_id=case.id,
        )
        self.ctx.log(session, case, "issue_document", S.DOCUMENT_ISSUED, {"document_id": doc.id})
        return EtdData(
            case_id=case.id,
            document_id=doc.id,
            document_number=number,
            issuing_state=person.nationality,
            primary_name=person.primary_name or "",
            secondary_name=person.secondary_name or "",
            nationality=person.nationality,
            date_of_birth=person.date_of_birth,
            sex=person.sex,
            valid_from=doc.valid_from or "",
            valid_until=doc.valid_until or "",
            place_of_issue=mission.code if mission else "",
            photo=photo.data if photo else None,
            photo_media_type=photo.media_type if photo else None,
        )

    def close(self, case_id: uuid.UUID, *, departure_evidence: str | None = None) -> None:
        """The person departed with the document: document_issued -> closed.

        Needs evidence of departure (a code from ``DEPARTURE_EVIDENCE``), or the planned
        departure date (travel and route form) passed; until then the case stays open and the
        person may still withdraw (which revokes the document). ``MissingInformationError``
        otherwise, nothing written.
        """
        self.ctx.require(OFFICER, SUPERVISOR)
        if departure_evidence is not None and departure_evidence not in DEPARTURE_EVIDENCE:
            raise MissingInformationError(
                f"evidence of departure is one of {', '.join(DEPARTURE_EVIDENCE)}",
                fields=["departure_evidence"],
            )
        with self.ctx.db.session() as session:
            case = self.ctx.case(session, case_id)
            self.ctx.check_state(case, "close")
            if departure_evidence is None:
                route = session.scalars(
                    select(InterviewAnswers).where(
                        InterviewAnswers.case_id == case.id,
                        InterviewAnswers.form_id == "travel_route",
                    )
                ).first()
                answers = (route.answers or {}) if route else {}
                planned = str(answers.get("planned_departure") or "")
                if not (planned and planned < utcnow().date().isoformat()):
                    raise MissingInformationError(
                        f"case {case.id} cannot be closed before the person departed: record "
                        "the evidence of departure (the planned departure date has not passed)",
                        fields=["departure_evidence"],
                    )
            details = {"departure_evidence": departure_evidence or "planned_date_passed"}
            self.ctx.log(session, case, "close", S.CLOSED, details)

    def close_without_document(self, case_id: uuid.UUID, reason_code: str) -> None:
        """End a case that will not produce a document (declined, withdrawn, referred ...)."""
        self.ctx.require(OFFICER, SUPERVISOR, PROTECTION_OFFICER)
        self.ctx.reason(reason_code)
        with self.ctx.db.session() as session:
            case = self.ctx.case(session, case_id)
            self.ctx.check_state(case, "close_without_document")
            self.ctx.log(
                session,
                case,
                "close_without_document",
                S.CLOSED_WITHOUT_DOCUMENT,
                {"reason": reason_code},
            )

    def documents(self, case_id: uuid.UUID) -> list[tuple[uuid.UUID, str, str]]:
        """The case's travel documents as ``(id, number, status)``."""
        with self.ctx.db.session() as session:
            rows = session.scalars(
                select(TravelDocument).where(TravelDocument.case_id == case_id)
            ).all()
            return [(d.id, d.document_number, d.status) for d in rows]

    def revocation_list(self) -> list[tuple[str, str]]:
        """Every revoked document as ``(document number, reason code)``."""
        with self.ctx.db.session() as session:
            rows = session.scalars(select(Revocation).order_by(Revocation.revoked_at)).all()
            return [(r.document_number, r.reason_code) for r in rows]


def record_approval(
    ctx: CaseContext, session: Session, case: Case, issues: Sequence[GateIssue], comment: str | None
) -> None:
    """The signed-in supervisor's approval of ``case``, signed with their key, once no gate
    ``issues`` are left (else ``GateBlockedError`` lists them). The caller logs the event."""
    if issues:
        raise GateBlockedError(
            f"case {case.id} cannot be approved: {len(issues)} condition(s) unmet",
            issues=tuple(issues),
        )
    row = Approval(
        case_id=case.id,
        approver_id=ctx.actor_id,
        role=SUPERVISOR,
        decision="approved",
        comment=comment,
        subject="issue",
        decided_at=utcnow(),
    )
    signatures.sign_approval(ctx.db, row)
    session.add(row)
