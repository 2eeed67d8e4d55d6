"""Fonts for printed documents, registered with reportlab on first use.

OCR-B (for the MRZ) ships with the package (``fonts/OCRB.ttf``, public domain; see
``fonts/LICENSE-OCRB.txt``). Text fonts are the Noto families of Debian's ``fonts-noto-core``,
loaded from the system (or from ``LAISSEZ_FONT_DIR``) so the package stays small; a missing one
raises :class:`FontMissingError` naming the file and the package to install. Text is shaped
with HarfBuzz (reportlab + ``uharfbuzz``), which Arabic, Urdu and Bengali need.
"""

from __future__ import annotations

import io
import logging
import os
import threading
import unicodedata
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from fontTools import subset
from fontTools.merge import Merger
from fontTools.ttLib import TTFont as FontToolsFont
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.textobject import PDFTextObject

from laissez.printing.errors import FontMissingError

SYSTEM_FONT_DIRS = (
    Path("/usr/share/fonts/truetype/noto"),
    Path("/usr/share/fonts/opentype/noto"),
    Path("/usr/local/share/fonts"),
)
NOTO_PACKAGE = "fonts-noto-core"

OCRB = "LaissezOCRB"
SANS = "LaissezSans"
SANS_BOLD = "LaissezSans-Bold"
ARABIC = "LaissezArabic"
URDU = "LaissezUrdu"
BENGALI = "LaissezBengali"

logger = logging.getLogger(__name__)

#: reportlab font name -> (file name, bundled with the package?)
FONT_FILES: dict[str, tuple[str, bool]] = {
    OCRB: ("OCRB.ttf", True),
    SANS: ("NotoSans-Regular.ttf", False),
    SANS_BOLD: ("NotoSans-Bold.ttf", False),
    ARABIC: ("NotoNaskhArabic-Regular.ttf", False),
    URDU: ("NotoNastaliqUrdu-Regular.ttf", False),
    BENGALI: ("NotoSansBengali-Regular.ttf", False),
}

#: script fonts that get Noto Sans's Latin letters merged in (see :func:`_with_latin`)
MERGE_LATIN = frozenset({ARABIC, URDU, BENGALI})
_LATIN = [
    *range(0x20, 0x7F),
    *range(0xA1, 0x180),
    0x2013,
    0x2014,
    0x2018,
    0x2019,
    0x201C,
    0x201D,
    0x2022,
    0x2026,
    0x20AC,
]

_lock = threading.Lock()
_registered: set[str] = set()


@dataclass(frozen=True)
class ScriptStyle:
    """How to set text of one language: font, direction and line height factor."""

    font: str
    rtl: bool = False
    leading: float = 1.35


#: language (ISO 639-1) -> style; anything else is set in Noto Sans, left to right
LANGUAGE_STYLES: dict[str, ScriptStyle] = {
    "ar": ScriptStyle(ARABIC, rtl=True, leading=1.7),
    "fa": ScriptStyle(ARABIC, rtl=True, leading=1.7),
    "ps": ScriptStyle(ARABIC, rtl=True, leading=1.7),
    "ur": ScriptStyle(URDU, rtl=True, leading=2.3),
    "bn": ScriptStyle(BENGALI, leading=1.6),
}


def _set_rise(self: PDFTextObject, rise: float) -> None:
    """reportlab 5.1's ``setRise`` with its empty-text-object crash fixed.

    Shaped Nastaliq (Urdu) positions glyphs vertically; when a paragraph line starts with such a
    glyph, reportlab reads ``self._code[-1]`` of an empty list. Same logic, guarded.
    """
    value = f"{fp_str(rise)} Ts"
    if self._code and self._code[-1].endswith(" Ts"):
        self._y += self._rise
        self._code[-1] = value
    else:
        self._rise = rise
        self._y -= rise
        self._code.append(value)


PDFTextObject.setRise = _set_rise


