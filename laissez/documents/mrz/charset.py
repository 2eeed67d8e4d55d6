"""The MRZ character set and the 7-3-1 check digit (Doc 9303 Part 3 §4.3, §4.9)."""

from __future__ import annotations

import string

FILLER = "<"
DIGITS = frozenset(string.digits)
LETTERS = frozenset(string.ascii_uppercase)
ALPHABET = DIGITS | LETTERS | {FILLER}
_WEIGHTS = (7, 3, 1)


def char_value(char: str) -> int:
    """Value of one MRZ character: digits 0-9, A=10 ... Z=35, ``<`` = 0.

    Raises:
        ValueError: for a character outside the MRZ set.
    """
    if char in DIGITS:
        return ord(char) - 48
    if char in LETTERS:
        return ord(char) - 55
    if char == FILLER:
        return 0
    raise ValueError("character outside the MRZ character set")


def check_digit(data: str) -> str:
    """The check digit of ``data``: sum of values weighted 7, 3, 1 ... modulo 10, as a digit."""
    total = sum(char_value(c) * _WEIGHTS[i % 3] for i, c in enumerate(data))
    return str(total % 10)


def is_mrz_text(text: str) -> bool:
    """True when every character of ``text`` is in the MRZ character set."""
    return all(c in ALPHABET for c in text)
