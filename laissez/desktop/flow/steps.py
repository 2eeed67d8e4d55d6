"""The steps of the flow, in lifecycle order, and where each gate condition is fixed."""

from __future__ import annotations

from laissez.i18n import N_, _

#: step ids in the order the officer meets them
STEP_ORDER: tuple[str, ...] = (
    "overview",
    "identity",
    "interview",
    "advisal",
    "consent",
    "approval",
    "issue",
)

#: the prefix of a gate code -> the step where it is fixed (longest prefix wins)
STEP_FOR_CODE: dict[str, str] = {
    "identity.": "identity",
    "protection.": "approval",
    "interview.": "interview",
    "proceedings.": "interview",
    "fear.screening_missing": "interview",
    "fear.": "approval",
    "advisal.": "advisal",
    "consent.not_free": "approval",
    "consent.": "consent",
    "child.": "consent",
    "approval.": "approval",
    "decision.": "approval",  # a decision without its author's signature (issue 15)
    # the person across cases (issue 20): shown, and decided, on the approval checklist
    "person.": "approval",
    "person.refused_in_linked_case": "consent",
    "person.valid_document_held": "issue",
}

#: the title of each step in the step list and on "Go to" buttons
STEP_TITLES: dict[str, str] = {
    "overview": N_("Overview"),
    "identity": N_("Identity"),
    "interview": N_("Interview"),
    "advisal": N_("Rights advisal"),
    "consent": N_("Consent"),
    "approval": N_("Approval"),
    "issue": N_("Issue and print"),
}


def step_for_code(code: str) -> str:
    """The step where gate condition ``code`` is fixed (``overview`` if none matches)."""
    best = ""
    for prefix in STEP_FOR_CODE:
        if code.startswith(prefix) and len(prefix) > len(best):
            best = prefix
    return STEP_FOR_CODE[best] if best else "overview"


def step_title(step_id: str) -> str:
    """The translated title of ``step_id`` (a function, so string extraction does not take
    the dictionary key for a message)."""
    return _(STEP_TITLES[step_id])
