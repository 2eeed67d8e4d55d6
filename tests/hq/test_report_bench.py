"""``bench/bench_hq_report.py`` at a quick size: its generated year of cases is read right by the
report (every column's total is what the generator's rules give), and the benchmark runs end
to end on its own throwaway PostgreSQL database. ``make bench`` runs it at 100,000 cases."""

from __future__ import annotations

from bench import bench_hq_report
from laissez.hq import report
from laissez.hq.db import make_engine, session_factory

CASES = 400


def test_the_report_counts_the_generated_cases_exactly(pg_url: str) -> None:
    before = _codes(pg_url)
    written = bench_hq_report.fill(pg_url, CASES, missions=4)
    assert written > 7 * CASES
    engine = make_engine(pg_url)
    try:
        with session_factory(engine)() as session:
            rows = report.build(session, suppress_below=1)
    finally:
        engine.dispose()
    totals = [r for r in rows if r.month == report.TOTAL and r.mission_code not in before]
    assert len(totals) == 4
    for column, expected in bench_hq_report.expected_totals(CASES).items():
        assert sum(r.values[column] or 0 for r in totals) == expected, column
    assert all(r.median_days_interview_to_issue is not None for r in totals)
    months = [r for r in rows if r.month != report.TOTAL and r.mission_code not in before]
    assert len(months) > 4  # cases spread over the year


def _codes(pg_url: str) -> set[str]:
    from sqlalchemy import select

    from laissez.hq.models import Mission

    engine = make_engine(pg_url)
    try:
        with session_factory(engine)() as session:
            return set(session.scalars(select(Mission.code)))
    finally:
        engine.dispose()


def test_the_benchmark_runs_at_a_quick_size(pg_server: str) -> None:
    metrics = {m.key: m.value for m in bench_hq_report.run(CASES, server=pg_server)}
    assert metrics["hq_report_cases"] == CASES
    assert metrics["hq_report_build_s"] > 0 and metrics["hq_report_rows"] > 0
    assert 0 < metrics["hq_report_peak_rss_mb"] < 1024
