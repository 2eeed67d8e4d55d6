"""Build MRZ lines from document data (the reverse of :mod:`parse`).

Names may be given in any script Doc 9303 covers; they are transliterated with the configured
:class:`TransliterationOptions` and truncated to the field, and the result records both.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, fields

from laissez.documents import codes
from laissez.documents.errors import MrzBuildError
from laissez.documents.mrz.charset import DIGITS, FILLER, LETTERS, check_digit
from laissez.documents.mrz.dates import DateRole, format_date, parse_date
from laissez.documents.mrz.layouts import LAYOUTS, Layout, MrzFormat
from laissez.documents.mrz.names import MrzName, TruncationMethod, encode_name
from laissez.documents.transliteration import DEFAULT_OPTIONS, TransliterationOptions

_ALNUM = DIGITS | LETTERS


@dataclass(frozen=True)
class MrzInput:
    """Everything needed to write an MRZ.

    Dates take a ``date``, ``YYMMDD`` text or ISO text with ``XX`` for unknown parts; a date of
    birth may be None (wholly unknown). ``sex`` is ``F``, ``M`` or ``X`` (written ``<``).
    ``optional_data_check`` chooses what TD3 prints as the check digit of empty optional data:
    ``<`` or ``0`` (Part 4 §4.2.2.2).
    """

    format: MrzFormat
    document_code: str
    issuing_state: str
    primary_identifier: str
    secondary_identifier: str
    document_number: str
    nationality: str
    date_of_birth: dt.date | str | None
    sex: str
    date_of_expiry: dt.date | str
    optional_data: str = ""
    optional_data_2: str = ""
    optional_data_check: str = FILLER
    transliteration: TransliterationOptions = field(default=DEFAULT_OPTIONS)
    truncation: TruncationMethod = "initials"

    @classmethod
    def from_mapping(cls, data: Mapping[str, object]) -> MrzInput:
        """Build from JSON-like data (``format`` as ``TD3``, ``MRV-A`` ...).

        Raises:
            MrzBuildError: naming the missing or unknown key.
        """
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise MrzBuildError(
                f"unknown field(s): {', '.join(unknown)}",
                field=unknown[0],
                expected=f"one of {', '.join(sorted(known))}",
            )
        values: dict[str, object] = dict(data)
        try:
            values["format"] = MrzFormat(str(values.get("format", "")))
        except ValueError:
            raise MrzBuildError(
                "format must be TD1, TD2, TD3, MRV-A or MRV-B",
                field="format",
                expected="TD1, TD2, TD3, MRV-A or MRV-B",
            ) from None
        options = values.get("transliteration")
        if isinstance(options, Mapping):
            values["transliteration"] = TransliterationOptions(**options)
        for required in (
            "document_code",
            "issuing_state",
            "document_number",
            "nationality",
            "sex",
            "date_of_expiry",
        ):
            if not isinstance(values.get(required), str):
                raise MrzBuildError(
                    f"field {required} is required (text)", field=required, expected="text"
                )
        values.setdefault("primary_identifier", "")
        values.setdefault("secondary_identifier", "")
        values.setdefault("date_of_birth", None)
        return cls(**values)  # type: ignore[arg-type]


@dataclass(frozen=True)
class BuiltMrz:
    """The lines of a built MRZ and the name as written (with its truncation flag)."""

    lines: tuple[str, ...]
    name: MrzName
    document_number_truncated: bool = False


def _text(value: str, name: str, allowed: frozenset[str], words: str) -> str:
    text = value.strip().upper().replace(" ", FILLER)
    for i, char in enumerate(text):
        if char not in allowed:
            raise MrzBuildError(
                f"field {name}: character {i + 1} is not allowed",
                field=name,
                position=i + 1,
                expected=words,
            )
    return text


def _fit(value: str, length: int, name: str) -> str:
    if len(value) > length:
        raise MrzBuildError(
            f"field {name} has {len(value)} characters; at most {length} fit",
            field=name,
            expected=f"at most {length} characters",
        )
    return value.ljust(length, FILLER)


def _state(value: str, name: str) -> str:
    code = codes.lookup(value.strip().upper())
    if code is None:
        raise MrzBuildError(
            f"field {name} is not a Doc 9303 three-letter code",
            field=name,
            expected="a code of Doc 9303 Part 3 §5 (D for Germany)",
        )
    return code.mrz


def _document_code(value: str, fmt: MrzFormat) -> str:
    code = _text(value, "document_code", LETTERS | {FILLER}, "letters").ljust(2, FILLER)
    if len(code) != 2:
        raise MrzBuildError(
            "field document_code has more than 2 characters",
            field="document_code",
            expected="1 or 2 letters",
        )
    first = code[0]
    ok = {
        MrzFormat.TD3: first == "P",
        MrzFormat.MRVA: first == "V",
        MrzFormat.MRVB: first == "V",
        MrzFormat.TD1: first in "ACI" and code[1] != "V" and code != "AI",
        MrzFormat.TD2: (first in "ACI" and code[1] != "V" and code != "AC") or code == "PU",
    }[fmt]
    if not ok:
        raise MrzBuildError(
            f"document code does not fit the {fmt.value} layout",
            field="document_code",
            expected={
                MrzFormat.TD3: "P + a letter (PP, PE, PU ...)",
                MrzFormat.MRVA: "V + an optional letter",
                MrzFormat.MRVB: "V + an optional letter",
                MrzFormat.TD1: "A, C or I + a letter other than V (not AI)",
                MrzFormat.TD2: "A, C or I + a letter other than V (not AC), or PU",
            }[fmt],
        )
    return code


def _date(value: dt.date | str | None, name: str, role: DateRole) -> str:
    try:
        text = format_date(value)
    except ValueError:
        raise MrzBuildError(
            f"field {name} is not a date", field=name, expected="YYMMDD or YYYY-MM-DD"
        ) from None
    unknown_ok = role is DateRole.BIRTH
    allowed = DIGITS | ({FILLER} if unknown_ok else set())
    words = "YYMMDD" + (" (<< for unknown parts)" if unknown_ok else "")
    if len(text) != 6 or any(c not in allowed for c in text):
        raise MrzBuildError(f"field {name} is not a valid date", field=name, expected=words)
    _value, problem, _offset = parse_date(text, role)
    if problem is not None:
        raise MrzBuildError(
            f"field {name} is not a possible date ({problem.value})", field=name, expected=words
        )
    return text


def build(data: MrzInput) -> BuiltMrz:
    """Write the MRZ lines for ``data``.

    Raises:
        MrzBuildError: naming the field that cannot be written and what it needs.
    """
    layout: Layout = LAYOUTS[data.format]
    fmt = data.format
    name = encode_name(
        data.primary_identifier,
        data.secondary_identifier,
        layout.name_length,
        options=data.transliteration,
        method=data.truncation,
    )
    code = _document_code(data.document_code, fmt)
    issuing = _state(data.issuing_state, "issuing_state")
    nationality = _state(data.nationality, "nationality")
    number = _text(data.document_number, "document_number", _ALNUM, "letters and digits")
    if not number:
        raise MrzBuildError(
            "field document_number is empty", field="document_number", expected="1 character"
        )
    birth = _date(data.date_of_birth, "date_of_birth", DateRole.BIRTH)
    expiry = _date(data.date_of_expiry, "date_of_expiry", DateRole.EXPIRY)
    sex = {"F": "F", "M": "M", "X": FILLER, FILLER: FILLER, "": FILLER}.get(
        data.sex.strip().upper()
    )
    if sex is None:
        raise MrzBuildError("field sex must be F, M or X", field="sex", expected="F, M or X")
    optional = _text(data.optional_data, "optional_data", _ALNUM | {FILLER}, "letters, digits")
    optional_2 = _text(
        data.optional_data_2, "optional_data_2", _ALNUM | {FILLER}, "letters, digits"
    )

    # Document numbers longer than 9 characters (Part 5 note j, Part 6 note j, Part 7 note j).
    number_cd = check_digit(number.ljust(9, FILLER)) if len(number) <= 9 else FILLER
    principal = number[:9].ljust(9, FILLER)
    truncated_number = False
    if len(number) > 9:
        if fmt in (MrzFormat.MRVA, MrzFormat.MRVB):
            truncated_number = True
            number_cd = check_digit(principal)
        elif fmt is MrzFormat.TD3:
            raise MrzBuildError(
                "a TD3 document number has at most 9 characters",
                field="document_number",
                expected="at most 9 characters",
            )
        else:
            optional = number[9:] + check_digit(number) + FILLER + optional

    lines: tuple[str, ...]
    if fmt is MrzFormat.TD3:
        optional = _fit(optional, 14, "optional_data")
        if set(optional) == {FILLER}:
            if data.optional_data_check not in (FILLER, "0"):
                raise MrzBuildError(
                    "optional_data_check must be < or 0",
                    field="optional_data_check",
                    expected="< or 0",
                )
            optional_cd = data.optional_data_check
        else:
            optional_cd = check_digit(optional)
        line2 = (
            principal + number_cd + nationality + birth + check_digit(birth) + sex
            + expiry + check_digit(expiry) + optional + optional_cd
        )  # fmt: skip
        composite = check_digit(line2[0:10] + line2[13:20] + line2[21:43])
        lines = (code + issuing + name.field, line2 + composite)
    elif fmt is MrzFormat.TD2:
        optional = _fit(optional, 7, "optional_data")
        line2 = (
            principal + number_cd + nationality + birth + check_digit(birth) + sex
            + expiry + check_digit(expiry) + optional
        )  # fmt: skip
        composite = check_digit(line2[0:10] + line2[13:20] + line2[21:35])
        lines = (code + issuing + name.field, line2 + composite)
    elif fmt is MrzFormat.TD1:
        line1 = code + issuing + principal + number_cd + _fit(optional, 15, "optional_data")
        line2 = (
            birth + check_digit(birth) + sex + expiry + check_digit(expiry) + nationality
            + _fit(optional_2, 11, "optional_data_2")
        )  # fmt: skip
        composite = check_digit(line1[5:30] + line2[0:7] + line2[8:15] + line2[18:29])
        lines = (line1, line2 + composite, name.field)
    else:
        length = layout.length
        line2 = (
            principal + number_cd + nationality + birth + check_digit(birth) + sex
            + expiry + check_digit(expiry) + _fit(optional, length - 28, "optional_data")
        )  # fmt: skip
        lines = (code + issuing + name.field, line2)
    _guard(lines)
    return BuiltMrz(lines, name, truncated_number)


def _guard(lines: tuple[str, ...]) -> None:
    """The builder never hands out an MRZ that its own parser rejects."""
    from laissez.documents.mrz.parse import parse

    result = parse(lines)
    if not result.valid:
        first = result.errors[0]
        raise MrzBuildError(
            f"the fields do not make a valid MRZ: {first.message}",
            field=first.field,
            line=first.line,
            position=first.position,
            expected=first.expected,
        )
