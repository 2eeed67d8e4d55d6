"""Transitions of the rights advisal and consent: advisal, consent to return and to the
document, data sharing per recipient, withdrawal."""

from __future__ import annotations

import logging
import re
import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from laissez.casework import facts
from laissez.casework.base import MAIN_SCOPES, STAFF_ROLES, CaseContext
from laissez.casework.consent_rules import check_child_consent
from laissez.casework.errors import (
    AdvisalTextError,
    AdvisalTextUnpublishedError,
    ConsentBeforeAdvisalError,
    InvalidTransitionError,
    MissingInformationError,
    SignatureRequiredError,
    UnknownRecipientError,
)
from laissez.casework.snapshot import (
    OFFICER,
)
from laissez.casework.states import CaseState
from laissez.forms.errors import (
    FormsError,
    IncompleteAdvisalError,
    PublishedContentChangedError,
    UnknownDefinitionError,
    UnpublishedDefinitionError,
)
from laissez.storage.ids import utcnow
from laissez.storage.models import (
    Case,
    ConsentDecision,
    ConsentWithdrawal,
    RightsAdvisal,
)

logger = logging.getLogger(__name__)
S = CaseState

#: how the person signed a consent decision
SIGNATURE_KINDS: tuple[str, ...] = ("signed", "mark", "declined_to_sign")
#: the kinds that come with a drawn image (PNG)
DRAWN_KINDS: tuple[str, ...] = ("signed", "mark")
#: why a person did not sign: codes only (details, if any, go in the case notes, never here)
DECLINED_TO_SIGN_REASONS: tuple[str, ...] = (
    "cannot_write",
    "physical_impairment",
    "refuses_to_sign",
    "fears_consequences_of_signing",
    "other_recorded_in_case_notes",
)
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
#: a drawn signature is a small image; anything larger is not one
MAX_SIGNATURE_BYTES = 1024 * 1024


@dataclass(frozen=True)
class SignatureRecord:
    """What is stored about the person's signature on one consent decision.

    ``kind`` None means "not captured on screen": see ``check_signature``.
    """

    image: bytes | None = None
    kind: str | None = None
    declined_reason: str | None = None
    interpreter_signed: bool | None = None

    def audit(self) -> dict[str, object]:
        """Audit details: codes and flags only, never the image."""
        return {
            "signature_kind": self.kind or "not_captured",
            "declined_reason": self.declined_reason,
            "signature_bytes": len(self.image) if self.image else 0,
            "interpreter_signed": self.interpreter_signed,
        }


def check_signature(
    signature: bytes | None,
    signature_kind: str | None,
    declined_reason: str | None,
    interpreter_signed: bool | None,
) -> SignatureRecord:
    """Validate the signature arguments of a consent decision.

    A decision needs either a drawn signature or mark (``signed``/``mark`` with PNG bytes,
    no reason) or ``declined_to_sign`` with a reason code from ``DECLINED_TO_SIGN_REASONS``
    (and no image). ``SignatureRequiredError`` otherwise.

    Default for programmatic callers (command line, imports, tests, and every caller written
    before signatures were captured on screen): when none of ``signature``,
    ``signature_kind`` and ``declined_reason`` is given, the decision is stored with no
    signature record (``kind`` None, audited as ``not_captured``), meaning the person signed
    the paper consent form kept with the case file, as before revision 0006. The safeguard
    gate is unchanged by this: it never depended on the signature. Once any of the three is
    given, the full rule above applies; the desktop always gives them.
    """
    if interpreter_signed is not None and not isinstance(interpreter_signed, bool):
        raise SignatureRequiredError(
            "interpreter_signed is true, false or None", fields=["interpreter_signed"]
        )
    if signature is None and signature_kind is None and declined_reason is None:
        return SignatureRecord(interpreter_signed=interpreter_signed)
    if signature_kind not in SIGNATURE_KINDS:
        raise SignatureRequiredError(
            "signature_kind is signed, mark or declined_to_sign", fields=["signature_kind"]
        )
    if signature_kind in DRAWN_KINDS:
        if declined_reason is not None:
            raise SignatureRequiredError(
                "a declined-to-sign reason goes only with declined_to_sign",
                fields=["declined_reason"],
            )
        if not isinstance(signature, bytes | bytearray) or not bytes(signature).startswith(
            PNG_MAGIC
        ):
            raise SignatureRequiredError(
                f"a {signature_kind} decision needs the drawn image as PNG bytes",
                fields=["signature"],
            )
        if len(signature) > MAX_SIGNATURE_BYTES:
            raise SignatureRequiredError(
                f"the signature image is larger than {MAX_SIGNATURE_BYTES} bytes",
                fields=["signature"],
            )
        return SignatureRecord(bytes(signature), signature_kind, None, interpreter_signed)
    if signature is not None:
        raise SignatureRequiredError(
            "declined_to_sign goes without a signature image", fields=["signature"]
        )
    if declined_reason not in DECLINED_TO_SIGN_REASONS:
        raise SignatureRequiredError(
            "declined_to_sign needs a reason code from the fixed list",
            fields=["declined_reason"],
        )
    return SignatureRecord(None, signature_kind, declined_reason, interpreter_signed)


