"""Read queries the case list and search need, as functions that take a Session.

Name search works on ``people.search_name``: the Latin name folded to upper-case ASCII letters
and single spaces (``name_key``, kept up to date by the ``Person`` model), searched by prefix
with an index range scan, so it stays fast at 100,000 cases on an encrypted file.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from laissez.storage.models import Case, IdentityDocument, Person
from laissez.storage.text import name_key

_END = "\x7f"  # sorts after every character a key can hold

__all__ = [
    "find_documents_by_number",
    "get_case",
    "name_key",
    "normalise_document_number",
    "search_cases_by_document_number",
    "search_cases_by_name_prefix",
    "search_people_by_name_prefix",
]


def search_people_by_name_prefix(
    session: Session, prefix: str, *, limit: int = 50
) -> Sequence[Person]:
    """People whose folded Latin name starts with ``prefix`` (folded the same way)."""
    key = name_key(prefix)
    if not key:
        return []
    stmt = (
        select(Person)
        .where(Person.search_name >= key, Person.search_name < key + _END)
        .order_by(Person.search_name)
        .limit(limit)
    )
    return session.scalars(stmt).all()


def search_cases_by_name_prefix(
    session: Session, prefix: str, *, limit: int = 50
) -> Sequence[Case]:
    """Cases of people whose folded Latin name starts with ``prefix``."""
    key = name_key(prefix)
    if not key:
        return []
    stmt = (
        select(Case)
        .join(Person, Case.person_id == Person.id)
        .where(Person.search_name >= key, Person.search_name < key + _END)
        .order_by(Person.search_name)
        .limit(limit)
    )
    return session.scalars(stmt).all()


def normalise_document_number(number: str) -> str:
    """Upper-case without spaces or MRZ fillers, as numbers are stored."""
    return re.sub(r"[\s<]+", "", number).upper()


def find_documents_by_number(session: Session, number: str) -> Sequence[IdentityDocument]:
    """Identity documents with exactly this number (normalised)."""
    stmt = select(IdentityDocument).where(
        IdentityDocument.document_number == normalise_document_number(number)
    )
    return session.scalars(stmt).all()


def search_cases_by_document_number(session: Session, number: str) -> Sequence[Case]:
    """Cases of people who presented a document with this number."""
    stmt = (
        select(Case)
        .join(IdentityDocument, IdentityDocument.person_id == Case.person_id)
        .where(IdentityDocument.document_number == normalise_document_number(number))
    )
    return session.scalars(stmt).unique().all()


def get_case(session: Session, case_id: uuid.UUID) -> Case | None:
    """The case with this id, or None."""
    return session.get(Case, case_id)
