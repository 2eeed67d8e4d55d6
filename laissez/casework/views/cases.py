"""Read models for the case list and the read-only case view (no Qt, no ORM objects out).

``case_rows(db, query, offset, limit)`` returns one page of ``CaseRow`` (frozen) for the
lazily fetching list; ``case_view(db, case_id)`` gathers what the case view shows. Searches
use storage's indexed keys so one keystroke stays fast at 100,000 cases:

* Latin names: prefix of ``people.search_name`` (``name_key`` folding, index range scan);
* document numbers: prefix of ``identity_documents.document_number`` (normalised, indexed);
* travel documents (ETD): prefix of ``travel_documents.document_number`` (unique index);
* case references (``DAC-2026-00042``): prefix of ``cases.reference`` (indexed);
* case ids: prefix of the id's hex digits (the primary key index);
* names in their original script: a substring scan, only when the text has letters outside
  Latin (it cannot use an index; a Latin query never pays for it).
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, Select, String, and_, or_, select, type_coerce, union
from sqlalchemy.orm import Session, aliased

from laissez.casework.base import CaseContext
from laissez.casework.errors import CaseNotFoundError
from laissez.casework.gate import GateIssue, evaluate
from laissez.casework.references import reference_query
from laissez.casework.snapshot import DEFAULT_FRESHNESS_DAYS
from laissez.casework.states import CaseState
from laissez.storage.database import Database
from laissez.storage.models import (
    Case,
    IdentityDocument,
    Person,
    PersonMatchProposal,
    TravelDocument,
    User,
)
from laissez.storage.repository import normalise_document_number
from laissez.storage.text import name_key

__all__ = [
    "CaseQuery",
    "CaseRow",
    "CaseView",
    "DocumentRow",
    "SortKey",
    "case_rows",
    "case_view",
]

_END = "\x7f"  # sorts after every character a key can hold
_HEX = frozenset("0123456789abcdef")
#: hex digits of a case id needed before the list searches ids (see ``_matching_ids``).
ID_PREFIX_MIN = 12


class SortKey(StrEnum):
    """What the case list can be sorted by (all in SQL, so paging stays consistent)."""

    CREATED = "created"  # case ids are UUIDv7: creation order through the primary key
    NAME = "name"
    DOCUMENT = "document"
    STATUS = "status"
    UPDATED = "updated"


@dataclass(frozen=True)
class CaseQuery:
    """What the officer asked the list for: search text, a status (None: all), a sort."""

    text: str = ""
    status: str | None = None
    sort: SortKey = SortKey.CREATED
    descending: bool = True


@dataclass(frozen=True)
class CaseRow:
    """One line of the case list. ``name`` is in the original script (may be empty),
    ``name_latin`` its Latin form, ``name_script`` the script code recorded with it."""

    case_id: uuid.UUID
    name: str
    name_latin: str
    name_script: str
    document_number: str
    status: str
    updated_at: dt.datetime
    reference: str = ""


@dataclass(frozen=True)
class DocumentRow:
    """A document of the case: ``kind`` is ``identity`` or ``travel_document``."""

    kind: str
    document_code: str
    issuing_state: str
    number: str
    status: str


@dataclass(frozen=True)
class FlagRow:
    """A red flag as the checklist shows it: ``kind`` and ``source`` are codes
    (``laissez.casework.flags``), ``raised_by``/``cleared_by`` user names ("" when unknown),
    ``clear_reason`` the code of the decision that cleared it (None while open)."""

    kind: str
    detail: str | None
    source: str
    raised_by: str
    raised_at: dt.datetime
    cleared_by: str = ""
    clear_reason: str | None = None

    @property
    def open(self) -> bool:
        """Whether the flag still stands."""
        return self.clear_reason is None


@dataclass(frozen=True)
class LinkedRow:
    """Another case of the same person, as the checklist shows it: its reference, why it is
    linked (``document``, ``name_and_birth``, ``officer_decision``), the kinds of its open
    flags, its pending proceedings and its valid travel documents."""

    reference: str
    reason: str
    open_flags: tuple[str, ...] = ()
    pending_proceedings: int = 0
    valid_documents: int = 0


@dataclass(frozen=True)
class MatchRow:
    """An uncertain match waiting for an officer's decision (``Casework.persons``): the
    proposal, the other case's reference and the reason code of the match."""

    proposal_id: uuid.UUID
    reference: str
    reason: str


