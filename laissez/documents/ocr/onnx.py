"""PP-OCR text detection and recognition on CPU through onnxruntime, with no OpenCV.

The models are those shipped inside the ``rapidocr-onnxruntime`` wheel (Apache-2.0: PP-OCRv4
detector, 4.7 MB, and recogniser, 10.9 MB); only the model files are used, never the package's
code (which needs OpenCV), and nothing touches the network. The pre- and post-processing here
is numpy and Pillow:

- :func:`detect` returns the text boxes of a page: the detector's probability map thresholded,
  its connected parts (scipy) taken as axis-aligned boxes and widened as PP-OCR's "unclip"
  does. MRZ lines are long and level once the page is upright, so axis-aligned boxes suffice.
- :func:`recognise_line` reads one line crop: resized to 48 pixels high, a greedy CTC decode
  that keeps, for each character, the probability the model gave it.

Both cores of a small machine work: the lines of a zone are recognised side by side
(:func:`recognise_lines`), each run on one thread. The sessions themselves start no thread of
their own, because they are loaded in the sandbox's fork server and a forked child has only
the thread that forked it; the line readers' threads are started in the process that reads.
There are no memory arenas (a reading fits the sandbox's address-space cap). How the work is
shared never changes what is read.
"""

from __future__ import annotations

import ctypes
import functools
import importlib.util
import os
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray
from PIL import Image

from laissez.documents.errors import OcrError

GreyImage = NDArray[np.uint8]
#: Package whose wheel carries the models (its code is never imported).
MODEL_PACKAGE = "rapidocr_onnxruntime"
DET_MODEL = "ch_PP-OCRv4_det_infer.onnx"
REC_MODEL = "ch_PP-OCRv4_rec_infer.onnx"
#: Longest side, in pixels, of the page given to the detector (a multiple of 32): MRZ lines
#: are a page's widest text, and are found at this scale on all but the smallest zones.
DET_SIDE = 544
#: The finer scale a page is detected at when nothing like an MRZ was found at DET_SIDE.
DET_SIDE_FINE = 736
#: Lines recognised at once.
THREADS = max(1, min(2, os.cpu_count() or 1))
#: Height of a line given to the recogniser.
REC_HEIGHT = 48
#: How much a line is widened before recognition (more time steps a character: narrow
#: letters such as I between wide ones are otherwise lost).
STRETCH = 1.0
#: How much a line read with doubt is widened when it is read again: a small zone's long
#: filler runs, loosely boxed, get too few time steps a character at 1.0 (P<TWNLIN<<MEI<HUA
#: read as P<N<<M<<<).
STRETCH_AGAIN = 1.6
#: Probability above which a pixel of the detector's map is text.
DET_THRESHOLD = 0.3
#: How far a detected box is widened (PP-OCR's unclip ratio).
UNCLIP = 1.6
#: How far, in box heights, a box may grow up and down.
VERTICAL = 0.5


@dataclass(frozen=True)
class Box:
    """A text box on the page: top, left, bottom, right in page pixels."""

    top: int
    left: int
    bottom: int
    right: int

    #: The slope of the text inside, in degrees (counter-clockwise positive, as Pillow turns).
    angle: float = 0.0

    @property
    def height(self) -> int:
        return self.bottom - self.top

    @property
    def width(self) -> int:
        return self.right - self.left


@dataclass(frozen=True)
class LineRead:
    """One recognised line: its text and a probability per character."""

    text: str
    probs: tuple[float, ...]
    #: Where each character sits, in pixels from the crop's left edge (empty when unknown).
    xs: tuple[float, ...] = ()


def model_folder() -> Path | None:
    """The folder holding the PP-OCR models, or None when the wheel is not installed."""
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "models"
    if (folder / DET_MODEL).is_file() and (folder / REC_MODEL).is_file():
        return folder
    return None


def available() -> bool:
    """True when onnxruntime and the models are installed."""
    return model_folder() is not None and importlib.util.find_spec("onnxruntime") is not None


_lock = threading.Lock()


@functools.cache
def _sessions() -> tuple[Any, Any, tuple[str, ...]]:
    folder = model_folder()
    if folder is None or importlib.util.find_spec("onnxruntime") is None:
        raise OcrError("the PP-OCR models are not installed (package rapidocr-onnxruntime)")
    import onnxruntime as ort  # lazy: a second to import

    def options() -> Any:
        chosen = ort.SessionOptions()
        chosen.intra_op_num_threads = 1
        chosen.inter_op_num_threads = 1
        chosen.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        chosen.enable_cpu_mem_arena = False
        chosen.enable_mem_pattern = False
        chosen.log_severity_level = 3
        return chosen

    try:
        det = ort.InferenceSession(
            str(folder / DET_MODEL), options(), providers=["CPUExecutionProvider"]
        )
        rec = ort.InferenceSession(
            str(folder / REC_MODEL), options(), providers=["CPUExecutionProvider"]
        )
    except Exception as exc:
        raise OcrError(f"the PP-OCR models could not be loaded ({type(exc).__name__})") from None
    chars = rec.get_modelmeta().custom_metadata_map.get("character", "").splitlines()
    return det, rec, ("", *chars, " ")


