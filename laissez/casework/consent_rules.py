"""Consent rules that a screen applies before it records a decision (no Qt, no database).

A person who is, or may be, a child consents with a guardian taking part: the guardian's name,
how they are related to the child (a code from ``GUARDIAN_RELATIONSHIPS``) and the best-interests
record. On the recorded facts, the safeguard gate checks that a guardian took part
(``child.guardian_missing``).
"""

from __future__ import annotations

from laissez.casework.errors import GuardianRequiredError

__all__ = ["GUARDIAN_RELATIONSHIPS", "check_child_consent"]

#: how the adult taking part in a child's consent is related to the child (codes)
GUARDIAN_RELATIONSHIPS: tuple[str, ...] = (
    "parent",
    "legal_guardian",
    "appointed_guardian",
    "relative",
    "child_protection_officer",
)


def check_child_consent(
    is_minor: bool,
    guardian_name: str | None,
    guardian_relationship: str | None,
    best_interests_record: str | None,
) -> None:
    """For a person who is, or may be, a child: the guardian's name, the relationship (a code
    from ``GUARDIAN_RELATIONSHIPS``) and the best-interests record are required before the
    consent screen records consent to return or to the document (``GuardianRequiredError``
    naming the missing fields). Nothing is required for an adult."""
    if not is_minor:
        return
    missing = []
    if not (guardian_name or "").strip():
        missing.append("guardian_name")
    if guardian_relationship not in GUARDIAN_RELATIONSHIPS:
        missing.append("guardian_relationship")
    if not (best_interests_record or "").strip():
        missing.append("best_interests_record")
    if missing:
        raise GuardianRequiredError(
            "a child's consent needs the guardian and the best-interests record", fields=missing
        )
