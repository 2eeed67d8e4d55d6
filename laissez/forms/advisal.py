"""Rights-advisal texts: versioned, hashed, translated data (see SAFEGUARDS.md §6.4).

Each language of a version is its own file with its own content hash, and says who translated
and who reviewed it. ``not_legally_reviewed_notice`` is the mark the application shows next to
a text no lawyer has reviewed yet.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

#: the points every advisal text must cover, in the order they are read out. The casework
#: layer records that a text covering all of them was delivered.
REQUIRED_POINTS: tuple[str, ...] = (
    "asylum",  # right to seek asylum / international protection, here too
    "fear_of_return",  # non-refoulement; the right to say "I fear return"
    "legal_counsel",  # lawyer, free legal aid, a referral given
    "interpreter",  # an interpreter, free of charge
    "family_contact",  # contact with family and consular staff
    "voluntariness",  # the decision is free; refusing has no penalty in treatment
    "data_sharing",  # refusing optional data sharing, per recipient
    "withdrawal",  # withdrawing consent at any time before departure, and what then happens
    "consequences",  # forced removal, entry ban, detention, in-absentia orders, lost procedures
    "data_rights",  # access, correction, deletion, complaint
)


@dataclass(frozen=True)
class AdvisalPoint:
    """One point of the advisal: a stable ``code`` (see ``REQUIRED_POINTS``), heading, body."""

    code: str
    heading: str
    body: str


@dataclass(frozen=True)
class Review:
    """Who translated and reviewed a text, and whether a lawyer reviewed it."""

    translated_by: str
    reviewed_by: tuple[str, ...]
    legally_reviewed: bool
    legal_reviewer: str | None
    notice: str


@dataclass(frozen=True)
class AdvisalText:
    """One language of one version of a rights-advisal text.

    ``content_hash`` is recorded with every advisal delivered, so the exact words can be shown
    again later. ``ref`` is ``<id>@<version>/<language>``.
    """

    id: str
    version: str
    status: str
    language: str
    language_name: str
    direction: str
    title: str
    intro: str
    points: tuple[AdvisalPoint, ...]
    closing: str
    review: Review
    content_hash: str

    @property
    def ref(self) -> str:
        """``<id>@<version>/<language>``."""
        return f"{self.id}@{self.version}/{self.language}"

    @property
    def rtl(self) -> bool:
        """Whether the text is written right to left."""
        return self.direction == "rtl"

    @property
    def point_codes(self) -> tuple[str, ...]:
        """The codes of the points this text covers, in order."""
        return tuple(p.code for p in self.points)

    def missing_points(self) -> tuple[str, ...]:
        """Required points this text does not cover (empty for a complete text)."""
        return tuple(c for c in REQUIRED_POINTS if c not in self.point_codes)

    @property
    def not_legally_reviewed_notice(self) -> str | None:
        """The mark to show with the text when no lawyer has reviewed it, else None."""
        return None if self.review.legally_reviewed else self.review.notice

    def plain_text(self) -> str:
        """The whole text as plain paragraphs (for a receipt or reading aloud)."""
        parts = [self.title, self.intro]
        parts += [f"{p.heading}\n{p.body}" for p in self.points]
        parts.append(self.closing)
        if self.not_legally_reviewed_notice:
            parts.append(self.not_legally_reviewed_notice)
        return "\n\n".join(parts)


def advisal_from_data(data: Mapping[str, Any], content_hash: str) -> AdvisalText:
    """Build an ``AdvisalText`` from a mapping that already passed the JSON Schema."""
    review = data["review"]
    return AdvisalText(
        id=data["id"],
        version=str(data["version"]),
        status=data["status"],
        language=data["language"],
        language_name=data.get("language_name", data["language"]),
        direction=data["direction"],
        title=data["title"],
        intro=data["intro"],
        points=tuple(AdvisalPoint(p["code"], p["heading"], p["body"]) for p in data["points"]),
        closing=data["closing"],
        review=Review(
            translated_by=review["translated_by"],
            reviewed_by=tuple(review["reviewed_by"]),
            legally_reviewed=bool(review["legally_reviewed"]),
            legal_reviewer=review.get("legal_reviewer"),
            notice=review["notice"],
        ),
        content_hash=content_hash,
    )
