"""Draw the Laissez icon (the design of ``laissez.svg``) as PNG, ICO and ICNS with Pillow.

Run ``python installers/icons/make_icons.py`` after changing the design; the outputs are
committed so that builds need no SVG renderer.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

HERE = Path(__file__).resolve().parent


def draw(size: int = 1024) -> Image.Image:
    """The icon at ``size`` pixels square, drawn on the 256-unit grid of laissez.svg."""
    s = size / 256
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(image)

    def box(x: float, y: float, w: float, h: float) -> list[float]:
        return [x * s, y * s, (x + w) * s, (y + h) * s]

    d.rounded_rectangle(box(8, 8, 240, 240), radius=44 * s, fill="#1f4e79")
    d.rounded_rectangle(box(40, 52, 176, 152), radius=12 * s, fill="#f4f1e8")
    d.rounded_rectangle(box(40, 52, 176, 30), radius=12 * s, fill="#c9a227")
    d.rectangle(box(40, 70, 176, 12), fill="#c9a227")
    d.ellipse(box(62, 96, 44, 44), fill="#9fb3c8")
    d.rounded_rectangle(box(118, 102, 78, 9), radius=4 * s, fill="#9fb3c8")
    d.rounded_rectangle(box(118, 120, 58, 9), radius=4 * s, fill="#9fb3c8")
    d.rounded_rectangle(box(56, 156, 144, 10), radius=3 * s, fill="#1f2a36")
    d.rounded_rectangle(box(56, 176, 144, 10), radius=3 * s, fill="#1f2a36")
    d.ellipse(box(167, 159, 74, 74), fill="#ffffff")
    d.ellipse(box(173, 165, 62, 62), fill="#2e8b57")
    tick = [(188 * s, 196 * s), (200 * s, 208 * s), (221 * s, 184 * s)]
    d.line(tick, fill="#ffffff", width=round(9 * s), joint="curve")
    for x, y in (tick[0], tick[2]):
        r = 4.5 * s
        d.ellipse([x - r, y - r, x + r, y + r], fill="#ffffff")
    return image


def main() -> None:
    """Write laissez.png (256), laissez-512.png, laissez.ico and laissez.icns."""
    big = draw(1024)
    big.resize((256, 256), Image.LANCZOS).save(HERE / "laissez.png", optimize=True)
    big.resize((512, 512), Image.LANCZOS).save(HERE / "laissez-512.png", optimize=True)
    big.save(HERE / "laissez.ico", sizes=[(16, 16), (32, 32), (48, 48), (64, 64), (256, 256)])
    big.save(HERE / "laissez.icns")


if __name__ == "__main__":
    main()
