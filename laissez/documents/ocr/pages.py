"""Read the MRZ of a page with the PP-OCR engine (:mod:`laissez.documents.ocr.onnx`).

The work is a fixed list of steps, never a clock: detect the text boxes of the page upright,
read the long ones, and keep those that look like MRZ lines; when the lines found do not make
a whole zone, or one of their boxes is much taller than the others (two lines run together),
the zone's surroundings are detected again at a larger scale, and then the whole page at the
finer scale; when the page shows no MRZ, it is turned 180, 90 and 270 degrees (a page on its
side is not tried upside down), and last the sides where text was seen are detected again at
the finer scale (a small zone in a phone photo). The lines of a zone are recognised side by
side; a line with a character lost or read with little confidence is read again, widened
(:func:`_again`). A page whose long lines slope is levelled first, and reading stops once
the lines make a whole zone. A character the
recogniser skipped (:func:`onnx._fill_gaps`, :func:`_pad`) stands as an unread filler: its
field is uncertain, and where no check digit protects it the field is tesseract's. Each
detector or recogniser run counts as one attempt, and no reading makes more than
:data:`MAX_ATTEMPTS`.

What the engine printed with high confidence is not rewritten silently: see
:func:`laissez.documents.ocr.doubt.guard`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from PIL import Image

from laissez.documents.mrz.charset import DIGITS, FILLER, LETTERS
from laissez.documents.ocr import onnx
from laissez.documents.ocr.correction import Corrected, correct
from laissez.documents.ocr.doubt import SURE, better, guard
from laissez.documents.ocr.images import GreyImage
from laissez.documents.ocr.lines import fit_layout

#: OCR runs (detector or recogniser) one reading may make.
MAX_ATTEMPTS = 30
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
    #: The box the line was read in, and the page column its crop started at.
    box: onnx.Box | None = None
    x0: int | None = None


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
        return _Line(text, probs, box.top, box=box, x0=x0)
    pitch = float(np.median(np.diff(xs)))
    return _Line(text, probs, box.top, x0 + xs[0], pitch, x0 + xs[-1], box, x0)


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


#: Under this probability a character makes its line worth reading again, widened.
AGAIN = 0.55


def _again(page: GreyImage, lines: list[_Line], attempts: Attempts) -> list[_Line]:
    """Lines with a character lost or read with little confidence, read again widened
    (:data:`onnx.STRETCH_AGAIN`); the new reading replaces the first only where it is better:
    fewer such characters and not shorter. The same engine reading the same line twice is
    not a second opinion: what decides is still each character's own probability."""
    doubtful = [
        i
        for i, line in enumerate(lines)
        if line.box is not None and line.x0 is not None and min(line.probs, default=0) < AGAIN
    ]
    chosen: list[int] = []
    for i in doubtful:
        if not attempts.take():
            break
        chosen.append(i)
    if not chosen:
        return lines
    crops = []
    for i in chosen:
        box, x0 = lines[i].box, lines[i].x0
        assert box is not None and x0 is not None
        crops.append(page[box.top : box.bottom, x0 : box.right])
    out = list(lines)
    for i, read in zip(chosen, onnx.recognise_lines(crops, onnx.STRETCH_AGAIN), strict=True):
        line = lines[i]
        text, probs, xs = _mrz_text(read)
        if not _looks_like_mrz(text, read.text) or len(text) < len(line.text):
            continue
        if sum(p < AGAIN for p in probs) < sum(p < AGAIN for p in line.probs):
            assert line.box is not None and line.x0 is not None
            out[i] = _placed(text, probs, xs, line.box, line.x0)
    return out


def _whole(lines: list[_Line]) -> bool:
    fitted = fit_layout([line.text for line in lines])
    if fitted is None:
        return False
    layout, window, misfit = fitted
    return misfit <= 1.0 and len(window) == layout.lines


#: A line's box this many times taller than another's holds more than one line: at a coarse
#: scale, the first line of a small card's zone and the text above it came out as one box,
#: whose reading padded the real lines to a two-line zone's length.
MERGED = 1.6


def _sound(lines: list[_Line]) -> tuple[int, int]:
    """(lines of even height make a whole zone, the lines make a whole zone): what makes the
    lines found at the finer scale better."""
    whole = _whole(lines)
    heights = [line.box.height for line in lines if line.box is not None]
    even = not heights or max(heights) <= MERGED * min(heights)
    return (int(whole and even), int(whole))


