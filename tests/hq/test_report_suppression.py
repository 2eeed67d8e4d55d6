"""A small count hidden in one month cannot be worked out from the mission's total."""

from __future__ import annotations

from laissez.hq import report
from laissez.hq.report import ReportRow


def _rows() -> list[ReportRow]:
    return [
        ReportRow("AAA", "2026-11", {"consents_declined_return": 9, "cases_opened": 30}, None),
        ReportRow("AAA", "2026-12", {"consents_declined_return": None, "cases_opened": 7}, None),
        ReportRow("AAA", report.TOTAL, {"consents_declined_return": 11, "cases_opened": 37}, 2.0),
    ]


def test_a_total_that_would_reveal_a_hidden_month_is_hidden_too() -> None:
    rows = _rows()
    report._protect_total(rows, months=2)
    total = rows[-1]
    # 11 - 9 would have given the hidden December count of 2
    assert total.values["consents_declined_return"] is None
    # nothing hidden in that column: the total stays
    assert total.values["cases_opened"] == 37
    assert total.median_days_interview_to_issue == 2.0
    assert "<5" in report.to_csv(rows).splitlines()[-1]


def test_a_total_without_hidden_months_is_unchanged() -> None:
    rows = _rows()
    rows[1] = ReportRow("AAA", "2026-12", {"consents_declined_return": 6, "cases_opened": 7}, None)
    report._protect_total(rows, months=2)
    assert rows[-1].values == {"consents_declined_return": 11, "cases_opened": 37}
