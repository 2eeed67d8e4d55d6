"""What this computer needs, beside the case, before it can issue a travel document: document
numbers from headquarters and an installed, valid seal signing key.

The safeguard gate (``gate.evaluate``) judges the case; these conditions judge the computer.
They are reported the same way (``GateIssue``, stable codes) so the officer's checklist shows
them beside the gate's, each with what to do. Pure: the caller reads the counts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from laissez.casework.gate import GateIssue
from laissez.casework.signing import SignerInfo

NO_NUMBERS = "supply.no_numbers"
NO_SIGNER = "supply.no_signer"

#: every supply code with its English sentence (the desktop shows a translated one)
SUPPLY_CODES: dict[str, str] = {
    NO_NUMBERS: (
        "No document numbers are left on this computer: sync with headquarters (an enrolled "
        "computer receives numbers at each sync), or load numbers from an offline bundle."
    ),
    NO_SIGNER: (
        "No valid seal signing key is installed on this computer: an administrator installs "
        "the key, its certificate and headquarters' root certificate (three PEM files from "
        "headquarters)."
    ),
}


def supply_issues(
    numbers_left: int, signers: Sequence[SignerInfo], now: dt.datetime | None = None
) -> tuple[GateIssue, ...]:
    """The unmet supply conditions: no number left, no active signing key valid ``now``."""
    now = now or dt.datetime.now(dt.UTC)
    issues: list[GateIssue] = []
    if numbers_left <= 0:
        issues.append(GateIssue(NO_NUMBERS, SUPPLY_CODES[NO_NUMBERS]))
    if not any(s.active and _aware(s.valid_from) <= now < _aware(s.valid_until) for s in signers):
        issues.append(GateIssue(NO_SIGNER, SUPPLY_CODES[NO_SIGNER]))
    return tuple(issues)


def _aware(when: dt.datetime) -> dt.datetime:
    """SQLite gives naive UTC datetimes back."""
    return when if when.tzinfo is not None else when.replace(tzinfo=dt.UTC)
