"""MRZ layouts: where each field and check digit sits in TD1, TD2, TD3, MRV-A and MRV-B.

Positions are 1-based and inclusive, as in Doc 9303 (Part 4 §4.2.2 TD3, Part 5 §4.2.2 TD1,
Part 6 §4.2.2 TD2, Part 7 §7.2.2 visas).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from laissez.documents.errors import MrzLayoutError


class MrzFormat(StrEnum):
    """The five Doc 9303 machine-readable zone layouts."""

    TD1 = "TD1"
    TD2 = "TD2"
    TD3 = "TD3"
    MRVA = "MRV-A"
    MRVB = "MRV-B"


class Kind(StrEnum):
    """What a field holds, which decides the characters allowed in it."""

    DOC_CODE = "document_code"
    STATE = "state"
    NAME = "name"
    NUMBER = "number"
    CHECK = "check"
    DATE = "date"
    SEX = "sex"
    OPTIONAL = "optional"


@dataclass(frozen=True)
class Span:
    """A run of positions on one line, 1-based inclusive."""

    line: int
    start: int
    end: int

    def take(self, lines: Sequence[str]) -> str:
        """The characters of this span."""
        return lines[self.line - 1][self.start - 1 : self.end]


@dataclass(frozen=True)
class FieldSpec:
    """One field of a layout."""

    name: str
    span: Span
    kind: Kind


@dataclass(frozen=True)
class CheckSpec:
    """A check digit and the spans it protects."""

    name: str
    digit: Span
    covers: tuple[Span, ...]


@dataclass(frozen=True)
class Layout:
    """A complete MRZ layout."""

    format: MrzFormat
    lines: int
    length: int
    fields: tuple[FieldSpec, ...]
    checks: tuple[CheckSpec, ...]

    def field(self, name: str) -> FieldSpec:
        """The field called ``name``."""
        for spec in self.fields:
            if spec.name == name:
                return spec
        raise KeyError(name)

    @property
    def name_length(self) -> int:
        """Length of the name field."""
        span = self.field("name").span
        return span.end - span.start + 1


def _f(name: str, line: int, start: int, end: int, kind: Kind) -> FieldSpec:
    return FieldSpec(name, Span(line, start, end), kind)


def _c(name: str, line: int, pos: int, *covers: tuple[int, int, int]) -> CheckSpec:
    return CheckSpec(name, Span(line, pos, pos), tuple(Span(*c) for c in covers))


TD3 = Layout(
    MrzFormat.TD3, 2, 44,
    (
        _f("document_code", 1, 1, 2, Kind.DOC_CODE),
        _f("issuing_state", 1, 3, 5, Kind.STATE),
        _f("name", 1, 6, 44, Kind.NAME),
        _f("document_number", 2, 1, 9, Kind.NUMBER),
        _f("document_number_check", 2, 10, 10, Kind.CHECK),
        _f("nationality", 2, 11, 13, Kind.STATE),
        _f("date_of_birth", 2, 14, 19, Kind.DATE),
        _f("date_of_birth_check", 2, 20, 20, Kind.CHECK),
        _f("sex", 2, 21, 21, Kind.SEX),
        _f("date_of_expiry", 2, 22, 27, Kind.DATE),
        _f("date_of_expiry_check", 2, 28, 28, Kind.CHECK),
        _f("optional_data", 2, 29, 42, Kind.OPTIONAL),
        _f("optional_data_check", 2, 43, 43, Kind.CHECK),
        _f("composite_check", 2, 44, 44, Kind.CHECK),
    ),
    (
        _c("document_number", 2, 10, (2, 1, 9)),
        _c("date_of_birth", 2, 20, (2, 14, 19)),
        _c("date_of_expiry", 2, 28, (2, 22, 27)),
        _c("optional_data", 2, 43, (2, 29, 42)),
        _c("composite", 2, 44, (2, 1, 10), (2, 14, 20), (2, 22, 43)),
    ),
)  # fmt: skip

TD2 = Layout(
    MrzFormat.TD2, 2, 36,
    (
        _f("document_code", 1, 1, 2, Kind.DOC_CODE),
        _f("issuing_state", 1, 3, 5, Kind.STATE),
        _f("name", 1, 6, 36, Kind.NAME),
        _f("document_number", 2, 1, 9, Kind.NUMBER),
        _f("document_number_check", 2, 10, 10, Kind.CHECK),
        _f("nationality", 2, 11, 13, Kind.STATE),
        _f("date_of_birth", 2, 14, 19, Kind.DATE),
        _f("date_of_birth_check", 2, 20, 20, Kind.CHECK),
        _f("sex", 2, 21, 21, Kind.SEX),
        _f("date_of_expiry", 2, 22, 27, Kind.DATE),
        _f("date_of_expiry_check", 2, 28, 28, Kind.CHECK),
        _f("optional_data", 2, 29, 35, Kind.OPTIONAL),
        _f("composite_check", 2, 36, 36, Kind.CHECK),
    ),
    (
        _c("document_number", 2, 10, (2, 1, 9)),
        _c("date_of_birth", 2, 20, (2, 14, 19)),
        _c("date_of_expiry", 2, 28, (2, 22, 27)),
        _c("composite", 2, 36, (2, 1, 10), (2, 14, 20), (2, 22, 35)),
    ),
)  # fmt: skip

TD1 = Layout(
    MrzFormat.TD1, 3, 30,
    (
        _f("document_code", 1, 1, 2, Kind.DOC_CODE),
        _f("issuing_state", 1, 3, 5, Kind.STATE),
        _f("document_number", 1, 6, 14, Kind.NUMBER),
        _f("document_number_check", 1, 15, 15, Kind.CHECK),
        _f("optional_data", 1, 16, 30, Kind.OPTIONAL),
        _f("date_of_birth", 2, 1, 6, Kind.DATE),
        _f("date_of_birth_check", 2, 7, 7, Kind.CHECK),
        _f("sex", 2, 8, 8, Kind.SEX),
        _f("date_of_expiry", 2, 9, 14, Kind.DATE),
        _f("date_of_expiry_check", 2, 15, 15, Kind.CHECK),
        _f("nationality", 2, 16, 18, Kind.STATE),
        _f("optional_data_2", 2, 19, 29, Kind.OPTIONAL),
        _f("composite_check", 2, 30, 30, Kind.CHECK),
        _f("name", 3, 1, 30, Kind.NAME),
    ),
    (
        _c("document_number", 1, 15, (1, 6, 14)),
        _c("date_of_birth", 2, 7, (2, 1, 6)),
        _c("date_of_expiry", 2, 15, (2, 9, 14)),
        _c("composite", 2, 30, (1, 6, 30), (2, 1, 7), (2, 9, 15), (2, 19, 29)),
    ),
)  # fmt: skip


def _visa(fmt: MrzFormat, length: int) -> Layout:
    return Layout(
        fmt, 2, length,
        (
            _f("document_code", 1, 1, 2, Kind.DOC_CODE),
            _f("issuing_state", 1, 3, 5, Kind.STATE),
            _f("name", 1, 6, length, Kind.NAME),
            _f("document_number", 2, 1, 9, Kind.NUMBER),
            _f("document_number_check", 2, 10, 10, Kind.CHECK),
            _f("nationality", 2, 11, 13, Kind.STATE),
            _f("date_of_birth", 2, 14, 19, Kind.DATE),
            _f("date_of_birth_check", 2, 20, 20, Kind.CHECK),
            _f("sex", 2, 21, 21, Kind.SEX),
            _f("date_of_expiry", 2, 22, 27, Kind.DATE),
            _f("date_of_expiry_check", 2, 28, 28, Kind.CHECK),
            _f("optional_data", 2, 29, length, Kind.OPTIONAL),
        ),
        (
            _c("document_number", 2, 10, (2, 1, 9)),
            _c("date_of_birth", 2, 20, (2, 14, 19)),
            _c("date_of_expiry", 2, 28, (2, 22, 27)),
        ),
    )  # fmt: skip


MRVA = _visa(MrzFormat.MRVA, 44)
MRVB = _visa(MrzFormat.MRVB, 36)

LAYOUTS: dict[MrzFormat, Layout] = {
    MrzFormat.TD1: TD1,
    MrzFormat.TD2: TD2,
    MrzFormat.TD3: TD3,
    MrzFormat.MRVA: MRVA,
    MrzFormat.MRVB: MRVB,
}


def split_lines(text: str | Sequence[str]) -> list[str]:
    """Normalise input to a list of MRZ lines: accepts one string with newlines or a list.

    Surrounding white space and empty lines are dropped; nothing else is changed (a lower-case
    letter stays, to be reported at its position).
    """
    raw = text.splitlines() if isinstance(text, str) else [str(t) for t in text]
    out: list[str] = []
    for line in raw:
        out.extend(part for part in line.split("\n"))
    return [line.strip() for line in out if line.strip()]


def detect_layout(lines: Sequence[str]) -> Layout:
    """The layout of ``lines``, from the line count, line length and first character.

    Raises:
        MrzLayoutError: naming the first line whose count or length fits no layout.
    """
    count = len(lines)
    if count not in (2, 3):
        raise MrzLayoutError(
            f"an MRZ has 2 or 3 lines, found {count}",
            expected="2 lines (TD2, TD3, visas) or 3 lines (TD1)",
        )
    length = len(lines[0])
    if count == 3:
        layout = TD1
    elif length == 44:
        layout = MRVA if lines[0][:1] == "V" else TD3
    elif length == 36:
        layout = MRVB if lines[0][:1] == "V" else TD2
    else:
        raise MrzLayoutError(
            f"line 1 has {length} characters; a 2-line MRZ has 36 or 44",
            line=1,
            position=min(length, 44) + 1 if length < 44 else 45,
            expected="36 or 44 characters",
        )
    for number, line in enumerate(lines, start=1):
        if len(line) != layout.length:
            raise MrzLayoutError(
                f"line {number} has {len(line)} characters; {layout.format.value} lines "
                f"have {layout.length}",
                line=number,
                position=min(len(line), layout.length) + 1,
                expected=f"{layout.length} characters",
            )
    return layout
