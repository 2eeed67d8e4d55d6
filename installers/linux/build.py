"""Build Laissez for Linux: the PyInstaller one-folder bundle, a .deb, and a smoke test of the .deb.

Usage (from the repository root, with the project's virtualenv)::

    python installers/linux/build.py            # bundle + .deb + smoke test (what `make dist` runs)
    python installers/linux/build.py --no-build # package and smoke-test the existing bundle

Outputs in ``dist/``: ``laissez/`` (the bundle), ``laissez_<version>_<arch>.deb``,
``SHA256SUMS`` and ``laissez-build.json`` (sizes, timings and smoke-test results, read by
``bench/bench_dist.py``). The smoke test installs the .deb into a temporary root with
``dpkg -x`` and runs ``laissez self-test`` from there (offscreen, temporary data folder); run as
root, it first hides the system's tesseract, zbar, fonts, the virtualenv and the source tree in
a private mount namespace, as on a fresh machine. Any failed step fails the build.

The .deb installs the bundle in ``/opt/laissez``, a ``/usr/bin/laissez`` link, a desktop entry
and icons. Its ``Depends`` lists the Debian packages owning every system library the bundle
still loads (found with ``ldd`` and ``dpkg -S``), plus Qt's xcb libraries.
"""

from __future__ import annotations

import argparse
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
PREFIX = "opt/laissez"

#: Qt's xcb platform plugin loads these at run time (notes/STACK.md); always required.
QT_XCB_PACKAGES = (
    "libegl1", "libgl1", "libfontconfig1", "libdbus-1-3", "libxkbcommon-x11-0",
    "libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1", "libxcb-image0", "libxcb-randr0",
    "libxcb-render-util0", "libxcb-shape0", "libxcb-xkb1", "libxcb-xinerama0",
)  # fmt: skip

DESKTOP_ENTRY = """[Desktop Entry]
Type=Application
Name=Laissez
GenericName=Consular casework for returns
Comment=Interview, advise and issue emergency travel documents, offline
Exec=/usr/bin/laissez gui
Icon=laissez
Terminal=false
Categories=Office;
StartupWMClass=Laissez
"""


def _elf_files(folder: Path) -> list[Path]:
    found = []
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as handle:
                if handle.read(4) == b"\x7fELF":
                    found.append(path)
    return found


def system_dependencies(bundle: Path) -> tuple[list[str], list[str]]:
    """Debian packages owning the system libraries the bundle loads, and libraries not found.

    Each ELF file is resolved the way it runs: bundle libraries first (the bootloader's library
    path, and the one ``bin/tesseract`` sets).
    """
    internal = bundle / "_internal"
    system_paths: set[str] = set()
    missing: set[str] = set()
    for elf in _elf_files(bundle):
        env = dict(os.environ, LD_LIBRARY_PATH=str(internal))
        out = subprocess.run(["ldd", str(elf)], capture_output=True, text=True, env=env).stdout
        for line in out.splitlines():
            if "not found" in line:
                missing.add(line.strip().split(" ", 1)[0])
            elif "=> /" in line:
                target = line.split("=> ", 1)[1].split(" (", 1)[0]
                if not Path(target).resolve().is_relative_to(bundle.resolve()):
                    system_paths.add(target)
    packages: set[str] = set(QT_XCB_PACKAGES)
    if system_paths:
        done = subprocess.run(
            ["dpkg", "-S", *sorted(system_paths | {str(Path(p).resolve()) for p in system_paths})],
            capture_output=True,
            text=True,
        )
        for line in done.stdout.splitlines():
            owner = line.split(":", 1)[0]
            packages.update(name.strip() for name in owner.split(","))
    return sorted(packages), sorted(missing)


def _dpkg_version(package: str) -> str:
    out = subprocess.run(
        ["dpkg-query", "-W", "-f=${Version}", package], capture_output=True, text=True
    ).stdout
    return out.split("-")[0].split("+")[0]


