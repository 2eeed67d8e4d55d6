"""The sandbox's two fork servers: MRZ reads come from a server that holds the PP-OCR models
loaded and warmed (so no read loads them, and the first read after warm-up costs what any
other does), while every other reader's children never carry the models. A child of the MRZ
server is held to the same caps as any boxed child: memory, processor time, cancel, a crash,
each a typed error."""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from laissez.documents import sandbox
from laissez.documents.errors import DocumentError, OcrCancelledError
from laissez.documents.mrz import MrzFormat
from laissez.documents.ocr.synthetic import render

TD3 = (
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
    "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
)


@pytest.fixture(scope="module")
def passport(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    import random

    path = tmp_path_factory.mktemp("servers") / "td3.png"
    render(TD3, random.Random(3)).save(path)
    sandbox.warm_up()  # as the desktop does once the window shows
    return path.read_bytes()


def _models_at_start_and_read(data: bytes) -> dict[str, Any]:
    """In the box: were the PP-OCR models loaded before this child did anything, and did
    reading ``data`` load them again?"""
    from laissez.documents.ocr import onnx

    before = onnx._sessions.cache_info()
    reading = sandbox._read_mrz_child(data, None, sandbox.MRZ_LIMITS)
    after = onnx._sessions.cache_info()
    return {
        "loaded_at_start": before.currsize == 1,
        "loaded_by_the_read": after.misses - before.misses,
        "valid": reading.valid,
        "lines": reading.lines,
    }


def _what_is_loaded() -> dict[str, Any]:
    """In the box, before anything else: what this child's fork server had loaded."""
    found = {name: name in sys.modules for name in ("onnxruntime", "passporteye", "zxingcpp")}
    from laissez.documents.ocr import onnx

    found["models"] = found["onnxruntime"] and onnx._sessions.cache_info().currsize == 1
    return found


def test_after_warm_up_an_mrz_read_starts_with_the_models_loaded_and_loads_nothing(
    passport: bytes,
) -> None:
    assert sandbox.is_warm(sandbox.MRZ) and sandbox.is_warm(sandbox.READERS)
    first = sandbox.run_boxed(
        _models_at_start_and_read, passport, limits=sandbox.MRZ_LIMITS, server=sandbox.MRZ
    )
    assert first == {
        "loaded_at_start": True,
        "loaded_by_the_read": 0,
        "valid": True,
        "lines": TD3,
    }


def test_the_first_read_after_warm_up_is_like_any_later_one(passport: bytes) -> None:
    readings = [sandbox.read_mrz(passport) for _ in range(3)]
    assert all(r.valid and r.lines == TD3 for r in readings)
    # the same work each time (no model loading in the first): same attempts, and the first
    # is not slower than the slowest later one by what loading the models costs (0.3 s or more)
    assert readings[0].attempts == readings[1].attempts == readings[2].attempts
    assert readings[0].seconds < max(r.seconds for r in readings[1:]) * 1.5 + 0.5


def test_other_readers_never_carry_the_models(passport: bytes) -> None:
    readers = sandbox.run_boxed(_what_is_loaded)
    assert readers == {"models": False, "onnxruntime": False, "passporteye": True, "zxingcpp": True}
    mrz = sandbox.run_boxed(_what_is_loaded, server=sandbox.MRZ)
    # the MRZ server has what an MRZ read needs (tesseract's pipeline too), not the barcodes
    assert mrz == {"models": True, "onnxruntime": True, "passporteye": True, "zxingcpp": False}


def _spin() -> None:
    while True:
        pass


def _eat_memory() -> None:
    hoard = []
    while True:
        hoard.append(bytearray(50 * 2**20))


def _abort() -> None:
    os.kill(os.getpid(), signal.SIGSEGV)


@pytest.mark.parametrize(
    ("function", "limits", "code"),
    [
        (_spin, sandbox.Limits(cpu_seconds=1, wall_seconds=5), "file.too_slow"),
        (_spin, sandbox.Limits(cpu_seconds=30, wall_seconds=1), "file.too_slow"),
        (_eat_memory, sandbox.MRZ_LIMITS, "file.too_much_memory"),
        (_abort, sandbox.MRZ_LIMITS, "file.too_much_memory"),
    ],
    ids=["cpu", "wall", "memory", "crash"],
)
def test_an_mrz_child_is_held_to_the_caps(
    passport: bytes, function: Any, limits: sandbox.Limits, code: str
) -> None:
    started = time.monotonic()
    with pytest.raises(DocumentError) as caught:
        sandbox.run_boxed(function, limits=limits, server=sandbox.MRZ)
    assert caught.value.code == code
    assert time.monotonic() - started < 8


def test_cancelling_an_mrz_read_kills_its_child_at_once(passport: bytes) -> None:
    cancel = threading.Event()
    threading.Timer(0.3, cancel.set).start()
    started = time.monotonic()
    with pytest.raises(OcrCancelledError):
        sandbox.run_boxed(_spin, cancel=cancel, server=sandbox.MRZ)
    assert time.monotonic() - started < 2


def test_the_command_reads_without_loading_the_ocr_code_itself(tmp_path: Path) -> None:
    import json
    import random
    import subprocess

    path = tmp_path / "card.png"
    render(TD3, random.Random(4)).save(path)
    script = (
        "import json, sys\n"
        "from laissez.cli import main\n"
        "status = main(['mrz', 'read', sys.argv[1], '--today', '2026-01-01'])\n"
        "loaded = sorted(m for m in ('onnxruntime', 'numpy', 'PIL', 'laissez.documents.ocr')"
        " if m in sys.modules)\n"
        "from laissez.documents import sandbox\n"
        "from tests.documents.test_sandbox_servers import _what_is_loaded\n"
        "server = sandbox.run_boxed(_what_is_loaded, server=sandbox.MRZ)\n"
        "print(json.dumps({'status': status, 'loaded': loaded, 'server': server}),"
        " file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(path)], capture_output=True, text=True, timeout=120
    )
    answer = json.loads(done.stderr.strip().splitlines()[-1])
    # the command imports no OCR code; its MRZ server only what a PP-OCR reading needs
    server = {"models": True, "onnxruntime": True, "passporteye": False, "zxingcpp": False}
    assert answer == {"status": 0, "loaded": [], "server": server}, done.stderr
    reading = json.loads(done.stdout)
    assert reading["valid"] is True and reading["format"] == MrzFormat.TD3.value
    assert reading["lines"] == list(TD3)
    assert set(reading) == {
        "format", "lines", "valid", "fields", "checks", "errors", "corrections",
        "confidence", "uncertain", "seconds", "attempts",
    }  # fmt: skip