def warm_up() -> None:
    """Load the models (about a second), so that the first reading is as fast as any."""
    with _lock:
        _sessions()
        # the first run of a session prepares its kernels: do it on a blank page
        page = np.full((64, 320), 255, dtype=np.uint8)
        page[24:40, 16:300] = 0
        detect(page)
        recognise_line(page[16:48])  # not recognise_lines: no thread may outlive a warm-up


def _normalise(rgb: NDArray[np.float32]) -> NDArray[np.float32]:
    out: NDArray[np.float32] = ((rgb / 255.0 - 0.5) / 0.5).astype(np.float32)
    return out


def detect(page: GreyImage, side: int = 0) -> list[Box]:
    """Text boxes in ``page`` (2-D uint8), top to bottom, found with the page's longest side
    scaled to ``side`` pixels (default :data:`DET_SIDE`)."""
    from scipy import ndimage  # lazy

    det, _rec, _chars = _sessions()
    height, width = page.shape
    scale = min((side or DET_SIDE) / max(height, width), 2.0)
    new_h = max(32, round(height * scale / 32) * 32)
    new_w = max(32, round(width * scale / 32) * 32)
    small = np.asarray(Image.fromarray(page).resize((new_w, new_h), Image.Resampling.BILINEAR))
    tensor = _normalise(np.repeat(small[None, None, :, :], 3, axis=1).astype(np.float32))
    prob = det.run(None, {det.get_inputs()[0].name: tensor})[0][0, 0]
    mask = prob > DET_THRESHOLD
    mask = ndimage.binary_dilation(mask, structure=np.ones((2, 2), dtype=bool))
    labels, _count = ndimage.label(mask)
    boxes: list[Box] = []
    sy, sx = height / new_h, width / new_w
    for index, region in enumerate(ndimage.find_objects(labels), start=1):
        if region is None:
            continue
        ys, xs = region
        h, w = ys.stop - ys.start, xs.stop - xs.start
        if min(h, w) < 3:
            continue
        if float(prob[region][labels[region] == index].mean()) < 0.5:
            continue
        # PP-OCR's unclip: grow by area * ratio / perimeter on every side
        grow = h * w * UNCLIP / (2 * (h + w))
        # (up and down only as far as keeps neighbouring lines out of the crop)
        rise = min(grow, VERTICAL * h)
        top = max(0, int((ys.start - rise) * sy))
        bottom = min(height, int(np.ceil((ys.stop + rise) * sy)))
        # and a little more sideways: an MRZ line's first and last characters sit close to
        # the box's ends and a clipped one is a lost character
        side = grow + 0.3 * h
        left = max(0, int((xs.start - side) * sx))
        right = min(width, int(np.ceil((xs.stop + side) * sx)))
        boxes.append(Box(top, left, bottom, right, _slope(labels[region] == index, sx, sy)))
    boxes.sort(key=lambda b: (b.top, b.left))
    return boxes


def _slope(mask: NDArray[np.bool_], sx: float, sy: float) -> float:
    """The angle of a long text region's main axis, in degrees (0 for a short region)."""
    ys, xs = np.nonzero(mask)
    if len(xs) < 20:
        return 0.0
    x = (xs - xs.mean()) * sx
    y = (ys - ys.mean()) * sy
    cxx, cyy, cxy = float((x * x).mean()), float((y * y).mean()), float((x * y).mean())
    spread = np.sqrt(((cxx - cyy) / 2) ** 2 + cxy * cxy)
    major, minor = (cxx + cyy) / 2 + spread, (cxx + cyy) / 2 - spread
    if major < 36 * max(minor, 1e-9):
        return 0.0  # not a long line (under 6 to 1): its axis says little
    # image rows grow downwards: a line rising to the right has a negative covariance
    return float(-np.degrees(0.5 * np.arctan2(2 * cxy, cxx - cyy)))


_pool: tuple[int, ThreadPoolExecutor] | None = None
_pool_lock = threading.Lock()


def _one_malloc_arena() -> None:
    """Have glibc's malloc keep one arena for every thread. Each new thread otherwise reserves
    an arena of its own (64 MB of address space), which counts against a sandboxed reader's
    address-space cap: a reader that ran out of it failed on a page it could read."""
    try:
        libc = ctypes.CDLL(None)
        libc.mallopt(ctypes.c_int(-8), ctypes.c_int(1))  # M_ARENA_MAX
    except (OSError, AttributeError):
        pass  # not glibc: nothing to do


