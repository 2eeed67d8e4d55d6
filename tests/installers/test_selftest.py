"""laissez self-test: named steps, each ok or failed with a reason; exit 0 only if all pass."""

from __future__ import annotations

import json
import sys

import pytest

from laissez import selftest
from laissez.cli import main


def test_passing_steps_exit_zero_and_report_json(capsys):
    status = main(["self-test", "--step", "mrz", "--step", "rtl", "--json"])
    report = json.loads(capsys.readouterr().out)
    assert status == 0
    assert [s["name"] for s in report["steps"]] == ["mrz", "rtl"]
    assert all(s["ok"] for s in report["steps"])


def test_a_component_missing_from_the_build_fails_as_not_available(monkeypatch, capsys):
    for module in ("laissez.printing.etd", "laissez.printing.specimen"):
        monkeypatch.setitem(sys.modules, module, None)  # import fails
    status = main(["self-test", "--step", "mrz", "--step", "pdf"])
    out = capsys.readouterr().out
    assert status == 1
    assert "FAILED pdf" in out and "not available" in out
    assert "1 of 2 steps passed" in out


def test_an_unexpected_error_fails_its_step_and_later_steps_still_run(monkeypatch):
    def broken(ctx):
        raise RuntimeError("disk on fire")

    monkeypatch.setitem(selftest.STEPS, "mrz", broken)
    results = selftest.run_steps(["mrz", "rtl"])
    assert not results[0].ok and results[0].detail == "RuntimeError: disk on fire"
    assert results[1].ok


def test_database_step_creates_an_encrypted_database_and_leaves_nothing(tmp_path, monkeypatch):
    temp = tmp_path / "temp"  # tmp_path itself also holds the test's own seal-key token
    temp.mkdir()
    monkeypatch.setattr(selftest.tempfile, "tempdir", str(temp))
    (result,) = selftest.run_steps(["database"])
    assert result.ok, result.detail
    assert list(temp.iterdir()) == []  # the temporary folder is gone


def test_unknown_step_is_refused(capsys):
    with pytest.raises(SystemExit):
        main(["self-test", "--step", "teleport"])
    assert "invalid choice" in capsys.readouterr().err


@pytest.mark.slow
def test_ocr_step_reads_the_generated_image():
    (result,) = selftest.run_steps(["ocr"])
    assert result.ok, result.detail


def test_camera_step_passes_a_frame_through_qt_multimedia(capsys):
    status = main(["self-test", "--step", "camera", "--json"])
    (step,) = json.loads(capsys.readouterr().out)["steps"]
    assert status == 0 and step["ok"], step
    assert "FFmpeg backend" in step["detail"] and "frames pass" in step["detail"]


def test_camera_step_without_qt_multimedia_is_not_available(monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "PySide6.QtMultimedia", None)  # import fails
    status = main(["self-test", "--step", "camera"])
    out = capsys.readouterr().out
    assert status == 1 and "FAILED camera" in out and "not available" in out
