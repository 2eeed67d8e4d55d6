"""Run every ``bench/bench_*.py`` module, print a table and write ``bench/latest.json``.

Each module has ``run() -> list[Metric]``; a metric is (key, value, unit, budget or None). A
module that fails is reported in the table and does not stop the others.
"""

from __future__ import annotations

import importlib
import json
import os
import pkgutil
import platform
import sys
import time
import traceback
from pathlib import Path
from typing import NamedTuple

HERE = Path(__file__).resolve().parent


class Metric(NamedTuple):
    """One measured number. ``budget`` is the ceiling from DESIGN.md, when there is one."""

    key: str
    value: float
    unit: str
    budget: float | None = None


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks named in ``argv`` (module suffixes), or all of them."""
    wanted = set(argv if argv is not None else sys.argv[1:])
    # the benchmarks start their own throwaway headquarters, whose keys need a passphrase
    os.environ.setdefault("LAISSEZ_HQ_KEY_PASSPHRASE", "benchmark headquarters passphrase")
    modules = sorted(
        m.name for m in pkgutil.iter_modules([str(HERE)]) if m.name.startswith("bench_")
    )
    results: dict[str, float] = {}
    rows: list[tuple[str, str, str, str]] = []
    failures = 0
    for name in modules:
        if wanted and name.removeprefix("bench_") not in wanted:
            continue
        started = time.perf_counter()
        try:
            metrics = importlib.import_module(f"bench.{name}").run()
        except Exception:
            failures += 1
            traceback.print_exc()
            rows.append((name, "FAILED", "", ""))
            continue
        for metric in metrics:
            results[metric.key] = round(metric.value, 6)
            budget = "" if metric.budget is None else f"{metric.budget:g}"
            verdict = ""
            if metric.budget is not None:
                verdict = "ok" if metric.value <= metric.budget else "OVER"
            rows.append((metric.key, f"{metric.value:.4g} {metric.unit}", budget, verdict))
        rows.append((f"  ({name} took {time.perf_counter() - started:.1f} s)", "", "", ""))
    width = max((len(r[0]) for r in rows), default=10)
    print(f"{'metric':<{width}}  {'value':>18}  {'budget':>8}  verdict")
    for key, value, budget, verdict in rows:
        print(f"{key:<{width}}  {value:>18}  {budget:>8}  {verdict}")
    print(f"(python {platform.python_version()}, {os.cpu_count()} cores)")
    # One key per metric; a partial run (named benchmarks) keeps the other metrics' last values.
    path = HERE / "latest.json"
    previous = json.loads(path.read_text()) if (wanted and path.exists()) else {}
    previous.update(results)
    path.write_text(json.dumps(previous, indent=2, sort_keys=True) + "\n")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
