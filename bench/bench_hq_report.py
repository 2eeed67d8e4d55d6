"""The accountability report at scale: 100,000 cases (about 900,000 changes) from 20 missions
over a year, on real PostgreSQL, read by ``laissez.hq.report.build`` as ``laissez-hq report``
and ``/admin/report`` do.

The changes are written straight into a throwaway database with ``generate_series`` (pushing
900,000 changes through HTTP would take the benchmark half an hour and measure the push, not
the report), with the payloads the contract's schemas give them. Which case gets what follows
fixed rules of its number (``EXPECTED`` computes the same counts in Python), so a test can run
the same code at a quick size and check the report reads every column right.

Metrics: rows written, seconds to build the report, to write CSV, JSON and the HTML page, and
the peak memory of a process that builds it (a fresh ``python``, so other benchmarks do not
count).
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
import time
import uuid
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session

from bench.run import Metric
from laissez.hq.db import make_engine, migrate
from laissez.hq.models import Device, Mission

CASES = 100_000
MISSIONS = 20
ROOT = Path(__file__).resolve().parents[1]

#: one statement per kind: (entity, operation, schema version, hours after the case's day,
#: payload as SQL over the case number ``g``, which cases get it)
_ISSUED = "g % 20 <> 1 AND g % 50 <> 2 AND g % 20 <> 0"
_KINDS: tuple[tuple[str, str, int, str, str, str], ...] = (
    ("case", "open", 1, "0", "jsonb_build_object('status', 'draft')", "true"),
    (
        "case",
        "record_interview",
        2,
        "1",
        "jsonb_build_object('status', 'interviewed', 'version', 2, 'form', 'fear_of_return', "
        "'fear_flag', g % 10 = 0)",
        "true",
    ),
    (
        "case",
        "deliver_advisal",
        2,
        "2",
        "jsonb_build_object('status', 'advised', 'version', 3, 'language', "
        "(ARRAY['en', 'fr', 'ar', 'es'])[g % 4 + 1], 'interpreter_used', g % 3 = 0)",
        "true",
    ),
    (
        "case",
        "record_consent",
        2,
        "3",
        "jsonb_build_object('status', 'consented', 'version', 4, 'scope', 'return', 'decision', "
        "CASE WHEN g % 20 = 1 THEN 'declined' ELSE 'granted' END)",
        "true",
    ),
    (
        "case",
        "record_consent",
        2,
        "3.5",
        "jsonb_build_object('status', 'consented', 'version', 5, 'scope', 'travel_document', "
        "'decision', CASE WHEN g % 20 = 1 THEN 'declined' ELSE 'granted' END)",
        "true",
    ),
    (
        "case",
        "record_data_sharing",
        1,
        "4",
        "jsonb_build_object('status', 'consented', 'version', 6, 'recipient', 'headquarters', "
        "'decision', CASE WHEN g % 2 = 0 THEN 'granted' ELSE 'declined' END)",
        "true",
    ),
    (
        "case",
        "withdraw_consent",
        2,
        "5",
        "jsonb_build_object('status', 'withdrawn', 'version', 7, 'scopes', "
        "jsonb_build_array('return', 'travel_document'), 'documents_voided', 0)",
        "g % 50 = 2",
    ),
    (
        "case",
        "record_fear_expressed",
        1,
        "6",
        "jsonb_build_object('status', 'on_hold', 'version', 8)",
        "g % 25 = 3",
    ),
    (
        "case",
        "record_referral_outcome",
        2,
        "7",
        "jsonb_build_object('status', 'on_hold', 'version', 9, 'outcome', "
        "CASE WHEN g % 20 = 0 THEN 'referred' ELSE 'cleared' END)",
        "g % 10 = 0",
    ),
    (
        "case",
        "issue_document",
        1,
        "24 * (g % 30) + 8",
        "jsonb_build_object('status', 'issued', 'version', 10)",
        _ISSUED,
    ),
    (
        "travel_document",
        "issue",
        1,
        "24 * (g % 30) + 8",
        "jsonb_build_object('status', 'issued', 'valid_until', '2027-12-31', 'document_number', "
        "'BEN' || lpad((g % 999999)::text, 6, '0'))",
        _ISSUED,
    ),
    (
        "revocation",
        "revoke",
        1,
        "24 * (g % 30) + 9",
        "jsonb_build_object('travel_document_id', 'doc-' || g, 'document_number', "
        "'BEN' || lpad((g % 999999)::text, 6, '0'), 'reason', 'consent_withdrawn', "
        "'revoked_at', '2026-06-01T00:00:00+00:00')",
        f"({_ISSUED}) AND g % 100 = 7",
    ),
    (
        "case",
        "close_without_document",
        1,
        "10",
        "jsonb_build_object('status', 'closed', 'version', 11)",
        f"NOT ({_ISSUED})",
    ),
)


def fill(pg: str, cases: int, missions: int = MISSIONS) -> int:
    """Write ``cases`` cases' changes for ``missions`` new missions into ``pg``; rows written."""
    tag = secrets.token_hex(3).upper()
    with Session(create_engine(pg)) as s:
        rows = []
        for i in range(missions):
            mission = Mission(code=f"RP{tag}{i:02d}", name="report bench")
            s.add(mission)
            s.flush()
            device = Device(mission_id=mission.id, public_key=f"bench-{uuid.uuid4().hex}")
            s.add(device)
            s.flush()
            rows.append((i, mission.id, device.id))
        s.execute(text("CREATE TEMP TABLE bench_m (idx int, mission_id uuid, device_id uuid)"))
        s.execute(text("INSERT INTO bench_m VALUES (:i, :m, :d)"),
                  [{"i": i, "m": m, "d": d} for i, m, d in rows])  # fmt: skip
        written = 0
        for entity, operation, version, hours, payload, where in _KINDS:
            written += s.execute(text(f"""
                INSERT INTO changes (mission_id, device_id, batch_id, change_id, content_hash,
                    entity, entity_id, operation, schema_version, payload, stripped,
                    created_at, received_at)
                SELECT m.mission_id, m.device_id, gen_random_uuid(), gen_random_uuid(),
                    md5(g || '{operation}') || md5('{operation}' || g), '{entity}',
                    '{tag}-case-' || g, '{operation}', {version}, {payload}, '[]'::jsonb,
                    t.at, t.at
                FROM generate_series(1, :cases) AS g
                JOIN bench_m AS m ON m.idx = (g / 20) % :missions
                CROSS JOIN LATERAL (SELECT timestamptz '2026-01-01 00:00+00'
                    + (g % 360) * interval '1 day' + ({hours}) * interval '1 hour' AS at) AS t
                WHERE {where}
            """), {"cases": cases, "missions": missions}).rowcount  # fmt: skip
        s.commit()
        s.execute(text("ANALYZE changes"))  # as autovacuum would soon after such a load
        s.commit()
    return written


