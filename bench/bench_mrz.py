"""MRZ parse and build throughput (pure Python, no OCR)."""

from __future__ import annotations

import statistics
import time

from bench.run import Metric
from laissez.documents.mrz import MrzFormat, MrzInput, build, parse

TD3 = [
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
    "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
]
ROUNDS = 5
N = 2000


def _per_call(fn: object, n: int) -> float:
    samples = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        for _ in range(n):
            fn()  # type: ignore[operator]
        samples.append((time.perf_counter() - start) / n)
    return statistics.median(samples)


def run() -> list[Metric]:
    """Median microseconds per parse and per build."""
    data = MrzInput(
        MrzFormat.TD3, "P", "UTO", "Eriksson", "Anna María", "L898902C3", "UTO",
        "740812", "F", "120415", "ZE184226B",
    )  # fmt: skip
    return [
        Metric("mrz_parse_td3_us", _per_call(lambda: parse(TD3), N) * 1e6, "µs"),
        Metric("mrz_build_td3_us", _per_call(lambda: build(data), N) * 1e6, "µs"),
    ]