@dataclass(frozen=True)
class CaseView:
    """What the read-only case view shows (``flags``: every red flag, open first;
    ``freshness_days``: how long consent and approval stay fresh at this mission)."""

    case_id: uuid.UUID
    status: str
    created_at: dt.datetime
    updated_at: dt.datetime
    name: str
    name_latin: str
    gate: tuple[GateIssue, ...]
    documents: tuple[DocumentRow, ...]
    flags: tuple[FlagRow, ...] = ()
    freshness_days: int = DEFAULT_FRESHNESS_DAYS
    #: the short human reference (``DAC-2026-00042``); "" for a case without one
    reference: str = ""
    #: the other cases of the same person, and the matches an officer must decide
    linked: tuple[LinkedRow, ...] = ()
    matches: tuple[MatchRow, ...] = ()


def _join(*parts: str | None) -> str:
    return " ".join(p for p in parts if p)


def _latest_document_number() -> ColumnElement[str | None]:
    return (
        select(IdentityDocument.document_number)
        .where(IdentityDocument.person_id == Case.person_id)
        .order_by(IdentityDocument.created_at.desc())
        .limit(1)
        .scalar_subquery()
    )


def _has_digit(text: str) -> bool:
    return any(ch.isdigit() for ch in text)


def _name_search(text: str) -> bool:
    """Names hold no digits: text with a digit is a document number or a case id."""
    return bool(name_key(text)) and not _has_digit(text)


def _matching_ids(text: str) -> Select[Any] | None:
    """A query for the ids of cases whose name, document number or id match ``text``."""
    text = text.strip()
    if not text:
        return None
    parts: list[Select[Any]] = []
    if _name_search(text):
        key = name_key(text)
        parts.append(
            select(Case.id)
            .join(Person, Case.person_id == Person.id)
            .where(Person.search_name >= key, Person.search_name < key + _END)
        )
    number = normalise_document_number(text)
    if number and _has_digit(number):
        parts.append(
            select(Case.id)
            .join(IdentityDocument, IdentityDocument.person_id == Case.person_id)
            .where(
                IdentityDocument.document_number >= number,
                IdentityDocument.document_number < number + _END,
            )
        )
    travel = normalise_document_number(text)
    if travel and _has_digit(travel):
        parts.append(
            select(TravelDocument.case_id).where(
                TravelDocument.document_number >= travel,
                TravelDocument.document_number < travel + _END,
            )
        )
    reference = reference_query(text)
    if reference:
        parts.append(
            select(Case.id).where(Case.reference >= reference, Case.reference < reference + _END)
        )
    hex_prefix = text.lower().replace("-", "")
    # Ids are UUIDv7: the first 12 hex digits are the creation time in milliseconds, so a
    # shorter prefix would match every case opened in the same minute.
    if len(hex_prefix) >= ID_PREFIX_MIN and set(hex_prefix) <= _HEX:
        raw = type_coerce(Case.id, String)
        parts.append(select(Case.id).where(raw >= hex_prefix, raw < hex_prefix + "g"))
    if any(ch.isalpha() and not ch.isascii() and not name_key(ch) for ch in text):
        parts.append(
            select(Case.id)
            .join(Person, Case.person_id == Person.id)
            .where(or_(Person.primary_name.contains(text), Person.secondary_name.contains(text)))
        )
    if not parts:
        return select(Case.id).where(Case.id.is_(None))
    if len(parts) == 1:
        return parts[0]
    combined = union(*parts).subquery()
    return select(combined.c[0])


