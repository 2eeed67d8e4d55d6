"""Translated names of case states (casework owns the states; these are only words)."""

from __future__ import annotations

from laissez.i18n import N_, _

STATUS_LABELS: dict[str, str] = {
    "draft": N_("Draft"),
    "identified": N_("Identified"),
    "interviewed": N_("Interviewed"),
    "advised": N_("Advised of rights"),
    "consent_recorded": N_("Consent recorded"),
    "approved": N_("Approved"),
    "document_issued": N_("Document issued"),
    "closed": N_("Closed"),
    "consent_declined": N_("Consent declined"),
    "consent_withdrawn": N_("Consent withdrawn"),
    "protection_referral": N_("Protection referral"),
    "closed_without_document": N_("Closed without document"),
}


def status_label(status: str) -> str:
    """The translated name of ``status`` (the code itself if unknown)."""
    label = STATUS_LABELS.get(status)
    return _(label) if label else status
