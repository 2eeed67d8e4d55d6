"""Printing benchmarks: one ETD PDF (issue: MRZ, seal signature, layout; budget 150 ms), one
receipt per language, and reading a printed ETD back (rasterise + DataMatrix decode)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from bench.run import Metric
from laissez.documents.seal import create_root, create_signer
from laissez.printing.etd import issue_etd
from laissez.printing.readback import load_pages, read_seals
from laissez.printing.receipt import render_receipt
from laissez.printing.specimen import specimen_etd, specimen_receipt

ETD_BUDGET_MS = 150.0


def _median_ms(fn: Callable[[], object], repeat: int) -> float:
    fn()  # warm up: font registration and merging happen once per process
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def run() -> list[Metric]:
    """Median milliseconds per document."""
    root = create_root("Bench Headquarters", "UT")
    signer = create_signer(root, "UTTS", mission="Bench")
    data = specimen_etd()
    metrics = [
        Metric(
            "printing.etd_pdf_ms",
            _median_ms(lambda: issue_etd(data, signer), 30),
            "ms",
            ETD_BUDGET_MS,
        )
    ]
    for language in ("en", "ar", "ur", "bn"):
        receipt = specimen_receipt(language)
        metrics.append(
            Metric(
                f"printing.receipt_{language}_ms",
                _median_ms(lambda r=receipt: render_receipt(r), 10),
                "ms",
            )
        )
    pdf = issue_etd(data, signer).pdf
    metrics.append(
        Metric(
            "printing.etd_readback_seal_ms",
            _median_ms(lambda: read_seals(load_pages(pdf, dpi=300)[0]), 5),
            "ms",
        )
    )
    return metrics
