"""A second synthetic MRZ set, made independently of :mod:`laissez.documents.ocr.synthetic`
and never used to tune the reader: scenes unlike the first generator's clean cards.

Each scene is one document (TD1, TD2 or TD3, OCR-B) in a situation the first set lacks: the MRZ
close under the card's other text (a card back), a small document in a cluttered phone photo,
a perspective view, a glare spot, and the picture turned 90, 180 or 270 degrees. Every scene
is a JPEG; its name says its format and situation.
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

from laissez.documents.mrz import MrzFormat
from laissez.documents.ocr.synthetic import ocrb_path, random_mrz

SITUATIONS = ("card_back", "phone_small", "perspective", "glare", "turned")
_SANS = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
_WORDS = ("REPUBLIC", "IDENTITY", "CARD", "CARTE", "NATIONAL", "AUTHORITY", "ADDRESS",
          "HEIGHT", "ISSUED", "PLACE", "BIRTH", "SIGNATURE", "MUNICIPALITY", "PERMIT")  # fmt: skip


@dataclass(frozen=True)
class Scene:
    name: str
    data: bytes
    lines: tuple[str, ...]
    situation: str


def _font(size: int, mono: bool = True) -> ImageFont.FreeTypeFont:
    if mono:
        return ImageFont.truetype(str(ocrb_path()), size)
    try:
        return ImageFont.truetype(str(_SANS), size)
    except OSError:
        return ImageFont.truetype(str(ocrb_path()), size)


def _document(lines: tuple[str, ...], rng: random.Random, text_gap: float) -> Image.Image:
    """The document: other text above the MRZ, ``text_gap`` line heights above it."""
    size = rng.randint(26, 34)
    font = _font(size)
    advance = font.getlength("<")
    width = int(advance * len(lines[0]) + 2 * size * 1.5)
    pitch = int(size * rng.uniform(1.25, 1.5))
    other = rng.randint(3, 6)
    height = int(pitch * (len(lines) + other + text_gap + 2.5))
    paper = rng.randint(200, 245)
    image = Image.new("L", (width, height), paper)
    draw = ImageDraw.Draw(image)
    sans = _font(int(size * rng.uniform(0.7, 1.0)), mono=False)
    top = int(size * 0.8)
    for k in range(other):
        words = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(2, 5)))
        if rng.random() < 0.4:
            words += " " + "".join(rng.choice("0123456789") for _ in range(rng.randint(4, 9)))
        draw.text((int(size * 1.5), top + k * pitch), words, fill=rng.randint(10, 80), font=sans)
    start = top + int((other + text_gap) * pitch)
    ink = rng.randint(0, 50)
    for k, line in enumerate(lines):
        draw.text((int(size * 1.5), start + k * pitch), line, fill=ink, font=font)
    return image


def _place(doc: Image.Image, rng: random.Random, scale: float) -> Image.Image:
    """The document on a cluttered background, occupying about ``scale`` of its width."""
    width = int(doc.width / scale)
    height = int(width * rng.uniform(0.7, 1.0))
    height = max(height, doc.height + 40)
    back = Image.new("L", (width, height), rng.randint(60, 160))
    draw = ImageDraw.Draw(back)
    for _ in range(25):
        x, y = rng.randrange(width), rng.randrange(height)
        draw.rectangle((x, y, x + rng.randint(20, 200), y + rng.randint(20, 200)),
                       fill=rng.randint(30, 200))  # fmt: skip
    back.paste(doc, (rng.randint(0, width - doc.width), rng.randint(0, height - doc.height)))
    return back


def _perspective(image: Image.Image, rng: random.Random) -> Image.Image:
    w, h = image.size
    d = 0.08
    src = [(rng.uniform(0, d) * w, rng.uniform(0, d) * h), (w - rng.uniform(0, d) * w, 0),
           (w, h - rng.uniform(0, d) * h), (rng.uniform(0, d) * w, h)]  # fmt: skip
    coeffs = _coefficients([(0, 0), (w, 0), (w, h), (0, h)], src)
    return image.transform((w, h), Image.Transform.PERSPECTIVE, coeffs,
                           Image.Resampling.BICUBIC, fillcolor=128)  # fmt: skip


def _coefficients(dst: list[tuple[float, float]], src: list[tuple[float, float]]) -> list[float]:
    import numpy as np

    rows = []
    for (x, y), (u, v) in zip(dst, src, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
    a = np.array(rows, dtype=float)
    b = np.array([c for point in src for c in point], dtype=float)
    return list(np.linalg.solve(a, b))


def _glare(image: Image.Image, rng: random.Random) -> Image.Image:
    w, h = image.size
    spot = Image.new("L", (w, h), 0)
    cx, cy = rng.uniform(0.2, 0.8) * w, rng.uniform(0.5, 0.9) * h
    r = rng.uniform(0.08, 0.15) * w
    ImageDraw.Draw(spot).ellipse((cx - r, cy - r * 0.6, cx + r, cy + r * 0.6), fill=150)
    spot = spot.filter(ImageFilter.GaussianBlur(r / 3))
    white = Image.new("L", (w, h), 255)
    return Image.composite(white, image, spot)


def make_scenes(count: int, seed: int = 99) -> list[Scene]:
    """``count`` scenes, formats and situations in turn, reproducible from ``seed``."""
    rng = random.Random(seed)
    formats = (MrzFormat.TD1, MrzFormat.TD3, MrzFormat.TD2)
    out: list[Scene] = []
    for index in range(count):
        fmt = formats[index % len(formats)]
        situation = SITUATIONS[(index // len(formats)) % len(SITUATIONS)]
        lines = random_mrz(rng, fmt)
        gap = 0.3 if situation == "card_back" else rng.uniform(0.6, 2.0)
        image = _document(lines, rng, gap)
        if situation == "phone_small":
            image = _place(image, rng, rng.uniform(0.45, 0.6))
        elif situation == "perspective":
            image = _perspective(_place(image, rng, 0.85), rng)
        elif situation == "glare":
            image = _glare(image, rng)
        elif situation == "turned":
            image = image.rotate(rng.choice((90, 180, 270)), expand=True)
        if rng.random() < 0.5:
            image = image.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 1.0)))
        buffer = io.BytesIO()
        image.convert("RGB").save(buffer, "JPEG", quality=rng.randint(55, 85))
        name = f"scene_{index:03d}_{fmt.value}_{situation}"
        out.append(Scene(name, buffer.getvalue(), lines, situation))
    return out