def _order(query: CaseQuery) -> list[Any]:
    column: Any = {
        SortKey.CREATED: Case.id,
        SortKey.NAME: Person.search_name,
        SortKey.DOCUMENT: _latest_document_number(),
        SortKey.STATUS: Case.status,
        SortKey.UPDATED: Case.updated_at,
    }[query.sort]
    first = column.desc() if query.descending else column.asc()
    tie = Case.id.desc() if query.descending else Case.id.asc()
    return [first] if query.sort == SortKey.CREATED else [first, tie]


def case_rows(db: Database, query: CaseQuery, offset: int, limit: int) -> list[CaseRow]:
    """One page of the case list for ``query``: rows ``offset`` to ``offset + limit``.

    With the default sort (``CREATED``), a search by Latin name alone lists its matches in
    name order and a search by document number alone in number order: the query then walks
    the index and stops after the page, so a short prefix matching thousands of people stays
    fast. Any other sort (or a mixed search) filters by id and sorts the matches.
    """
    with db.read_session() as session:
        return _rows(session, query, offset, limit)


def _base() -> Any:
    number = _latest_document_number().label("number")
    return (
        select(
            Case.id,
            Case.reference,
            Case.status,
            Case.updated_at,
            Person.primary_name,
            Person.secondary_name,
            Person.primary_name_latin,
            Person.secondary_name_latin,
            Person.name_script,
            number,
        )
        .select_from(Case)
        .outerjoin(Person, Case.person_id == Person.id)
    )


def _walk_by_index(stmt: Select[Any], text: str) -> Select[Any] | None:
    """``stmt`` filtered and ordered along one index, or None when the search is mixed."""
    text = text.strip()
    number = normalise_document_number(text)
    hex_prefix = text.lower().replace("-", "")
    is_id = len(hex_prefix) >= ID_PREFIX_MIN and set(hex_prefix) <= _HEX
    non_latin = any(ch.isalpha() and not ch.isascii() and not name_key(ch) for ch in text)
    if is_id or non_latin or reference_query(text):
        return None
    if _name_search(text):
        key = name_key(text)
        return stmt.where(Person.search_name >= key, Person.search_name < key + _END).order_by(
            Person.search_name, Case.id.desc()
        )
    if number and _has_digit(number):
        doc = aliased(IdentityDocument)
        other = aliased(IdentityDocument)
        # One row per case even when a person has two documents matching the prefix: keep
        # only the person's first matching document (an index lookup by person per row).
        earlier = (
            select(other.id)
            .where(
                other.person_id == doc.person_id,
                other.document_number >= number,
                other.document_number < number + _END,
                or_(
                    other.document_number < doc.document_number,
                    and_(other.document_number == doc.document_number, other.id < doc.id),
                ),
            )
            .exists()
        )
        return (
            stmt.join(doc, doc.person_id == Case.person_id)
            .where(
                doc.document_number >= number,
                doc.document_number < number + _END,
                ~earlier,
            )
            .order_by(doc.document_number, Case.id.desc())
        )
    return None


def _rows(session: Session, query: CaseQuery, offset: int, limit: int) -> list[CaseRow]:
    stmt = _base()
    if query.status:
        stmt = stmt.where(Case.status == query.status)
    walked = None
    if (
        query.text.strip()
        and query.sort == SortKey.CREATED
        and not _travel_match(session, query.text)
    ):
        walked = _walk_by_index(stmt, query.text)
    if walked is not None:
        stmt = walked
    else:
        ids = _matching_ids(query.text)
        if ids is not None:
            stmt = stmt.where(Case.id.in_(ids))
        stmt = stmt.order_by(*_order(query))
    stmt = stmt.offset(offset).limit(limit)
    return [
        CaseRow(
            case_id=r.id,
            name=_join(r.primary_name, r.secondary_name),
            name_latin=_join(r.primary_name_latin, r.secondary_name_latin),
            name_script=r.name_script or "",
            document_number=r.number or "",
            status=r.status,
            updated_at=r.updated_at,
            reference=r.reference or "",
        )
        for r in session.execute(stmt)
    ]


