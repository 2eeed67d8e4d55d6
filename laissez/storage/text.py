"""Text folding for search keys (no database access)."""

from __future__ import annotations

import re
import unicodedata

_NOT_LETTER = re.compile(r"[^A-Z]+")
# Latin letters that Unicode does not decompose into a base letter plus marks.
_SPECIAL = str.maketrans({
    "Ø": "O", "ø": "o", "Æ": "AE", "æ": "ae", "Œ": "OE", "œ": "oe", "ß": "ss", "ẞ": "SS",
    "Ł": "L", "ł": "l", "Đ": "D", "đ": "d", "Ð": "D", "ð": "d", "Þ": "TH", "þ": "th",
    "ı": "i", "Ħ": "H", "ħ": "h", "Ŧ": "T", "ŧ": "t", "Ŋ": "NG", "ŋ": "ng",
})  # fmt: skip


def name_key(*parts: str | None) -> str:
    """Fold Latin name parts to a search key: ``("Müller-Lüdenscheidt", "José")`` ->
    ``"MULLER LUDENSCHEIDT JOSE"`` (upper-case ASCII letters and single spaces)."""
    text = " ".join(p for p in parts if p).translate(_SPECIAL)
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _NOT_LETTER.sub(" ", ascii_text.upper()).strip()
