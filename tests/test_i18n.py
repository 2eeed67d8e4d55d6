"""Interface catalogues: complete, placeholders intact, right-to-left known."""

from __future__ import annotations

import string
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from laissez import i18n

LOCALE = Path(__file__).resolve().parent.parent / "laissez" / "locale"


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("lang", ["fr", "es", "ar"])
def test_catalogue_complete_with_same_placeholders(lang: str) -> None:
    """The .po files are the only source of translations: each one translates every msgid of
    the template, has no fuzzy entry (gettext would ignore it), and keeps the {placeholders}."""
    with (LOCALE / lang / "LC_MESSAGES" / "laissez.po").open("rb") as handle:
        catalog = read_po(handle, locale=lang, abort_invalid=True)
    with (LOCALE / "laissez.pot").open("rb") as handle:
        template = read_po(handle)
    ids, template_ids = {m.id for m in catalog if m.id}, {m.id for m in template if m.id}
    assert not template_ids - ids, f"missing from {lang}: run make update-strings"
    assert not ids - template_ids, f"not in the template any more ({lang})"
    for message in catalog:
        if not message.id:
            continue
        assert not message.fuzzy, (lang, message.id)
        if isinstance(message.id, tuple):
            # Plural forms: each may leave out the count ("one problem"), none may add a field.
            assert len(message.string) == catalog.num_plurals, (lang, message.id)
            assert all(message.string), (lang, message.id)
            wanted = set().union(*(_fields(i) for i in message.id))
            used = [_fields(text) for text in message.string]
            assert all(fields <= wanted for fields in used), (lang, message.id)
            assert set().union(*used) == wanted, (lang, message.id)
        else:
            assert message.string, (lang, message.id)
            assert _fields(message.string) == _fields(message.id), (lang, message.id)


def test_load_translates_and_falls_back() -> None:
    assert i18n.load("fr").gettext("name") == "nom"
    assert i18n.load("fr_CA").gettext("name") == "nom"
    assert i18n.load("xx").gettext("name") == "name"


def test_arabic_plurals_follow_arabic_rules() -> None:
    ar = i18n.load("ar")
    one = ar.ngettext("Not valid: {count} problem.", "Not valid: {count} problems.", 1)
    two = ar.ngettext("Not valid: {count} problem.", "Not valid: {count} problems.", 2)
    many = ar.ngettext("Not valid: {count} problem.", "Not valid: {count} problems.", 11)
    assert len({one, two, many}) == 3


@pytest.mark.parametrize(
    ("lang", "rtl"), [("ar", True), ("ur", True), ("ar_EG", True), ("fr", False), ("bn", False)]
)
def test_direction(lang: str, rtl: bool) -> None:
    assert i18n.is_rtl(lang) is rtl