def make_deb(bundle: Path, epoch: int, out_dir: Path = DIST) -> Path:
    """Package ``bundle`` as a .deb in ``out_dir``; returns its path. Every file's time is
    ``epoch`` (``SOURCE_DATE_EPOCH``), so the same bundle gives the same .deb, byte for byte."""
    arch = subprocess.run(
        ["dpkg", "--print-architecture"], capture_output=True, text=True, check=True
    ).stdout.strip()
    packages, missing = system_dependencies(bundle)
    if missing:
        print(
            f"note: {', '.join(missing)} not installed here, so not in Depends; only optional Qt "
            "plugins (GTK theme, Wayland) need them and Qt skips those plugins without them"
        )
    depends = [f"{p} (>= {_dpkg_version(p)})" if p == "libc6" else p for p in packages]
    staging = Path(tempfile.mkdtemp(prefix="laissez-deb-"))
    try:
        shutil.copytree(bundle, staging / PREFIX, symlinks=True)
        (staging / "usr/bin").mkdir(parents=True)
        (staging / "usr/bin/laissez").symlink_to(f"/{PREFIX}/laissez")
        apps = staging / "usr/share/applications"
        apps.mkdir(parents=True)
        (apps / "laissez.desktop").write_text(DESKTOP_ENTRY, encoding="utf-8")
        icons = ROOT / "installers" / "icons"
        for size, source in (("256x256", "laissez.png"), ("512x512", "laissez-512.png")):
            target = staging / f"usr/share/icons/hicolor/{size}/apps"
            target.mkdir(parents=True)
            shutil.copy2(icons / source, target / "laissez.png")
        scalable = staging / "usr/share/icons/hicolor/scalable/apps"
        scalable.mkdir(parents=True)
        shutil.copy2(icons / "laissez.svg", scalable / "laissez.svg")
        doc = staging / "usr/share/doc/laissez"
        doc.mkdir(parents=True)
        shutil.copy2(ROOT / "LICENSE", doc / "copyright")
        installed_kib = sum(p.stat().st_size for p in staging.rglob("*") if p.is_file()) // 1024
        control = staging / "DEBIAN"
        control.mkdir()
        (control / "control").write_text(
            f"Package: laissez\nVersion: {version()}\nArchitecture: {arch}\n"
            "Maintainer: Laissez developers <laissez@invalid>\nSection: misc\nPriority: optional\n"
            f"Installed-Size: {installed_kib}\nDepends: {', '.join(depends)}\n"
            # the Scan button runs SANE's scanimage where it is installed
            "Suggests: sane-utils\n"
            "Description: consular casework for returns, with safeguards built in\n"
            " Laissez reads passports, records interviews in an encrypted database, delivers\n"
            " the rights advisal and consent, and issues emergency travel documents after a\n"
            " second officer approves. Tesseract, zbar, SQLCipher and OCR-B are bundled.\n",
            encoding="utf-8",
        )
        for path in [staging, *staging.rglob("*")]:
            if not path.is_symlink():
                path.chmod(0o755 if path.is_dir() or os.access(path, os.X_OK) else 0o644)
            os.utime(path, (epoch, epoch), follow_symlinks=False)
        deb = out_dir / f"laissez_{version()}_{arch}.deb"
        env = dict(os.environ, SOURCE_DATE_EPOCH=str(epoch))
        subprocess.run(
            ["dpkg-deb", "--root-owner-group", "-Zzstd", "--build", str(staging), str(deb)],
            check=True,
            env=env,
            stdout=subprocess.DEVNULL,
        )
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return deb


#: What a mission machine lacks and the bundle must bring: hidden during the smoke test.
SYSTEM_COPIES = (
    "/usr/share/tesseract-ocr", "/usr/share/fonts/truetype/noto", "/usr/share/fonts/opentype/noto",
    "/usr/share/fonts/opentype/ocr-b", "/usr/share/fonts/truetype/ocr-b",
)  # fmt: skip


def can_isolate() -> bool:
    """True when the smoke test can hide system copies: root, and ``unshare --mount`` works
    (it does not in an unprivileged container)."""
    if os.geteuid() != 0 or shutil.which("unshare") is None:
        return False
    probe = ["unshare", "--mount", "--propagation", "private", "true"]
    return subprocess.run(probe, capture_output=True, check=False).returncode == 0


def fresh_machine(command: list[str], scratch: Path) -> list[str]:
    """``command`` wrapped to run in a private mount namespace where the system's tesseract
    (program, libraries, data), zbar, OCR-B and Noto fonts, the build virtualenv and the source
    tree are hidden (empty files and folders mounted over them): what a fresh mission machine
    looks like to the bundle. Nothing outside that namespace is affected."""
    empty_file, empty_dir = scratch / "empty", scratch / "empty.d"
    empty_file.touch()
    empty_dir.mkdir()
    files: set[str] = set()
    tesseract = shutil.which("tesseract")
    if tesseract:
        files.add(str(Path(tesseract).resolve()))
        out = subprocess.run(["ldd", tesseract], capture_output=True, text=True).stdout
        for name in ("libtesseract", "liblept"):
            files.update(
                str(Path(line.split("=> ")[1].split(" (")[0]).resolve())
                for line in out.splitlines()
                if name in line and "=> /" in line
            )
    zbar = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True).stdout
    files.update(
        str(Path(line.split("=> ")[1].strip()).resolve())
        for line in zbar.splitlines()
        if "libzbar.so" in line and "=> " in line
    )
    dirs = {d for d in SYSTEM_COPIES if Path(d).is_dir()} | {sys.prefix, str(ROOT)}
    # A directory inside another hidden one is hidden with it (and, once its parent is
    # covered, could not be mounted over: the virtualenv often lives in the source tree).
    dirs = {d for d in dirs if not any(Path(d).is_relative_to(o) for o in dirs if o != d)}
    mounts = [f"mount --bind {empty_file} '{f}'" for f in sorted(files) if Path(f).exists()]
    mounts += [f"mount --bind {empty_dir} '{d}'" for d in sorted(dirs)]
    script = " && ".join([*mounts, 'exec "$@"'])
    return ["unshare", "--mount", "--propagation", "private", "sh", "-c", script, "sh", *command]


