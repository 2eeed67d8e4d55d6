"""Typed errors of the forms package.

Messages name forms, versions, fields and files, never answer values: an answer is personal
data and an error message may end up in a log.
"""

from __future__ import annotations


class FormsError(Exception):
    """Base class of every error raised by ``laissez.forms``.

    Attributes:
        code: a stable machine-readable code (``forms.definition`` ...) that the desktop maps
            to translated words.
        message: an English sentence for logs and the command line (no personal data).
    """

    code = "forms"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class DefinitionError(FormsError):
    """A form, advisal text or consent-scope file does not follow its JSON Schema or rules."""

    code = "forms.definition"


class UnknownDefinitionError(FormsError):
    """No form, advisal text or consent-scope set exists with that id, version or language."""

    code = "forms.unknown"


class PublishedContentChangedError(FormsError):
    """A published version's content no longer matches the hash recorded when it was published.

    Published versions are immutable: a change needs a new version number.
    """

    code = "forms.published_changed"


class UnpublishedDefinitionError(FormsError):
    """A version no publisher signed (a draft, a file edited on this computer, a manifest entry
    without a valid signature): it is never used."""

    code = "forms.unpublished"


class IncompleteAdvisalError(FormsError):
    """An advisal text does not cover every point it must (``REQUIRED_POINTS``).

    Attributes:
        missing: the codes of the points it leaves out.
    """

    code = "forms.advisal_incomplete"

    def __init__(self, message: str, *, missing: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.missing = missing
