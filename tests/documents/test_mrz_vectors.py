"""Every MRZ text vector in ../shared/testdata/mrz/vectors.json (written by other projects).

The sources disagree among themselves; Doc 9303 decides. Where Laissez sides against a vector,
``SIDE_AGAINST`` says why and cites the paragraph, and the test asserts Laissez's answer.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from laissez.documents.errors import MrzError, MrzLayoutError
from laissez.documents.mrz import parse

TODAY = dt.date(2026, 11, 24)

# id -> (Laissez's verdict, reason). Verdict True/False = valid/invalid, "layout" = unusable.
SIDE_AGAINST: dict[str, tuple[object, str]] = {
    **{
        vid: (
            True,
            "UTO is the Doc 9303 code for specimens (Part 3 §5); cheminfo counts it invalid",
        )
        for vid in ("v016", "v017", "v018", "v025", "v028")
    },
    "v003": (
        False,
        "the pre-2021 French identity card is a national 2x36 layout, not TD2 (Doc 9303 "
        "Part 6 §4.2.2): read as TD2 its name runs into positions 31-36 with digits",
    ),
    "v004": (False, "French national 2x36 layout, not Doc 9303 TD2 (Part 6 §4.2.2)"),
    "v007": ("layout", "a Swiss driving licence has no Doc 9303 MRZ (Part 3 §4; Parts 4-7)"),
    "v008": ("layout", "Swiss driving licence (reference lines): no Doc 9303 MRZ layout"),
    "v036": ("layout", "a French driving licence has no Doc 9303 MRZ (Parts 4-7)"),
}

# Our field names for the keys the three sources use.
FIELD_KEYS: dict[str, str] = {
    # cheminfo/mrz
    "documentNumber": "document_number",
    "birthDate": "date_of_birth",
    "expirationDate": "date_of_expiry",
    "nationality": "nationality",
    "issuingState": "issuing_state",
    "lastName": "primary",
    "firstName": "secondary",
    "sex": "sex",
    # Arg0s1080/mrz
    "document_number": "document_number",
    "birth_date": "date_of_birth",
    "expiry_date": "date_of_expiry",
    "country": "issuing_state",
    "surname": "primary",
    "name": "secondary",
    # PassportEye
    "number": "document_number",
    "date_of_birth": "date_of_birth",
    "expiration_date": "date_of_expiry",
    "names": "secondary",
}
SEX = {"female": "F", "male": "M", "F": "F", "M": "M", "<": "X", "X": "X", "nonspecified": "X"}


def _load(testdata: Path) -> list[dict[str, Any]]:
    return json.loads((testdata / "mrz" / "vectors.json").read_text(encoding="utf-8"))


def _ours(result: Any, key: str) -> str:
    f = result.fields
    return {
        "document_number": f.document_number,
        "date_of_birth": f.date_of_birth.raw if f.date_of_birth else None,
        "date_of_expiry": f.date_of_expiry.raw if f.date_of_expiry else None,
        "nationality": f.nationality,
        "issuing_state": f.issuing_state,
        "primary": f.name.primary,
        "secondary": f.name.secondary,
        "sex": f.sex,
    }[key]


def _theirs(key: str, value: str) -> str:
    if key == "sex":
        return SEX.get(value, value)
    return value.replace("<", " ").strip() if key in ("primary", "secondary") else value.rstrip("<")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "vector" in metafunc.fixturenames:
        from tests.support.shared import TESTDATA

        path = TESTDATA / "mrz" / "vectors.json"
        vectors = json.loads(path.read_text()) if path.exists() else []
        metafunc.parametrize("vector", vectors, ids=[v["id"] for v in vectors])


def test_vectors_are_present(shared_testdata: Path) -> None:
    assert len(_load(shared_testdata)) == 70


def test_vector(vector: dict[str, Any], shared_testdata: Path) -> None:
    lines = vector["lines"]
    kind = vector["kind"]
    verdict, _reason = SIDE_AGAINST.get(vector["id"], (vector["expected_valid"], ""))
    if kind == "reject" or verdict == "layout":
        with pytest.raises(MrzLayoutError) as info:
            parse(lines, today=TODAY)
        assert info.value.code == "mrz.layout"
        return
    if kind == "autocorrect":
        # OCR-confused text: the parser alone must never accept it; it names the places.
        # (The image reader's correction stage, documents/ocr, repairs such text.)
        try:
            result = parse(lines, today=TODAY)
        except MrzError as exc:
            assert exc.code == "mrz.layout"
            return
        assert not result.valid
        assert all(e.line and e.position for e in result.errors)
        return
    result = parse(lines, today=TODAY)
    if verdict is not None:
        assert result.valid is verdict, [e.message for e in result.errors]
    if not result.valid:
        # Every problem names a line and a position.
        assert all(e.line is not None and e.position is not None for e in result.errors)
    for key, value in (vector.get("expected_fields") or {}).items():
        ours = FIELD_KEYS.get(key)
        if ours is None or value is None or vector["id"] in ("v003", "v004"):
            continue
        assert _ours(result, ours) == _theirs(ours, value), key


def test_belgian_long_number_variant_is_accepted_only_for_bel() -> None:
    """Belgium computes the long-number check digit over the filler at position 15; Doc 9303
    Part 5 note j skips it. Laissez accepts the variant for BEL only, with a note."""
    bel = [
        "IDBEL000590240<6013<<<<<<<<<<<",
        "8512017F1311048BEL851201002007",
        "REINARTZ<<ULRIKE<KATIA<E<<<<<<",
    ]
    result = parse(bel, today=TODAY)
    assert result.valid
    assert result.fields.document_number == "000590240601"
    assert any("BEL" in c.note for c in result.checks)
    other = [bel[0].replace("BEL", "NLD"), bel[1].replace("BEL", "NLD"), bel[2]]
    assert not parse(other, today=TODAY).valid
