"""Read an MRZ from an image: find the zone, OCR it, correct it, and say where doubt remains.

By default the PP-OCR engine reads first (:mod:`laissez.documents.ocr.pages`); when its
reading is not valid, the tesseract pipeline below reads on with what is left of the fixed
allowance of :data:`MAX_ATTEMPTS` OCR runs (never a clock, so a busy machine gives the same
answers, later), and each engine's letters are checked against the other's.

In the tesseract pipeline, the first attempt is cheap: the zone passporteye finds, scaled,
read once by tesseract's legacy engine and corrected (:mod:`laissez.documents.ocr.correction`).
Only when that is not valid does the reader try more: the zone upside down, other
preprocessing (Otsu, flattened light, sharpened, smaller), the LSTM engine, the other zone
candidates, the page turned 90 and 270 degrees, and the whole picture as the zone. Reads of
the same zone are pooled, so characters that one read gets right can fix another's. Finally
the LSTM engine gives a second opinion on the letters no check digit protects (name, State
codes) and on document-number look-alikes;
where the engines disagree the field is marked uncertain.

Safe in a worker thread: no Qt; ``cancel`` (a :class:`threading.Event`) is honoured between
OCR runs and ``progress`` receives a fraction 0..1.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from laissez.documents import codes
from laissez.documents.errors import MrzError, OcrCancelledError, OcrError
from laissez.documents.mrz import MrzFields, MrzFormat, MrzResult, parse
from laissez.documents.mrz.charset import FILLER, LETTERS
from laissez.documents.mrz.layouts import Kind, Layout
from laissez.documents.ocr import doubt, onnx, pages, preprocess
from laissez.documents.ocr.correction import CONFUSIONS, Corrected, Correction, correct
from laissez.documents.ocr.engine import Engine, recognise
from laissez.documents.ocr.images import GreyImage, load_image
from laissez.documents.ocr.lines import clean_lines as _clean
from laissez.documents.ocr.lines import fit_layout

log = logging.getLogger(__name__)

#: Zone candidates tried per orientation.
MAX_BOXES = 3
#: OCR runs one reading may make (a fixed amount of work, so the answer does not depend on
#: how busy the machine is).
MAX_ATTEMPTS = 30
#: Engines: PP-OCR through onnxruntime, tesseract's, and both (the default when the PP-OCR
#: models are installed: PP-OCR first, tesseract when PP-OCR's reading is not valid).
ENGINES = ("both", "onnx", "tesseract")


@dataclass(frozen=True)
class MrzReading:
    """What :func:`read_mrz` found.

    Attributes:
        lines: the corrected MRZ lines (empty when no zone was read).
        valid: True only when every check digit, code and date passes and no check-protected
            field had two equally good readings. A reading that is not valid must be confirmed
            by the officer, starting with ``uncertain``.
        result: the MRZ parsed from ``lines`` (None when nothing was read).
        format: the layout (None when nothing was read).
        fields: the parsed fields (None when nothing was read).
        confidence: per field (``document_number``, ``name`` ...), 0..1.
        uncertain: the fields to confirm (low confidence, ambiguous, or failing a check).
        corrections: what was changed, by line, position, field and reason (never the value).
        seconds: time spent reading.
        attempts: how many OCR runs it took.
    """

    lines: tuple[str, ...]
    valid: bool
    result: MrzResult | None
    format: MrzFormat | None
    fields: MrzFields | None
    confidence: dict[str, float] = field(default_factory=dict)
    uncertain: tuple[str, ...] = ()
    corrections: tuple[Correction, ...] = ()
    seconds: float = 0.0
    attempts: int = 0

    def as_dict(self) -> dict[str, object]:
        """JSON-ready form printed by ``laissez mrz read``."""
        result = self.result
        return {
            "format": None if self.format is None else self.format.value,
            "lines": list(self.lines),
            "valid": self.valid,
            "fields": None if result is None else result.fields.as_dict(),
            "checks": [] if result is None else [c.as_dict() for c in result.checks],
            "errors": [] if result is None else [e.as_dict() for e in result.errors],
            "corrections": [c.as_dict() for c in self.corrections],
            "confidence": dict(self.confidence),
            "uncertain": list(self.uncertain),
            "seconds": round(self.seconds, 3),
            "attempts": self.attempts,
        }


class _Session:
    """Cancellation, progress and the OCR counter of one reading."""

    def __init__(
        self, cancel: threading.Event | None, progress: Callable[[float], object] | None
    ) -> None:
        self.cancel = cancel
        self.progress = progress
        self.done = 0.0
        self.attempts = 0

    def over_budget(self) -> bool:
        return self.attempts >= MAX_ATTEMPTS

    def step(self, share: float = 0.2) -> None:
        if self.cancel is not None and self.cancel.is_set():
            raise OcrCancelledError("reading the MRZ was cancelled")
        self.done += (0.95 - self.done) * share
        if self.progress is not None:
            self.progress(round(self.done, 3))

    def ocr(self, image: GreyImage, engine: Engine = Engine.LEGACY) -> str:
        self.step()
        self.attempts += 1
        return recognise(image, engine)


def _rank(found: Corrected) -> tuple[int, int, int, float]:
    if found.layout is None:
        return (0, 0, 0, 0.0)
    good = found.checks_pass and not found.ambiguous
    return (
        2 if good else 1,
        1 if found.checks_pass else 0,
        -len(found.uncertain),
        sum(found.confidence.values()),
    )


def _done(found: Corrected) -> bool:
    return found.layout is not None and found.checks_pass and not found.ambiguous


def _mrz_score(text: str) -> float:
    """How much a read looks like an MRZ: fillers and a fitting layout."""
    fitted = fit_layout(_clean(text))
    return text.count("<") - 2 * text.count(">") + (20 if fitted else 0)


def _read_zone(
    roi: GreyImage,
    session: _Session,
    today: dt.date,
    thorough: bool,
    agree: tuple[str, ...] = (),
) -> Corrected:
    """Read one zone candidate, trying variants while the result is not valid.

    ``agree`` is the other engine's reading of the same zone: when the first read gives
    every character of it, checks passing, the LSTM engine's second opinion is not asked (two
    engines already read the same letters, which is what makes a field no check digit
    protects certain, :func:`doubt.combine`). Anything less than the whole zone alike is no
    agreement: the legacy engine alone once read M543829 as HSA3829, whose check digit
    happens to pass too."""
    text = session.ocr(preprocess.flatten(roi))
    if _mrz_score(text) < 25 or ">" in text:
        flipped = np.ascontiguousarray(roi[::-1, ::-1])
        other = session.ocr(preprocess.flatten(flipped))
        if _mrz_score(other) > _mrz_score(text):
            roi, text = flipped, other
    texts = [text]
    best = correct(texts, today=today)
    if best.layout is None:
        return best
    if _done(best):
        if not (agree and tuple(best.lines) == tuple(agree)):
            _second_opinion(roi, best, session, today)
        return best
    # a zone one threshold floods (light falling off across it) is not read through the
    # variants that keep the light as it is: tesseract reads noise there, for seconds
    flooded = preprocess.flooded(roi)
    variants: list[tuple[str, Callable[[GreyImage], GreyImage], Engine]] = [
        (name, fn, Engine.LEGACY)
        for name, fn in preprocess.VARIANTS
        if not (flooded and name in preprocess.ONE_THRESHOLD)
    ]
    variants.insert(2, ("lstm", preprocess.flatten, Engine.LSTM))
    if not thorough:
        variants = variants[:3]
    for _name, transform, engine in variants:
        if session.over_budget():
            break
        new = session.ocr(transform(roi), engine)
        texts.append(new)
        # the LSTM engine reads fillers badly: it only ever votes, never stands alone
        alone = [] if engine is Engine.LSTM else [correct([new], today=today)]
        for found in (*alone, correct(texts, today=today)):
            if _rank(found) > _rank(best):
                best = found
        if _done(best):
            break
    _second_opinion(roi, best, session, today)
    return best


#: Look-alikes a check digit cannot tell apart (S counts 28, 8 counts 8: the same modulo 10,
#: whatever the weight; G and 6 likewise). They are not among the corrector's confusions (it
#: could then make noise pass its checks), but where the engines read one for the other in a
#: document number, both readings pass and the number is in doubt.
_UNSEEN = {"S": "8", "8": "S", "G": "6", "6": "G"}
#: Fields of letters only, where no check digit helps and a second engine is asked.
LETTER_FIELDS = ("name", "issuing_state", "nationality")


def _similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def _checks_pass(lines: list[list[str]], today: dt.date) -> bool:
    try:
        result = parse(["".join(chars) for chars in lines], today=today)
    except MrzError:
        return False
    return all(check.ok for check in result.checks)


def _swaps(line: str, candidates: list[str]) -> list[tuple[int, str]]:
    """Where the candidate most like ``line`` has another character in the same place, in a
    run of the same length: (position in ``line``, the candidate's character)."""
    other = max(candidates, key=functools.partial(_similarity, line))
    matcher = difflib.SequenceMatcher(None, line, other, autojunk=False)
    return [
        (i, other[j])
        for op, i1, i2, j1, j2 in matcher.get_opcodes()
        if op == "replace" and i2 - i1 == j2 - j1
        for i, j in zip(range(i1, i2), range(j1, j2), strict=True)
        if other[j] != line[i]
    ]


def _second_opinion(roi: GreyImage, found: Corrected, session: _Session, today: dt.date) -> None:
    """Let the LSTM engine check the letters of the name and the State codes, and the
    letter/digit look-alikes of the document number.

    The legacy engine reads fillers well but confuses letters (W or M read as H or N); the
    LSTM engine reads letters well but fillers badly. So only letter-for-letter differences
    inside the name and codes are taken from the LSTM read (for a State code, only when the
    result is a Doc 9303 code). In the document number, a look-alike swap (S/5, Z/2 ...) that
    keeps every check digit passing is taken too: two such readings both pass, so the number
    is then ambiguous. Each field changed is marked uncertain, because two engines disagreed."""
    layout = found.layout
    if layout is None or not found.lines or session.over_budget():
        return
    candidates = _clean(session.ocr(preprocess.flatten(roi), Engine.LSTM))
    if not candidates:
        return
    lines = [list(line) for line in found.lines]
    swaps = {n: _swaps(line, candidates) for n, line in enumerate(found.lines, start=1)}
    for name in (*LETTER_FIELDS, "document_number"):
        span = layout.field(name).span
        line = found.lines[span.line - 1]
        chars = list(lines[span.line - 1])
        changed = []
        for i, theirs in swaps[span.line]:
            if not span.start - 1 <= i < span.end:
                continue
            if name == "document_number":
                take = (
                    theirs in CONFUSIONS.get(line[i], "") + _UNSEEN.get(line[i], "")
                    and theirs != "<"
                )
            else:
                take = line[i] in LETTERS and theirs in LETTERS
            if take:
                chars[i] = theirs
                changed.append(i)
        if not changed:
            continue
        trial = [*lines[: span.line - 1], chars, *lines[span.line :]]
        if name in ("issuing_state", "nationality"):
            if codes.lookup("".join(chars[span.start - 1 : span.end])) is None:
                continue
        elif name == "document_number":
            if not _checks_pass(trial, today):
                continue
            found.ambiguous = (*found.ambiguous, name)
        lines = trial
        found.corrections.extend(
            Correction(span.line, i + 1, name, "second_engine") for i in changed
        )
        found.confidence[name] = min(found.confidence.get(name, 1.0), 0.7)
        if name not in found.uncertain:
            found.uncertain = (*found.uncertain, name)
    found.lines = tuple("".join(chars) for chars in lines)
    found.corrections.sort(key=lambda c: (c.line, c.position))
    # optional data no check digit covers (a visa's), or only the composite (a card's), is
    # never changed on one engine's word, but where the engines read a character of it as
    # two different letters or digits it is in doubt (B read as 8 passes every check; 14 read
    # as <3 passed the composite); fillers, which the LSTM engine reads badly, say nothing
    for spec in layout.fields:
        if spec.kind is not Kind.OPTIONAL:
            continue
        if doubt.doubt_bar(layout, spec) is None and not doubt.composite_only(layout, spec):
            continue
        span = spec.span
        line = found.lines[span.line - 1]
        if any(
            span.start - 1 <= i < span.end and FILLER not in (line[i], theirs)
            for i, theirs in _swaps(line, candidates)
        ):
            found.confidence[spec.name] = min(found.confidence.get(spec.name, 1.0), 0.5)
            if spec.name not in found.uncertain:
                found.uncertain = (*found.uncertain, spec.name)


def _read_image(image: GreyImage, session: _Session, today: dt.date) -> Corrected:
    best = Corrected(layout=None)
    for turns in (0, 1, 3):
        if turns and (best.layout is not None or session.over_budget()):
            break  # a zone was read upright: turning the page will not help
        page = np.ascontiguousarray(np.rot90(image, turns)) if turns else image
        session.step(0.05)
        boxes = preprocess.locate(page)
        if not boxes:
            boxes = preprocess.locate(page, max_width=1000)
        for index, box in enumerate(boxes[:MAX_BOXES]):
            if index and session.over_budget():
                break
            roi = preprocess.extract(page, box)
            if roi.ndim != 2 or roi.shape[0] < 8 or roi.shape[1] < 40:
                continue
            found = _read_zone(roi, session, today, thorough=index == 0)
            if _rank(found) > _rank(best):
                best = found
            if _done(best):
                return best
    if best.layout is None and image.shape[1] > 2 * image.shape[0] >= 2 * preprocess.MIN_SIDE:
        # A picture of the zone alone: no box stands out, the whole picture is the zone.
        found = _read_zone(image, session, today, thorough=True)
        if _rank(found) > _rank(best):
            best = found
    return best


def read_mrz(
    source: object,
    *,
    cancel: threading.Event | None = None,
    progress: Callable[[float], Any] | None = None,
    today: dt.date | None = None,
    engine: str | None = None,
) -> MrzReading:
    """Read the MRZ in ``source`` (path, bytes, numpy array, Pillow image, QImage, PDF page).

    ``today`` fixes the reference date for centuries and date plausibility (default today).
    ``engine`` is ``"both"`` (the default when the PP-OCR models are installed), ``"onnx"``
    or ``"tesseract"``.
    Returns a reading with ``valid`` False and no lines when no MRZ was found.

    Raises:
        ImageError: (``image.unreadable``, ``image.empty``, ``image.too_large``) bad input.
        OcrError: tesseract is missing or failed.
        OcrCancelledError: ``cancel`` was set.
    """
    started = time.perf_counter()
    today = today or dt.date.today()
    session = _Session(cancel, progress)
    session.step(0.0)
    image = load_image(source)
    if engine is None:
        engine = "both" if onnx.available() else "tesseract"
    if engine in ("onnx", "both"):
        attempts = pages.Attempts(session.step)
        zone = None
        try:
            page_read = pages.read_page(image, attempts, today)
            found, zone = page_read.found, page_read.zone
        except OcrCancelledError:
            raise
        except Exception as error:
            if engine == "onnx":
                raise OcrError(f"the PP-OCR engine failed ({type(error).__name__})") from None
            # out of memory in a capped reader, say: tesseract still reads
            log.warning("PP-OCR failed (%s): tesseract reads alone", type(error).__name__)
            found = Corrected(layout=None)
        session.attempts = attempts.used
        if engine == "both" and not _done(found):
            # tesseract reads on with what is left of the attempts, first the zone PP-OCR
            # found, then the whole page; each engine's reading then checks the other's
            # letters (no check digit protects them)
            other = Corrected(layout=None)
            if zone is not None and found.layout is not None:
                other = _read_zone(zone, session, today, thorough=True, agree=found.lines)
            if other.layout is None or not other.checks_pass:
                whole = _read_image(image, session, today)
                if _rank(whole) > _rank(other):
                    other = whole
            found = doubt.combine(found, other)
    elif engine == "tesseract":
        found = _read_image(image, session, today)
    else:
        raise ValueError(f"unknown OCR engine {engine!r}; use one of {', '.join(ENGINES)}")
    reading = _reading(found, today, time.perf_counter() - started, session.attempts)
    if progress is not None:
        progress(1.0)
    log.info(
        "MRZ read: format=%s valid=%s uncertain=%d corrections=%d attempts=%d seconds=%.2f",
        reading.format.value if reading.format else None,
        reading.valid,
        len(reading.uncertain),
        len(reading.corrections),
        reading.attempts,
        reading.seconds,
    )
    return reading


def _reading(found: Corrected, today: dt.date, seconds: float, attempts: int) -> MrzReading:
    if found.layout is None or not found.lines:
        return MrzReading((), False, None, None, None, seconds=seconds, attempts=attempts)
    try:
        result = parse(found.lines, today=today)
    except MrzError:
        return MrzReading((), False, None, None, None, seconds=seconds, attempts=attempts)
    uncertain = list(found.uncertain)
    if _malformed_name(found.lines, found.layout) and "name" not in uncertain:
        uncertain.append("name")
    for error in result.errors:
        if error.field and error.field not in uncertain:
            uncertain.append(error.field)
    confidence = dict(found.confidence)
    for name in uncertain:
        if name in confidence:
            confidence[name] = min(confidence[name], 0.5)
    return MrzReading(
        lines=found.lines,
        # valid means nothing is left to confirm: a field in doubt is never called valid
        valid=result.valid and not found.ambiguous and not uncertain,
        result=result,
        format=result.format,
        fields=result.fields,
        confidence=confidence,
        uncertain=tuple(uncertain),
        corrections=tuple(found.corrections),
        seconds=seconds,
        attempts=attempts,
    )


def _malformed_name(lines: tuple[str, ...], layout: Layout | None) -> bool:
    """True when the name holds letters after three or more fillers: Doc 9303 separates the
    two identifiers with ``<<`` and their parts with ``<``, so such letters are no part of a
    name, but a mark in the filler run read as one (LUIS<<<I)."""
    if layout is None:
        return False
    name = layout.field("name").span.take(list(lines)).rstrip(FILLER)
    return FILLER * 3 in name
