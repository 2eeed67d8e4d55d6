"""The installable bundle: its size, the .deb's size, the build time and the bundle's start time.

Reads the last ``make dist`` (``dist/laissez/`` and ``dist/laissez-build.json``); it never builds
(a build takes minutes). Without a build it prints why and reports no metrics.

Start times of the frozen executable: ``laissez --version`` (bootloader, Python, argument
parser) and ``laissez self-test --step qt`` (Qt started offscreen, main window shown). Warm: the
median over new processes, files in the page cache (a second start). Cold (Linux): one start
after the bundle's files were dropped from the page cache with ``posix_fadvise`` (a first start
after installing or rebooting; system libraries stay cached).
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

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist"
ROUNDS = 5
MIB = 1024 * 1024


def _median_wall(cmd: list[str], env: dict[str, str], rounds: int = ROUNDS) -> float:
    samples = []
    for _ in range(rounds):
        started = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, env=env, timeout=120)
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def _evict(folder: Path) -> bool:
    """Drop ``folder``'s files from the page cache (Linux); False where that is not possible."""
    if not hasattr(os, "posix_fadvise"):
        return False
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            fd = os.open(path, os.O_RDONLY)
            try:
                os.fdatasync(fd)
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            finally:
                os.close(fd)
    return True


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def run() -> list[Metric]:
    """Bundle and package sizes (MiB), build time (s) and start times (s) of the last build."""
    exe = DIST / "laissez" / ("laissez.exe" if sys.platform == "win32" else "laissez")
    if not exe.is_file():
        print(f"bench_dist: no bundle at {exe.relative_to(ROOT)}: run `make dist` first")
        return []
    info_path = DIST / "laissez-build.json"
    info = json.loads(info_path.read_text(encoding="utf-8")) if info_path.is_file() else {}
    metrics = [Metric("dist_bundle_mib", _size(exe.parent) / MIB, "MiB")]
    deb = DIST / str(info.get("deb", ""))
    if info.get("deb") and deb.is_file():
        metrics.append(Metric("dist_deb_mib", deb.stat().st_size / MIB, "MiB"))
    for key in ("pyinstaller_seconds", "build_seconds"):
        if key in info:
            metrics.append(Metric(f"dist_{key.removesuffix('econds')}", float(info[key]), "s"))
    with tempfile.TemporaryDirectory() as data:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", LAISSEZ_DATA_DIR=data, HOME=data)
        window_command = [str(exe), "self-test", "--step", "qt"]
        cold = _median_wall(window_command, env, rounds=1) if _evict(exe.parent) else None
        version = _median_wall([str(exe), "--version"], env)
        window = _median_wall(window_command, env)
    if cold is not None:
        metrics.append(Metric("dist_cold_start_main_window_s", cold, "s", 10.0))
    metrics += [
        Metric("dist_start_version_s", version, "s", 1.0),
        Metric("dist_start_main_window_s", window, "s", 3.0),
    ]
    return metrics
