"""The Windows and macOS recipes, the CI workflow, the spec and the Makefile targets: checked
here because they cannot run on this machine (installers/README.md says how to run them)."""

from __future__ import annotations

import re
import subprocess

import yaml

from tests.support.installers import INSTALLERS, ROOT, load

WORKFLOW = ROOT / ".github" / "workflows" / "installers.yml"


def test_workflow_builds_all_three_systems_and_self_tests_the_frozen_build():
    flow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    jobs = flow["jobs"]
    assert {"linux", "windows", "macos", "release"} <= set(jobs)
    scripts = {
        "linux": "make dist",
        "windows": r"installers\windows\build.py",
        "macos": "installers/macos/build.py",
    }
    for job, command in scripts.items():
        runs = " ".join(step.get("run", "") for step in jobs[job]["steps"])
        assert command in runs, job
    # the build scripts run the frozen self-test and fail on a failed step
    for script in ("windows/build.py", "macos/build.py", "linux/build.py"):
        text = (INSTALLERS / script).read_text(encoding="utf-8")
        assert '"self-test"' in text and "BuildError" in text, script
    assert "needs" in jobs["release"] and "minisign" in str(jobs["release"])


def test_inno_setup_script_points_at_files_that_exist():
    iss = (INSTALLERS / "windows" / "laissez.iss").read_text(encoding="utf-8")
    for relative in re.findall(r"(?:SetupIconFile|LicenseFile)=(\S+)", iss):
        assert (INSTALLERS / "windows" / relative.replace("\\", "/")).is_file(), relative
    assert "AppId={{" in iss  # fixed id: updates replace the installed version
    assert "laissez-cli.exe" in iss and "self-test" in iss


def test_the_spec_bundles_data_natives_and_leaves_out_the_hq_service():
    source = (INSTALLERS / "laissez.spec").read_text(encoding="utf-8")
    compile(source, "laissez.spec", "exec")
    for needed in ("laissez/storage/migrations", "collect_data_files(\"laissez\"",
                   "natives.collect", "laissez.hq", "BUNDLE(", "entry.py",
                   '"PySide6.QtMultimedia"'):  # fmt: skip
        assert needed in source, needed
    for path in ("icons/laissez.ico", "icons/laissez.icns", "macos/entitlements.plist", "entry.py"):
        assert (INSTALLERS / path).is_file(), path


def test_make_test_does_not_build_and_make_dist_does():
    def dry(target: str) -> str:
        return subprocess.run(
            ["make", "-n", target], cwd=ROOT, capture_output=True, text=True, check=True,
            env={"PATH": "/usr/bin:/bin", "HOME": "/tmp"},
        ).stdout  # fmt: skip

    assert "installers/linux/build.py" in dry("dist")
    assert "installers/linux/build.py" not in dry("test")


def test_checksums_verify_with_sha256sum(common, tmp_path):
    artefact = tmp_path / "laissez_1.0_amd64.deb"
    artefact.write_bytes(b"package")
    common.write_checksums(tmp_path, [artefact])
    done = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=tmp_path, capture_output=True)
    assert done.returncode == 0
    artefact.write_bytes(b"tampered")
    assert subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=tmp_path,
                          capture_output=True).returncode != 0  # fmt: skip


def test_version_and_epoch(common, monkeypatch):
    import laissez

    assert common.version() == laissez.__version__
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1234567890")
    assert common.source_date_epoch(ROOT) == 1234567890


def test_fetch_fonts_reads_fonts_out_of_a_deb(tmp_path):
    fetch = load("fetch_fonts", INSTALLERS / "fetch_fonts.py")
    package = tmp_path / "pkg"
    target = package / "usr/share/fonts/opentype/ocr-b"
    target.mkdir(parents=True)
    (target / "OCRB.otf").write_bytes(b"font bytes")
    (package / "DEBIAN").mkdir()
    (package / "DEBIAN" / "control").write_text(
        "Package: f\nVersion: 1\nArchitecture: all\nMaintainer: x <x@y>\nDescription: f\n"
    )
    deb = tmp_path / "f.deb"
    subprocess.run(["dpkg-deb", "--build", str(package), str(deb)], check=True,
                   capture_output=True)  # fmt: skip
    assert fetch.deb_files(deb.read_bytes(), ("/OCRB.otf",)) == {"OCRB.otf": b"font bytes"}


def test_bench_reports_clearly_when_there_is_no_build(monkeypatch, tmp_path, capsys):
    from bench import bench_dist

    monkeypatch.setattr(bench_dist, "DIST", tmp_path)
    monkeypatch.setattr(bench_dist, "ROOT", tmp_path.parent)
    assert bench_dist.run() == []
    assert "run `make dist` first" in capsys.readouterr().out
