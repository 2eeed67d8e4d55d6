"""Read the MRZ of a page with the PP-OCR engine (:mod:`laissez.documents.ocr.onnx`).

The work is a fixed list of steps, never a clock: detect the text boxes of the page upright,
read the long ones, and keep those that look like MRZ lines; when the lines found do not make
a whole zone, the zone's surroundings are detected again at a larger scale; when the page shows
no MRZ, it is turned 180, 90 and 270 degrees (a page on its side is not tried upside down),
and last the sides where text was seen are detected again at a finer scale (a small zone in a
phone photo). The lines of a zone are recognised side by side. A page whose long lines slope
is levelled first, and reading stops once the lines make a whole zone. A character the
recogniser skipped (:func:`onnx._fill_gaps`, :func:`_pad`) stands as an unread filler: its
field is uncertain, and where no check digit protects it the field is tesseract's. Each
detector or recogniser run counts as one attempt, and no reading makes more than
:data:`MAX_ATTEMPTS`.

What the engine printed with high confidence is not rewritten silently: see :func:`guard`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from PIL import Image

from laissez.documents.mrz.charset import DIGITS, FILLER, LETTERS
from laissez.documents.mrz.layouts import FieldSpec, Kind, Layout
from laissez.documents.ocr import onnx
from laissez.documents.ocr.correction import Corrected, correct
from laissez.documents.ocr.images import GreyImage
from laissez.documents.ocr.lines import fit_layout

#: OCR runs (detector or recogniser) one reading may make.
MAX_ATTEMPTS = 30
#: A character the recogniser gave at least this probability is "read with high confidence".
SURE = 0.9
_MRZ_CHARS = DIGITS | LETTERS | {FILLER}
#: What the recogniser prints for MRZ characters it knows under another shape.
_MAP = {
    "《": "<<",
    "«": "<<",
    "〈": "<",
    "く": "<",
    "‹": "<",
    "ㄑ": "<",
    "О": "O",
    "С": "C",
    "℃": "C",
    "×": "X",
    "|": "I",
    "Ⅰ": "I",
    "０": "0",
}


@dataclass
class Attempts:
    """Counts OCR runs and lets a caller cancel between them."""

    step: Callable[[], None]
    used: int = 0

    def take(self) -> bool:
        if self.used >= MAX_ATTEMPTS:
            return False
        self.step()
        self.used += 1
        return True


@dataclass
class _Line:
    text: str
    probs: tuple[float, ...]
    top: int
    #: Where the first character sits on the page, in pixels, and the distance from one
    #: character to the next (None when unknown).
    left: float | None = None
    pitch: float | None = None
    #: Where the last character sits on the page, in pixels (None when unknown).
    right: float | None = None
    #: The box the line was read in.
    box: onnx.Box | None = None


@dataclass
class PageRead:
    """The best reading of a page and the raw lines it came from (with probabilities)."""

    found: Corrected
    raw: list[_Line] = field(default_factory=list)
    #: The upright part of the page around the lines read (for the other engine to read).
    zone: GreyImage | None = None


def _mrz_text(read: onnx.LineRead) -> tuple[str, tuple[float, ...], tuple[float, ...]]:
    """The MRZ characters of ``read``, their probabilities and their places in the crop."""
    chars: list[str] = []
    probs: list[float] = []
    xs: list[float] = []
    places = read.xs if len(read.xs) == len(read.text) else (0.0,) * len(read.text)
    for char, prob, x in zip(read.text, read.probs, places, strict=True):
        mapped = _MAP.get(char, char.upper())
        for c in mapped:
            if c in _MRZ_CHARS:
                chars.append(c)
                probs.append(prob)
                xs.append(x)
    return "".join(chars), tuple(probs), tuple(xs) if read.xs else ()


def _looks_like_mrz(text: str, raw: str) -> bool:
    if len(text) < 26 or (FILLER not in text and sum(c in DIGITS for c in text) < 8):
        return False
    return len(text) >= 0.85 * len(raw.replace(" ", ""))


def _read_boxes(page: GreyImage, boxes: list[onnx.Box], attempts: Attempts) -> list[_Line]:
    long = [b for b in boxes if b.width >= 6 * b.height and b.height >= 6]
    if not long:
        return []
    widest = max(b.width for b in long)
    # MRZ lines are the widest lines of a document; read the bottom ones first, a few at once
    # (always the same few: what is read never depends on how fast)
    pending = sorted((b for b in long if b.width >= 0.45 * widest), key=lambda b: -b.top)
    out: list[_Line] = []
    while pending:
        batch: list[onnx.Box] = []
        while pending and len(batch) < onnx.THREADS and attempts.take():
            batch.append(pending.pop(0))
        if not batch:
            break
        crops = [page[box.top : box.bottom, box.left : box.right] for box in batch]
        for box, read in zip(batch, onnx.recognise_lines(crops), strict=True):
            text, probs, xs = _mrz_text(read)
            if _looks_like_mrz(text, read.text):
                out.append(_placed(text, probs, xs, box, box.left))
                if len(out) == 3 or (len(out) == 2 and min(len(line.text) for line in out) > 33):
                    if _whole(sorted(out, key=lambda line: line.top)):
                        pending = []  # a whole zone: the line above it is not part of it
                        break
            elif out and len(out) >= 2:
                pending = []  # above the zone now
                break
    out.sort(key=lambda line: line.top)
    return out


def _placed(
    text: str, probs: tuple[float, ...], xs: tuple[float, ...], box: onnx.Box, x0: int
) -> _Line:
    """A line read in ``box`` from a crop starting at page column ``x0``, with where its
    characters sit on the page when enough of them are placed."""
    if len(xs) < 8:
        return _Line(text, probs, box.top, box=box)
    pitch = float(np.median(np.diff(xs)))
    return _Line(text, probs, box.top, x0 + xs[0], pitch, x0 + xs[-1], box)


def _widen(page: GreyImage, lines: list[_Line], attempts: Attempts) -> list[_Line]:
    """Lines whose first character sits a character or more to the right of the others'
    (their box cut it off) read again in a box that starts where the others start."""
    lefts = [line.left for line in lines if line.left is not None and line.pitch]
    if len(lefts) < 2:
        return lines
    start = min(lefts)
    out = []
    for line in lines:
        box = line.box
        if (
            box is not None
            and line.left is not None
            and line.pitch
            and line.left - start >= 0.6 * line.pitch
            and box.left > start - line.pitch
            and attempts.take()
        ):
            left = max(0, int(start - 1.5 * line.pitch))
            read = onnx.recognise_line(page[box.top : box.bottom, left : box.right])
            text, probs, xs = _mrz_text(read)
            if _looks_like_mrz(text, read.text) and len(text) > len(line.text) and xs:
                line = _placed(text, probs, xs, box, left)
        out.append(line)
    return out


def _whole(lines: list[_Line]) -> bool:
    fitted = fit_layout([line.text for line in lines])
    if fitted is None:
        return False
    layout, window, misfit = fitted
    return misfit <= 1.0 and len(window) == layout.lines


def _zone(page: GreyImage, lines: list[_Line], boxes: list[onnx.Box]) -> GreyImage:
    """The part of ``page`` around the lines found, a line and a half above and below."""
    tops = [line.top for line in lines]
    mine = [b for b in boxes if b.top in tops]
    height = int(np.median([b.height for b in mine])) if mine else 20
    top = max(0, min(b.top for b in mine) - 2 * height)
    bottom = min(page.shape[0], max(b.bottom for b in mine) + 2 * height)
    left = max(0, min(b.left for b in mine) - height)
    right = min(page.shape[1], max(b.right for b in mine) + height)
    return np.ascontiguousarray(page[top:bottom, left:right])


def read_page(image: GreyImage, attempts: Attempts, today: dt.date) -> PageRead:
    """The best MRZ reading of ``image`` within the attempt allowance."""
    best = PageRead(Corrected(layout=None))
    sideways = False
    texty: list[int] = []
    for turns in (0, 2, 1, 3):
        if turns == 2 and sideways:
            continue  # upside down is still on its side
        if not attempts.take():
            break
        page = np.ascontiguousarray(np.rot90(image, turns)) if turns else image
        boxes = onnx.detect(page)
        if turns == 0 and boxes:
            tall = sum(1 for b in boxes if b.height > 4 * b.width)
            wide = sum(1 for b in boxes if b.width > 4 * b.height)
            if tall > wide:
                sideways = True
                continue  # a page on its side: go straight to 90 and 270
        if boxes:
            texty.append(turns)
        found = _read_turn(page, boxes, attempts, today, onnx.DET_SIDE)
        if _better(found.found, best.found):
            best = found
        if found.found.layout is not None:
            return best
    # nothing like an MRZ at the usual scale: a small zone may show at a finer one, on the
    # sides of the page where text was seen
    for turns in texty:
        if not attempts.take():
            break
        page = np.ascontiguousarray(np.rot90(image, turns)) if turns else image
        boxes = onnx.detect(page, onnx.DET_SIDE_FINE)
        found = _read_turn(page, boxes, attempts, today, onnx.DET_SIDE_FINE)
        if _better(found.found, best.found):
            best = found
        if found.found.layout is not None:
            break
    return best


def _read_turn(
    page: GreyImage, boxes: list[onnx.Box], attempts: Attempts, today: dt.date, side: int
) -> PageRead:
    """The reading of one upright page whose text boxes are ``boxes``."""
    skew = _skew(boxes)
    if MIN_SKEW <= abs(skew) <= MAX_SKEW and attempts.take():
        # slanted lines' boxes hold parts of their neighbours: level the page first
        page = _level(page, skew)
        boxes = onnx.detect(page, side)
    lines = _read_boxes(page, boxes, attempts)
    if lines and not _whole(lines) and attempts.used + 4 <= MAX_ATTEMPTS:
        zone = _zone(page, lines, boxes)
        attempts.take()
        zone_boxes = onnx.detect(zone, onnx.DET_SIDE_FINE)
        more = _read_boxes(zone, zone_boxes, attempts)
        if len(more) > len(lines) or (_whole(more) and not _whole(lines)):
            page, lines, boxes = zone, more, zone_boxes
    if not lines:
        return PageRead(Corrected(layout=None))
    zone = _zone(page, lines, boxes)
    lines = _pad(_widen(page, lines, attempts))
    found = correct(["\n".join(line.text for line in lines)], today=today)
    return PageRead(guard(found, lines), lines, zone)


#: A page whose long lines slope more than this many degrees is levelled before reading.
MIN_SKEW = 0.8
#: Steeper than this, the page is turned, not slanted: the quarter turns deal with it.
MAX_SKEW = 20.0


def _skew(boxes: list[onnx.Box]) -> float:
    """The slope of the page's long lines, in degrees: the median of the sloping boxes',
    weighted by their width (0 when no long line slopes)."""
    sloping = sorted((b.angle, b.width) for b in boxes if b.angle != 0.0)
    if not sloping:
        return 0.0
    total = sum(w for _, w in sloping)
    seen = 0
    for angle, width in sloping:
        seen += width
        if seen >= total / 2:
            return angle
    return 0.0


def _level(page: GreyImage, angle: float) -> GreyImage:
    """``page`` turned by ``-angle`` degrees, the corners filled with its median grey."""
    fill = int(np.median(page[:: max(1, page.shape[0] // 64), :: max(1, page.shape[1] // 64)]))
    turned = Image.fromarray(page).rotate(
        -angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=fill
    )
    return np.ascontiguousarray(np.asarray(turned, dtype=np.uint8))


def _better(a: Corrected, b: Corrected) -> bool:
    def rank(c: Corrected) -> tuple[int, int, int]:
        if c.layout is None:
            return (0, 0, 0)
        return (1, 1 if c.checks_pass else 0, -len(c.uncertain))

    return rank(a) > rank(b)


def _pad(lines: list[_Line]) -> list[_Line]:
    """Lines that came out short, made whole where it is known what is missing.

    The lines of a zone start and end at the same places. A line whose first character sits a
    character or more to the right of the others' lost its first characters (cut off by its
    box, or skipped): they stand as unread fillers, so that their field is in doubt and never
    read with confidence (OYELARAN read as YELARAN). A line that ends in fillers and stops
    short of the others' end lost the end of its faint filler run: it is padded. A short line
    that reaches both ends lost a character inside it, nobody knows where: it is left short,
    so that the fields no check digit protects on it are in doubt (KOFI read as KOF<)."""
    longest = max(len(line.text) for line in lines)
    target = min((30, 36, 44), key=lambda n: abs(n - longest))
    lefts = [line.left for line in lines if line.left is not None and line.pitch]
    rights = [line.right for line in lines if line.right is not None and line.pitch]
    start = min(lefts, default=None)
    end = max(rights, default=None)
    out = []
    for line in lines:
        missing = target - len(line.text)
        if missing > 0 and start is not None and line.left is not None and line.pitch:
            lead = min(missing, round((line.left - start) / line.pitch))
            if lead >= 1:
                line = dataclasses.replace(
                    line,
                    text=onnx.LOST[0] * lead + line.text,
                    probs=(onnx.LOST[1],) * lead + line.probs,
                    left=start,
                )
                missing -= lead
        if 0 < missing <= 12 and line.text.endswith(FILLER * 2):
            if end is not None and line.right is not None and line.pitch:
                # only what is missing at the end is padded there
                missing = min(missing, round((end - line.right) / line.pitch))
            if missing > 0:
                line = dataclasses.replace(
                    line, text=line.text + FILLER * missing, probs=line.probs + (SURE,) * missing
                )
        out.append(line)
    return out


#: Per field kind no check digit protects, the probability under which a character of it is
#: in doubt (a State code must also be one Doc 9303 defines, hence its lower bar). Set on the
#: tuning half of the real images only (bench/ocr_split.json).
_LOW = {Kind.DOC_CODE: 0.4, Kind.STATE: 0.35, Kind.NAME: 0.55, Kind.SEX: 0.6}
#: The same for optional data no check digit covers (a visa's): B read as 8 passes every check.
_LOW_OPTIONAL = 0.55


def doubt_bar(layout: Layout, spec: FieldSpec) -> float | None:
    """The probability under which a character of ``spec`` is in doubt, for a field no check
    digit protects; None for a field a check digit protects."""
    if spec.kind in _LOW:
        return _LOW[spec.kind]
    if spec.kind is Kind.OPTIONAL and not any(
        cover.line == spec.span.line
        and cover.start <= spec.span.start
        and spec.span.end <= cover.end
        for check in layout.checks
        for cover in check.covers
    ):
        return _LOW_OPTIONAL
    return None


#: Corrections that rewrite a character the engine may have read right (not those a position's
#: character class forces, such as O for 0 in a date).
_REWRITES = ("check_digit", "vote", "state_code", "second_engine")


def guard(found: Corrected, lines: list[_Line]) -> Corrected:
    """Make a field uncertain when its check digit was made to pass by changing more than one
    character of the field, or when a field no check digit protects holds a character read
    with low confidence. A character the engine read with high confidence is never
    rewritten: it is put back as printed and its field is marked uncertain."""
    layout = found.layout
    if layout is None:
        return found
    fitted = fit_layout([line.text for line in lines])
    if fitted is None:
        return found
    _layout, window, _misfit = fitted
    by_text = {line.text: line for line in lines}
    probs: list[tuple[float, ...] | None] = []
    for row in range(layout.lines):
        raw = by_text.get(window[row]) if row < len(window) else None
        aligned = raw is not None and len(raw.text) == layout.length
        probs.append(raw.probs if raw is not None and aligned else None)
    changed: dict[str, int] = {}
    doubtful: set[str] = set()
    rows = [list(line) for line in found.lines]
    kept = []
    for correction in found.corrections:
        name = correction.field.removesuffix("_check")
        row_probs = probs[correction.line - 1]
        sure = row_probs is not None and row_probs[correction.position - 1] >= SURE
        if sure and correction.reason in _REWRITES:
            # what is printed is reported as printed, and the field is in doubt
            printed = by_text[window[correction.line - 1]].text
            rows[correction.line - 1][correction.position - 1] = printed[correction.position - 1]
            doubtful.add(name)
            continue
        kept.append(correction)
        if correction.reason in ("check_digit", "vote"):
            changed[name] = changed.get(name, 0) + 1
    found.lines = tuple("".join(row) for row in rows)
    found.corrections = kept
    found.unread = tuple(
        (row + 1, col + 1)
        for row, row_probs in enumerate(probs)
        if row_probs is not None
        for col, prob in enumerate(row_probs)
        if prob <= onnx.LOST[1]
    )
    doubtful |= {name for name, count in changed.items() if count > 1}
    for spec in layout.fields:
        bar = doubt_bar(layout, spec)
        if bar is None:
            continue
        span = spec.span
        row_probs = probs[span.line - 1]
        if row_probs is None:
            doubtful.add(spec.name)
            continue
        text = found.lines[span.line - 1][span.start - 1 : span.end]
        field_probs = row_probs[span.start - 1 : span.end]
        core = len(text)
        if spec.kind is Kind.NAME:
            # the filler run that ends a name says nothing about the name, but a character
            # lost there (an unread filler stands in for it) may be the name's last letter
            core = len(text.rstrip(FILLER))
            lost = [i for i, prob in enumerate(field_probs) if prob <= onnx.LOST[1]]
            core = max(core, max(lost, default=-1) + 1)
        if min(field_probs[: max(core, 1)]) < bar:
            doubtful.add(spec.name)
    for name in doubtful:
        found.confidence[name] = min(found.confidence.get(name, 1.0), 0.4)
        if name not in found.uncertain:
            found.uncertain = (*found.uncertain, name)
        if name not in found.ambiguous:
            found.ambiguous = (*found.ambiguous, name)
    return found


def combine(first: Corrected, second: Corrected) -> Corrected:
    """The better of two engines' readings of a page, its letters checked against the other.

    For a field no check digit protects: when the other engine read the same layout and the
    same characters there, the field is certain even if one engine doubted it; when the other
    engine read something else there and was sure of it, the field is uncertain; when the
    other engine read no such layout or was unsure there, the chosen reading's own
    confidence stands."""
    if second.layout is None and first.layout is None:
        return first
    if first.layout is None or (second.layout is not None and _better(second, first)):
        chosen, other = second, first
    else:
        chosen, other = first, second
    layout = chosen.layout
    assert layout is not None
    same = other.layout is not None and other.layout.format is layout.format
    filled: set[str] = set()
    if same and other.checks_pass and chosen.unread:
        # a field no check digit protects where the chosen engine skipped a character is the
        # other engine's (the characters around a skipped one may be out of place too); one
        # engine's read alone, so the field stays in doubt
        rows = [list(line) for line in chosen.lines]
        for spec in layout.fields:
            span = spec.span
            if doubt_bar(layout, spec) is not None and any(
                line == span.line and span.start <= col <= span.end for line, col in chosen.unread
            ):
                theirs = other.lines[span.line - 1][span.start - 1 : span.end]
                rows[span.line - 1][span.start - 1 : span.end] = list(theirs)
                filled.add(spec.name)
        chosen.lines = tuple("".join(row) for row in rows)
    for spec in layout.fields:
        if doubt_bar(layout, spec) is None:
            continue
        name = spec.name
        if name in filled:
            continue
        if same and spec.span.take(list(chosen.lines)) == spec.span.take(list(other.lines)):
            chosen.uncertain = tuple(n for n in chosen.uncertain if n != name)
            chosen.ambiguous = tuple(n for n in chosen.ambiguous if n != name)
            chosen.confidence[name] = max(chosen.confidence.get(name, 0.0), 0.9)
        elif not same or name in other.uncertain:
            continue  # the other engine read no such zone or is unsure there: no evidence
        elif name not in chosen.uncertain:
            chosen.confidence[name] = min(chosen.confidence.get(name, 1.0), 0.4)
            chosen.uncertain = (*chosen.uncertain, name)
            chosen.ambiguous = (*chosen.ambiguous, name)
    return chosen