def expected_totals(cases: int) -> dict[str, int]:
    """The raw totals over every mission (no suppression) the rules above give."""
    issued = [g for g in range(1, cases + 1) if g % 20 != 1 and g % 50 != 2 and g % 20 != 0]
    return {
        "cases_opened": cases,
        "advisals_delivered": cases,
        "advisals_with_interpreter": sum(1 for g in range(1, cases + 1) if g % 3 == 0),
        "consents_declined_return": sum(1 for g in range(1, cases + 1) if g % 20 == 1),
        "consents_withdrawn_return": sum(1 for g in range(1, cases + 1) if g % 50 == 2),
        "fear_of_return_flags": sum(1 for g in range(1, cases + 1) if g % 10 == 0 or g % 25 == 3),
        "protection_referred": sum(1 for g in range(1, cases + 1) if g % 20 == 0),
        "documents_issued": len(issued),
        "documents_revoked": sum(1 for g in issued if g % 100 == 7),
        "closed_without_document": cases - len(issued),
    }


_MEASURE = """
import json, resource, sys, time
from laissez.hq import report, report_page
from laissez.hq.db import make_engine, session_factory
engine = make_engine(sys.argv[1])
with session_factory(engine)() as session:
    started = time.perf_counter()
    rows = report.build(session)
    built = time.perf_counter() - started
started = time.perf_counter(); report.to_csv(rows); csv_s = time.perf_counter() - started
started = time.perf_counter(); report.to_json(rows); json_s = time.perf_counter() - started
started = time.perf_counter(); report_page.render(rows); html_s = time.perf_counter() - started
# VmHWM, not getrusage: Linux carries the parent's peak RSS across fork and exec into ru_maxrss
# (a benchmark started from a large test process read that process's size)
hwm = [line for line in open("/proc/self/status") if line.startswith("VmHWM:")]
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
if hwm:
    rss = int(hwm[0].split()[1]) * 1024
print(json.dumps({"build": built, "csv": csv_s, "json": json_s, "html": html_s, "rows": len(rows),
                  "rss": rss}))
"""


def measure(pg: str) -> dict[str, float]:
    """Build the report in a fresh process: seconds per step, report rows, peak RSS (bytes)."""
    out = subprocess.run(
        [sys.executable, "-c", _MEASURE, pg], capture_output=True, text=True, check=True,
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=1800,
    )  # fmt: skip
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def run(cases: int = CASES, server: str | None = None) -> list[Metric]:
    """The report over ``cases`` cases of 20 missions on a throwaway database of the
    PostgreSQL ``server`` (default ``$LAISSEZ_TEST_PG``, else 127.0.0.1:5432)."""
    server = server or os.environ.get(
        "LAISSEZ_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432"
    )
    name = f"laissez_report_{secrets.token_hex(4)}"
    root = create_engine(f"{server}/postgres", isolation_level="AUTOCOMMIT")
    with root.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    pg = f"{server}/{name}"
    try:
        engine = make_engine(pg)
        migrate(engine)
        engine.dispose()
        started = time.perf_counter()
        written = fill(pg, cases)
        fill_s = time.perf_counter() - started
        got = measure(pg)
        return [
            Metric("hq_report_cases", cases, "cases"),
            Metric("hq_report_changes", written, "changes"),
            Metric("hq_report_fill_s", fill_s, "s"),
            Metric("hq_report_build_s", got["build"], "s"),
            Metric("hq_report_csv_s", got["csv"], "s"),
            Metric("hq_report_json_s", got["json"], "s"),
            Metric("hq_report_html_s", got["html"], "s"),
            Metric("hq_report_rows", got["rows"], "rows"),
            Metric("hq_report_peak_rss_mb", got["rss"] / 2**20, "MB"),
        ]
    finally:
        with root.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        root.dispose()


if __name__ == "__main__":
    for metric in run(int(sys.argv[1]) if len(sys.argv) > 1 else CASES):
        print(f"{metric.key:36} {metric.value:10.4g} {metric.unit}")
