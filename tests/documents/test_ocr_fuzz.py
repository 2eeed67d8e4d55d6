"""Fuzzing the image and MRZ entry points: only typed errors come out."""

from __future__ import annotations

import io

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from laissez.documents.barcodes import read_barcodes
from laissez.documents.errors import DocumentError
from laissez.documents.mrz import parse
from laissez.documents.ocr import correct, load_image, read_mrz

FAST = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(np.full((20, 30), 128, np.uint8)).save(buffer, "PNG")
    return buffer.getvalue()


PNG = _png()
HEADERS = [PNG[:16], b"\xff\xd8\xff\xe0", b"II*\x00", b"%PDF-1.4\n", b"GIF89a", b"BM"]


@FAST
@given(st.sampled_from(HEADERS), st.binary(max_size=600))
def test_load_image_bytes(header: bytes, tail: bytes) -> None:
    try:
        load_image(header + tail)
    except DocumentError:
        pass


@FAST
@given(st.integers(0, len(PNG)), st.integers(0, 255))
def test_load_image_mutated_png(at: int, value: int) -> None:
    data = bytearray(PNG)
    if at < len(data):
        data[at] = value
    else:
        data = data[: at // 2]
    try:
        out = load_image(bytes(data))
        assert out.ndim == 2
    except DocumentError:
        pass


@FAST
@given(
    st.lists(st.integers(0, 40), min_size=0, max_size=4),
    st.sampled_from(
        [np.uint8, np.uint16, np.float32, np.float64, np.int64, np.bool_, np.complex64]
    ),
)
def test_load_image_arrays(shape: list[int], dtype: type) -> None:
    try:
        array = np.ones(shape, dtype=dtype)
        load_image(array)
        read_barcodes(array)
    except DocumentError:
        pass


MRZ_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<<<<<<KXOS01 \n>«é"


@FAST
@given(st.lists(st.text(MRZ_ALPHABET, min_size=0, max_size=50), max_size=5))
def test_correct_and_parse_text(lines: list[str]) -> None:
    found = correct(["\n".join(lines)])
    if found.lines:
        parse(found.lines)  # the corrected lines always have a layout
    try:
        parse(lines)
    except DocumentError:
        pass


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    st.integers(1, 64),
    st.integers(1, 96),
    st.sampled_from(["zeros", "white", "noise", "stripes"]),
)
def test_read_mrz_on_odd_frames(height: int, width: int, kind: str) -> None:
    rng = np.random.default_rng(height * 1000 + width)
    if kind == "zeros":
        frame = np.zeros((height, width), np.uint8)
    elif kind == "white":
        frame = np.full((height, width), 255, np.uint8)
    elif kind == "noise":
        frame = rng.integers(0, 256, (height, width)).astype(np.uint8)
    else:
        frame = np.tile((np.arange(width) % 4 < 2).astype(np.uint8) * 255, (height, 1))
    try:
        reading = read_mrz(frame)
        assert not reading.lines or len(reading.lines) in (2, 3)
    except DocumentError:
        pass
