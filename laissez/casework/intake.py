"""Transitions of the intake: opening a case, identity and nationality, interview forms, and
fear of return expressed at any time; and what a document's MRZ says about identity
(``identity_answers_from_mrz``, and where the MRZ came from: ``MRZ_SOURCES``)."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from laissez.casework import facts, persons, signatures
from laissez.casework import flags as red_flags
from laissez.casework.base import (
    PROCEEDING_KINDS,
    STAFF_ROLES,
    CaseContext,
    require_independent,
)
from laissez.casework.errors import (
    AnswersInvalidError,
    DocumentInOtherCaseError,
    IdentityChangeUnconfirmedError,
    InvalidTransitionError,
    MissingInformationError,
    MrzUnreadableError,
    PhotoInvalidError,
)
from laissez.casework.identity_change import IdentityChange, apply_replacement, identity_change
from laissez.casework.names import latin_names
from laissez.casework.references import next_reference
from laissez.casework.snapshot import (
    OFFICER,
    PROTECTION_CODES,
    REQUIRED_FORMS,
    SUPERVISOR,
)
from laissez.casework.states import TERMINAL, CaseState
from laissez.documents import sandbox
from laissez.documents.errors import DocumentError
from laissez.documents.mrz import parse as parse_mrz
from laissez.forms import validate
from laissez.forms.errors import FormsError
from laissez.protocol import kinds
from laissez.storage import audit, outbox
from laissez.storage.ids import utcnow
from laissez.storage.models import (
    Approval,
    Case,
    DocumentImage,
    IdentityDocument,
    InterviewAnswers,
    InterviewAnswerVersion,
    LegalProceeding,
    Mission,
    Person,
    Screening,
)

logger = logging.getLogger(__name__)
S = CaseState


#: the identity form's evidence codes for a document's MRZ: a passport's or an identity card's
PASSPORT_MRZ = "passport_mrz"
ID_CARD_MRZ = "id_card_mrz"
MRZ_EVIDENCE: tuple[str, ...] = (PASSPORT_MRZ, ID_CARD_MRZ)
#: where an MRZ came from: ``scan`` (read from an image of the document: a file, the scanner
#: or the camera), ``typed`` (typed or corrected by the officer) or ``reader`` (a desk document
#: reader that types the MRZ like a keyboard)
MRZ_SOURCES: tuple[str, ...] = ("scan", "typed", "reader")


def _clean(value: Any) -> str:
    return str(value or "").replace("<", " ").strip()


def identity_answers_from_mrz(fields: Mapping[str, Any]) -> dict[str, Any]:
    """The identity form's answers an MRZ gives (only the fields it holds).

    ``fields`` are the parsed MRZ fields by ``laissez.documents.mrz`` name: ``name`` (with
    ``.primary`` and ``.secondary``), ``date_of_birth`` (``.year``, ``.month``, ``.day``, None
    when unknown), ``sex``, ``nationality``, ``document_number``, ``document_code``. Unknown
    parts of the date of birth become ``XX``; the document code gives the evidence
    (``passport_mrz`` for a code starting with P, ``id_card_mrz`` otherwise).
    """
    answers: dict[str, Any] = {}
    name = fields.get("name")
    if name is not None:
        if _clean(getattr(name, "primary", "")):
            answers["primary_name"] = _clean(name.primary)
        if _clean(getattr(name, "secondary", "")):
            answers["secondary_name"] = _clean(name.secondary)
    birth = fields.get("date_of_birth")
    if birth is not None:
        year, month, day = (getattr(birth, part, None) for part in ("year", "month", "day"))
        if (year, month, day) != (None, None, None):
            answers["date_of_birth"] = "{}-{}-{}".format(
                f"{year:04d}" if year is not None else "XXXX",
                f"{month:02d}" if month is not None else "XX",
                f"{day:02d}" if day is not None else "XX",
            )
    sex = str(fields.get("sex") or "").upper()
    if sex in ("F", "M"):
        answers["sex"] = sex.lower()
    elif sex in ("<", "X"):
        answers["sex"] = "x"
    nationality = str(fields.get("nationality") or "").rstrip("<")
    if nationality:
        answers["nationality"] = nationality
    number = str(fields.get("document_number") or "").replace("<", "")
    if number:
        answers["document_number"] = number
    code = str(fields.get("document_code") or "")
    if code:
        answers["evidence"] = [PASSPORT_MRZ if code.startswith("P") else ID_CARD_MRZ]
    return answers


def _media_type(image: bytes) -> str:
    """``image/jpeg`` or ``image/png`` from the first bytes (the printer reads both)."""
    return "image/jpeg" if image[:3] == b"\xff\xd8\xff" else "image/png"


class IntakeSteps:
    """Opening, identity, interview (``Casework.intake``)."""

    def __init__(self, ctx: CaseContext) -> None:
        self.ctx = ctx

    # --- opening and identity -----------------------------------------------------------------

    def open_case(self) -> uuid.UUID:
        """Open a new case in ``draft`` (officers); returns its id."""
        self.ctx.require(OFFICER)
        with self.ctx.db.session() as session:
            installation_mission = session.scalar(select(Mission.id).limit(1))
            case = Case(
                status=S.DRAFT.value,
                created_by=self.ctx.actor_id,
                mission_id=installation_mission,
                reference=next_reference(session),
            )
            session.add(case)
            session.flush()
            audit.record(session, self.ctx.actor_id, "case.opened", "case", case.id, {})
            outbox.enqueue(
                session, kinds.CASE_OPENED, case.id, {"status": case.status}, case_id=case.id
            )
            return case.id

    def _validated(self, form_id: str, answers: Mapping[str, Any]) -> Any:
        try:
            form = self.ctx.library.form(form_id)
        except FormsError as exc:
            raise MissingInformationError(f"no usable form {form_id}: {exc.code}") from None
        issues = validate(form, answers)
        if issues:
            raise AnswersInvalidError(
                f"{len(issues)} answer(s) to form {form.ref} need attention",
                issues=[(i.field, i.code) for i in issues],
            )
        return form

    def _store_answers(
        self, session: Session, case: Case, form: Any, answers: Mapping[str, Any], language: str
    ) -> None:
        row = session.scalars(
            select(InterviewAnswers).where(
                InterviewAnswers.case_id == case.id, InterviewAnswers.form_id == form.id
            )
        ).first()
        if row is None:
            row = InterviewAnswers(case_id=case.id, form_id=form.id)
            session.add(row)
        row.form_version = form.version
        row.language = language
        row.answers = dict(answers)
        row.completed = True
        row.recorded_by = self.ctx.actor_id
        row.updated_at = utcnow()
        # every version is kept: the newest is in InterviewAnswers, all of them here
        session.add(
            InterviewAnswerVersion(
                case_id=case.id, form_id=form.id, form_version=form.version, language=language,
                answers=dict(answers), recorded_by=self.ctx.actor_id, recorded_at=row.updated_at,
            )
        )  # fmt: skip
        red_flags.raise_flags(
            session,
            case.id,
            red_flags.from_answers(form.id, answers, utcnow().date()),
            form.id,
            self.ctx.actor_id,
        )

    def identity_change(
        self,
        case_id: uuid.UUID,
        answers: Mapping[str, Any],
        *,
        mrz_lines: Sequence[str] | None = None,
    ) -> IdentityChange:
        """What saving ``answers`` (and ``mrz_lines``) would change in the case's recorded
        identity, read before asking the officer to confirm (writes nothing)."""
        result = None
        if mrz_lines:
            try:
                result = parse_mrz(list(mrz_lines))
            except DocumentError:
                result = None
        with self.ctx.db.read_session() as session:
            return identity_change(session, self.ctx.case(session, case_id), answers, result)

    def record_identity(
        self,
        case_id: uuid.UUID,
        answers: Mapping[str, Any],
        *,
        mrz_lines: Sequence[str] | None = None,
        mrz_source: str = "typed",
        photo: bytes | None = None,
        language: str = "en",
        confirm_change: bool = False,
        keep_interview: bool = False,
    ) -> None:
        """Record the person and the identity form; with ``mrz_lines``, the document read.

        Saving again over a recorded identity follows ``identity_change``'s rule: a document
        of another open case's person is refused (``DocumentInOtherCaseError``); a change
        needs ``confirm_change`` (else ``IdentityChangeUnconfirmedError``); a replacement
        (another document) drops the first document and, unless ``keep_interview``, the
        interview answers.

        The MRZ is parsed here: only a valid MRZ (every check digit right) counts as
        established identity; otherwise a supervisor must approve the nationality interview.
        ``mrz_source`` (one of ``MRZ_SOURCES``) is stored with it: ``scan`` when the lines were
        read from an image as they are, ``typed`` when the officer typed or corrected them,
        ``reader`` from a desk document reader. draft -> identified.
        """
        self.ctx.require(OFFICER)
        if mrz_lines and mrz_source not in MRZ_SOURCES:
            raise MissingInformationError(
                f"the MRZ source is one of {', '.join(MRZ_SOURCES)}", fields=["mrz_source"]
            )
        form = self._validated("identity", answers)
        if photo is not None:
            _check_photo(photo)
        result = None
        if mrz_lines:
            try:
                result = parse_mrz(list(mrz_lines))
            except DocumentError as exc:
                raise MrzUnreadableError(
                    f"the MRZ given for case {case_id} cannot be read ({exc.code}); scan it "
                    "again or record the identity without it"
                ) from None
        with self.ctx.db.session() as session:
            case = self.ctx.case(session, case_id)
            self.ctx.check_state(case, "record_identity")
            change = identity_change(session, case, answers, result)
            if change.other_case:
                raise DocumentInOtherCaseError(
                    f"the document read belongs to the person of open case {change.other_case}",
                    reference=change.other_case,
                )
            if change.fields and not confirm_change:
                raise IdentityChangeUnconfirmedError(
                    f"saving would change the recorded identity of case {case_id}: "
                    + ", ".join(change.fields),
                    fields=change.fields,
                    replacement=change.replacement,
                )
            discarded = 0
            if change.replacement:
                discarded = apply_replacement(session, case, keep_interview=keep_interview)
            if change.fields:
                audit.record(
                    session,
                    self.ctx.actor_id,
                    "case.identity_replaced" if change.replacement else "case.identity_corrected",
                    "case",
                    case.id,
                    {
                        "fields": list(change.fields),
                        "interview_kept": change.replacement and keep_interview,
                        "interview_forms_discarded": discarded,
                    },
                )
            person = session.get(Person, case.person_id) if case.person_id else None
            if person is None:
                person = Person()
                session.add(person)
            person.primary_name = answers["primary_name"]
            person.secondary_name = answers.get("secondary_name")
            latin_names(person, result)  # the Latin form: what the case list searches
            person.date_of_birth = answers["date_of_birth"]
            person.sex = (answers.get("sex") or "").upper()[:1] or None
            person.nationality = answers["nationality"]
            person.languages = [answers["languages_spoken"]]
            session.flush()
            case.person_id = person.id
            case.interview_language = answers["languages_spoken"]
            document = None
            if result is not None:
                f = result.fields
                document = IdentityDocument(
                    person_id=person.id,
                    document_code=getattr(f, "document_code", None),
                    issuing_state=getattr(f, "issuing_state", None),
                    document_number=getattr(f, "document_number", None),
                    nationality=getattr(f, "nationality", None),
                    sex=getattr(f, "sex", None),
                    mrz_format=str(result.format) if result.format else None,
                    mrz_lines="\n".join(mrz_lines or ()),
                    mrz_valid=bool(result.valid),
                    source=mrz_source,
                    recorded_by=self.ctx.actor_id,
                )
                session.add(document)
                session.flush()
                found: list[tuple[str, str | None]] = []
                if {document.nationality, document.issuing_state} & PROTECTION_CODES:
                    found.append((red_flags.PROTECTION_STATUS, None))
                born = (
                    identity_answers_from_mrz({"date_of_birth": f.date_of_birth}).get(
                        "date_of_birth"
                    )
                    if getattr(f, "date_of_birth", None) is not None
                    else None
                )
                if red_flags.may_be_child(born, utcnow().date()):
                    found.append((red_flags.CHILD, None))
                red_flags.raise_flags(session, case.id, found, "mrz", self.ctx.actor_id)
            if photo is not None:
                if document is None:
                    # No document read (an undocumented person): the photograph still needs a
                    # home, a record of identity established without a document.
                    document = IdentityDocument(
                        person_id=person.id,
                        nationality=person.nationality,
                        source="interview",
                        mrz_valid=False,
                        recorded_by=self.ctx.actor_id,
                    )
                    session.add(document)
                    session.flush()
                session.add(
                    DocumentImage(
                        document_id=document.id,
                        kind="photo",
                        media_type=_media_type(photo),
                        data=photo,
                    )
                )
            self._store_answers(session, case, form, answers, language)
            session.flush()
            # the person, not the case: link the cases the evidence shows are this person's
            persons.refresh(session, case, self.ctx.actor_id)
            details = {"form": form.id, "mrz_valid": bool(document and document.mrz_valid)}
            self.ctx.log(session, case, "record_identity", S.IDENTIFIED, details)

    def approve_nationality(self, case_id: uuid.UUID) -> None:
        """A supervisor who took no part in the interview approves a nationality established by
        interview (no valid MRZ)."""
        self.ctx.require(SUPERVISOR)
        with self.ctx.db.session() as session:
            case = self.ctx.case(session, case_id)
            self.ctx.check_state(case, "approve_nationality")
            snap = self.ctx.snapshot(session, case)
            require_independent(snap, self.ctx.actor_id, case.id)
            if not snap.identity.nationality:
                raise MissingInformationError("no nationality recorded", fields=["nationality"])
            identity = session.scalars(
                select(InterviewAnswers).where(
                    InterviewAnswers.case_id == case.id, InterviewAnswers.form_id == "identity"
                )
            ).first()
            evidence = (identity.answers or {}).get("evidence", []) if identity else []
            if "nationality_interview" not in evidence:
                raise MissingInformationError(
                    f"case {case.id}: record the nationality interview in the identity form "
                    "before a supervisor approves it",
                    fields=["evidence", "interview_summary"],
                )
            row = Approval(
                case_id=case.id,
                approver_id=self.ctx.actor_id,
                role=SUPERVISOR,
                decision="approved",
                subject="nationality",
                decided_at=utcnow(),
            )
            signatures.sign_approval(self.ctx.db, row)
            session.add(row)
            self.ctx.log(session, case, "approve_nationality", None)

    # --- interview ----------------------------------------------------------------------------

    def record_interview(
        self, case_id: uuid.UUID, form_id: str, answers: Mapping[str, Any], *, language: str = "en"
    ) -> None:
        """Record complete, valid answers to one interview form (replacing earlier answers).

        Fear-of-return answers start a screening (fear or an unclear answer blocks the document
        until a protection officer records a referral outcome); pending-proceedings answers
        record each proceeding; vulnerability answers mark a child. When every form is done,
        identified -> interviewed. Changing answers after approval lapses the approval.
        """
        self.ctx.require(OFFICER)
        if form_id == "identity":
            raise InvalidTransitionError(
                "identity answers are recorded with record_identity", action="record_interview"
            )
        if form_id not in REQUIRED_FORMS:
            raise MissingInformationError(f"form {form_id} is not an interview form")
        form = self._validated(form_id, answers)
        with self.ctx.db.session() as session:
            case = self.ctx.case(session, case_id)
            self.ctx.check_state(case, "record_interview")
            self._store_answers(session, case, form, answers, language)
            if form_id == "vulnerability":
                case.is_minor = answers.get("is_child") in ("yes", "unknown")
            elif form_id == "fear_of_return":
                session.add(
                    Screening(
                        case_id=case.id,
                        kind=facts.FEAR_OF_RETURN,
                        form_id=form.id,
                        form_version=form.version,
                        fear_expressed=answers["fears_return"] != "no",
                        answers={
                            k: answers.get(k)
                            for k in ("in_detention", "prefers_return_to_detention",
                                      "pressure_reported")
                        },
                        outcome="pending" if answers["fears_return"] != "no" else "no_fear",
                        screened_by=self.ctx.actor_id,
                    )
                )  # fmt: skip
            elif form_id == "pending_proceedings":
                self._record_proceedings(session, case, answers)
            session.flush()
            done = set(
                session.scalars(
                    select(InterviewAnswers.form_id).where(
                        InterviewAnswers.case_id == case.id, InterviewAnswers.completed.is_(True)
                    )
                ).all()
            )
            new_state = None
            if case.status == S.IDENTIFIED and set(REQUIRED_FORMS) <= done:
                new_state = S.INTERVIEWED
            synced: dict[str, Any] = {"form": form.id}
            if form_id == "fear_of_return" and self.ctx.shares_protection_details(session):
                # only a mission that shares protection details says a fear was flagged
                synced["fear_flag"] = answers["fears_return"] != "no"
            self.ctx.log(session, case, "record_interview", new_state, {"form": form.id}, synced)

    def _record_proceedings(self, session: Session, case: Case, answers: Mapping[str, Any]) -> None:
        """Each pending proceeding is kept until a protection officer records it decided or
        withdrawn (``clear_flag``): re-saving the form updates the explanation of the
        consequences and adds new proceedings, never removes one."""
        explained = answers.get("consequences_explained") == "yes"
        acknowledged = answers.get("consequences_acknowledged") == "yes"
        kept = {
            p.kind: p
            for p in session.scalars(
                select(LegalProceeding).where(
                    LegalProceeding.case_id == case.id, LegalProceeding.pending.is_(True)
                )
            ).all()
        }
        for kind in PROCEEDING_KINDS:
            row = kept.get(kind)
            if row is None and answers.get(f"{kind}_pending") in ("yes", "unknown"):
                row = LegalProceeding(case_id=case.id, kind=kind, pending=True,
                                      recorded_by=self.ctx.actor_id)  # fmt: skip
                session.add(row)
            if row is None:
                continue
            row.reference = answers.get(f"{kind}_reference") or row.reference
            row.consequences_explained = explained
            row.acknowledged = acknowledged

    def record_fear_expressed(self, case_id: uuid.UUID) -> None:
        """The person says "I fear return", at any moment before the case ends.

        Starts a new pending screening. In an approved case or one whose document was issued,
        the document is voided and put on the revocation list and the case goes to
        protection_referral; earlier, the gate blocks until a referral outcome is recorded.
        """
        self.ctx.require(*STAFF_ROLES)
        with self.ctx.db.session() as session:
            case = self.ctx.case(session, case_id)
            if case.status in TERMINAL:
                raise InvalidTransitionError(
                    f"case {case.id} is {case.status}", state=case.status, action="fear"
                )
            previous = facts.latest_screening(session, case.id, facts.FEAR_OF_RETURN)
            session.add(
                Screening(
                    case_id=case.id,
                    kind=facts.FEAR_OF_RETURN,
                    fear_expressed=True,
                    answers=dict(previous.answers or {}) if previous else {},
                    outcome="pending",
                    screened_by=self.ctx.actor_id,
                )
            )
            red_flags.raise_flags(
                session, case.id, [(red_flags.FEAR, None)], "fear_expressed", self.ctx.actor_id
            )
            new_state = None
            if case.status in (S.APPROVED, S.DOCUMENT_ISSUED):
                self.ctx.void_documents(session, case, "fear_expressed")
                new_state = S.PROTECTION_REFERRAL
            self.ctx.log(session, case, "record_fear_expressed", new_state)


def _check_photo(photo: bytes) -> None:
    """Refuse a photograph that is not a JPEG or PNG decoding within limits (in the sandbox)."""
    try:
        sandbox.photo_image(photo)
    except DocumentError as exc:
        raise PhotoInvalidError(
            f"the photograph is not a usable JPEG or PNG image ({exc.code})", reason=exc.code
        ) from None
