"""installers/linux/build.py: the .deb's contents, dependencies, reproducibility and smoke test.

A small fake bundle stands in for the PyInstaller output (the real build runs in ``make dist``).
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux") or shutil.which("dpkg-deb") is None,
    reason="needs Debian's dpkg-deb",
)
EPOCH = 1_700_000_000


@pytest.fixture
def fake_bundle(tmp_path, natives) -> Path:
    """dist/laissez as PyInstaller lays it out: an executable and ``_internal`` with zbar."""
    folder = tmp_path / "bundle" / "laissez"
    (folder / "_internal").mkdir(parents=True)
    shutil.copy2("/bin/true", folder / "laissez")
    shutil.copy2(natives.find_zbar(), folder / "_internal" / "libzbar.so.0")
    return folder


def _field(deb: Path, name: str) -> str:
    return subprocess.run(
        ["dpkg-deb", "-f", str(deb), name], capture_output=True, text=True, check=True
    ).stdout.strip()


def test_deb_installs_the_bundle_a_command_a_desktop_entry_and_icons(
    linux_build, fake_bundle, tmp_path
):
    deb = linux_build.make_deb(fake_bundle, EPOCH, tmp_path)
    listing = subprocess.run(
        ["dpkg-deb", "-c", str(deb)], capture_output=True, text=True, check=True
    ).stdout
    for path in (
        "./opt/laissez/laissez",
        "./opt/laissez/_internal/libzbar.so.0",
        "./usr/bin/laissez -> /opt/laissez/laissez",
        "./usr/share/applications/laissez.desktop",
        "./usr/share/icons/hicolor/256x256/apps/laissez.png",
        "./usr/share/icons/hicolor/scalable/apps/laissez.svg",
    ):
        assert path in listing, path
    assert _field(deb, "Package") == "laissez"
    root = tmp_path / "root"
    subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
    entry = (root / "usr/share/applications/laissez.desktop").read_text(encoding="utf-8")
    assert "Exec=/usr/bin/laissez gui" in entry and "Icon=laissez" in entry
    assert (root / "opt/laissez/laissez").stat().st_mode & 0o111


def test_depends_names_the_system_libraries_the_bundle_loads(linux_build, fake_bundle, tmp_path):
    depends = _field(linux_build.make_deb(fake_bundle, EPOCH, tmp_path), "Depends")
    names = {d.split(" ")[0] for d in depends.split(", ")}
    assert "libc6" in names and "(>= 2." in depends
    # what Qt's xcb plugin needs (notes/STACK.md) ...
    assert {"libxcb-cursor0", "libxkbcommon-x11-0", "libegl1", "libfontconfig1"} <= names
    # ... and what the bundled zbar library itself loads from the system
    assert "libdbus-1-3" in names


def test_same_bundle_and_epoch_give_the_same_deb(linux_build, fake_bundle, tmp_path):
    debs = []
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        debs.append(linux_build.make_deb(fake_bundle, EPOCH, tmp_path / name))
    assert (
        hashlib.sha256(debs[0].read_bytes()).digest()
        == hashlib.sha256(debs[1].read_bytes()).digest()
    )
    tar_path = tmp_path / "data.tar"
    with tar_path.open("wb") as out:
        subprocess.run(["dpkg-deb", "--fsys-tarfile", str(debs[0])], check=True, stdout=out)
    with tarfile.open(tar_path) as tar:
        assert {member.mtime for member in tar.getmembers()} == {EPOCH}


def _deb_running(linux_build, tmp_path: Path, script: str) -> Path:
    folder = tmp_path / "bundle" / "laissez"
    (folder / "_internal").mkdir(parents=True)
    exe = folder / "laissez"
    exe.write_text("#!/bin/sh\n" + script, encoding="utf-8")
    exe.chmod(0o755)
    return linux_build.make_deb(folder, EPOCH, tmp_path)


def test_smoke_test_fails_loudly_when_a_step_fails(linux_build, tmp_path, capsys):
    report = {"passed": 1, "steps": [
        {"name": "qt", "ok": True, "detail": "shown", "seconds": 0.1},
        {"name": "ocr", "ok": False, "detail": "tesseract failed", "seconds": 0.1},
    ]}  # fmt: skip
    deb = _deb_running(linux_build, tmp_path, f"echo '{json.dumps(report)}'\nexit 1\n")
    with pytest.raises(linux_build.BuildError, match=r"smoke test of the \.deb failed"):
        linux_build.smoke_test(deb)
    assert "FAILED ocr" in capsys.readouterr().out


def test_smoke_test_fails_when_the_bundle_crashes(linux_build, tmp_path):
    deb = _deb_running(linux_build, tmp_path, "echo 'Segmentation fault' >&2\nexit 139\n")
    with pytest.raises(linux_build.BuildError, match="crashed"):
        linux_build.smoke_test(deb)


def test_smoke_test_runs_the_installed_copy_offscreen(linux_build, tmp_path):
    script = (
        'case "$0" in */opt/laissez/laissez) ;; *) exit 3 ;; esac\n'
        '[ "$QT_QPA_PLATFORM" = offscreen ] || exit 4\n'
        '[ "$1" = self-test ] || exit 5\n'
        "echo '"
        + json.dumps(
            {"passed": 1, "steps": [{"name": "qt", "ok": True, "detail": "", "seconds": 0}]}
        )
        + "'\n"
    )
    steps = linux_build.smoke_test(_deb_running(linux_build, tmp_path, script))
    assert [s["name"] for s in steps] == ["qt"]


def test_fresh_machine_hides_the_system_tesseract_and_the_source_tree(linux_build, tmp_path):
    if not linux_build.can_isolate():
        pytest.skip("needs root and unshare")
    probe = (
        'tesseract --version >/dev/null 2>&1 && exit 3; ls -A "$0" | grep -q . && exit 4; exit 0'
    )
    command = linux_build.fresh_machine(["sh", "-c", probe, str(linux_build.ROOT)], tmp_path)
    assert subprocess.run(command, capture_output=True).returncode == 0
    # outside the namespace nothing changed
    assert shutil.which("tesseract") and any(linux_build.ROOT.iterdir())
