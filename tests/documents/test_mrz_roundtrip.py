"""Property tests: build then parse gives back the same data, in every format."""

from __future__ import annotations

import datetime as dt
import string

from hypothesis import given, settings
from hypothesis import strategies as st

from laissez.documents import codes
from laissez.documents.mrz import LAYOUTS, MrzFormat, MrzInput, build, parse
from laissez.documents.mrz.names import fit_name

TODAY = dt.date(2026, 11, 24)
ALNUM = string.ascii_uppercase + string.digits
STATES = sorted(codes.ISO_3166_ALPHA3 | set(codes.ICAO_SPECIAL_CODES))
DOC_CODES = {
    MrzFormat.TD3: ["P", "PP", "PE", "PU", "PD", "PO", "PR", "PT", "PS", "PL", "PM"],
    MrzFormat.TD2: ["I", "ID", "IR", "A", "AB", "C", "CR", "PU"],
    MrzFormat.TD1: ["I", "ID", "IR", "A", "AC", "C", "CR"],
    MrzFormat.MRVA: ["V", "VA", "VB", "VC"],
    MrzFormat.MRVB: ["V", "VA", "VB", "VC"],
}

component = st.text(alphabet=string.ascii_uppercase, min_size=1, max_size=14)
names = st.lists(component, min_size=1, max_size=4)


@st.composite
def inputs(draw: st.DrawFn) -> MrzInput:
    fmt = draw(st.sampled_from(list(MrzFormat)))
    long_number = fmt in (MrzFormat.TD1, MrzFormat.TD2)
    number = draw(st.text(alphabet=ALNUM, min_size=1, max_size=12 if long_number else 9))
    if fmt is MrzFormat.TD2 and len(number) > 9:
        number = number[:14]
    birth = draw(st.dates(min_value=dt.date(1927, 1, 1), max_value=dt.date(2026, 11, 24)))
    birth_text: object = birth
    if draw(st.booleans()):
        birth_text = draw(
            st.sampled_from([f"{birth.year}-XX-XX", f"{birth.year}-{birth.month:02d}-XX", None])
        )
    expiry = draw(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2070, 12, 31)))
    room = {MrzFormat.TD3: 14, MrzFormat.TD2: 7, MrzFormat.TD1: 15}.get(
        fmt, LAYOUTS[fmt].length - 28
    )
    if len(number) > 9:
        room -= len(number) - 9 + 2
    optional = draw(st.text(alphabet=ALNUM, max_size=max(room, 0)))
    if optional and fmt in (MrzFormat.TD1, MrzFormat.TD2) and len(number) > 9:
        optional = ""  # the continuation's trailing filler ends the number's run
    return MrzInput(
        format=fmt,
        document_code=draw(st.sampled_from(DOC_CODES[fmt])),
        issuing_state=draw(st.sampled_from(STATES)),
        primary_identifier=" ".join(draw(names)),
        secondary_identifier=" ".join(draw(st.lists(component, max_size=3))),
        document_number=number,
        nationality=draw(st.sampled_from(STATES)),
        date_of_birth=birth_text,  # type: ignore[arg-type]
        sex=draw(st.sampled_from(["F", "M", "X"])),
        date_of_expiry=expiry,
        optional_data=optional,
        optional_data_2=draw(st.text(alphabet=ALNUM, max_size=11)) if fmt is MrzFormat.TD1 else "",
        optional_data_check=draw(st.sampled_from(["<", "0"])),
    )


@settings(max_examples=400, deadline=None)
@given(inputs())
def test_build_then_parse_round_trips(data: MrzInput) -> None:
    built = build(data)
    layout = LAYOUTS[data.format]
    assert len(built.lines) == layout.lines
    assert all(len(line) == layout.length for line in built.lines)
    result = parse(built.lines, today=TODAY)
    assert result.valid, [e.message for e in result.errors]
    assert result.format is data.format
    f = result.fields
    expected_number = data.document_number
    if data.format in (MrzFormat.MRVA, MrzFormat.MRVB):
        expected_number = expected_number[:9]
        assert built.document_number_truncated is (len(data.document_number) > 9)
    assert f.document_number == expected_number
    assert f.document_code == data.document_code.rstrip("<")
    assert f.issuing_state == data.issuing_state
    assert f.nationality == data.nationality
    assert f.sex == data.sex
    assert f.optional_data == data.optional_data.rstrip("<")
    assert f.optional_data_2 == data.optional_data_2
    assert f.date_of_expiry.as_date() == data.date_of_expiry
    if isinstance(data.date_of_birth, dt.date):
        assert f.date_of_birth.as_date() == data.date_of_birth
    if not built.name.truncated:
        primary = data.primary_identifier
        secondary = data.secondary_identifier
        assert (f.name.primary, f.name.secondary) == (primary, secondary)
    # Parsing then building again gives the very same lines.
    again = build(
        MrzInput(
            format=data.format,
            document_code=f.document_code,
            issuing_state=f.issuing_state,
            primary_identifier=f.name.primary,
            secondary_identifier=f.name.secondary,
            document_number=f.document_number,
            nationality=f.nationality,
            date_of_birth=f.date_of_birth.raw,
            sex=f.sex,
            date_of_expiry=f.date_of_expiry.raw,
            optional_data=f.optional_data,
            optional_data_2=f.optional_data_2,
            optional_data_check=data.optional_data_check,
        )
    )
    assert again.lines == built.lines


@settings(max_examples=500, deadline=None)
@given(
    names,
    st.lists(component, max_size=4),
    st.sampled_from([30, 31, 39]),
    st.sampled_from(["initials", "end"]),
)
def test_name_field_rules(primary, secondary, length, method) -> None:
    field, truncated = fit_name(primary, secondary, length, method)
    assert len(field) == length
    assert set(field) <= set(string.ascii_uppercase + "<")
    assert field[0] != "<"
    full = "<".join(primary) + ("<<" + "<".join(secondary) if secondary else "")
    assert truncated is (len(full) > length)
    if truncated:
        assert field[-1].isalpha(), "a truncated name ends with a letter (Part 3 §4.6)"
        if secondary:
            _head, sep, tail = field.partition("<<")
            assert sep and tail and tail[0] == secondary[0][0]
    else:
        assert field.rstrip("<") == full
