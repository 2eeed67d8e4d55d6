"""Names in the MRZ (Doc 9303 Part 3 §4.6; Parts 4-7 §4.2.3).

The primary identifier comes first, then ``<<``, then the secondary identifier; components
inside either are separated by one ``<``; fillers pad the field. A name too long for its field
is truncated; a letter in the last position means "possibly truncated".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from laissez.documents.errors import MrzBuildError
from laissez.documents.transliteration import (
    DEFAULT_OPTIONS,
    TransliterationOptions,
    transliterate,
)

TruncationMethod = Literal["initials", "end"]
#: Letters of the secondary identifier that the "initials" method keeps before cutting.
MIN_SECONDARY_LETTERS = 2


@dataclass(frozen=True)
class MrzName:
    """A name as written in an MRZ name field.

    Attributes:
        field: the whole name field, padded with fillers to its length.
        primary: primary identifier components joined by spaces, as in the MRZ.
        secondary: secondary identifier components joined by spaces, as in the MRZ.
        truncated: True when the name was shortened to fit (known when building).
        possibly_truncated: True when the last position holds a letter, which readers must
            treat as a possible truncation (Part 3 §4.6).
        transliteration: the profile of the transliteration choices used, when built from a
            Unicode name ("" when parsed).
    """

    field: str
    primary: str
    secondary: str
    truncated: bool
    possibly_truncated: bool
    transliteration: str = ""


def decode_name(field: str) -> MrzName:
    """Split an MRZ name field into primary and secondary identifiers."""
    body = field.rstrip("<")
    primary_raw, sep, secondary_raw = body.partition("<<")
    primary = " ".join(p for p in primary_raw.split("<") if p)
    secondary = " ".join(p for p in secondary_raw.split("<") if p) if sep else ""
    last_is_letter = bool(field) and field[-1].isalpha()
    return MrzName(field, primary, secondary, False, last_is_letter)


def _cut(text: str, length: int) -> str:
    """Cut ``text`` to ``length`` so that it ends with a letter (never with a filler).

    When the cut lands on a separator, the component nearest before the cut that has more than
    one letter gives up a letter, so the next letter moves into the last position; if every
    component there is a single letter, the nearest one is dropped with its separator.
    """
    while len(text) > length and text[length - 1] == "<":
        letters = [k for k in range(1, length - 1) if text[k] != "<" and text[k - 1] != "<"]
        if letters:
            k = letters[-1]
            text = text[:k] + text[k + 1 :]
            continue
        singles = [k for k in range(1, length - 1) if text[k] != "<" and text[k + 1] == "<"]
        if not singles:
            break
        k = singles[-1]
        text = text[: k - 1] + text[k + 1 :]  # the one-letter component and its separator
    return text[:length].rstrip("<")


def fit_name(
    primary: list[str], secondary: list[str], length: int, method: TruncationMethod = "initials"
) -> tuple[str, bool]:
    """Lay out MRZ components in ``length`` characters; returns ``(field, truncated)``.

    ``initials`` (the default) reproduces the examples of Doc 9303 Part 3 §4.6: it first
    shortens primary-identifier components after the first, from the last one back and at most
    to their initials, until at least two letters of the secondary identifier fit; then it
    cuts from the end.
    ``end`` only cuts from the end. Both keep ``<<`` and one letter of the secondary identifier
    whenever there is one, and both end a truncated name with a letter.
    """
    primary = [p for p in primary if p]
    secondary = [s for s in secondary if s]

    def join(prim: list[str]) -> str:
        text = "<".join(prim)
        if secondary:
            text += "<<" + "<".join(secondary)
        return text

    full = join(primary)
    if len(full) <= length:
        return full.ljust(length, "<"), False
    if method == "initials" and secondary:
        prim = list(primary)
        wanted = min(MIN_SECONDARY_LETTERS, len(secondary[0]))
        for i in range(len(prim) - 1, 0, -1):
            needed = len("<".join(prim)) + 2 + wanted - length
            if needed <= 0:
                break
            # Shorten this component only as far as needed, down to its initial.
            prim[i] = prim[i][: max(1, len(prim[i]) - needed)]
        full = join(prim)
        primary = prim
        if len(full) <= length:
            return full.ljust(length, "<"), True
    if not secondary:
        return _cut(full, length).ljust(length, "<"), True
    primary_text = "<".join(primary)
    room = length - 3  # "<<" plus the first letter of the secondary identifier
    if len(primary_text) > room:
        primary_text = _cut(primary_text, room)
        text = primary_text + "<<" + secondary[0][0]
        return text.ljust(length, "<"), True
    return _cut(full, length).ljust(length, "<"), True


def encode_name(
    primary: str,
    secondary: str,
    length: int,
    *,
    options: TransliterationOptions = DEFAULT_OPTIONS,
    method: TruncationMethod = "initials",
) -> MrzName:
    """Encode a name given in Unicode (any script Doc 9303 covers) into an MRZ name field.

    Raises:
        MrzBuildError: when the name is empty or holds a character with no transliteration.
    """
    from laissez.documents.errors import TransliterationError

    try:
        prim = transliterate(primary, options).split()
        sec = transliterate(secondary, options).split()
    except TransliterationError as exc:
        raise MrzBuildError(
            f"name cannot be transliterated: {exc.message} (character {exc.index})",
            field="name",
            expected="letters, spaces, hyphens and apostrophes",
        ) from exc
    if not prim and not sec:
        raise MrzBuildError("name is empty", field="name", expected="at least one letter")
    if not prim:
        # Part 3 §4.6: a name with one part is written as the primary identifier.
        prim, sec = sec, []
    field, truncated = fit_name(prim, sec, length, method)
    decoded = decode_name(field)
    return MrzName(
        field,
        decoded.primary,
        decoded.secondary,
        truncated,
        decoded.possibly_truncated,
        options.profile,
    )
