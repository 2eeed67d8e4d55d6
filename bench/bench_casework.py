"""Casework benchmarks: the pure gate, a whole case on the encrypted database, and the issue
transition alone (gate, seal signature, ETD PDF and the write, median of 10)."""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from bench.run import Metric


def run() -> list[Metric]:
    """Gate evaluation over a snapshot, gate from the database, open-to-issue time, and the
    issue transition's median time (gate + seal + PDF + write)."""
    from laissez.casework.gate import evaluate
    from laissez.casework.states import CaseState
    from tests.support.world import World

    with tempfile.TemporaryDirectory() as tmp:
        world = World(Path(tmp) / "data")
        try:
            times, issue_times = [], []
            for _ in range(10):
                start = time.perf_counter()
                case_id = world.new_case(CaseState.APPROVED)
                issue_start = time.perf_counter()
                world["olga"].decisions.issue_document(case_id)  # gate + seal + PDF + write
                end = time.perf_counter()
                times.append(end - start)
                issue_times.append(end - issue_start)
            snapshot = world["oscar"].snapshot(case_id)
            start = time.perf_counter()
            for _ in range(2000):
                evaluate(snapshot)
            pure_us = (time.perf_counter() - start) / 2000 * 1e6
            start = time.perf_counter()
            for _ in range(50):
                world["oscar"].gate(case_id)
            db_ms = (time.perf_counter() - start) / 50 * 1000
        finally:
            world.close()
    return [
        Metric("casework.gate_pure", round(pure_us, 1), "us", None),
        Metric("casework.gate_from_db", round(db_ms, 2), "ms", 50.0),
        Metric("casework.case_open_to_issue", round(statistics.median(times) * 1000, 1), "ms",
               None),
        Metric("casework.issue_document", round(statistics.median(issue_times) * 1000, 1), "ms",
               250.0),
    ]  # fmt: skip
