"""Helpers shared by the per-OS build scripts (``installers/{linux,windows,macos}/build.py``).

Standard library only, so the scripts run on a bare CI runner with just the project installed.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
import time
from pathlib import Path


class BuildError(RuntimeError):
    """A build step failed; the message says which and what to do."""


def version(root: Path | None = None) -> str:
    """The project version, read from ``laissez/__init__.py`` (without importing it)."""
    root = root or Path(__file__).resolve().parent.parent
    text = (root / "laissez" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__\s*=\s*"([^"]+)"', text, re.MULTILINE)
    if match is None:
        raise BuildError("no __version__ in laissez/__init__.py")
    return match.group(1)


def source_date_epoch(root: Path) -> int:
    """``SOURCE_DATE_EPOCH`` if set, else the time of the last commit (reproducible builds)."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return int(os.environ["SOURCE_DATE_EPOCH"])
    try:
        out = subprocess.run(
            ["git", "-C", str(root), "log", "-1", "--format=%ct"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        return int(out)
    except (OSError, subprocess.CalledProcessError, ValueError):
        return 315532800  # 1980-01-01, the earliest date zip files can hold


def run_pyinstaller(root: Path, epoch: int) -> float:
    """Run PyInstaller on ``installers/laissez.spec`` into ``dist/``; returns the seconds taken.

    Raises:
        BuildError: PyInstaller is missing or failed.
    """
    # PYTHONPATH: PyInstaller's helper processes must import this checkout's laissez, not
    # another one an editable install may point at
    env = dict(os.environ, SOURCE_DATE_EPOCH=str(epoch), PYTHONHASHSEED="0", PYTHONPATH=str(root))
    command = [
        sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
        "--distpath", str(root / "dist"), "--workpath", str(root / "build" / "pyinstaller"),
        str(root / "installers" / "laissez.spec"),
    ]  # fmt: skip
    started = time.perf_counter()
    try:
        done = subprocess.run(command, cwd=root, env=env, check=False)
    except OSError as exc:
        raise BuildError(f"PyInstaller could not start: {exc}") from exc
    if done.returncode != 0:
        raise BuildError(
            "PyInstaller failed (is it installed? pip install -e '.[dev]'): see its output above"
        )
    return round(time.perf_counter() - started, 1)


def provenance() -> dict[str, object]:
    """What went into a build: Python and package versions, the tesseract version (for the
    release notes and to rebuild the same thing later)."""
    from importlib import metadata

    packages = sorted(
        f"{d.metadata['Name']}=={d.version}" for d in metadata.distributions() if d.metadata["Name"]
    )
    try:
        out = subprocess.run(
            [os.environ.get("LAISSEZ_TESSERACT") or "tesseract", "--version"],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
        tesseract = (out.stdout or out.stderr).splitlines()[0].strip()
    except (OSError, IndexError, subprocess.TimeoutExpired):
        tesseract = "unknown"
    return {"python": sys.version.split()[0], "tesseract": tesseract, "packages": packages}


def bundle_size(folder: Path) -> int:
    """Total bytes of the regular files under ``folder`` (symbolic links not followed)."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def sha256(path: Path) -> str:
    """The SHA-256 of a file, in hexadecimal."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_checksums(folder: Path, artefacts: list[Path]) -> Path:
    """Write ``SHA256SUMS`` (``sha256sum -c`` format) for ``artefacts`` into ``folder``.

    The release signs this one file (see installers/README.md, "Signing and verifying").
    """
    lines = [f"{sha256(p)}  {p.name}\n" for p in sorted(artefacts)]
    target = folder / "SHA256SUMS"
    target.write_text("".join(lines), encoding="utf-8")
    return target