def _executor() -> ThreadPoolExecutor:
    """This process's pool of line readers (a pool does not survive a fork: one per pid)."""
    global _pool
    with _pool_lock:
        if _pool is None or _pool[0] != os.getpid():
            _one_malloc_arena()
            _pool = (os.getpid(), ThreadPoolExecutor(THREADS, thread_name_prefix="ppocr-rec"))
        return _pool[1]


def recognise_lines(crops: Sequence[GreyImage], stretch: float = STRETCH) -> list[LineRead]:
    """:func:`recognise_line` of each crop, up to :data:`THREADS` of them at once, in order."""
    read = functools.partial(recognise_line, stretch=stretch)
    if len(crops) <= 1 or THREADS == 1:
        return [read(crop) for crop in crops]
    return list(_executor().map(read, crops))


def recognise_line(crop: GreyImage, stretch: float = STRETCH) -> LineRead:
    """The text in a one-line crop (2-D uint8), with a probability per character, the crop
    widened ``stretch`` times."""
    _det, rec, chars = _sessions()
    height, width = crop.shape
    if height < 4 or width < 4:
        return LineRead("", ())
    new_w = max(REC_HEIGHT, min(int(np.ceil(width * REC_HEIGHT * stretch / height)), 3200))
    resized = np.asarray(
        Image.fromarray(crop).resize((new_w, REC_HEIGHT), Image.Resampling.BICUBIC),
        dtype=np.float32,
    )
    tensor = _normalise(np.repeat(resized[None, None, :, :], 3, axis=1))
    out = rec.run(None, {rec.get_inputs()[0].name: tensor})[0][0]
    step_px = width / max(len(out), 1)
    best = out.argmax(axis=1)
    scores = out.max(axis=1)
    text: list[str] = []
    probs: list[float] = []
    frames: list[int] = []
    starts: list[int] = []
    previous = -1
    for step, (index, score) in enumerate(zip(best.tolist(), scores.tolist(), strict=True)):
        if index == previous and index != 0 and frames:
            frames[-1] += 1
        elif index != 0 and index < len(chars):
            text.append(chars[index])
            probs.append(float(score))
            frames.append(1)
            starts.append(step)
        previous = index
    if frames:
        # CTC writes a doubled letter (NN) as one unless a blank separates them: a character
        # held much longer than the others may be two, so it is not read with confidence
        usual = float(np.median(frames))
        probs = [p * 0.5 if n > 1.8 * usual + 1 else p for p, n in zip(probs, frames, strict=True)]
    return _fill_gaps(text, probs, starts, step_px)


#: A gap between two characters this many times the line's usual pitch (and at least
#: :data:`GAP_FRAMES` time steps wider) is a character the recogniser lost.
GAP = 1.7
GAP_FRAMES = 3
#: More lost in one place is a gap between words, not a lost character.
MAX_LOST = 2
#: What stands in for a lost character: a filler, read with no confidence at all.
LOST = ("<", 0.0)


def _fill_gaps(
    text: list[str], probs: list[float], starts: list[int], step_px: float = 1.0
) -> LineRead:
    """The line with a filler of probability 0 where a character was lost.

    MRZ text is monospaced, so its characters come at a steady pitch; where the recogniser
    skipped one (KOFI read as KFI), the pitch doubles there. A placeholder there keeps the
    line's later characters in their places and says that one character is unknown, so that
    its field is never reported as read with confidence."""
    xs = [(start + 0.5) * step_px for start in starts]
    if len(starts) < 8:
        return LineRead("".join(text), tuple(probs), tuple(xs))
    pitches = np.diff(starts)
    usual = float(np.median(pitches))
    out_text: list[str] = [text[0]]
    out_probs: list[float] = [probs[0]]
    out_xs: list[float] = [xs[0]]
    for i, pitch in enumerate(pitches.tolist(), start=1):
        lost = round(pitch / usual) - 1 if usual > 0 else 0
        if pitch >= GAP * usual and pitch >= usual + GAP_FRAMES and lost <= MAX_LOST:
            count = max(1, lost)
            for k in range(count):
                out_text.append(LOST[0])
                out_probs.append(LOST[1])
                out_xs.append(xs[i - 1] + (xs[i] - xs[i - 1]) * (k + 1) / (count + 1))
        out_text.append(text[i])
        out_probs.append(probs[i])
        out_xs.append(xs[i])
    return LineRead("".join(out_text), tuple(out_probs), tuple(out_xs))
