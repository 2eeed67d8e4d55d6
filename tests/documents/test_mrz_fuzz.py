"""Fuzzing the MRZ text entry points: only typed errors ever come out."""

from __future__ import annotations

import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from laissez.documents.errors import MrzError
from laissez.documents.mrz import MrzInput, build, parse

MRZISH = string.ascii_uppercase + string.digits + "<" + "abc \t٣ÄЖ\x00"


@st.composite
def near_mrz(draw: st.DrawFn) -> list[str]:
    length = draw(st.sampled_from([30, 36, 44, 29, 37, 45]))
    count = draw(st.integers(1, 4))
    return [draw(st.text(alphabet=MRZISH, min_size=length, max_size=length)) for _ in range(count)]


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(near_mrz(), st.lists(st.text(), max_size=4), st.text()))
def test_parse_only_raises_typed_errors(lines) -> None:
    try:
        result = parse(lines)
    except MrzError as exc:
        assert exc.code == "mrz.layout"
        return
    # A result always explains itself: valid, or every error placed on a line.
    assert result.valid or all(e.line for e in result.errors)
    result.as_dict()


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(
            [
                "format",
                "document_code",
                "issuing_state",
                "primary_identifier",
                "secondary_identifier",
                "document_number",
                "nationality",
                "date_of_birth",
                "sex",
                "date_of_expiry",
                "optional_data",
                "optional_data_2",
            ]
        ),
        st.one_of(
            st.text(max_size=20),
            st.sampled_from(["TD1", "TD2", "TD3", "MRV-A", "MRV-B", "P", "I", "UTO", "F"]),
            st.text(alphabet="0123456789<", min_size=6, max_size=6),
        ),
    )
)
def test_build_only_raises_typed_errors(data) -> None:
    try:
        built = build(MrzInput.from_mapping(data))
    except MrzError:
        return
    except TypeError:
        return  # from_mapping with a wrongly typed value: the CLI reports it as input error
    assert parse(built.lines).valid
