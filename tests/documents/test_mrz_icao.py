"""Every example of reference/ICAO.md, and the single-character mutation test of the TD3
specimen: any change fails and names its position, unless the changed field is one Doc 9303
does not protect with a check digit (names, codes, sex), where the change must still either
fail by name or produce a different, valid reading."""

from __future__ import annotations

import datetime as dt

import pytest

from laissez.documents.errors import MrzLayoutError
from laissez.documents.mrz import check_digit, parse
from laissez.documents.mrz.charset import ALPHABET, char_value
from laissez.documents.mrz.names import fit_name

TODAY = dt.date(2026, 11, 24)

TD3 = (
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
    "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
)
TD2 = ("I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", "D231458907UTO7408122F1204159<<<<<<<6")
TD1 = (
    "I<UTOD231458907<<<<<<<<<<<<<<<",
    "7408122F1204159UTO<<<<<<<<<<<6",
    "ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
)
MRVA = (
    "V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
    "L898902C<3UTO6908061F9406236ZE184226B<<<<<<<",
)
MRVB = ("V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", "L898902C<3UTO6908061F9406236ZE184226")
ETD = ("PUUTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", "D231458907UTO7408122F2606277<<<<<<<8")


def test_worked_check_digit_example() -> None:
    assert check_digit("L898902C3") == "6"  # Part 3 §4.9: 316 -> 6


@pytest.mark.parametrize(
    ("lines", "fmt", "number", "birth", "expiry"),
    [
        (TD3, "TD3", "L898902C3", "1974-08-12", "2012-04-15"),
        (TD2, "TD2", "D23145890", "1974-08-12", "2012-04-15"),
        (TD1, "TD1", "D23145890", "1974-08-12", "2012-04-15"),
        (MRVA, "MRV-A", "L898902C", "1969-08-06", "1994-06-23"),
        (MRVB, "MRV-B", "L898902C", "1969-08-06", "1994-06-23"),
        (ETD, "TD2", "D23145890", "1974-08-12", "2026-06-27"),
    ],
)
def test_official_examples(lines, fmt, number, birth, expiry) -> None:
    result = parse(lines, today=TODAY)
    assert result.valid, [e.message for e in result.errors]
    assert result.format.value == fmt
    f = result.fields
    assert (f.name.primary, f.name.secondary) == ("ERIKSSON", "ANNA MARIA")
    assert f.document_number == number
    assert f.date_of_birth.iso() == birth
    assert f.date_of_expiry.iso() == expiry
    assert f.sex == "F"
    assert f.issuing_state == "UTO" and f.nationality == "UTO"


def test_td3_specimen_fields_and_checks() -> None:
    result = parse(TD3, today=TODAY)
    assert result.fields.optional_data == "ZE184226B"
    assert result.expired is True
    names = {c.name: (c.ok, c.line, c.position) for c in result.checks}
    assert names == {
        "document_number": (True, 2, 10),
        "date_of_birth": (True, 2, 20),
        "date_of_expiry": (True, 2, 28),
        "optional_data": (True, 2, 43),
        "composite": (True, 2, 44),
    }


def test_part8_etd_is_flagged_as_emergency_travel_document() -> None:
    result = parse(ETD, today=TODAY)
    assert result.fields.document_code == "PU"
    assert result.fields.emergency_travel_document


def _protected_positions(result) -> set[tuple[int, int]]:
    covered = set()
    for check in result.checks:
        covered.add((check.line, check.position))
        for line, start, end in check.covers:
            covered.update((line, p) for p in range(start, end + 1))
    return covered


def test_every_single_character_change_of_the_td3_specimen() -> None:
    """Changing any single character: protected positions fail and the failure names the
    position (or its check digit); elsewhere the change fails by position or reads as a
    different valid MRZ (Doc 9303 protects names, codes and sex with no check digit).

    The one blind spot is the 7-3-1 scheme's own (Part 3 §4.9): weights 7, 3 and 1 are prime
    to 10, so a change is caught unless the two characters' values differ by a multiple of
    10 (L=21 and 1, A=10 and 0 ...), which only alphanumeric fields allow. The test asserts
    that these, and only these, slip through, so the desktop can warn about them."""
    base = parse(TD3, today=TODAY)
    protected = _protected_positions(base)
    blind_spots = 0
    for line_no, line in enumerate(TD3, start=1):
        for pos in range(1, len(line) + 1):
            for char in sorted(ALPHABET - {line[pos - 1]}):
                mutated = list(TD3)
                mutated[line_no - 1] = line[: pos - 1] + char + line[pos:]
                result = parse(mutated, today=TODAY)
                named = {(e.line, p) for e in result.errors for p in range(e.position, e.end + 1)}
                if (line_no, pos) in protected:
                    alnum = line_no == 2 and (1 <= pos <= 9 or 29 <= pos <= 42)
                    blind = alnum and (char_value(char) - char_value(line[pos - 1])) % 10 == 0
                    if blind:
                        assert result.valid, (line_no, pos, char)
                        blind_spots += 1
                        continue
                    assert not result.valid, (line_no, pos, char)
                    checks_over_pos = {
                        (c.line, c.position)
                        for c in result.checks
                        if not c.ok
                        and any(ln == line_no and s <= pos <= e for ln, s, e in c.covers)
                    }
                    assert (line_no, pos) in named or checks_over_pos, (line_no, pos, char)
                elif not result.valid:
                    assert named, (line_no, pos, char)
                else:
                    assert result.fields != base.fields, (line_no, pos, char)
    # Document number (9 positions) and optional data (14): letters and digits both allowed.
    assert 0 < blind_spots < 100


