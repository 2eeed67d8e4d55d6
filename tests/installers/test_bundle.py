"""laissez.bundle: the frozen application finds its own tesseract, tessdata, zbar and font."""

from __future__ import annotations

import ctypes.util
import os
import shutil
import sys

import pytest

from laissez import bundle


@pytest.fixture
def fake_bundle(tmp_path, monkeypatch):
    """A bundle root laid out as installers/laissez.spec makes it, with sys marked frozen."""
    root = tmp_path / "_internal"
    (root / "bin").mkdir(parents=True)
    tesseract = root / "bin" / ("tesseract.exe" if sys.platform == "win32" else "tesseract")
    tesseract.write_text("#!/bin/sh\n", encoding="utf-8")
    tesseract.chmod(0o755)
    (root / "share" / "tessdata").mkdir(parents=True)
    (root / "share" / "tessdata" / "eng.traineddata").write_bytes(b"x")
    (root / "fonts").mkdir()
    (root / "fonts" / "OCRB.otf").write_bytes(b"x")
    (root / "libzbar.so.0").write_bytes(b"x")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(root), raising=False)
    monkeypatch.setattr(bundle, "_prepared", False)
    monkeypatch.setattr(ctypes.util, "find_library", ctypes.util.find_library)
    monkeypatch.setenv("PATH", os.environ.get("PATH", ""))
    monkeypatch.delenv("TESSDATA_PREFIX", raising=False)
    monkeypatch.delenv("LAISSEZ_FONT_DIR", raising=False)
    return root


def test_from_source_nothing_changes(monkeypatch):
    monkeypatch.setattr(bundle, "_prepared", False)
    path = os.environ.get("PATH")
    bundle.prepare()
    assert bundle.root() is None and bundle.tesseract() is None and bundle.zbar_library() is None
    assert os.environ.get("PATH") == path


def test_frozen_prefers_the_bundled_tools(fake_bundle):
    bundle.prepare()
    assert shutil.which("tesseract") == str(fake_bundle / "bin" / "tesseract")
    assert os.environ["TESSDATA_PREFIX"] == str(fake_bundle / "share" / "tessdata")
    assert ctypes.util.find_library("zbar") == str(fake_bundle / "libzbar.so.0")
    assert ctypes.util.find_library("c") is not None  # other libraries are looked up as before
    assert bundle.ocrb_font() == fake_bundle / "fonts" / "OCRB.otf"
    assert os.environ["LAISSEZ_FONT_DIR"] == str(fake_bundle / "fonts")


def test_prepare_twice_does_not_repeat_the_path(fake_bundle):
    bundle.prepare()
    bundle.prepare()
    entries = os.environ["PATH"].split(os.pathsep)
    assert entries.count(str(fake_bundle / "bin")) == 1


def test_a_bundle_without_tessdata_reports_none(fake_bundle):
    shutil.rmtree(fake_bundle / "share")
    assert bundle.tessdata_dir() is None
    bundle.prepare()
    assert "TESSDATA_PREFIX" not in os.environ
