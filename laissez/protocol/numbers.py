"""The document-number format both sides agree on, and its capacity.

An ETD number fills the nine-character document-number field of a TD2 MRZ: three letters taken
from the mission code (:func:`number_prefix`) and six digits. So each prefix holds
:data:`CAPACITY_PER_PREFIX` = 999,999 numbers (``DAC000001`` .. ``DAC999999``); headquarters
keeps one counter per prefix (missions with distinct prefixes never draw on each other's
numbers) and refuses a range that would pass the capacity instead of handing out numbers the
MRZ cannot hold.
"""

from __future__ import annotations

import re

#: characters of the TD2 document-number field
NUMBER_LENGTH = 9
#: letters of the mission code in front of the digits
PREFIX_LENGTH = 3
#: digits after the prefix
DIGITS = NUMBER_LENGTH - PREFIX_LENGTH
#: numbers one prefix can ever hold (1 .. 999,999; 0 is never issued)
CAPACITY_PER_PREFIX = 10**DIGITS - 1
#: the prefix of numbers issued without a mission
NO_MISSION_PREFIX = "ETD"
_NOT_MRZ = re.compile(r"[^A-Z0-9]")


def number_prefix(mission_code: str | None) -> str:
    """The letters a mission's document numbers start with: the first three MRZ characters
    (A-Z, 0-9) of its code, or ``ETD`` without a mission."""
    cleaned = _NOT_MRZ.sub("", (mission_code or "").upper())[:PREFIX_LENGTH]
    return cleaned or NO_MISSION_PREFIX


def counter_key(series: str, mission_code: str | None) -> str:
    """The key of headquarters' counter for ``series`` numbers of a mission: one per prefix."""
    return f"{series}:{number_prefix(mission_code)}"
