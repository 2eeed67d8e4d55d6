"""The MRZ builder's refusals and date handling (centuries by role, unknown parts)."""

from __future__ import annotations

import datetime as dt

import pytest

from laissez.documents.errors import MrzBuildError
from laissez.documents.mrz import (
    DateRole,
    MrzFormat,
    MrzInput,
    build,
    check_digit,
    parse,
    resolve_century,
)

TODAY = dt.date(2026, 11, 24)


def _input(**changes: object) -> MrzInput:
    base = dict(
        format=MrzFormat.TD3, document_code="P", issuing_state="UTO",
        primary_identifier="Eriksson", secondary_identifier="Anna Maria",
        document_number="L898902C3", nationality="UTO", date_of_birth="740812", sex="F",
        date_of_expiry="120415", optional_data="ZE184226B",
    )  # fmt: skip
    base.update(changes)
    return MrzInput(**base)  # type: ignore[arg-type]


def test_builds_the_icao_specimen() -> None:
    assert build(_input()).lines == (
        "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
        "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
    )


def test_builds_the_part8_etd_line() -> None:
    built = build(
        _input(format=MrzFormat.TD2, document_code="PU", document_number="D23145890",
               date_of_expiry="260627", optional_data="")
    )  # fmt: skip
    assert built.lines[1] == "D231458907UTO7408122F2606277<<<<<<<8"
    assert built.lines[0].startswith("PUUTO")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"issuing_state": "ZZZ"}, "issuing_state"),
        ({"nationality": "Utopia"}, "nationality"),
        ({"document_number": "L89890-2"}, "document_number"),
        ({"document_number": "L898902C3X"}, "document_number"),  # TD3 has no long numbers
        ({"sex": "Q"}, "sex"),
        ({"date_of_expiry": "12<<<<"}, "date_of_expiry"),
        ({"date_of_birth": "1974/08/12"}, "date_of_birth"),
        ({"optional_data": "A" * 15}, "optional_data"),
        ({"document_code": "I"}, "document_code"),
        ({"format": MrzFormat.TD1, "document_code": "AI"}, "document_code"),
        ({"format": MrzFormat.TD2, "document_code": "IV"}, "document_code"),
        ({"primary_identifier": "", "secondary_identifier": ""}, "name"),
    ],
)
def test_build_refuses_and_names_the_field(changes: dict[str, object], field: str) -> None:
    with pytest.raises(MrzBuildError) as info:
        build(_input(**changes))
    assert info.value.field == field
    assert info.value.expected


def test_visa_prints_only_nine_principal_characters() -> None:
    built = build(_input(format=MrzFormat.MRVB, document_code="V", document_number="AB1234567890",
                         optional_data=""))  # fmt: skip
    assert built.document_number_truncated
    assert parse(built.lines, today=TODAY).fields.document_number == "AB1234567"


@pytest.mark.parametrize(
    ("yy", "role", "year"),
    [
        (74, DateRole.BIRTH, 1974),
        (26, DateRole.BIRTH, 2026),
        (27, DateRole.BIRTH, 1927),
        (0, DateRole.BIRTH, 2000),
        (35, DateRole.EXPIRY, 2035),
        (12, DateRole.EXPIRY, 2012),
        (76, DateRole.EXPIRY, 2076),
        (77, DateRole.EXPIRY, 1977),
    ],
)
def test_century_by_role(yy: int, role: DateRole, year: int) -> None:
    assert resolve_century(yy, role, TODAY) == year


def _with_birth(raw: str) -> tuple[str, str]:
    """The specimen with another date of birth, check digits recomputed (bypassing the
    builder, which refuses impossible dates)."""
    line1, line2 = build(_input()).lines
    line2 = line2[:13] + raw + check_digit(raw) + line2[20:43]
    return line1, line2 + check_digit(line2[0:10] + line2[13:20] + line2[21:43])


def test_impossible_birth_date_is_named() -> None:
    result = parse(_with_birth("740230"), today=TODAY)
    assert not result.valid
    error = next(e for e in result.errors if e.code == "mrz.date")
    assert (error.line, error.position, error.field) == (2, 18, "date_of_birth")


def test_leap_day_uses_the_resolved_century() -> None:
    ok = parse(_with_birth("000229"), today=TODAY)  # 2000 is a leap year
    assert ok.valid
    bad = parse(_with_birth("010229"), today=TODAY)
    assert not bad.valid


def test_wholly_unknown_birth_date() -> None:
    result = parse(build(_input(date_of_birth=None)).lines, today=TODAY)
    assert result.valid
    assert result.fields.date_of_birth.raw == "<<<<<<"
    assert result.fields.date_of_birth.iso() is None


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"date_of_birth": "741399"}, "date_of_birth"),
        ({"date_of_expiry": "120231"}, "date_of_expiry"),
        ({"date_of_birth": "740001"}, "date_of_birth"),
    ],
)
def test_build_refuses_impossible_dates(changes: dict[str, object], field: str) -> None:
    with pytest.raises(MrzBuildError) as info:
        build(_input(**changes))
    assert info.value.field == field
