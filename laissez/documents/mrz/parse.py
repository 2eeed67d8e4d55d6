"""Parse and validate an MRZ exactly as Doc 9303 lays it out.

``parse`` raises only when the input is not an MRZ at all (:class:`MrzLayoutError`). Every other
problem (a character not allowed at its place, a failing check digit, an unknown code, an
impossible date) is a value in :attr:`MrzResult.errors`, each naming its line, position and
what was expected there; :meth:`MrzResult.raise_if_invalid` turns them into an exception.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from laissez.documents import codes
from laissez.documents.errors import (
    MrzCharacterError,
    MrzCheckDigitError,
    MrzCodeError,
    MrzDateError,
    MrzError,
    MrzInvalidError,
)
from laissez.documents.mrz.charset import DIGITS, FILLER, LETTERS, check_digit
from laissez.documents.mrz.dates import DateProblem, DateRole, MrzDate, parse_date
from laissez.documents.mrz.layouts import (
    CheckSpec,
    Kind,
    Layout,
    MrzFormat,
    Span,
    detect_layout,
    split_lines,
)
from laissez.documents.mrz.names import MrzName, decode_name

_ALNUM = DIGITS | LETTERS
_EXPECTED = {
    Kind.DOC_CODE: ("a letter A-Z or <", LETTERS | {FILLER}),
    Kind.STATE: ("a letter A-Z or <", LETTERS | {FILLER}),
    Kind.NAME: ("a letter A-Z or <", LETTERS | {FILLER}),
    Kind.NUMBER: ("a letter, a digit or <", _ALNUM | {FILLER}),
    Kind.CHECK: ("a digit 0-9", DIGITS | {FILLER}),
    Kind.DATE: ("a digit 0-9", DIGITS | {FILLER}),
    Kind.SEX: ("F, M, X or <", frozenset("FMX<")),
    Kind.OPTIONAL: ("a letter, a digit or <", _ALNUM | {FILLER}),
}
#: Document types whose code Laissez reads as an emergency travel document.
ETD_CODES = frozenset({"PE", "PU"})


@dataclass(frozen=True)
class CheckResult:
    """The outcome of one check digit.

    Attributes:
        name: ``document_number``, ``date_of_birth``, ``date_of_expiry``, ``optional_data``
            or ``composite``.
        ok: True when the printed digit matches.
        line, position: where the check digit is printed.
        covers: the spans it protects, as ``(line, start, end)``.
        expected: the digit the data calls for (or ``<``/``0`` choice, see ``note``).
        found: the character printed there.
        note: why an unusual case passed (``unused optional data``).
    """

    name: str
    ok: bool
    line: int
    position: int
    covers: tuple[tuple[int, int, int], ...]
    expected: str
    found: str
    note: str = ""

    def as_dict(self) -> dict[str, object]:
        """JSON-ready form."""
        return {
            "name": self.name,
            "ok": self.ok,
            "line": self.line,
            "position": self.position,
            "covers": [list(c) for c in self.covers],
            "expected": self.expected,
            "found": self.found,
            "note": self.note,
        }


@dataclass(frozen=True)
class MrzFields:
    """The data an MRZ carries, fillers removed."""

    document_code: str
    issuing_state: str
    name: MrzName
    document_number: str
    nationality: str
    date_of_birth: MrzDate | None
    sex: str
    date_of_expiry: MrzDate | None
    optional_data: str
    optional_data_2: str

    @property
    def document_type(self) -> str:
        """The first letter of the document code (``P``, ``I``, ``A``, ``C``, ``V``)."""
        return self.document_code[:1]

    @property
    def protection_status(self) -> bool:
        """True when nationality or issuing State is ``XXA``, ``XXB`` or ``XXC``."""
        return codes.is_protection_code(self.nationality) or codes.is_protection_code(
            self.issuing_state
        )

    @property
    def emergency_travel_document(self) -> bool:
        """True for the ETD codes ``PE`` (booklet) and ``PU`` (single sheet)."""
        return self.document_code in ETD_CODES

    def as_dict(self) -> dict[str, object]:
        """JSON-ready form (dates as raw text plus ISO with ``XX`` for unknown parts)."""

        def date(value: MrzDate | None) -> dict[str, object] | None:
            return None if value is None else {"raw": value.raw, "iso": value.iso()}

        return {
            "document_code": self.document_code,
            "document_type": self.document_type,
            "issuing_state": self.issuing_state,
            "primary_identifier": self.name.primary,
            "secondary_identifier": self.name.secondary,
            "name_possibly_truncated": self.name.possibly_truncated,
            "document_number": self.document_number,
            "nationality": self.nationality,
            "date_of_birth": date(self.date_of_birth),
            "sex": self.sex,
            "date_of_expiry": date(self.date_of_expiry),
            "optional_data": self.optional_data,
            "optional_data_2": self.optional_data_2,
            "protection_status": self.protection_status,
            "emergency_travel_document": self.emergency_travel_document,
        }


@dataclass(frozen=True)
class MrzResult:
    """A parsed MRZ with every check and every problem found."""

    format: MrzFormat
    lines: tuple[str, ...]
    fields: MrzFields
    checks: tuple[CheckResult, ...]
    errors: tuple[MrzError, ...] = field(default=())
    expired: bool | None = None

    @property
    def valid(self) -> bool:
        """True when no problem was found: characters, check digits, codes and dates."""
        return not self.errors

    def raise_if_invalid(self) -> MrzResult:
        """Return self when valid, else raise :class:`MrzInvalidError` holding every error."""
        if self.errors:
            raise MrzInvalidError(self.errors)
        return self

    def as_dict(self) -> dict[str, object]:
        """JSON-ready form, as printed by ``laissez mrz check``."""
        return {
            "valid": self.valid,
            "format": self.format.value,
            "lines": list(self.lines),
            "fields": self.fields.as_dict(),
            "checks": [c.as_dict() for c in self.checks],
            "errors": [e.as_dict() for e in self.errors],
            "expired": self.expired,
        }


def _covers(spans: Sequence[Span]) -> tuple[tuple[int, int, int], ...]:
    return tuple((s.line, s.start, s.end) for s in spans)


class _Parser:
    def __init__(self, layout: Layout, lines: list[str], today: dt.date) -> None:
        self.layout = layout
        self.lines = lines
        self.today = today
        self.errors: list[MrzError] = []
        self.checks: list[CheckResult] = []

    def take(self, name: str) -> str:
        return self.layout.field(name).span.take(self.lines)

    def characters(self) -> None:
        for spec in self.layout.fields:
            words, allowed = _EXPECTED[spec.kind]
            text = spec.span.take(self.lines)
            for offset, char in enumerate(text):
                if char not in allowed:
                    pos = spec.span.start + offset
                    self.errors.append(
                        MrzCharacterError(
                            f"line {spec.span.line} position {pos} ({spec.name}): expected {words}",
                            line=spec.span.line,
                            position=pos,
                            field=spec.name,
                            expected=words,
                        )
                    )

    def document_code(self) -> None:
        code = self.take("document_code")
        fmt = self.layout.format
        first, second = code[0], code[1]
        problem = ""
        position = 1
        if fmt in (MrzFormat.MRVA, MrzFormat.MRVB):
            if first != "V":
                problem = "V (visa)"
        elif fmt is MrzFormat.TD3:
            if first != "P":
                problem = "P (passport-size documents, Part 4 note m)"
        else:
            if first == "P":
                if fmt is not MrzFormat.TD2 or second != "U":
                    problem, position = "A, C or I (P only as PU, the single-sheet ETD)", 1
            elif first not in "ACI":
                problem = "A, C or I"
            elif second == "V":
                problem, position = "a letter other than V", 2
            elif code == "AI" and fmt is MrzFormat.TD1:
                problem, position = "a letter other than I after A (Part 5 note k)", 2
            elif code == "AC" and fmt is MrzFormat.TD2:
                problem, position = "a letter other than C after A (Part 6 note k)", 2
        if problem:
            self.errors.append(
                MrzCodeError(
                    f"line 1 position {position} (document_code): expected {problem}",
                    line=1,
                    position=position,
                    field="document_code",
                    expected=problem,
                )
            )

    def state(self, name: str) -> str:
        spec = self.layout.field(name)
        text = spec.span.take(self.lines)
        if all(c in LETTERS or c == FILLER for c in text) and codes.lookup(text) is None:
            self.errors.append(
                MrzCodeError(
                    f"line {spec.span.line} positions {spec.span.start}-{spec.span.end} "
                    f"({name}): expected a Doc 9303 three-letter code",
                    line=spec.span.line,
                    position=spec.span.start,
                    end=spec.span.end,
                    field=name,
                    expected="a three-letter code of Doc 9303 Part 3 §5",
                )
            )
        return text.rstrip(FILLER)

    def date(self, name: str, role: DateRole) -> MrzDate | None:
        spec = self.layout.field(name)
        raw = spec.span.take(self.lines)
        if not all(c in DIGITS or c == FILLER for c in raw):
            return None  # already reported as character errors
        value, problem, offset = parse_date(raw, role, self.today)
        if problem is not None:
            words = {
                DateProblem.NOT_DIGITS: "two digits, or << for an unknown part of a birth date",
                DateProblem.UNKNOWN_NOT_ALLOWED: "a complete date (digits only)",
                DateProblem.BAD_MONTH: "a month 01-12",
                DateProblem.BAD_DAY: "a day that exists in that month",
            }[problem]
            pos = spec.span.start + offset
            self.errors.append(
                MrzDateError(
                    f"line {spec.span.line} position {pos} ({name}): expected {words}",
                    line=spec.span.line,
                    position=pos,
                    end=pos + 1,
                    field=name,
                    expected=words,
                )
            )
        return value

    def check(
        self,
        spec: CheckSpec,
        data: str | None = None,
        covers: tuple[tuple[int, int, int], ...] | None = None,
        digit_at: tuple[int, int] | None = None,
        found: str | None = None,
        allow_filler_when_empty: bool = False,
        alternative: tuple[str, str] | None = None,
    ) -> None:
        if data is None:
            data = "".join(s.take(self.lines) for s in spec.covers)
        if covers is None:
            covers = _covers(spec.covers)
        line, position = digit_at or (spec.digit.line, spec.digit.start)
        if found is None:
            found = spec.digit.take(self.lines)
        try:
            expected = check_digit(data)
        except ValueError:
            return  # characters outside the MRZ set are already reported
        note = ""
        ok = found == expected
        if allow_filler_when_empty and set(data) <= {FILLER} and found in (FILLER, "0"):
            ok, note, expected = True, "unused optional data: 0 or < allowed", found
        if not ok and alternative is not None and check_digit(alternative[0]) == found:
            ok, note, expected = True, alternative[1], found
        self.checks.append(
            CheckResult(spec.name, ok, line, position, covers, expected, found, note)
        )
        if not ok:
            where = ", ".join(f"line {c[0]} positions {c[1]}-{c[2]}" for c in covers)
            self.errors.append(
                MrzCheckDigitError(
                    f"line {line} position {position}: check digit for {spec.name} "
                    f"({where}) does not match",
                    line=line,
                    position=position,
                    field=spec.name,
                    expected=f"check digit {expected}",
                )
            )

    def document_number(self) -> tuple[str, str]:
        """The full document number and the optional data left once a continuation is
        removed (Part 5 note j, Part 6 note j)."""
        spec = next(c for c in self.layout.checks if c.name == "document_number")
        principal = self.take("document_number")
        fmt = self.layout.format
        optional = self.take("optional_data")
        opt_spec = self.layout.field("optional_data")
        long_possible = fmt in (MrzFormat.TD1, MrzFormat.TD2)
        if long_possible and spec.digit.take(self.lines) == FILLER and FILLER not in principal:
            run = optional.split(FILLER, 1)[0]
            if len(run) >= 2:
                continuation, digit = run[:-1], run[-1]
                cd_pos = opt_spec.span.start + len(run) - 1
                # Belgium computes this digit over the filler at position 15 too; Doc 9303
                # (Part 5 note j) skips it. Accept the national variant for BEL only, noted.
                national = None
                if self.take("issuing_state") == "BEL":
                    national = (
                        principal + FILLER + continuation,
                        "national practice (BEL): computed including the filler before the "
                        "continuation",
                    )
                self.check(
                    spec,
                    data=principal + continuation,
                    covers=(
                        (spec.covers[0].line, spec.covers[0].start, spec.covers[0].end),
                        (opt_spec.span.line, opt_spec.span.start, cd_pos - 1),
                    ),
                    digit_at=(opt_spec.span.line, cd_pos),
                    found=digit,
                    alternative=national,
                )
                return principal + continuation, optional[len(run) + 1 :].strip(FILLER)
            self.errors.append(
                MrzCheckDigitError(
                    f"line {opt_spec.span.line} position {opt_spec.span.start}: a document "
                    "number longer than 9 characters needs its continuation and check digit here",
                    line=opt_spec.span.line,
                    position=opt_spec.span.start,
                    field="document_number",
                    expected="the rest of the document number, then its check digit",
                )
            )
            return principal.rstrip(FILLER), optional.strip(FILLER)
        self.check(spec)
        return principal.rstrip(FILLER), optional.rstrip(FILLER)

    def run(self) -> MrzResult:
        self.characters()
        self.document_code()
        issuing_state = self.state("issuing_state")
        nationality = self.state("nationality")
        date_of_birth = self.date("date_of_birth", DateRole.BIRTH)
        date_of_expiry = self.date("date_of_expiry", DateRole.EXPIRY)
        number, optional = self.document_number()
        for spec in self.layout.checks:
            if spec.name == "document_number":
                continue
            self.check(spec, allow_filler_when_empty=spec.name == "optional_data")
        optional_2 = ""
        if self.layout.format is MrzFormat.TD1:
            optional_2 = self.take("optional_data_2").rstrip(FILLER)
        sex = self.take("sex")
        fields = MrzFields(
            document_code=self.take("document_code").rstrip(FILLER),
            issuing_state=issuing_state,
            name=decode_name(self.take("name")),
            document_number=number,
            nationality=nationality,
            date_of_birth=date_of_birth,
            sex="X" if sex == FILLER else sex,
            date_of_expiry=date_of_expiry,
            optional_data=optional,
            optional_data_2=optional_2,
        )
        expiry = date_of_expiry.as_date() if date_of_expiry else None
        # Errors in reading order, so the first one is the first place to look.
        self.errors.sort(key=lambda e: (e.line or 0, e.position or 0))
        return MrzResult(
            format=self.layout.format,
            lines=tuple(self.lines),
            fields=fields,
            checks=tuple(sorted(self.checks, key=lambda c: (c.line, c.position))),
            errors=tuple(self.errors),
            expired=None if expiry is None else expiry < self.today,
        )


def parse(text: str | Sequence[str], *, today: dt.date | None = None) -> MrzResult:
    """Parse an MRZ given as one string with newlines or as a sequence of lines.

    ``today`` fixes the reference date used to resolve centuries and expiry (default: today).

    Raises:
        MrzLayoutError: the input has no MRZ layout (wrong line count or length).
    """
    lines = split_lines(text)
    layout = detect_layout(lines)
    return _Parser(layout, lines, today or dt.date.today()).run()
