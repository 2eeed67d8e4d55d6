"""Transliteration of names into the MRZ alphabet (Doc 9303 Part 3 §6).

Latin letters with diacritics follow Part 3 §6.A, where a State chooses, for a few letters, one
of several forms (``Ä`` as ``AE`` or ``A`` ...): :class:`TransliterationOptions` holds those
choices and :attr:`TransliterationOptions.profile` names them so the choice is recorded with
the name. Cyrillic follows §6.B with its language exceptions; Arabic follows §6.C when the
officer supplies the name in Arabic script.

The output keeps name components apart with single spaces; :mod:`laissez.documents.mrz.names`
turns that into MRZ fillers.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Literal

from laissez.documents.errors import TransliterationError

CyrillicLanguage = Literal["default", "ru", "uk", "be", "bg", "sr", "mk"]

# --- Latin (Part 3 §6.A) --------------------------------------------------------------------
# Letters whose output is fixed and not their Unicode base letter.
_LATIN_FIXED: dict[str, str] = {
    "Æ": "AE",
    "Ø": "OE",
    "Œ": "OE",
    "Þ": "TH",
    "Ĳ": "IJ",
    "Ð": "D",
    "Đ": "D",
    "Ħ": "H",
    "İ": "I",
    "I": "I",
    "Ł": "L",
    "Ŀ": "L",
    "Ŋ": "N",
    "Ŧ": "T",
    "ẞ": "SS",
    "ß": "SS",  # not listed separately in Part 3 (reference/ICAO.md §1.5): mapped like ẞ
    "ĸ": "K",
    "ŉ": "N",
}


@dataclass(frozen=True)
class TransliterationOptions:
    """The per-State choices of Part 3 §6.A plus the Cyrillic language.

    The defaults are the first form Doc 9303 lists for each letter.
    """

    a_umlaut: Literal["AE", "A"] = "AE"
    a_ring: Literal["AA", "A"] = "AA"
    o_umlaut: Literal["OE", "O"] = "OE"
    u_umlaut: Literal["UE", "UXX", "U"] = "UE"
    n_tilde: Literal["N", "NXX"] = "N"
    cyrillic: CyrillicLanguage = "default"

    @property
    def profile(self) -> str:
        """A short stable name of these choices, to record beside a transliterated name."""
        return (
            f"icao9303:A={self.a_umlaut},AA={self.a_ring},O={self.o_umlaut},"
            f"U={self.u_umlaut},N={self.n_tilde},cyr={self.cyrillic}"
        )

    def latin_choice(self, letter: str) -> str | None:
        """The configured output for a letter with a per-State option, else None."""
        return {
            "Ä": self.a_umlaut,
            "Å": self.a_ring,
            "Ö": self.o_umlaut,
            "Ü": self.u_umlaut,
            "Ñ": self.n_tilde,
        }.get(letter)


DEFAULT_OPTIONS = TransliterationOptions()

# --- Cyrillic (Part 3 §6.B) -----------------------------------------------------------------
_CYRILLIC: dict[str, str] = {
    "А": "A", "Б": "B", "В": "V", "Г": "G", "Ґ": "G", "Д": "D", "Ђ": "D", "Ѓ": "G", "Ғ": "G",
    "Е": "E", "Ё": "E", "Є": "IE", "Ж": "ZH", "З": "Z", "Ѕ": "DZ", "И": "I", "І": "I",
    "Ї": "I", "Й": "I", "Ј": "J", "К": "K", "Л": "L", "Љ": "LJ", "М": "M", "Н": "N",
    "Њ": "NJ", "О": "O", "П": "P", "Р": "R", "С": "S", "Т": "T", "Ћ": "C", "Ќ": "K",
    "У": "U", "Ў": "U", "Ф": "F", "Х": "KH", "Ц": "TS", "Ч": "CH", "Џ": "DZ", "Ш": "SH",
    "Щ": "SHCH", "Ъ": "IE", "Ы": "Y", "Ь": "", "Э": "E", "Ю": "IU", "Я": "IA",
}  # fmt: skip

_CYRILLIC_LANGUAGE: dict[str, dict[str, str]] = {
    "sr": {"Ж": "Z", "Х": "H", "Ц": "C", "Ч": "C", "Ш": "S", "Г": "H"},
    "mk": {"Х": "H", "Ц": "C", "Ќ": "KJ", "Џ": "DJ", "Ѓ": "GJ", "Ғ": "GJ"},
    "bg": {"Щ": "SHT"},
    "be": {"Г": "H", "Ё": "IO"},
    "uk": {"Г": "H", "И": "Y"},
    "ru": {},
    "default": {},
}
# Ukrainian letters written differently at the start of a name component.
_UKRAINIAN_INITIAL: dict[str, str] = {"Є": "YE", "Ї": "YI", "Й": "Y", "Ю": "YU", "Я": "YA"}

# --- Arabic (Part 3 §6.C, Appendix B) -------------------------------------------------------
_ARABIC: dict[str, str] = {
    "ء": "XE", "آ": "XAA", "أ": "XAE", "ؤ": "U", "إ": "I", "ئ": "XI", "ا": "A", "ب": "B",
    "ة": "XTA", "ت": "T", "ث": "XTH", "ج": "J", "ح": "XH", "خ": "XKH", "د": "D", "ذ": "XDH",
    "ر": "R", "ز": "Z", "س": "S", "ش": "XSH", "ص": "XSS", "ض": "XDZ", "ط": "XTT", "ظ": "XZZ",
    "ع": "E", "غ": "XGH", "ف": "F", "ق": "Q", "ك": "K", "ل": "L", "م": "M", "ن": "N",
    "ه": "H", "و": "W", "ى": "XAY", "ي": "Y",
    # Letters of Persian and Urdu. [inferred] from Appendix B practice: the officer confirms.
    "پ": "P", "چ": "XCH", "ژ": "XZH", "گ": "XG", "ک": "K", "ی": "Y", "ٹ": "XT", "ڈ": "XD",
    "ڑ": "XR", "ں": "N", "ھ": "H", "ہ": "H", "ۃ": "XTA", "ے": "XE",
}  # fmt: skip
_ARABIC_TA_MARBUTA_FINAL = "XAH"
_ARABIC_SHADDA = "\u0651"
# Short vowels, tanween, sukun, superscript alef and tatweel carry no MRZ letter.
_ARABIC_SILENT = frozenset("\u064b\u064c\u064d\u064e\u064f\u0650\u0652\u0670\u0640")

# --- Punctuation (Part 3 §4.6) --------------------------------------------------------------
_SEPARATORS = frozenset(" -,\u2010\u2011\u2013\u00a0")  # become a component break
_DROPPED_JOINING = frozenset("'\u2019\u02bc`\u00b4")  # apostrophes: dropped, parts joined


def _latin_letter(char: str, options: TransliterationOptions) -> str | None:
    upper = char.upper() if char not in ("ß", "ı") else char
    if upper == "ı":
        return "I"
    choice = options.latin_choice(upper)
    if choice is not None:
        return choice
    if upper in _LATIN_FIXED:
        return _LATIN_FIXED[upper]
    if "A" <= upper <= "Z":
        return upper
    decomposed = unicodedata.normalize("NFKD", upper)
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    if base and all("A" <= c <= "Z" for c in base):
        return base
    return None


def _cyrillic_letter(char: str, initial: bool, options: TransliterationOptions) -> str | None:
    upper = char.upper()
    if upper not in _CYRILLIC:
        return None
    lang = options.cyrillic
    if lang == "uk" and initial and upper in _UKRAINIAN_INITIAL:
        return _UKRAINIAN_INITIAL[upper]
    return _CYRILLIC_LANGUAGE.get(lang, {}).get(upper, _CYRILLIC[upper])


def _arabic_word(word: str) -> str:
    out: list[str] = []
    letters = [c for c in word if c not in _ARABIC_SILENT]
    for i, char in enumerate(letters):
        if char == _ARABIC_SHADDA:
            if out:
                out.append(out[-1])
            continue
        if char == "ة" and i == len(letters) - 1:
            out.append(_ARABIC_TA_MARBUTA_FINAL)
            continue
        mapped = _ARABIC.get(char)
        if mapped is None:
            raise TransliterationError(
                "Arabic-script character without a Doc 9303 transliteration", index=i
            )
        out.append(mapped)
    return "".join(out)


def _is_arabic(char: str) -> bool:
    return "\u0600" <= char <= "\u06ff"


def transliterate(text: str, options: TransliterationOptions = DEFAULT_OPTIONS) -> str:
    """Transliterate a name (or one identifier of it) to ``A-Z`` components joined by spaces.

    Punctuation follows Part 3 §4.6: apostrophes are dropped and the parts joined, hyphens,
    commas and spaces separate components, any other punctuation is dropped.

    Raises:
        TransliterationError: for a digit or a letter with no Doc 9303 transliteration; the
            message gives the character index, never the character or the name.
    """
    text = unicodedata.normalize("NFC", text)
    components: list[str] = []
    current: list[str] = []
    arabic_run: list[str] = []

    def flush_arabic() -> None:
        if arabic_run:
            current.append(_arabic_word("".join(arabic_run)))
            arabic_run.clear()

    for index, char in enumerate(text):
        if _is_arabic(char) and char not in "،؛":
            arabic_run.append(char)
            continue
        flush_arabic()
        if char in _SEPARATORS or char in "،" or char.isspace():
            if current:
                components.append("".join(current))
                current = []
            continue
        if char in _DROPPED_JOINING:
            continue
        if char.isdigit():
            raise TransliterationError("digits are not allowed in names", index=index)
        category = unicodedata.category(char)
        if category.startswith("P") or category.startswith("S") or category.startswith("C"):
            continue  # other punctuation and symbols are dropped without a filler
        initial = not current
        mapped = _cyrillic_letter(char, initial, options)
        if mapped is None:
            mapped = _latin_letter(char, options)
        if mapped is None:
            raise TransliterationError("character without a Doc 9303 transliteration", index=index)
        current.append(mapped)
    flush_arabic()
    if current:
        components.append("".join(current))
    return " ".join(c for c in components if c)
