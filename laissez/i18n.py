"""Translations for Laissez's own strings (gettext catalogues maintained with Babel).

Two locales matter (STYLE.md §7): the officer's interface language and the person's interview
language. The desktop installs one :class:`Translations` for its interface; anything shown or
printed for the person takes an explicit :class:`Translations` object and never the
process-wide one. Catalogues are ``laissez/locale/<lang>/LC_MESSAGES/laissez.po``; they are
compiled in memory when first loaded, so a source checkout and a frozen bundle behave alike.
"""

from __future__ import annotations

import gettext
import io
import threading
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

DOMAIN = "laissez"

#: Interface languages: code -> name in that language.
UI_LANGUAGES: dict[str, str] = {
    "en": "English",
    "fr": "Français",
    "es": "Español",
    "ar": "العربية",
}
#: Languages written right to left.
RTL_LANGUAGES = frozenset({"ar", "ur", "fa", "he", "ps", "ckb", "ug", "yi", "dv"})


def N_(message: str) -> str:
    """Mark a string for extraction without translating it now (a deferred constant)."""
    return message


@dataclass(frozen=True)
class Translations:
    """One language's catalogue. Use ``t.gettext``/``t.ngettext``/``t.pgettext``."""

    language: str
    catalogue: gettext.NullTranslations

    @property
    def rtl(self) -> bool:
        """True when the language is written right to left."""
        return is_rtl(self.language)

    def gettext(self, message: str) -> str:
        """The translation of ``message`` (itself when there is none)."""
        return self.catalogue.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """The translation for count ``n``, following the language's plural rules."""
        return self.catalogue.ngettext(singular, plural, n)

    def pgettext(self, context: str, message: str) -> str:
        """The translation of ``message`` in ``context`` (for ambiguous words)."""
        return self.catalogue.pgettext(context, message)


def ltr(text: str) -> str:
    """Isolate ``text`` as left to right (paths, MRZ, document numbers) so that it keeps its
    order inside a right-to-left sentence (Unicode LRI ... PDI)."""
    return f"\u2066{text}\u2069"


def isolate(text: str) -> str:
    """Isolate ``text`` with its own direction (Unicode FSI ... PDI): an Arabic name in an
    English screen, or a sentence not yet translated in an Arabic one, keeps its order."""
    return f"\u2068{text}\u2069"


def is_rtl(language: str) -> bool:
    """True for a language written right to left (``ar``, ``ur`` ...; region ignored)."""
    return language.split("_")[0].split("-")[0].lower() in RTL_LANGUAGES


@lru_cache(maxsize=16)
def load(language: str) -> Translations:
    """The catalogue for ``language``; English (the source language) when there is none."""
    base = language.split("_")[0].split("-")[0].lower()
    po = resources.files("laissez") / "locale" / base / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not po.is_file():
        return Translations(base, gettext.NullTranslations())
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as handle:
        catalog = read_po(handle, locale=base)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(base, gettext.GNUTranslations(buffer))


_current = threading.local()
_default: list[Translations] = [Translations("en", gettext.NullTranslations())]


def install(language: str) -> Translations:
    """Make ``language`` the interface language of this process; returns its catalogue."""
    translations = load(language)
    _default[0] = translations
    return translations


def current() -> Translations:
    """The interface language's catalogue."""
    return getattr(_current, "translations", None) or _default[0]


def _(message: str) -> str:
    """Translate an interface string into the current interface language."""
    return current().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate an interface string with a count."""
    return current().ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """Translate an interface string in a context."""
    return current().pgettext(context, message)