def _zone(
    page: GreyImage, lines: list[_Line], boxes: list[onnx.Box], above: float = 2.0
) -> GreyImage:
    """The part of ``page`` around the lines found: ``above`` box heights above them (a line
    and a half by default), two below."""
    tops = [line.top for line in lines]
    mine = [b for b in boxes if b.top in tops]
    height = int(np.median([b.height for b in mine])) if mine else 20
    top = max(0, min(b.top for b in mine) - int(above * height))
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
        page = _turned(image, turns)
        boxes = onnx.detect(page)
        if turns == 0 and boxes:
            # the detector boxes text on its side as only somewhat tall boxes: what is
            # compared is the length of text running each way
            tall = sum(b.height for b in boxes if b.height > 2 * b.width)
            wide = sum(b.width for b in boxes if b.width > 2 * b.height)
            if tall > wide:
                sideways = True
                continue  # a page on its side: go straight to 90 and 270
        found = _read_turn(page, boxes, attempts, today, onnx.DET_SIDE)
        if found.found.layout is None and _upright(found.raw):
            # MRZ lines seen this way up, but no whole zone (a small card's lines ran into
            # each other at this scale): this side at the finer scale, before any other turn
            finer = _read_finer(image, turns, attempts, today)
            if better(finer.found, found.found):
                found = finer
        elif boxes:
            texty.append(turns)
        if better(found.found, best.found):
            best = found
        if found.found.layout is not None:
            return best
    # nothing like an MRZ at the usual scale: a small zone may show at a finer one, on the
    # sides of the page where text was seen
    for turns in texty:
        found = _read_finer(image, turns, attempts, today)
        if better(found.found, best.found):
            best = found
        if found.found.layout is not None:
            break
    return best


#: The mean probability of a line's characters above which the line was read upright (an MRZ
#: upside down is read as digits, but with little confidence).
UPRIGHT = 0.7


def _upright(lines: list[_Line]) -> bool:
    """True when one of ``lines`` was read with the confidence of an upright line."""
    return any(line.probs and float(np.mean(line.probs)) >= UPRIGHT for line in lines)


def _turned(image: GreyImage, turns: int) -> GreyImage:
    return np.ascontiguousarray(np.rot90(image, turns)) if turns else image


def _read_finer(image: GreyImage, turns: int, attempts: Attempts, today: dt.date) -> PageRead:
    """The reading of ``image`` turned ``turns`` quarter turns, detected at the finer scale."""
    if not attempts.take():
        return PageRead(Corrected(layout=None))
    page = _turned(image, turns)
    boxes = onnx.detect(page, onnx.DET_SIDE_FINE)
    return _read_turn(page, boxes, attempts, today, onnx.DET_SIDE_FINE)


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
    if lines and _sound(lines) < (1, 1) and attempts.used + 4 <= MAX_ATTEMPTS:
        # room for the two lines of a card's zone that may sit above the one found
        zone = _zone(page, lines, boxes, above=4.5)
        attempts.take()
        zone_boxes = onnx.detect(zone, onnx.DET_SIDE_FINE)
        more = _read_boxes(zone, zone_boxes, attempts)
        if len(more) > len(lines) or _sound(more) > _sound(lines):
            page, lines, boxes = zone, more, zone_boxes
    if not lines:
        return PageRead(Corrected(layout=None))
    zone = _zone(page, lines, boxes)
    lines = _widen(page, lines, attempts)
    padded = _pad(lines)
    found = _judged(padded, today)
    if not _sure(found):
        # something is in doubt: the lines read with doubt are read again, widened, and the
        # new reading is kept unless it is worse
        again = _again(page, lines, attempts)
        if again != lines:
            padded_again = _pad(again)
            second = _judged(padded_again, today)
            if not better(found, second):
                found, padded = second, padded_again
    return PageRead(found, padded, zone)


def _judged(lines: list[_Line], today: dt.date) -> Corrected:
    return guard(correct(["\n".join(line.text for line in lines)], today=today), lines)


def _sure(found: Corrected) -> bool:
    """True when nothing of ``found`` is in doubt."""
    return (
        found.layout is not None
        and found.checks_pass
        and not found.ambiguous
        and not found.uncertain
    )


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
