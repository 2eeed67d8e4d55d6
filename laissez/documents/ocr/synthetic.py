"""Synthetic document images with an OCR-B machine-readable zone, clean or degraded.

For tests and the benchmark: invented people from a fixed list, MRZ lines from
:func:`laissez.documents.mrz.build`, drawn with Debian's OCR-B font (fonts-ocr-b, public domain)
on a card with some printed text, then degraded: rotation, blur, noise, uneven light, JPEG
artefacts, low resolution. Everything is deterministic for a given seed.
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from laissez.documents.mrz import MrzFormat, MrzInput, build

#: Where Debian's fonts-ocr-b puts the OCR-B font.
OCRB_PATHS = (
    Path("/usr/share/fonts/opentype/ocr-b/OCRB.otf"),
    Path("/usr/share/fonts/truetype/ocr-b/OCRB.ttf"),
)
_SURNAMES = ("ERIKSSON", "NGUYEN", "OKAFOR", "GARCIA LOPEZ", "KOWALSKA", "HADDAD", "MARTIN",
             "OYELARAN", "SILVA", "TANAKA", "BAKER", "DUBOIS", "MOHAMMED ALI",
             "RAHMAN")  # fmt: skip
_GIVEN = ("ANNA MARIA", "JOHN", "AMINA", "LUIS", "ZOFIA", "OMAR", "SOPHIE", "KOFI", "MEI LIN",
          "YUSUF", "LEILA", "PIERRE", "FATIMA", "DANIEL")  # fmt: skip
_STATES = ("UTO", "FRA", "DEU", "NGA", "SYR", "AFG", "ERI", "GBR", "MEX", "PHL", "VNM", "COL")
_LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ"


@dataclass(frozen=True)
class Sample:
    """One synthetic image: its encoded bytes, its MRZ lines and what was done to it."""

    name: str
    data: bytes
    lines: tuple[str, ...]
    degradations: tuple[str, ...]


@cache
def ocrb_path() -> Path:
    """The OCR-B font file.

    Raises:
        FileNotFoundError: when fonts-ocr-b is not installed.
    """
    for path in OCRB_PATHS:
        if path.is_file():
            return path
    raise FileNotFoundError("OCR-B font not found: install the Debian package fonts-ocr-b")


def random_mrz(rng: random.Random, fmt: MrzFormat) -> tuple[str, ...]:
    """MRZ lines of an invented person in layout ``fmt``."""
    # one or two letters then digits, the usual shape of a passport or card number
    prefix = "".join(rng.choice(_LETTERS) for _ in range(rng.choice((1, 2))))
    number = prefix + "".join(rng.choice("0123456789") for _ in range(rng.choice((6, 7))))
    birth = f"{rng.randint(40, 99):02d}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
    expiry = f"{rng.randint(26, 35):02d}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
    code = {"TD1": "ID", "TD2": "I", "TD3": "P", "MRV-A": "V", "MRV-B": "V"}[fmt.value]
    optional = "" if rng.random() < 0.5 else str(rng.randint(10**4, 10**7 - 1))
    data = MrzInput(
        fmt, code, rng.choice(_STATES), rng.choice(_SURNAMES), rng.choice(_GIVEN), number,
        rng.choice(_STATES), birth, rng.choice("FM"), expiry, optional,
    )  # fmt: skip
    return tuple(build(data).lines)


def render(lines: tuple[str, ...], rng: random.Random, width: int = 1400) -> Image.Image:
    """A card (ID-1 for TD1, passport page otherwise) with the MRZ at the bottom."""
    chars = len(lines[0])
    ratio = 1.59 if chars == 30 else 1.42
    height = int(width / ratio)
    paper = rng.randint(215, 245)
    image = Image.new("L", (width, height), paper)
    draw = ImageDraw.Draw(image)
    # a photo box and some printed text, so the zone is not the only thing on the page
    draw.rectangle((40, 60, 40 + width // 4, 60 + int(width / 3)), fill=rng.randint(90, 160))
    font_path = str(ocrb_path())
    small = ImageFont.truetype(font_path, max(width // 45, 10))
    for row in range(5):
        y = 70 + row * (width // 22)
        draw.text((width // 3, y), rng.choice(_SURNAMES) + " " + rng.choice(_GIVEN), fill=40,
                  font=small)  # fmt: skip
    probe = ImageFont.truetype(font_path, 100)
    size = int(100 * width * 0.9 / probe.getlength(lines[0]))
    font = ImageFont.truetype(font_path, size)
    pitch = int(size * 1.35)
    top = height - pitch * len(lines) - int(height * 0.05)
    for row, line in enumerate(lines):
        draw.text((int(width * 0.05), top + row * pitch), line, fill=rng.randint(0, 40), font=font)
    return image


def degrade(image: Image.Image, rng: random.Random, level: int) -> tuple[Image.Image, list[str]]:
    """Apply ``level`` (0-3) random degradations; returns the image and what was applied."""
    applied: list[str] = []
    kinds = ["rotate", "blur", "noise", "light", "lowres"]
    rng.shuffle(kinds)
    for kind in kinds[:level]:
        if kind == "rotate":
            angle = rng.uniform(-4, 4)
            image = image.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True,
                                 fillcolor=200)  # fmt: skip
        elif kind == "blur":
            image = image.filter(ImageFilter.GaussianBlur(rng.uniform(0.8, 1.6)))
        elif kind == "noise":
            a = np.asarray(image, dtype=np.float64)
            a = a + np.random.default_rng(rng.randint(0, 2**31)).normal(0, rng.uniform(8, 18),
                                                                        a.shape)  # fmt: skip
            image = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
        elif kind == "light":
            a = np.asarray(image, dtype=np.float64)
            h, w = a.shape
            xs = np.linspace(rng.uniform(0.45, 0.7), 1.0, w)[None, :]
            ys = np.linspace(1.0, rng.uniform(0.6, 0.9), h)[:, None]
            image = Image.fromarray(np.clip(a * xs * ys, 0, 255).astype(np.uint8))
        elif kind == "lowres":
            factor = rng.uniform(0.5, 0.65)
            image = image.resize((int(image.width * factor), int(image.height * factor)),
                                 Image.Resampling.BILINEAR)  # fmt: skip
        applied.append(kind)
    return image, applied


def make_set(count: int, seed: int = 5, level: int = 2, turn: bool = True) -> list[Sample]:
    """``count`` samples over all five layouts, degraded ``level`` times each, saved as JPEG
    (quality 35-70); with ``turn`` every fifth image is also turned 90, 180 or 270 degrees."""
    rng = random.Random(seed)  # noqa: S311 - test images, not secrets
    formats = list(MrzFormat)
    out = []
    for index in range(count):
        fmt = formats[index % len(formats)]
        lines = random_mrz(rng, fmt)
        image, applied = degrade(render(lines, rng), rng, level)
        if turn and index % 5 == 4:
            turns = rng.choice((90, 180, 270))
            image = image.rotate(turns, expand=True)
            applied.append(f"turn{turns}")
        quality = rng.randint(35, 70)
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=quality)
        applied.append(f"jpeg{quality}")
        out.append(Sample(f"synthetic-{index:03d}-{fmt.value}", buffer.getvalue(), lines,
                          tuple(applied)))  # fmt: skip
    return out
