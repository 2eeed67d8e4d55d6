"""Text in any script as reportlab paragraph markup: fallback fonts and right-to-left fixes.

reportlab 5.1 shapes each word with HarfBuzz and orders words with python-bidi, but two things
need help, both seen on rendered pages:

* a font lacks some characters (Noto Naskh Arabic has no Latin letters or hyphen): such runs are
  wrapped in ``<font>`` with Noto Sans;
* in right-to-left text, punctuation at the end of an Arabic-script word (``.``, ``:``, ``؟``,
  ``،``, ``۔``) is drawn on the wrong side of the word; moving it to the other end of the word
  before layout puts it where a reader expects it.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from reportlab.pdfbase import pdfmetrics

from laissez.printing import typefaces

_CLOSING = frozenset(".,:;!?،؛؟۔)]}»\"'")
_OPENING = frozenset("([{«")


def _is_rtl_letter(char: str) -> bool:
    return unicodedata.bidirectional(char) in ("R", "AL")


def has_rtl_letters(text: str) -> bool:
    """True when ``text`` holds a right-to-left letter (Arabic, Hebrew ...)."""
    return any(_is_rtl_letter(c) for c in text)


def _fix_rtl_word(word: str) -> str:
    if not any(_is_rtl_letter(c) for c in word):
        return word
    start, end = 0, len(word)
    while end > start and word[end - 1] in _CLOSING:
        end -= 1
    while start < end and word[start] in _OPENING:
        start += 1
    return word[end:][::-1] + word[start:end] + word[:start][::-1]


def fix_rtl_punctuation(text: str) -> str:
    """Move word-final punctuation of Arabic-script words to the front (see module doc)."""
    return " ".join(_fix_rtl_word(word) for word in text.split(" "))


@lru_cache(maxsize=16)
def _coverage(font_name: str) -> frozenset[int]:
    face = pdfmetrics.getFont(font_name).face
    return frozenset(face.charToGlyph)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def markup(text: str, font_name: str, *, rtl: bool = False) -> str:
    """Paragraph markup for ``text`` set in ``font_name``.

    Characters the font lacks are set in Noto Sans; with ``rtl`` the punctuation fix applies.
    """
    if rtl:
        text = fix_rtl_punctuation(text)
    main = _coverage(typefaces.font(font_name))
    sans = typefaces.font(typefaces.SANS)
    if font_name == sans:
        return _escape(text)
    out: list[str] = []
    run: list[str] = []
    run_is_fallback = False
    for char in text:
        fallback = ord(char) not in main and not char.isspace()
        if run and fallback != run_is_fallback:
            out.append(_wrap("".join(run), sans if run_is_fallback else None))
            run = []
        run.append(char)
        run_is_fallback = fallback
    if run:
        out.append(_wrap("".join(run), sans if run_is_fallback else None))
    return "".join(out)


def _wrap(text: str, font_name: str | None) -> str:
    escaped = _escape(text)
    return f'<font name="{font_name}">{escaped}</font>' if font_name else escaped
