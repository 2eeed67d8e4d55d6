"""Reading back what the interview recorded: the stored answers per form, which forms are
complete, and the identity document read (MRZ lines, photograph), so that a screen can reopen a
case and show what was recorded. Read only; plain dataclasses, no interface code."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from laissez.casework.errors import CaseNotFoundError
from laissez.casework.snapshot import REQUIRED_FORMS
from laissez.storage.database import Database
from laissez.storage.models import Case, DocumentImage, IdentityDocument, InterviewAnswers


@dataclass(frozen=True)
class FormAnswers:
    """The answers stored for one form of one case (as the database returns them)."""

    form_id: str
    form_version: str
    language: str
    answers: dict[str, Any]
    completed: bool
    updated_at: dt.datetime | None


@dataclass(frozen=True)
class CaseAnswers:
    """Everything recorded for a case's forms.

    ``forms``: form id -> its stored answers (only forms that have some); ``complete``: ids of
    the forms recorded as complete, in ``REQUIRED_FORMS`` order; ``mrz_lines`` and ``photo``:
    the latest identity document read for the person (empty / None when there is none).
    """

    case_id: uuid.UUID
    forms: dict[str, FormAnswers] = field(default_factory=dict)
    complete: tuple[str, ...] = ()
    mrz_lines: tuple[str, ...] = ()
    mrz_valid: bool = False
    photo: bytes | None = None

    def answers(self, form_id: str) -> dict[str, Any]:
        """The stored answers to ``form_id`` (an empty dict when none were recorded)."""
        stored = self.forms.get(form_id)
        return dict(stored.answers) if stored is not None else {}

    def is_complete(self, form_id: str) -> bool:
        """Whether ``form_id`` is recorded as complete."""
        return form_id in self.complete

    @property
    def missing(self) -> tuple[str, ...]:
        """The required forms not complete yet, in ``REQUIRED_FORMS`` order."""
        return tuple(f for f in REQUIRED_FORMS if f not in self.complete)


def case_answers(db: Database, case_id: uuid.UUID) -> CaseAnswers:
    """The stored answers of every form of ``case_id``; raises ``CaseNotFoundError``."""
    with db.read_session() as session:
        case = session.get(Case, case_id)
        if case is None:
            raise CaseNotFoundError(f"no case {case_id}")
        rows = session.scalars(
            select(InterviewAnswers).where(InterviewAnswers.case_id == case.id)
        ).all()
        forms = {
            row.form_id: FormAnswers(
                form_id=row.form_id,
                form_version=row.form_version,
                language=row.language or "",
                answers=dict(row.answers or {}),
                completed=bool(row.completed),
                updated_at=row.updated_at,
            )
            for row in rows
        }
        order = {form_id: i for i, form_id in enumerate(REQUIRED_FORMS)}
        complete = tuple(
            sorted(
                (f for f, a in forms.items() if a.completed),
                key=lambda f: (order.get(f, len(order)), f),
            )
        )
        lines: tuple[str, ...] = ()
        valid = False
        photo = None
        if case.person_id is not None:
            document = session.scalars(
                select(IdentityDocument)
                .where(IdentityDocument.person_id == case.person_id)
                .order_by(IdentityDocument.created_at.desc())
                .limit(1)
            ).first()
            if document is not None:
                lines = tuple(line for line in (document.mrz_lines or "").splitlines() if line)
                valid = bool(document.mrz_valid)
                image = session.scalars(
                    select(DocumentImage)
                    .where(DocumentImage.document_id == document.id, DocumentImage.kind == "photo")
                    .limit(1)
                ).first()
                photo = bytes(image.data) if image is not None and image.data else None
        return CaseAnswers(case.id, forms, complete, lines, valid, photo)