def smoke_test(deb: Path, isolate: bool = False) -> list[dict[str, object]]:
    """Install ``deb`` into a temporary root and run ``laissez self-test`` from it; with
    ``isolate``, on a simulated fresh machine (see :func:`fresh_machine`).

    Raises:
        BuildError: the self-test did not pass (every step is printed first).
    """
    with tempfile.TemporaryDirectory(prefix="laissez-smoke-") as tmp:
        root = Path(tmp) / "root"
        subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
        home = Path(tmp) / "home"
        home.mkdir()
        env = {
            "PATH": "/usr/bin:/bin",
            "HOME": str(home),
            "LANG": "C.UTF-8",
            "QT_QPA_PLATFORM": "offscreen",
            "LAISSEZ_DATA_DIR": str(Path(tmp) / "data"),
            "XDG_CONFIG_HOME": str(home / ".config"),
            "XDG_DATA_HOME": str(home / ".local/share"),
            "XDG_CACHE_HOME": str(home / ".cache"),
            "XDG_RUNTIME_DIR": str(home),
        }
        exe = root / PREFIX / "laissez"
        command = [str(exe), "self-test", "--json"]
        if isolate:
            command = fresh_machine(command, Path(tmp))
        done = subprocess.run(
            command,
            capture_output=True,
            text=True,
            env=env,
            cwd=tmp,
            timeout=300,
        )
    try:
        steps: list[dict[str, object]] = json.loads(done.stdout)["steps"]
    except (json.JSONDecodeError, KeyError):
        sys.stderr.write(done.stdout[-3000:] + done.stderr[-3000:])
        raise BuildError(f"self-test of the .deb crashed (exit status {done.returncode})") from None
    for step in steps:
        status = "ok" if step["ok"] else "FAILED"
        print(f"  {status:7}{step['name']:10}{step['seconds']:6.2f} s  {step['detail']}")
    if done.returncode != 0:
        raise BuildError("smoke test of the .deb failed: see the FAILED steps above")
    return steps


def main(argv: list[str] | None = None) -> int:
    """Build, package and smoke-test; exit status 0 only if the smoke test passed."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-build", action="store_true", help="reuse dist/laissez")
    parser.add_argument("--no-smoke", action="store_true", help="skip the smoke test")
    parser.add_argument(
        "--no-isolation", action="store_true",
        help="smoke-test without hiding the system's tesseract, zbar and fonts",
    )  # fmt: skip
    args = parser.parse_args(argv)
    epoch = source_date_epoch(ROOT)
    info: dict[str, object] = {"version": version(), "platform": "linux"}
    info["provenance"] = provenance()
    started = time.perf_counter()
    try:
        if not args.no_build:
            print("building the bundle (PyInstaller)...")
            info["pyinstaller_seconds"] = run_pyinstaller(ROOT, epoch)
        if not (BUNDLE / "laissez").is_file():
            raise BuildError("no bundle in dist/laissez: run without --no-build")
        print("packaging the .deb...")
        packaging = time.perf_counter()
        deb = make_deb(BUNDLE, epoch)
        info["package_seconds"] = round(time.perf_counter() - packaging, 1)
        info["build_seconds"] = round(time.perf_counter() - started, 1)
        info["bundle_bytes"] = bundle_size(BUNDLE)
        info["deb"] = deb.name
        info["deb_bytes"] = deb.stat().st_size
        write_checksums(DIST, [deb])
        if not args.no_smoke:
            isolate = can_isolate() and not args.no_isolation
            print(
                f"smoke-testing {deb.name} (dpkg -x into a temporary root; "
                + (
                    "system tesseract, zbar, fonts, virtualenv and source tree hidden)..."
                    if isolate
                    else "system copies NOT hidden: needs root and a working unshare)..."
                )
            )
            smoke = time.perf_counter()
            info["smoke"] = smoke_test(deb, isolate=isolate)
            info["smoke_isolated"] = isolate
            info["smoke_seconds"] = round(time.perf_counter() - smoke, 1)
    except BuildError as exc:
        print(f"make dist failed: {exc}", file=sys.stderr)
        return 1
    finally:
        DIST.mkdir(exist_ok=True)
        (DIST / "laissez-build.json").write_text(json.dumps(info, indent=2), encoding="utf-8")
    mib = 1024 * 1024
    print(
        f"done: bundle {info['bundle_bytes'] / mib:.0f} MiB, {deb.name} "  # type: ignore[operator]
        f"{deb.stat().st_size / mib:.0f} MiB, {info['build_seconds']} s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
