"""Cold start: the ``laissez mrz check`` command, the main window (offscreen), and reading an MRZ
from an image: ``laissez mrz read`` from a new process, and the desktop's sandboxed read after
the application's warm-up.

``laissez mrz read`` metrics (a clean TD3 passport scan, each in a new process):

- ``startup_cli_mrz_read_ready_s``: process start until the command hands the image to the
  sandbox (its own imports and arguments; budget 0.5 s);
- ``startup_cli_mrz_read_overhead_s``: the whole command less the reading's own ``seconds``
  (the interpreter, the sandbox's MRZ server loading the models, the fork, the answer);
- ``startup_cli_mrz_read_total_s``: the whole command, start to exit.

Desktop metrics (one new process: ``sandbox.warm_up()`` as the application does once its
window shows, the OCR module imported as the capture widget has it, then the same image read
six times through ``sandbox.read_mrz``):
``sandbox_mrz_read_first_s`` is the first read's wall time, ``sandbox_mrz_read_median_s`` the
median of the five after it.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.run import Metric

ROUNDS = 5
#: ``laissez mrz read`` runs (each a few seconds)
READ_ROUNDS = 3
TD3 = [
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
    "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
]
WINDOW = (
    "import time; t=time.perf_counter()\n"
    "from PySide6.QtWidgets import QApplication\n"
    "app = QApplication([])\n"
    "from laissez.desktop.app import create_application\n"
    "a = create_application(); a.window.show(); app.processEvents()\n"
    "print(time.perf_counter() - t)\n"
)
#: ``laissez mrz read IMAGE`` with a note on standard error of when the image is handed over
#: (whichever of the sandbox's entry points the command uses)
CLI_READ = (
    "import sys, time\n"
    "from laissez.cli import main\n"
    "from laissez.documents import sandbox\n"
    "for name in ('read_mrz_record', 'read_mrz'):\n"
    "    if hasattr(sandbox, name):\n"
    "        def noted(*a, _f=getattr(sandbox, name), **k):\n"
    "            sys.stderr.write(f'handed-over {time.monotonic()}\\n'); sys.stderr.flush()\n"
    "            return _f(*a, **k)\n"
    "        setattr(sandbox, name, noted)\n"
    "raise SystemExit(main(['mrz', 'read', sys.argv[1]]))\n"
)
DESKTOP_READS = (
    "import json, statistics, sys, time\n"
    "from laissez.documents import sandbox\n"
    "def run():\n"
    "    sandbox.warm_up()\n"
    "    import laissez.documents.ocr  # as the desktop's warm-up has it\n"
    "    data = open(sys.argv[1], 'rb').read()\n"
    "    walls = []\n"
    "    for _ in range(6):\n"
    "        t = time.perf_counter(); reading = sandbox.read_mrz(data)\n"
    "        walls.append(time.perf_counter() - t)\n"
    "        assert reading.valid\n"
    "    print(json.dumps(walls))\n"
    "if __name__ == '__main__':\n"
    "    run()\n"
)
_SHARED = "sivakumar-mahalingam__fastmrz/data__td3.jpg"
ROOT = Path(__file__).resolve().parents[1]


def _median_wall(cmd: list[str], env: dict[str, str]) -> float:
    samples = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, env=env)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def _passport(folder: Path) -> Path:
    """A clean TD3 scan: the shared test image when there, else a rendered specimen."""
    for root in (ROOT.parent / "shared", Path("/work/shared")):
        found = root / "testdata" / "mrz" / "images" / _SHARED
        if found.is_file():
            return found
    import random

    from laissez.documents.ocr.synthetic import render

    path = folder / "td3.png"
    render(tuple(TD3), random.Random(3)).save(path)
    return path


def _cli_read(image: Path, env: dict[str, str]) -> tuple[float, float, float]:
    """Ready, overhead and total seconds of one ``laissez mrz read``."""
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", CLI_READ, str(image)], capture_output=True, text=True, env=env
    )
    total = time.monotonic() - started
    if done.returncode != 0:
        raise RuntimeError(f"laissez mrz read exited {done.returncode}: {done.stderr[-500:]}")
    note = next(line for line in done.stderr.splitlines() if line.startswith("handed-over "))
    ready = float(note.split()[1]) - started
    seconds = float(json.loads(done.stdout)["seconds"])
    return ready, total - seconds, total


def run() -> list[Metric]:
    """Median seconds for a CLI check, showing the main window, a CLI read and desktop reads."""
    with tempfile.TemporaryDirectory() as data:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", LAISSEZ_DATA_DIR=data)
        # this checkout's code, whatever the interpreter has installed
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
        cli = _median_wall([sys.executable, "-m", "laissez", "mrz", "check", *TD3], env)
        window = _median_wall([sys.executable, "-c", WINDOW], env)
        image = _passport(Path(data))
        reads = [_cli_read(image, env) for _ in range(READ_ROUNDS)]
        script = Path(data) / "desktop_reads.py"  # a file: the fork server's children import it
        script.write_text(DESKTOP_READS)
        done = subprocess.run(
            [sys.executable, str(script), str(image)],
            capture_output=True, text=True, env=env, check=True,
        )  # fmt: skip
        walls = json.loads(done.stdout)
    return [
        Metric("startup_cli_mrz_check_s", cli, "s"),
        Metric("startup_main_window_s", window, "s", 1.5),
        Metric("startup_cli_mrz_read_ready_s", statistics.median(r[0] for r in reads), "s", 0.5),
        Metric("startup_cli_mrz_read_overhead_s", statistics.median(r[1] for r in reads), "s"),
        Metric("startup_cli_mrz_read_total_s", statistics.median(r[2] for r in reads), "s"),
        Metric("sandbox_mrz_read_first_s", walls[0], "s"),
        Metric("sandbox_mrz_read_median_s", statistics.median(walls[1:]), "s"),
    ]
