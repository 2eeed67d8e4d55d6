"""Transliteration per Doc 9303 Part 3 §6, with the per-State options recorded."""

from __future__ import annotations

import pytest

from laissez.documents.errors import MrzBuildError, TransliterationError
from laissez.documents.mrz import encode_name
from laissez.documents.transliteration import TransliterationOptions, transliterate


@pytest.mark.parametrize(
    ("text", "options", "expected"),
    [
        ("Müller", TransliterationOptions(), "MUELLER"),
        ("Müller", TransliterationOptions(u_umlaut="U"), "MULLER"),
        ("Müller", TransliterationOptions(u_umlaut="UXX"), "MUXXLLER"),
        ("Jäger", TransliterationOptions(a_umlaut="A"), "JAGER"),
        ("Ångström", TransliterationOptions(), "AANGSTROEM"),
        ("Ångström", TransliterationOptions(a_ring="A", o_umlaut="O"), "ANGSTROM"),
        ("Muñoz", TransliterationOptions(), "MUNOZ"),
        ("Muñoz", TransliterationOptions(n_tilde="NXX"), "MUNXXOZ"),
        ("Øre Æbelø", TransliterationOptions(), "OERE AEBELOE"),
        ("Þórður", TransliterationOptions(), "THORDUR"),
        ("Straße", TransliterationOptions(), "STRASSE"),
        ("Łódź Čížek Şahin Ğür", TransliterationOptions(), "LODZ CIZEK SAHIN GUER"),
        ("İlkay ılgın", TransliterationOptions(), "ILKAY ILGIN"),
        ("Œuvre Ĳssel", TransliterationOptions(), "OEUVRE IJSSEL"),
    ],
)
def test_latin(text: str, options: TransliterationOptions, expected: str) -> None:
    assert transliterate(text, options) == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Борис Щукин", "default", "BORIS SHCHUKIN"),
        ("Жанна Хохлова", "ru", "ZHANNA KHOKHLOVA"),
        ("Живковић Чедомир", "sr", "ZIVKOVIC CEDOMIR"),
        ("Христо Щерев", "bg", "KHRISTO SHTEREV"),
        ("Ќиро Џамбаз", "mk", "KJIRO DJAMBAZ"),
        ("Юлія Євген Їжак Йосип", "uk", "YULIIA YEVHEN YIZHAK YOSYP"),
        ("Галина", "uk", "HALYNA"),
        ("Алёна", "be", "ALIONA"),
        ("Подъячев Рыбаков", "ru", "PODIEIACHEV RYBAKOV"),
    ],
)
def test_cyrillic_with_language_exceptions(text: str, lang: str, expected: str) -> None:
    assert transliterate(text, TransliterationOptions(cyrillic=lang)) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("محمد", "MXHMD"),
        ("فاطمة", "FAXTTMXAH"),  # ta marbuta at the end of a component
        ("خالد", "XKHALD"),
        ("شريف", "XSHRYF"),
        ("مُحَمَّد", "MXHMMD"),  # short vowels dropped, shadda doubles
        ("عبد الله", "EBD ALLH"),
    ],
)
def test_arabic_officer_supplied_spelling(text: str, expected: str) -> None:
    assert transliterate(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("D'Artagnan", "DARTAGNAN"),
        ("Marie-Élise", "MARIE ELISE"),
        ("O’Brien", "OBRIEN"),
        ("Smith, Jr.", "SMITH JR"),
    ],
)
def test_punctuation(text: str, expected: str) -> None:
    assert transliterate(text) == expected


def test_digits_are_refused_without_quoting_the_name() -> None:
    with pytest.raises(TransliterationError) as info:
        transliterate("Anna2")
    assert info.value.index == 4
    assert "Anna" not in str(info.value)


def test_options_are_recorded_with_the_encoded_name() -> None:
    options = TransliterationOptions(a_umlaut="A", cyrillic="uk")
    name = encode_name("Jäger", "Юлія", 39, options=options)
    assert name.field.startswith("JAGER<<YULIIA<")
    assert name.transliteration == options.profile
    assert "A=A" in name.transliteration and "cyr=uk" in name.transliteration


def test_single_name_becomes_the_primary_identifier() -> None:
    name = encode_name("", "Suharto", 39)
    assert name.field.startswith("SUHARTO<<<") and name.primary == "SUHARTO"


def test_untransliterable_name_is_a_build_error() -> None:
    with pytest.raises(MrzBuildError) as info:
        encode_name("李", "", 39)
    assert info.value.field == "name"