def _travel_match(session: Session, text: str) -> bool:
    """Whether a travel document number starts with ``text`` (one unique-index probe): the
    search then looks beyond identity documents."""
    number = normalise_document_number(text.strip())
    if not number or not _has_digit(number):
        return False
    found = session.scalar(
        select(TravelDocument.id)
        .where(
            TravelDocument.document_number >= number,
            TravelDocument.document_number < number + _END,
        )
        .limit(1)
    )
    return found is not None


def undecided_matches(session: Session, case_id: uuid.UUID) -> list[tuple[uuid.UUID, str, str]]:
    """The case's uncertain matches no officer decided yet: (proposal id, the other case's
    reference, reason code)."""
    rows = session.scalars(
        select(PersonMatchProposal)
        .where(
            or_(
                PersonMatchProposal.case_id == case_id, PersonMatchProposal.other_case_id == case_id
            ),
            PersonMatchProposal.decision.is_(None),
        )
        .order_by(PersonMatchProposal.proposed_at)
    ).all()
    found = []
    for row in rows:
        other_id = row.other_case_id if row.case_id == case_id else row.case_id
        other = session.get(Case, other_id)
        found.append(
            (row.id, (other.reference if other else None) or str(other_id)[:18], row.reason)
        )
    return found


def case_view(db: Database, case_id: uuid.UUID) -> CaseView:
    """Status, the gate's unmet conditions and the documents of one case.

    Raises ``CaseNotFoundError``."""
    reader = CaseContext(db)
    with db.read_session() as session:
        case = session.get(Case, case_id)
        if case is None:
            raise CaseNotFoundError(f"no case {case_id}")
        person = case.person
        snap = reader.snapshot(session, case)
        gate = evaluate(snap)
        ids = {f.raised_by for f in snap.flags} | {f.cleared_by for f in snap.flags}
        names = {
            u.id: u.username
            for u in session.scalars(select(User).where(User.id.in_(ids - {None}))).all()
        }
        flags = sorted(
            (
                FlagRow(
                    f.kind,
                    f.detail,
                    f.source,
                    names.get(f.raised_by, "") if f.raised_by else "",
                    f.raised_at,
                    names.get(f.cleared_by, "") if f.cleared_by else "",
                    f.clear_reason,
                )
                for f in snap.flags
            ),
            key=lambda r: (not r.open, r.raised_at),
        )
        documents: list[DocumentRow] = []
        if person is not None:
            for doc in sorted(person.documents, key=lambda d: d.created_at):
                if doc.source == "interview":
                    continue  # only holds the photograph of a person without a document
                documents.append(
                    DocumentRow(
                        "identity",
                        doc.document_code or "",
                        doc.issuing_state or "",
                        doc.document_number or "",
                        "valid" if doc.mrz_valid else "",
                    )
                )
        travel = session.scalars(
            select(TravelDocument)
            .where(TravelDocument.case_id == case.id)
            .order_by(TravelDocument.issued_at)
        ).all()
        for etd in travel:
            documents.append(
                DocumentRow("travel_document", "", "", etd.document_number, etd.status)
            )
        return CaseView(
            case_id=case.id,
            status=CaseState(case.status).value,
            created_at=case.created_at,
            updated_at=case.updated_at,
            name=_join(person.primary_name, person.secondary_name) if person else "",
            name_latin=(
                _join(person.primary_name_latin, person.secondary_name_latin) if person else ""
            ),
            gate=gate,
            documents=tuple(documents),
            flags=tuple(flags),
            freshness_days=snap.freshness_days,
            reference=case.reference or "",
            linked=tuple(
                LinkedRow(
                    c.reference or str(c.case_id)[:18],
                    c.reason,
                    c.open_flags,
                    c.pending_proceedings,
                    c.valid_documents,
                )
                for c in snap.person.linked
            ),
            matches=tuple(MatchRow(*m) for m in undecided_matches(session, case.id)),
        )
