"""Validating answers: field types, conditions, partial dates, stable issue codes."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from laissez.forms import PartialDate, default_library, shown_fields, validate
from laissez.forms.schema import Text

TODAY = dt.date(2026, 11, 24)


def issues(form_id: str, answers: dict[str, Any], **kw: Any) -> list[tuple[str, str]]:
    form = default_library().form(form_id)
    return [(i.field, i.code) for i in validate(form, answers, today=TODAY, **kw)]


IDENTITY = {
    "primary_name": "Rahman", "date_of_birth": "1990-XX-XX", "languages_spoken": "bn",
    "nationality": "BGD", "evidence": ["passport_mrz"], "stateless_claim": "no",
    "refugee_status": "no",
}  # fmt: skip


def test_complete_answers_have_no_issues() -> None:
    assert issues("identity", IDENTITY) == []


def test_missing_required_answers_are_reported_unless_partial() -> None:
    assert issues("identity", {}) == [
        ("primary_name", "required"), ("date_of_birth", "required"),
        ("languages_spoken", "required"), ("nationality", "required"), ("evidence", "required"),
        ("stateless_claim", "required"), ("refugee_status", "required"),
    ]  # fmt: skip
    assert issues("identity", {}, partial=True) == []


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("date_of_birth", "1990-13-XX", "date"),
        ("date_of_birth", "2023-02-30", "date"),
        ("date_of_birth", "2030-XX-XX", "future"),
        ("date_of_birth", "1890-01-01", "too_early"),
        ("nationality", "Bangladesh", "type"),
        ("languages_spoken", "Bengali", "type"),
        ("sex", "female", "option"),
        ("evidence", ["passport_mrz", "passport_mrz"], "option"),
        ("evidence", [], "required"),
        ("stateless_claim", "maybe", "option"),
        ("primary_name", "x" * 201, "too_long"),
        ("photo", {"ref": "p1", "sha256": "nothex"}, "type"),
    ],
)
def test_malformed_answers_get_stable_codes(field: str, value: Any, code: str) -> None:
    assert issues("identity", {**IDENTITY, field: value}) == [(field, code)]


def test_conditions_show_and_require_fields() -> None:
    form = default_library().form("identity")
    shown = {f.id for f in shown_fields(form, IDENTITY)}
    assert "document_number" in shown and "interview_summary" not in shown
    by_interview = {**IDENTITY, "evidence": ["nationality_interview"]}
    assert issues("identity", by_interview) == [("interview_summary", "required")]
    # an answer to a hidden field is not stored silently
    assert issues("identity", {**IDENTITY, "interview_summary": "x"}) == [
        ("interview_summary", "not_shown")
    ]
    assert issues("identity", {**IDENTITY, "shoe_size": 42}) == [("shoe_size", "unknown_field")]


def test_nested_conditions_on_pending_proceedings() -> None:
    base = {f"{k}_pending": "no" for k in ("asylum", "appeal", "court_hearing",
                                          "immigration_hearing")}  # fmt: skip
    assert issues("pending_proceedings", base) == []
    hearing = {**base, "immigration_hearing_pending": "unknown"}
    assert issues("pending_proceedings", hearing) == [("consequences_explained", "required")]
    explained = {**hearing, "consequences_explained": "yes"}
    assert issues("pending_proceedings", explained) == [("consequences_acknowledged", "required")]


def test_signature_needs_a_reason_to_decline_and_integers_a_range() -> None:
    travel = {"destination_country": "BGD", "travel_mode": "air", "escort": "no",
              "reintegration_support": "yes"}  # fmt: skip
    assert issues("travel_route", {**travel, "person_signature": {"kind": "declined"}}) == [
        ("person_signature", "required")
    ]
    ok = {"kind": "declined", "reason": "cannot write"}
    assert issues("travel_route", {**travel, "person_signature": ok}) == []
    family = {"has_dependants": "yes", "dependants_count": 31, "dependants_here": "no",
              "family_contact_wanted": "yes"}  # fmt: skip
    assert issues("family", family) == [("dependants_count", "range")]


def test_partial_dates() -> None:
    assert str(PartialDate.parse("1990-XX-XX")) == "1990-XX-XX"
    assert PartialDate.parse("XXXX-XX-15").day == 15
    assert PartialDate.parse("1990-03-04").complete
    assert PartialDate.parse("1990-03-XX").earliest() == dt.date(1990, 3, 1)
    assert PartialDate.parse("XXXX-XX-XX").earliest() is None
    for bad in ("1990", "1990-00-01", "90-01-01", "1990-02-30"):
        with pytest.raises(ValueError):
            PartialDate.parse(bad)


def test_text_falls_back_to_english_and_base_language() -> None:
    text = Text({"en": "Yes", "bn": "হ্যাঁ"})
    assert text.get("bn-BD") == "হ্যাঁ"
    assert text.get("ur") == "Yes"
    label = default_library().form("fear_of_return").field("fears_return").label
    assert label.get("fr").startswith("La personne craint")
