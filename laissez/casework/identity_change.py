"""Changing an identity already recorded in a case (intake's rule).

Saving the identity step of an identified case again may correct the person's details, or
replace the person altogether (another passport was read). Neither happens silently:

* a document (read with every check digit right) that belongs to the person of ANOTHER open
  case (read so too) is refused
  (``DocumentInOtherCaseError``, naming that case's reference);
* any change to the name, date of birth, sex, nationality or document needs the officer's
  confirmation (``IdentityChangeUnconfirmedError`` lists what changes);
* a replacement (another document number) discards the first person's document and the
  interview answers, unless the officer explicitly keeps the answers; a correction keeps them.

The audit event holds field codes and counts only, never the values.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from laissez.casework.states import TERMINAL
from laissez.storage.models import Case, DocumentImage, IdentityDocument, InterviewAnswers, Person
from laissez.storage.repository import normalise_document_number

#: the fields whose change the officer confirms, in the order they are named
FIELDS = ("name", "date_of_birth", "sex", "nationality", "document")
IDENTITY_FORM = "identity"


@dataclass(frozen=True)
class IdentityChange:
    """What saving ``answers`` would change in a case.

    ``fields``: codes of ``FIELDS`` that change (empty: nothing recorded yet, or the same).
    ``replacement``: another document than the one recorded (another person).
    ``interview_forms``: interview forms already answered in the case (besides identity).
    ``other_case``: the reference of another open case whose person holds this document.
    """

    fields: tuple[str, ...]
    replacement: bool
    interview_forms: int
    other_case: str | None


def _norm(value: Any) -> str:
    return " ".join(str(value or "").split()).casefold()


def _new_number(answers: Mapping[str, Any], mrz: Any | None) -> str:
    number = getattr(getattr(mrz, "fields", None), "document_number", None) if mrz else None
    return normalise_document_number(str(number or answers.get("document_number") or "")) or ""


def identity_change(
    session: Session, case: Case, answers: Mapping[str, Any], mrz: Any | None = None
) -> IdentityChange:
    """Compare ``answers`` (and the parsed MRZ ``mrz``, if any) with what ``case`` holds."""
    number = _new_number(answers, mrz)
    other = None
    # Only a document read with every check digit right is known to be that passport: a
    # misread or typed number proves nothing about another case.
    if number and bool(getattr(mrz, "valid", False)):
        row = session.execute(
            select(Case.reference, Case.id)
            .join(IdentityDocument, IdentityDocument.person_id == Case.person_id)
            .where(
                IdentityDocument.document_number == number,
                IdentityDocument.mrz_valid.is_(True),
                Case.id != case.id,
                Case.status.not_in([s.value for s in TERMINAL]),
            )
            .limit(1)
        ).first()
        other = (row[0] or str(row[1])[:18]) if row is not None else None
    person = session.get(Person, case.person_id) if case.person_id else None
    forms = session.scalars(
        select(InterviewAnswers.form_id).where(
            InterviewAnswers.case_id == case.id, InterviewAnswers.form_id != IDENTITY_FORM
        )
    ).all()
    if person is None or not person.primary_name:
        return IdentityChange((), False, len(forms), other)
    old_numbers = {
        normalise_document_number(d.document_number or "")
        for d in person.documents
        if d.document_number
    }
    changed: list[str] = []
    old_name = (_norm(person.primary_name), _norm(person.secondary_name))
    if old_name != (_norm(answers.get("primary_name")), _norm(answers.get("secondary_name"))):
        changed.append("name")
    if _norm(person.date_of_birth) != _norm(answers.get("date_of_birth")):
        changed.append("date_of_birth")
    if _norm(person.sex) != _norm((answers.get("sex") or "")[:1]):
        changed.append("sex")
    if _norm(person.nationality) != _norm(answers.get("nationality")):
        changed.append("nationality")
    replacement = bool(number and old_numbers and number not in old_numbers)
    if replacement:
        changed.append("document")
    return IdentityChange(tuple(changed), replacement, len(forms), other)


def apply_replacement(session: Session, case: Case, *, keep_interview: bool) -> int:
    """Forget the first person's documents (and their images) and, unless kept, the
    interview answers; returns how many interview forms were discarded."""
    person = session.get(Person, case.person_id) if case.person_id else None
    if person is not None:
        ids = [d.id for d in person.documents]
        if ids:
            session.execute(delete(DocumentImage).where(DocumentImage.document_id.in_(ids)))
            session.execute(delete(IdentityDocument).where(IdentityDocument.id.in_(ids)))
            session.expire(person, ["documents"])
    if keep_interview:
        return 0
    result = session.execute(
        delete(InterviewAnswers).where(
            InterviewAnswers.case_id == case.id, InterviewAnswers.form_id != IDENTITY_FORM
        )
    )
    return int(getattr(result, "rowcount", 0) or 0)
