"""Cold start: the ``laissez mrz check`` command and the main window (offscreen)."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time

from bench.run import Metric

ROUNDS = 5
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


def _median_wall(cmd: list[str], env: dict[str, str]) -> float:
    samples = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, env=env)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def run() -> list[Metric]:
    """Median seconds for a CLI check and for showing the main window, each in a new process."""
    with tempfile.TemporaryDirectory() as data:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", LAISSEZ_DATA_DIR=data)
        cli = _median_wall([sys.executable, "-m", "laissez", "mrz", "check", *TD3], env)
        window = _median_wall([sys.executable, "-c", WINDOW], env)
    return [
        Metric("startup_cli_mrz_check_s", cli, "s"),
        Metric("startup_main_window_s", window, "s", 1.5),
    ]
