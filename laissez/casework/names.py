"""The Latin form of a recorded name, so the case list finds every case by name.

A name typed in Latin letters is its own Latin form. A name in another script (Arabic,
Cyrillic ...) takes the name read from the document's MRZ when there is one (the issuing
State's own transliteration), else the Doc 9303 transliteration of what was typed. The script
is recorded with the name (``Latn``, ``Arab``, ``Cyrl``, or ``Zyyy`` when mixed).
"""

from __future__ import annotations

import unicodedata
from typing import Any

from laissez.documents.errors import TransliterationError
from laissez.documents.transliteration import transliterate
from laissez.storage.models import Person


def script_of(text: str) -> str:
    """The ISO 15924 code of the letters in ``text`` (``Latn``, ``Arab``, ``Cyrl``; ``Zyyy``
    when mixed or unknown; "" when it has no letter)."""
    scripts = set()
    for ch in text:
        if not ch.isalpha():
            continue
        name = unicodedata.name(ch, "")
        if name.startswith("LATIN"):
            scripts.add("Latn")
        elif name.startswith("ARABIC"):
            scripts.add("Arab")
        elif name.startswith("CYRILLIC"):
            scripts.add("Cyrl")
        else:
            scripts.add("Zyyy")
    if not scripts:
        return ""
    return scripts.pop() if len(scripts) == 1 else "Zyyy"


def _latin(text: str | None) -> str | None:
    if not text:
        return None
    if script_of(text) in ("Latn", ""):
        return text
    try:
        return transliterate(text).title() or None
    except TransliterationError:
        return None


def latin_names(person: Person, mrz: Any | None = None) -> None:
    """Set ``person``'s script and Latin names from the names just recorded (and the parsed
    MRZ ``mrz``, when one was read)."""
    primary, secondary = person.primary_name or "", person.secondary_name or ""
    script = script_of(primary + secondary)
    person.name_script = script or None
    if script in ("Latn", ""):
        person.primary_name_latin = primary or None
        person.secondary_name_latin = secondary or None
        return
    name = getattr(getattr(mrz, "fields", None), "name", None)
    mrz_primary = getattr(name, "primary", "") if name is not None else ""
    if mrz_primary:
        person.primary_name_latin = str(mrz_primary).replace("<", " ").strip().title()
        mrz_secondary = getattr(name, "secondary", "")
        person.secondary_name_latin = str(mrz_secondary).replace("<", " ").strip().title() or None
        return
    person.primary_name_latin = _latin(primary)
    person.secondary_name_latin = _latin(secondary)
