"""Every hostile file of issue 18 fed to every entry point that opens a file someone handed over.

The files are generated here (``tests/support/hostile.py``), never committed. Each entry
point must answer with a typed error (a stable ``code``) and, on the command line, exit status 2
and a sentence, never a traceback, a hang or an abort; within 10 seconds, with the reading
child's memory under 1 GB (its address space is capped at ``Limits.memory_bytes``; its peak
resident memory is sampled) and the command's own under 1 GB.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from laissez.cli import main
from laissez.documents import sandbox
from laissez.documents.errors import DocumentError
from laissez.documents.seal import CertificateList
from laissez.printing.errors import PrintingError
from laissez.printing.readback import verify_document
from tests.support.hostile import HOSTILE
from tests.support.world import PASSPHRASE, PHOTO, World

GB = 1024**3
SECONDS = 10.0
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("hostile")
    made = {}
    for name, make in HOSTILE.items():
        sub = folder / name
        sub.mkdir()
        made[name] = make(sub)
    return made


def _typed(call: Callable[[], Any]) -> DocumentError | PrintingError:
    started = time.monotonic()
    sandbox.last_run = None
    with pytest.raises((DocumentError, PrintingError)) as caught:
        call()
    assert time.monotonic() - started < SECONDS
    if sandbox.last_run is not None:
        assert sandbox.last_run.peak_rss_bytes < GB
    error = caught.value
    assert error.code.startswith(("image", "file", "printing")), error.code
    assert str(error) and "Traceback" not in str(error)
    return error


def test_the_child_cannot_use_more_than_a_gigabyte() -> None:
    assert sandbox.DEFAULT_LIMITS.memory_bytes < GB


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_reading_an_mrz_refuses_each_hostile_file(hostile: dict[str, Path], name: str) -> None:
    # the desktop's capture and `laissez mrz read` share this call
    _typed(lambda: sandbox.read_mrz(hostile[name]))


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_the_desktop_preview_refuses_each_hostile_file(hostile: dict[str, Path], name: str) -> None:
    from laissez.documents.pictures import PREVIEW_SIDE

    _typed(lambda: sandbox.picture_jpeg(sandbox.load_untrusted(hostile[name]), PREVIEW_SIDE))


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_verifying_a_printed_etd_refuses_each_hostile_file(
    hostile: dict[str, Path], name: str
) -> None:
    _typed(lambda: verify_document(hostile[name], certificates=CertificateList()))


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_case_verify_refuses_each_hostile_file_with_the_database_unlocked(
    world: World,
    hostile: dict[str, Path],
    name: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSPHRASE.format(name="oscar") + "\n"))
    started = time.monotonic()
    status = main(
        ["case", "verify", "--database", str(world.path), "--user", "oscar", str(hostile[name])]
    )
    out, err = capsys.readouterr()
    assert time.monotonic() - started < SECONDS
    assert status == 2 and out == ""
    assert err.startswith("laissez: ") and "[" in err and "Traceback" not in err


# Linux carries a process's peak RSS across fork and exec (``signal->maxrss`` keeps the old
# memory's high-water mark), so a command started straight from this test process would report
# at least this process's own size, which grows past 1 GB over a whole suite. A small launcher
# forks the command instead and writes what ``wait4`` says of it alone.
_LAUNCHER = """
import os, sys
pid = os.fork()
if pid == 0:
    os.execv(sys.executable, [sys.executable, *sys.argv[2:]])
_pid, status, usage = os.wait4(pid, 0)
with open(sys.argv[1], "w") as peak:
    peak.write(str(usage.ru_maxrss * 1024))
sys.exit(os.waitstatus_to_exitcode(status))
"""


def _command(*args: str) -> tuple[int, str, str, float, int]:
    """Run ``laissez ARGS``: exit status, output, errors, seconds and the command's peak RSS."""
    import tempfile

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with (
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
        tempfile.TemporaryDirectory() as folder,
    ):
        peak = Path(folder) / "peak"
        started = time.monotonic()
        process = subprocess.run(
            [sys.executable, "-c", _LAUNCHER, str(peak), "-m", "laissez", *args],
            stdout=out,
            stderr=err,
            env=env,
            cwd=ROOT,
            check=False,
        )
        seconds = time.monotonic() - started
        out.seek(0)
        err.seek(0)
        return (
            process.returncode,
            out.read().decode(),
            err.read().decode(),
            seconds,
            int(peak.read_text()),
        )


@pytest.mark.slow
@pytest.mark.parametrize("command", [("mrz", "read"), ("etd", "verify")])
@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_the_commands_exit_2_with_a_sentence_for_each_hostile_file(
    hostile: dict[str, Path], name: str, command: tuple[str, str]
) -> None:
    status, out, err, seconds, rss = _command(*command, str(hostile[name]))
    assert status == 2, (out, err)
    assert "Traceback" not in err and "Traceback" not in out
    answer = json.loads(out)
    error = answer["error"]
    code = error["code"] if isinstance(error, dict) else error
    message = error["message"] if isinstance(error, dict) else answer["message"]
    assert code.startswith(("image", "file", "printing")) and message
    assert seconds < SECONDS + 5  # the interpreter and the readers' server start first
    assert rss < GB


def test_a_photo_that_is_not_an_image_is_refused() -> None:
    elf = Path(sys.executable).resolve().read_bytes()[:200_000]
    assert elf[:4] == b"\x7fELF"
    error = _typed(lambda: sandbox.photo_image(elf))
    assert error.code == "image.unreadable"
    assert sandbox.photo_image(PHOTO)[0] in ("JPEG", "PNG")


def test_recording_an_executable_as_the_photo_is_refused(world: World) -> None:
    from laissez.casework.errors import PhotoInvalidError
    from tests.support.world import IDENTITY

    officer = world["oscar"]
    case = officer.intake.open_case()
    with pytest.raises(PhotoInvalidError) as caught:
        officer.intake.record_identity(case, IDENTITY, photo=b"\x7fELF" + bytes(4000))
    assert caught.value.reason == "image.unreadable"
    assert officer.state(case) == "draft"


def test_a_boxed_function_that_eats_memory_ends_in_a_typed_error() -> None:
    limits = sandbox.Limits(memory_bytes=600 * 2**20)
    with pytest.raises(DocumentError) as caught:
        sandbox.run_boxed(_eat_memory, limits=limits)
    assert caught.value.code == "file.too_much_memory"


def test_a_boxed_function_that_spins_ends_in_a_typed_error_on_time() -> None:
    limits = sandbox.Limits(cpu_seconds=1, wall_seconds=5)
    started = time.monotonic()
    with pytest.raises(DocumentError) as caught:
        sandbox.run_boxed(_spin, limits=limits)
    assert caught.value.code == "file.too_slow"
    assert time.monotonic() - started < 5


def test_cancelling_kills_the_child_at_once() -> None:
    import threading

    from laissez.documents.errors import OcrCancelledError

    cancel = threading.Event()
    threading.Timer(0.3, cancel.set).start()
    started = time.monotonic()
    with pytest.raises(OcrCancelledError):
        sandbox.run_boxed(_spin, cancel=cancel)
    assert time.monotonic() - started < 2


def test_an_answer_naming_a_function_is_refused() -> None:
    import pickle

    with pytest.raises(pickle.UnpicklingError):
        sandbox.safe_loads(pickle.dumps(os.system))
    with pytest.raises(pickle.UnpicklingError):
        sandbox.safe_loads(pickle.dumps(sandbox.run_boxed))


def _eat_memory() -> int:
    hoard = []
    while True:
        hoard.append(bytearray(50 * 2**20))


def _spin() -> None:
    while True:
        pass
