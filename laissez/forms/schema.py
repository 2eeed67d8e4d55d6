"""The in-memory model of an interview form: frozen dataclasses built from validated data.

A form has sections, a section has fields. Every label and help text is a ``Text``: a mapping
from a language tag to words, with English as the fallback. A field may carry a ``Condition``
(``when``) that decides whether it is shown (and so whether its answer is required).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

FALLBACK_LANGUAGE = "en"
#: languages written right to left among those Laissez ships texts in.
RTL_LANGUAGES = frozenset({"ar", "ur", "fa", "he", "ps", "ckb"})


class FieldType(StrEnum):
    """The kinds of field a form can hold, with the shape of their answer."""

    TEXT = "text"  # str
    DATE = "date"  # "YYYY-MM-DD" where unknown parts are XXXX / XX (see validation.PartialDate)
    CHOICE = "choice"  # one option value
    MULTI_CHOICE = "multi_choice"  # list of option values
    YES_NO_UNKNOWN = "yes_no_unknown"  # "yes" | "no" | "unknown"
    COUNTRY = "country"  # three-letter ICAO/ISO code, XXA/XXB/XXC/XXX included
    LANGUAGE = "language"  # BCP 47 tag such as "ar" or "bn-BD"
    SIGNATURE = "signature"  # {"kind": "signed"|"mark"|"declined", "ref"?: str, "reason"?: str}
    PHOTO = "photo"  # {"ref": str, "sha256": 64 hex digits}
    INTEGER = "integer"  # int


YES, NO, UNKNOWN = "yes", "no", "unknown"
YES_NO_UNKNOWN_VALUES = (YES, NO, UNKNOWN)


@dataclass(frozen=True)
class Text:
    """Words in several languages; ``get`` falls back to English, then to any language."""

    by_language: Mapping[str, str]

    def get(self, language: str) -> str:
        """The words in ``language`` (or its base language ``bn`` for ``bn-BD``), else English."""
        for tag in (language, language.split("-")[0], FALLBACK_LANGUAGE):
            if tag in self.by_language:
                return self.by_language[tag]
        return next(iter(self.by_language.values()), "")

    def has(self, language: str) -> bool:
        """Whether a translation exists in exactly this language (no fallback)."""
        return language in self.by_language

    @staticmethod
    def of(data: Mapping[str, str] | None) -> Text:
        """A ``Text`` from a mapping (``None`` gives an empty text)."""
        return Text(dict(data or {}))


@dataclass(frozen=True)
class Condition:
    """When a field is shown. Exactly one form is used:

    * ``field`` with ``equals``: the other field's answer equals the value;
    * ``field`` with ``one_of``: the answer is one of the values;
    * ``field`` with ``contains``: a multiple-choice answer contains the value;
    * ``all_of`` / ``any_of``: a combination of conditions.

    A condition on a field that is itself hidden is false.
    """

    field: str | None = None
    equals: Any = None
    one_of: tuple[Any, ...] | None = None
    contains: Any = None
    all_of: tuple[Condition, ...] = ()
    any_of: tuple[Condition, ...] = ()

    def fields(self) -> set[str]:
        """Every field id this condition reads."""
        names = {self.field} if self.field else set()
        for sub in (*self.all_of, *self.any_of):
            names |= sub.fields()
        return names

    @staticmethod
    def parse(data: Mapping[str, Any]) -> Condition:
        """A condition from its validated mapping form."""
        return Condition(
            field=data.get("field"),
            equals=data.get("equals"),
            one_of=tuple(data["one_of"]) if "one_of" in data else None,
            contains=data.get("contains"),
            all_of=tuple(Condition.parse(d) for d in data.get("all_of", ())),
            any_of=tuple(Condition.parse(d) for d in data.get("any_of", ())),
        )


@dataclass(frozen=True)
class Option:
    """One option of a choice or multiple-choice field."""

    value: str
    label: Text


@dataclass(frozen=True)
class Field:
    """One question. ``required`` applies only while the field is shown (see ``when``).

    Validation knobs: ``max_length`` and ``pattern`` (text), ``not_future`` and ``not_before``
    (date), ``min_items``/``max_items`` (multiple choice), ``minimum``/``maximum`` (integer).
    ``personal`` marks answers that are personal data (all are, unless it says false).
    """

    id: str
    type: FieldType
    label: Text
    help: Text = field(default_factory=lambda: Text({}))
    required: bool = False
    options: tuple[Option, ...] = ()
    when: Condition | None = None
    max_length: int | None = None
    pattern: str | None = None
    not_future: bool = False
    not_before: str | None = None
    min_items: int | None = None
    max_items: int | None = None
    minimum: int | None = None
    maximum: int | None = None
    personal: bool = True

    def option_values(self) -> tuple[str, ...]:
        """The allowed values of a choice field (the yes/no/unknown triple for that type)."""
        if self.type is FieldType.YES_NO_UNKNOWN:
            return YES_NO_UNKNOWN_VALUES
        return tuple(o.value for o in self.options)


@dataclass(frozen=True)
class Section:
    """A titled group of fields."""

    id: str
    title: Text
    fields: tuple[Field, ...]


@dataclass(frozen=True)
class Form:
    """One version of an interview form.

    ``content_hash`` is the SHA-256 of the canonical JSON form of the file's content; a
    published version's hash is fixed in the manifest and loading fails if it changed.
    """

    id: str
    version: str
    status: str
    title: Text
    description: Text
    languages: tuple[str, ...]
    sections: tuple[Section, ...]
    content_hash: str

    @property
    def published(self) -> bool:
        """Whether this version is published (immutable)."""
        return self.status == "published"

    @property
    def fields(self) -> tuple[Field, ...]:
        """Every field of every section, in order."""
        return tuple(f for s in self.sections for f in s.fields)

    def field(self, field_id: str) -> Field:
        """The field with this id; ``KeyError`` if there is none."""
        for f in self.fields:
            if f.id == field_id:
                return f
        raise KeyError(field_id)

    @property
    def ref(self) -> str:
        """``<id>@<version>``, the way records refer to this form."""
        return f"{self.id}@{self.version}"


def _field(data: Mapping[str, Any]) -> Field:
    return Field(
        id=data["id"],
        type=FieldType(data["type"]),
        label=Text.of(data["label"]),
        help=Text.of(data.get("help")),
        required=bool(data.get("required", False)),
        options=tuple(
            Option(value=o["value"], label=Text.of(o["label"])) for o in data.get("options", ())
        ),
        when=Condition.parse(data["when"]) if "when" in data else None,
        max_length=data.get("max_length"),
        pattern=data.get("pattern"),
        not_future=bool(data.get("not_future", False)),
        not_before=data.get("not_before"),
        min_items=data.get("min_items"),
        max_items=data.get("max_items"),
        minimum=data.get("minimum"),
        maximum=data.get("maximum"),
        personal=bool(data.get("personal", True)),
    )


def form_from_data(data: Mapping[str, Any], content_hash: str) -> Form:
    """Build a ``Form`` from a mapping that already passed the JSON Schema."""
    return Form(
        id=data["id"],
        version=str(data["version"]),
        status=data["status"],
        title=Text.of(data["title"]),
        description=Text.of(data.get("description")),
        languages=tuple(data["languages"]),
        sections=tuple(
            Section(
                id=s["id"],
                title=Text.of(s["title"]),
                fields=tuple(_field(f) for f in s["fields"]),
            )
            for s in data["sections"]
        ),
        content_hash=content_hash,
    )