def _find(file_name: str, bundled: bool) -> Path:
    if bundled:
        path = Path(str(resources.files("laissez.printing") / "fonts" / file_name))
        if path.is_file():
            return path
    extra = os.environ.get("LAISSEZ_FONT_DIR")
    dirs = ([Path(extra)] if extra else []) + list(SYSTEM_FONT_DIRS)
    for folder in dirs:
        candidate = folder / file_name
        if candidate.is_file():
            return candidate
    where = "the laissez package" if bundled else f"the Debian package {NOTO_PACKAGE}"
    raise FontMissingError(
        f"font {file_name} not found; install {where} "
        f"(apt-get install {NOTO_PACKAGE}) or set LAISSEZ_FONT_DIR to a folder holding it"
    )


def font(name: str) -> str:
    """Register font ``name`` (one of :data:`FONT_FILES`) if needed and return its name.

    Raises:
        FontMissingError: the font file is not installed.
    """
    if name in _registered:
        return name
    with _lock:
        if name not in _registered:
            file_name, bundled = FONT_FILES[name]
            path = _find(file_name, bundled)
            source: object = _cached_with_latin(path) if name in MERGE_LATIN else str(path)
            pdfmetrics.registerFont(TTFont(name, source, shapable=True))
            _registered.add(name)
    return name


def _cache_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("laissez")) / "fonts"


def _cached_with_latin(path: Path) -> io.BytesIO:
    """:func:`_with_latin`, kept in the user cache (keyed by the source fonts' size and time)."""
    latin = _find(FONT_FILES[SANS][0], False)
    stamp = "-".join(f"{p.stat().st_size}.{int(p.stat().st_mtime)}" for p in (path, latin))
    cached = _cache_dir() / f"{path.stem}+latin-{stamp}.ttf"
    try:
        return io.BytesIO(cached.read_bytes())
    except OSError:
        pass
    merged = _with_latin(path)
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        temporary = cached.with_suffix(".tmp")
        temporary.write_bytes(merged.getvalue())
        temporary.replace(cached)
    except OSError:
        logger.info("font cache not writable; merged fonts are rebuilt per process")
    return merged


def _with_latin(path: Path) -> io.BytesIO:
    """The script font at ``path`` with Noto Sans's Latin letters merged in, in memory.

    reportlab orders right-to-left words wrongly as soon as a paragraph switches fonts, so a
    Latin name or "UNHCR" inside Arabic text must come from the same font as the Arabic.
    Takes about a second, once per process.
    """
    latin = FontToolsFont(str(_find(FONT_FILES[SANS][0], False)))
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    script = FontToolsFont(str(path))
    covered = set(script.getBestCmap())
    subsetter.populate(unicodes=[u for u in _LATIN if u not in covered])
    subsetter.subset(latin)
    parts = []
    for font_object in (script, latin):
        buffer = io.BytesIO()
        font_object.save(buffer)
        buffer.seek(0)
        parts.append(buffer)
    merger_log = logging.getLogger("fontTools.merge")
    level = merger_log.level
    merger_log.setLevel(logging.ERROR)
    try:
        merged = Merger().merge(parts)
    finally:
        merger_log.setLevel(level)
    out = io.BytesIO()
    merged.save(out)
    out.seek(0)
    logger.debug("merged Latin letters into font %s", path.name)
    return out


def style_for_language(language: str) -> ScriptStyle:
    """The script style for a language tag (``ar``, ``ur-PK``, ``bn`` ...)."""
    return LANGUAGE_STYLES.get(language.split("-")[0].lower(), ScriptStyle(SANS))


def style_for_text(text: str) -> ScriptStyle:
    """The script style for a piece of text, from its first letter in a non-Latin script."""
    for char in text:
        if not char.isalpha():
            continue
        name = unicodedata.name(char, "")
        if name.startswith("ARABIC"):
            return LANGUAGE_STYLES["ar"]
        if name.startswith("BENGALI"):
            return LANGUAGE_STYLES["bn"]
    return ScriptStyle(SANS)
