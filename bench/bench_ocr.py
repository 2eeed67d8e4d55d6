"""MRZ reading from images: Laissez's engines against passporteye, same images, same run.

Readers: ``laissez`` (the default: PP-OCR through onnxruntime, then tesseract on what is left
of the fixed attempts), ``laissez_onnx`` and ``laissez_tesseract`` (each engine alone), and
``pe_legacy`` (``passporteye.read_mrz`` with the legacy tesseract engine, as its documentation
advises; its ``valid`` is passporteye's own).

Sets: ``synthetic`` (:mod:`laissez.documents.ocr.synthetic`, the generator the reader was
built with), ``scenes`` (:mod:`bench.synthetic_scenes`, a second generator never used for
tuning: card backs, small zones in phone photos, perspective, glare, turned pages),
``heldout`` (the half of ../shared/testdata/mrz named in bench/ocr_split.json that was never
looked at while tuning) and ``tuning`` (the other half).

Per reader and set: documents fully right (every line exactly), fields right, confidently
wrong (said valid with a line wrong: must be 0), median and p95 seconds in process; for the
default reader also fully right per format and per situation. Budgets: confidently wrong 0;
median 0.3 s and p95 1 s for the default reader.

Environment: ``LAISSEZ_BENCH_OCR_SYNTHETIC`` and ``LAISSEZ_BENCH_OCR_SCENES`` (default 30 each)
set the synthetic set sizes.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.run import Metric
from bench.synthetic_scenes import make_scenes
from laissez.documents.mrz import LAYOUTS, detect_layout
from laissez.documents.ocr import read_mrz
from laissez.documents.ocr.synthetic import make_set

SHARED = Path(__file__).resolve().parents[2] / "shared" / "testdata" / "mrz"
SHARED_FALLBACK = Path("/work/shared/testdata/mrz")

SPLIT = Path(__file__).with_name("ocr_split.json")

Case = tuple[str, Path, tuple[str, ...]]
#: A reader gives the lines it read and whether it called them valid.
Reader = Callable[[Path], tuple[tuple[str, ...], bool]]


def _shared_cases(part: str) -> list[Case]:
    wanted = set(json.loads(SPLIT.read_text())[part])
    for folder in (SHARED, SHARED_FALLBACK):
        index = folder / "images.json"
        if index.is_file():
            items = json.loads(index.read_text())["items"]
            return [
                (item["file"], folder / item["file"], tuple(item["expected_lines"]))
                for item in items
                if item["file"] in wanted and item.get("expected_lines")
            ]
    return []


def _fields(lines: Sequence[str]) -> dict[str, str]:
    try:
        layout = detect_layout(list(lines))
    except Exception:
        return {}
    return {spec.name: spec.span.take(lines) for spec in layout.fields}


def _score(expected: tuple[str, ...], got: tuple[str, ...]) -> tuple[bool, int, int]:
    want = _fields(expected)
    have = _fields(got)
    right = sum(1 for name, value in want.items() if have.get(name) == value)
    return tuple(got) == tuple(expected), right, len(want)


def _laissez(engine: str | None) -> Reader:
    def read(path: Path) -> tuple[tuple[str, ...], bool]:
        reading = read_mrz(path, engine=engine)
        return reading.lines, reading.valid

    return read


def _passporteye(extra: str) -> Reader:
    def read(path: Path) -> tuple[tuple[str, ...], bool]:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from passporteye import read_mrz as pe_read

            try:
                mrz = pe_read(str(path), extra_cmdline_params=extra)
            except Exception:
                return (), False
            from passporteye.mrz.text import MRZOCRCleaner

        if mrz is None:
            return (), False
        # passporteye's own output: its OCR text after its own per-position clean-up
        text = str(mrz.aux.get("raw_text", mrz.aux.get("text", "")))
        return tuple(MRZOCRCleaner.apply(text)), bool(mrz.valid)

    return read


@dataclass
class _Score:
    full: float
    fields: float
    wrong: int
    median: float
    p95: float
    by_group: dict[str, tuple[int, int]]


def _run(reader: Reader, cases: Sequence[Case], group: Callable[[Case], str]) -> _Score:
    full = fields = total_fields = wrong = 0
    seconds: list[float] = []
    by_group: dict[str, tuple[int, int]] = {}
    for case in cases:
        _name, path, expected = case
        started = time.perf_counter()
        try:
            got, valid = reader(path)
        except Exception:
            got, valid = (), False
        seconds.append(time.perf_counter() - started)
        ok, right, count = _score(expected, got)
        full += ok
        wrong += valid and not ok
        fields += right
        total_fields += count
        done, seen = by_group.get(group(case), (0, 0))
        by_group[group(case)] = (done + ok, seen + 1)
    seconds.sort()
    p95 = seconds[min(len(seconds) - 1, round(0.95 * (len(seconds) - 1)))]
    return _Score(
        100.0 * full / len(cases),
        100.0 * fields / max(total_fields, 1),
        wrong,
        statistics.median(seconds),
        p95,
        by_group,
    )


def _format(case: Case) -> str:
    try:
        return detect_layout(list(case[2])).format.value
    except Exception:
        return "other"


def run() -> list[Metric]:
    """Per reader and set: fully right, fields right, confidently wrong, median, p95."""
    assert LAYOUTS
    legacy = f"--tessdata-dir {sys.prefix}/share/tessdata --oem 0"
    readers: dict[str, Reader] = {
        "laissez": _laissez(None),
        "laissez_onnx": _laissez("onnx"),
        "laissez_tesseract": _laissez("tesseract"),
        "pe_legacy": _passporteye(legacy),
    }
    count = int(os.environ.get("LAISSEZ_BENCH_OCR_SYNTHETIC", "30"))
    scenes = int(os.environ.get("LAISSEZ_BENCH_OCR_SCENES", "30"))
    metrics: list[Metric] = []
    situation: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="laissez-bench-ocr-") as tmp:
        synthetic: list[Case] = []
        for sample in make_set(count, seed=2026, level=2):
            path = Path(tmp) / f"{sample.name}.jpg"
            path.write_bytes(sample.data)
            synthetic.append((sample.name, path, sample.lines))
        second: list[Case] = []
        for scene in make_scenes(scenes):
            path = Path(tmp) / f"{scene.name}.jpg"
            path.write_bytes(scene.data)
            second.append((scene.name, path, scene.lines))
            situation[scene.name] = scene.situation
        sets = {
            "synthetic": synthetic,
            "scenes": second,
            "heldout": _shared_cases("heldout"),
            "tuning": _shared_cases("tuning"),
        }
        for set_name, cases in sets.items():
            if not cases:
                continue
            for reader_name, reader in readers.items():
                default = reader_name == "laissez"
                group = _format
                if default and set_name == "scenes":

                    def group(case: Case) -> str:
                        return situation.get(case[0], "other")

                score = _run(reader, cases, group)
                key = f"ocr_{set_name}_{reader_name}"
                metrics += [
                    Metric(f"{key}_fully_right", score.full, "%"),
                    Metric(f"{key}_fields_right", score.fields, "%"),
                    Metric(
                        f"{key}_confidently_wrong",
                        float(score.wrong),
                        "docs",
                        0.0 if reader_name.startswith("laissez") else None,
                    ),
                    Metric(f"{key}_median_s", score.median, "s", 0.3 if default else None),
                    Metric(f"{key}_p95_s", score.p95, "s", 1.0 if default else None),
                    Metric(f"{key}_documents", float(len(cases)), "docs"),
                ]
                if default:
                    for name, (done, seen) in sorted(score.by_group.items()):
                        metrics.append(
                            Metric(f"{key}_fully_right_{name}", 100.0 * done / seen, "%")
                        )
    return metrics
