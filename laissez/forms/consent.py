"""Consent scopes: what a person can agree to, each asked and recorded on its own.

Consent to return and consent to the travel document are needed for issuance. Data sharing is
never a condition of anything: each recipient is a separate scope the person may refuse, and
refusing one never blocks the document (ICRC Handbook ch. 3, SAFEGUARDS.md §6.3).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from laissez.forms.errors import UnknownDefinitionError
from laissez.forms.schema import Text


class ConsentKind(StrEnum):
    """The three kinds of consent scope."""

    RETURN = "return"
    TRAVEL_DOCUMENT = "travel_document"
    DATA_SHARING = "data_sharing"


@dataclass(frozen=True)
class SharingTerms:
    """What a person is told about one data-sharing scope, exactly as shown: the recipient,
    the data categories and the purpose (the scope's explanation in the language shown).
    A decision counts only while the current terms have the same ``digest``."""

    recipient: str
    data: tuple[str, ...]
    purpose: str

    @property
    def digest(self) -> str:
        """SHA-256 (hex) of the canonical JSON of the three."""
        body = json.dumps(
            {"recipient": self.recipient, "data": list(self.data), "purpose": self.purpose},
            sort_keys=True,
            ensure_ascii=False,
            separators=(",", ":"),
        )
        return hashlib.sha256(body.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ConsentScope:
    """One scope: ``code`` (``return``, ``data_sharing.family_tracing`` ...), its kind, the
    recipient and the data concerned for data sharing, and translated label and explanation.
    """

    code: str
    kind: ConsentKind
    required_for_issue: bool
    label: Text
    explanation: Text
    recipient: str | None = None
    data: tuple[str, ...] = ()

    def sharing_terms(self, language: str) -> SharingTerms:
        """The terms of this data-sharing scope as shown in ``language``."""
        return SharingTerms(self.recipient or "", self.data, self.explanation.get(language))


@dataclass(frozen=True)
class ConsentScopeSet:
    """A versioned set of consent scopes with its content hash."""

    id: str
    version: str
    status: str
    scopes: tuple[ConsentScope, ...]
    content_hash: str

    def scope(self, code: str) -> ConsentScope:
        """The scope with this code; ``UnknownDefinitionError`` if there is none."""
        for s in self.scopes:
            if s.code == code:
                return s
        raise UnknownDefinitionError(f"no consent scope {code} in {self.id}@{self.version}")

    @property
    def required(self) -> tuple[ConsentScope, ...]:
        """Scopes that must be granted for a travel document to be issued."""
        return tuple(s for s in self.scopes if s.required_for_issue)

    @property
    def data_sharing(self) -> tuple[ConsentScope, ...]:
        """The optional data-sharing scopes, one per recipient."""
        return tuple(s for s in self.scopes if s.kind is ConsentKind.DATA_SHARING)

    def recipients(self) -> tuple[str, ...]:
        """The recipients of the data-sharing scopes."""
        return tuple(s.recipient for s in self.data_sharing if s.recipient)

    def sharing_scope(self, recipient: str) -> ConsentScope:
        """The data-sharing scope of ``recipient``; ``UnknownDefinitionError`` if none."""
        for s in self.data_sharing:
            if s.recipient == recipient:
                return s
        raise UnknownDefinitionError(f"no data-sharing scope for {recipient} in {self.id}")


def scopes_from_data(data: Mapping[str, Any], content_hash: str) -> ConsentScopeSet:
    """Build a ``ConsentScopeSet`` from a mapping that already passed the JSON Schema."""
    scopes = tuple(
        ConsentScope(
            code=s["code"],
            kind=ConsentKind(s["kind"]),
            required_for_issue=bool(s["required_for_issue"]),
            label=Text.of(s["label"]),
            explanation=Text.of(s["explanation"]),
            recipient=s.get("recipient"),
            data=tuple(s.get("data", ())),
        )
        for s in data["scopes"]
    )
    return ConsentScopeSet(
        id=data["id"],
        version=str(data["version"]),
        status=data["status"],
        scopes=scopes,
        content_hash=content_hash,
    )