def test_changed_name_letter_is_a_different_valid_name() -> None:
    """Doc 9303 has no check digit over the name: a reader cannot catch a changed letter
    there, which is why the desktop asks the officer to compare the name with the VIZ."""
    changed = (TD3[0].replace("ANNA", "ANNE"), TD3[1])
    result = parse(changed, today=TODAY)
    assert result.valid and result.fields.name.secondary == "ANNE MARIA"


@pytest.mark.parametrize(
    ("primary", "secondary", "length", "expected"),
    [
        (
            ["NILAVADHANANANDA"],
            ["CHAYAPA", "DEJTHAMRONG", "KRASUANG"],
            39,
            "NILAVADHANANANDA<<CHAYAPA<DEJTHAMRONG<K",
        ),
        (
            ["BENNELONG", "WOOLOOMOOLOO", "WARRANDYTE", "WARNUNG"],
            ["DINGO"],
            39,
            "BENNELONG<WOOLOOMOOLOO<WARRANDYTE<W<<DI",
        ),
        (
            ["BENNELONG", "WOOLOOMOOLOO", "WARRANDYTE", "WARNUNG"],
            ["DINGO"],
            30,
            "BENNELONG<WOOLOOMOOLOO<W<W<<DI",
        ),
    ],
)
def test_icao_truncation_examples(primary, secondary, length, expected) -> None:
    field, truncated = fit_name(primary, secondary, length)
    assert field == expected
    assert truncated


def test_td1_long_document_number_part5_example() -> None:
    lines = (
        "I<UTOD23145890<7349<<<<<<<<<<<",
        "3407127M9507122UTO<<<<<<<<<<<2",
        "STEVENSON<<PETER<JOHN<<<<<<<<<",
    )
    result = parse(lines, today=TODAY)
    assert result.valid
    assert result.fields.document_number == "D23145890734"
    check = next(c for c in result.checks if c.name == "document_number")
    assert (check.line, check.position) == (1, 19)


def test_long_number_without_continuation_is_named() -> None:
    lines = ("I<UTOD23145890<<<<<<<<<<<<<<<<", TD1[1], TD1[2])
    result = parse(lines, today=TODAY)
    assert not result.valid
    assert any(
        e.field == "document_number" and (e.line, e.position) == (1, 16) for e in result.errors
    )


def test_unused_optional_data_check_digit_may_be_zero_or_filler() -> None:
    base = "L898902C36UTO7408122F1204159<<<<<<<<<<<<<<"
    for digit in "0<":
        line2 = base + digit
        line2 += check_digit(line2[0:10] + line2[13:20] + line2[21:43])
        result = parse((TD3[0], line2), today=TODAY)
        assert result.valid, [e.message for e in result.errors]
        note = next(c.note for c in result.checks if c.name == "optional_data")
        assert "unused" in note
    line2 = base + "5"
    line2 += check_digit(line2[0:10] + line2[13:20] + line2[21:43])
    assert not parse((TD3[0], line2), today=TODAY).valid


@pytest.mark.parametrize(
    ("code", "ok"),
    [
        ("XXA", True),
        ("XXB", True),
        ("XXC", True),
        ("XXX", True),
        ("D<<", True),
        ("EUE", True),
        ("UNO", True),
        ("UTO", True),
        ("ZZZ", False),
        ("DEU", True),
    ],
)
def test_special_codes(code: str, ok: bool) -> None:
    line1 = TD3[0][:2] + code + TD3[0][5:]
    result = parse((line1, TD3[1]), today=TODAY)
    assert result.valid is ok
    assert result.fields.protection_status is (code in ("XXA", "XXB", "XXC"))


def test_unknown_birth_date_parts() -> None:
    line2 = "L898902C36UTO74<<<<"
    line2 += check_digit("74<<<<") + "F1204159ZE184226B<<<<<1"
    line2 += check_digit(line2[0:10] + line2[13:20] + line2[21:43])
    result = parse((TD3[0], line2), today=TODAY)
    assert result.valid, [e.message for e in result.errors]
    assert result.fields.date_of_birth.iso() == "1974-XX-XX"


def test_unknown_expiry_part_is_refused_and_named() -> None:
    line2 = "L898902C36UTO7408122F12<<<<" + check_digit("12<<<<") + "ZE184226B<<<<<1"
    line2 += check_digit(line2[0:10] + line2[13:20] + line2[21:43])
    result = parse((TD3[0], line2), today=TODAY)
    assert not result.valid
    assert any(e.code == "mrz.date" and (e.line, e.position) == (2, 24) for e in result.errors)


@pytest.mark.parametrize(
    ("lines", "line", "expected"),
    [
        ((TD3[0], TD3[1][:-1]), 2, "44 characters"),
        ((TD3[0][:40], TD3[1]), 1, "36 or 44 characters"),
        ((TD3[0],), None, "2 lines (TD2, TD3, visas) or 3 lines (TD1)"),
    ],
)
def test_layout_errors_name_the_line(lines, line, expected) -> None:
    with pytest.raises(MrzLayoutError) as info:
        parse(lines)
    assert info.value.line == line
    assert info.value.expected == expected


def test_errors_never_quote_the_mrz() -> None:
    broken = (TD3[0], "L898902C37UTO7408132F1204159ZE184226B<<<<<10")
    result = parse(broken, today=TODAY)
    assert not result.valid
    for error in result.errors:
        for secret in ("ERIKSSON", "L898902C", "740813", "ZE184226B"):
            assert secret not in error.message