def advisal_missing(
    *,
    interpreter_needed: bool | None,
    interpreter_used: bool,
    interpreter_name: str | None,
    legal_counsel_offered: bool,
) -> list[str]:
    """What an advisal still lacks, by field: an interpreter when one was needed, the
    interpreter's name when one was used, the offer of legal counsel. An advisal with any of
    these missing is refused, never stored as one that "does not count yet"."""
    missing = []
    if interpreter_needed and not interpreter_used:
        missing.append("interpreter_used")
    if interpreter_used and not (interpreter_name or "").strip():
        missing.append("interpreter_name")
    if not legal_counsel_offered:
        missing.append("legal_counsel_offered")
    return missing


class ConsentSteps:
    """Advisal and consent (``Casework.consent``)."""

    def __init__(self, ctx: CaseContext) -> None:
        self.ctx = ctx

    # --- advisal and consent ------------------------------------------------------------------

    def deliver_advisal(
        self,
        case_id: uuid.UUID,
        *,
        language: str,
        language_understood: bool | None,
        interpreter_needed: bool | None,
        interpreter_used: bool,
        questions: str,
        legal_counsel_offered: bool,
        legal_counsel_accepted: bool | None = None,
        interpreter_name: str | None = None,
        text_id: str = "rights",
        text_version: str | None = None,
        text_hash: str | None = None,
    ) -> uuid.UUID:
        """Record that the rights advisal was delivered; -> advised. Returns the advisal id.

        The text is loaded from the library (so its hash is the one recorded); ``text_hash``,
        when given, is what the screen showed and must match. ``person_language`` defaults to
        the language the person said they understand. ``questions`` holds the person's
        questions and the answers given ("none" when there were none). Consent recorded
        earlier no longer counts: it must be asked again after this advisal. The yes/no answers
        are None while unanswered, and such an advisal is refused (MissingInformationError).
        """
        self.ctx.require(OFFICER)
        try:
            text = self.ctx.library.advisal(language, text_id, text_version)
        except (UnpublishedDefinitionError, PublishedContentChangedError) as exc:
            raise AdvisalTextUnpublishedError(
                f"advisal text {text_id} in {language} is not a version headquarters published "
                f"and signed, or it changed since ({exc.code}): the advisal cannot be delivered "
                "from it; nothing was recorded"
            ) from None
        except IncompleteAdvisalError as exc:
            raise AdvisalTextUnpublishedError(
                f"advisal text {text_id} in {language} leaves out points the person must be told "
                f"({', '.join(exc.missing)}): the advisal cannot be delivered from it; nothing "
                "was recorded"
            ) from None
        except UnknownDefinitionError:
            raise AdvisalTextUnpublishedError(
                f"no published and signed version of advisal text {text_id} in {language}: the "
                "advisal cannot be delivered in that language; nothing was recorded"
            ) from None
        except FormsError as exc:
            raise AdvisalTextError(
                f"advisal text {text_id} in {language} is not available ({exc.code})"
            ) from None
        if text_hash is not None and text_hash != text.content_hash:
            raise AdvisalTextError(f"the shown text {text.ref} does not match its published hash")
        for name, value in (
            ("language_understood", language_understood),
            ("interpreter_needed", interpreter_needed),
            ("interpreter_used", interpreter_used),
            ("legal_counsel_offered", legal_counsel_offered),
        ):
            if not isinstance(value, bool):
                raise MissingInformationError(f"{name} must be answered yes or no", fields=[name])
        if questions is None or not str(questions).strip():
            raise MissingInformationError(
                "record the person's questions and the answers (or 'none')", fields=["questions"]
            )
        missing = advisal_missing(
            interpreter_needed=interpreter_needed,
            interpreter_used=interpreter_used,
            interpreter_name=interpreter_name,
            legal_counsel_offered=legal_counsel_offered,
        )
        if missing:
            raise MissingInformationError(
                "the advisal is not complete and was not recorded; missing: " + ", ".join(missing),
                fields=missing,
            )
        with self.ctx.db.session() as session:
            case = self.ctx.case(session, case_id)
            self.ctx.check_state(case, "deliver_advisal")
            row = RightsAdvisal(
                case_id=case.id,
                text_id=text.id,
                text_version=text.version,
                text_hash=text.content_hash,
                language=text.language,
                person_language=case.interview_language,
                language_understood=language_understood,
                interpreter_needed=interpreter_needed,
                interpreter_used=interpreter_used,
                interpreter_name=interpreter_name,
                questions=questions,
                legal_counsel_offered=legal_counsel_offered,
                legal_counsel_accepted=legal_counsel_accepted,
                delivered_by=self.ctx.actor_id,
                delivered_at=utcnow(),
            )
            session.add(row)
            session.flush()
            details = {
                "advisal_id": row.id,
                # the hash names the exact text; a version with four digits in a row (an
                # audit detail never holds one: it could be a date) is left to the hash
                "advisal_text": f"{text.id}_v{text.version.replace('.', '_')}"
                if not re.search(r"[0-9]{4}", text.version)
                else text.id,
                "text_hash": text.content_hash,
                "language": text.language,
                "legally_reviewed": text.review.legally_reviewed,
            }
            synced = {"language": text.language, "interpreter_used": interpreter_used}
            self.ctx.log(session, case, "deliver_advisal", S.ADVISED, details, synced)
            return row.id

    def record_consent(
        self,
        case_id: uuid.UUID,
        scope: str,
        decision: str,
        *,
        guardian_name: str | None = None,
        guardian_relationship: str | None = None,
        best_interests_record: str | None = None,
        signature: bytes | None = None,
        signature_kind: str | None = None,
        declined_reason: str | None = None,
        interpreter_signed: bool | None = None,
    ) -> uuid.UUID:
        """Record consent to ``return`` or to the ``travel_document``: ``granted``/``declined``.

        Refused before the advisal (``ConsentBeforeAdvisalError``). Declining either scope ->
        consent_declined; both granted after the latest advisal -> consent_recorded. For a
        child, pass the guardian and the best-interests record (the gate checks them).

        The person's signature: ``signature`` (PNG bytes of the drawn signature or mark) with
        ``signature_kind`` ``signed``/``mark``, or ``signature_kind="declined_to_sign"`` with
        ``declined_reason`` (a code from ``DECLINED_TO_SIGN_REASONS``); ``interpreter_signed``
        when an interpreter took part. See ``check_signature`` (and its default when none is
        given). The image is stored in the encrypted database and never audited.
        """
        self.ctx.require(OFFICER)
        signed = check_signature(signature, signature_kind, declined_reason, interpreter_signed)
        if scope not in MAIN_SCOPES:
            raise MissingInformationError(
                f"consent scope {scope} is not return or travel_document; data sharing is "
                "recorded per recipient with record_data_sharing"
            )
        if decision not in ("granted", "declined"):
            raise MissingInformationError("decision must be granted or declined")
        with self.ctx.db.session() as session:
            case = self.ctx.case(session, case_id)
            advisal = facts.latest_advisal(session, case.id)
            if advisal is None or case.status in (S.DRAFT, S.IDENTIFIED, S.INTERVIEWED):
                raise ConsentBeforeAdvisalError(
                    f"case {case.id}: deliver the rights advisal before asking for consent"
                )
            self.ctx.check_state(case, "record_consent")
            if decision == "granted" and self.ctx.snapshot(session, case).is_child:
                # a child consents with the guardian, for every scope
                check_child_consent(True, guardian_name, guardian_relationship,
                                    best_interests_record)  # fmt: skip
            scopes = self.ctx.library.consent_scopes()
            row = ConsentDecision(
                case_id=case.id,
                advisal_id=advisal.id,
                scope=scope,
                decision=decision,
                language=advisal.language,
                # the consent wording the person agreed to (the advisal is linked by its id)
                text_version=f"{scopes.id}@{scopes.version}",
                text_hash=scopes.content_hash,
                guardian_name=guardian_name,
                guardian_relationship=guardian_relationship,
                best_interests_record=best_interests_record,
                signature=signed.image,
                signature_kind=signed.kind,
                declined_reason=signed.declined_reason,
                interpreter_signed=signed.interpreter_signed,
                recorded_by=self.ctx.actor_id,
                decided_at=utcnow(),
            )
            session.add(row)
            session.flush()
            self.ctx.log(
                session,
                case,
                "record_consent",
                self._consent_state(session, case, advisal),
                {"scope": scope, "decision": decision, "consent_id": row.id, **signed.audit()},
                {"scope": scope, "decision": decision},
            )
            return row.id

    @staticmethod
    def _consent_state(session: Session, case: Case, advisal: RightsAdvisal) -> CaseState:
        latest: dict[str, ConsentDecision] = {}
        for c in session.scalars(
            select(ConsentDecision)
            .where(ConsentDecision.case_id == case.id, ConsentDecision.advisal_id == advisal.id)
            .order_by(ConsentDecision.decided_at)
        ).all():
            if c.scope in MAIN_SCOPES:
                latest[c.scope] = c
        if any(c.decision == "declined" for c in latest.values()):
            return S.CONSENT_DECLINED
        if set(latest) == set(MAIN_SCOPES):
            return S.CONSENT_RECORDED
        return S.ADVISED

    def record_data_sharing(
        self,
        case_id: uuid.UUID,
        recipient: str,
        decision: str,
        *,
        signature: bytes | None = None,
        signature_kind: str | None = None,
        declined_reason: str | None = None,
        interpreter_signed: bool | None = None,
    ) -> uuid.UUID:
        """Record the person's decision on sharing data with ONE recipient (a consent scope).

        Never a condition of the document: declining is always allowed. The signature
        arguments are those of ``record_consent`` (a transfer needs explicit, written consent).
        """
        self.ctx.require(OFFICER)
        signed = check_signature(signature, signature_kind, declined_reason, interpreter_signed)
        scopes = self.ctx.library.consent_scopes()
        if recipient not in scopes.recipients():
            raise UnknownRecipientError(f"no data-sharing scope for recipient {recipient}")
        scope = scopes.sharing_scope(recipient)
        if decision not in ("granted", "declined"):
            raise MissingInformationError("decision must be granted or declined")
        with self.ctx.db.session() as session:
            case = self.ctx.case(session, case_id)
            advisal = facts.latest_advisal(session, case.id)
            if advisal is None:
                raise ConsentBeforeAdvisalError(
                    f"case {case.id}: deliver the rights advisal before asking about data sharing"
                )
            if case.status not in (S.ADVISED, S.CONSENT_RECORDED, S.APPROVED, S.DOCUMENT_ISSUED):
                raise InvalidTransitionError(
                    f"case {case.id} is {case.status}", state=case.status, action="data_sharing"
                )
            terms = scope.sharing_terms(advisal.language)
            row = ConsentDecision(
                case_id=case.id,
                advisal_id=advisal.id,
                scope="data_sharing",
                recipient=recipient,
                decision=decision,
                language=advisal.language,
                text_version=f"{scopes.id}@{scopes.version}",
                text_hash=scopes.content_hash,
                # the terms exactly as shown: who receives what, and why
                shared_data=list(terms.data),
                purpose=terms.purpose,
                terms_hash=terms.digest,
                signature=signed.image,
                signature_kind=signed.kind,
                declined_reason=signed.declined_reason,
                interpreter_signed=signed.interpreter_signed,
                recorded_by=self.ctx.actor_id,
                decided_at=utcnow(),
            )
            session.add(row)
            session.flush()
            self.ctx.log(
                session,
                case,
                "record_data_sharing",
                None,
                {
                    "recipient": recipient,
                    "decision": decision,
                    "consent_id": row.id,
                    "terms_hash": terms.digest,
                    **signed.audit(),
                },
                {"recipient": recipient, "decision": decision},
            )
            return row.id

    def withdraw_consent(self, case_id: uuid.UUID, reason_code: str = "person_withdrew") -> None:
        """The person withdraws consent to return (any time before departure).

        Every standing return and travel-document consent is withdrawn; an issued document is
        voided and put on the revocation list (synced to headquarters). -> consent_withdrawn.
        """
        self.ctx.require(*STAFF_ROLES)
        self.ctx.reason(reason_code)
        with self.ctx.db.session() as session:
            case = self.ctx.case(session, case_id)
            self.ctx.check_state(case, "withdraw_consent")
            withdrawn = {
                cid
                for cid in session.scalars(
                    select(ConsentWithdrawal.consent_id).where(ConsentWithdrawal.case_id == case.id)
                ).all()
            }
            count = 0
            scopes: set[str] = set()
            for c in session.scalars(
                select(ConsentDecision).where(
                    ConsentDecision.case_id == case.id, ConsentDecision.scope.in_(MAIN_SCOPES)
                )
            ).all():
                if c.id not in withdrawn and c.decision == "granted":
                    session.add(
                        ConsentWithdrawal(
                            consent_id=c.id,
                            case_id=case.id,
                            reason_code=reason_code,
                            recorded_by=self.ctx.actor_id,
                            withdrawn_at=utcnow(),
                        )
                    )
                    count += 1
                    scopes.add(c.scope)
            voided = self.ctx.void_documents(session, case, "consent_withdrawn")
            if count == 0 and voided == 0:
                raise InvalidTransitionError(
                    f"case {case.id} has no standing consent to withdraw",
                    state=case.status,
                    action="withdraw_consent",
                )
            self.ctx.log(
                session,
                case,
                "withdraw_consent",
                S.CONSENT_WITHDRAWN,
                {"withdrawn": count, "documents_voided": voided, "reason": reason_code},
                {"scopes": sorted(scopes), "documents_voided": voided},
            )
