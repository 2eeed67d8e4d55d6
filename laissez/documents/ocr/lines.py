"""MRZ text lines from OCR output: cleaning, layout fitting, length repair, name fillers.

These are the text-level steps before and after the character search of
:mod:`laissez.documents.ocr.correction`.
"""

from __future__ import annotations

from collections.abc import Sequence

from laissez.documents.mrz.charset import DIGITS, FILLER, LETTERS, check_digit, is_mrz_text
from laissez.documents.mrz.layouts import LAYOUTS, Kind, Layout, MrzFormat

_ALNUM = DIGITS | LETTERS
#: Letters OCR reads in place of a ``<`` filler.
FILLER_LOOKALIKES = frozenset("KXCLEZ")
#: A read: its lines (brought to the layout's length) and a weight per line.
Read = tuple[Sequence[str], tuple[float, ...]]


def clean_lines(text: str) -> list[str]:
    """OCR text to candidate MRZ lines: upper case, spaces removed, look-alike fillers mapped
    (``«`` and ``>`` become ``<``), lines shorter than 20 characters dropped."""
    out = []
    for raw in text.splitlines():
        line = raw.upper().replace(" ", "").replace("«", "<<").replace(">", "<")
        line = "".join(c for c in line if c in _ALNUM or c == FILLER)
        if len(line) >= 20:
            out.append(line)
    return out


def fit_layout(lines: Sequence[str]) -> tuple[Layout, list[str], float] | None:
    """The layout that fits a window of ``lines`` best: ``(layout, window, misfit)``.

    ``misfit`` is the mean number of characters by which the lines miss the layout's length.
    Returns None when no window of 2 or 3 lines is within 6 characters a line of a layout.
    """
    best: tuple[float, Layout, list[str]] | None = None
    for count in (3, 2):
        for start in range(len(lines) - count + 1):
            window = list(lines[start : start + count])
            lengths = (30,) if count == 3 else (36, 44)
            for length in lengths:
                misses = [abs(len(line) - length) for line in window]
                if max(misses) > 6:
                    continue
                misfit = sum(misses) / count - (0.5 if count == 3 else 0.0)
                visa = window[0][:1] == "V"
                if count == 3:
                    layout = LAYOUTS[MrzFormat.TD1]
                elif length == 44:
                    layout = LAYOUTS[MrzFormat.MRVA if visa else MrzFormat.TD3]
                else:
                    layout = LAYOUTS[MrzFormat.MRVB if visa else MrzFormat.TD2]
                if best is None or misfit < best[0]:
                    best = (misfit, layout, window)
    if best is None:
        return None
    return best[1], best[2], max(best[0], 0.0)


def fix_length(line: str, length: int) -> str:
    """Pad or trim ``line`` to ``length`` inside its longest (right-most) filler run, or at the
    end when it has none."""
    while len(line) != length:
        run_start, run_len = _longest_filler_run(line)
        if len(line) > length:
            if run_len >= 2:
                line = line[:run_start] + line[run_start + 1 :]
            else:
                line = line[:length]
        elif run_len >= 1:
            line = line[:run_start] + FILLER + line[run_start:]
        else:
            line = line + FILLER * (length - len(line))
    return line


def line_classes(layout: Layout, line_no: int) -> list[frozenset[str]]:
    """The characters allowed at each position of line ``line_no`` (1-based) of ``layout``."""
    letters = LETTERS | {FILLER}
    by_kind = {
        Kind.DOC_CODE: letters, Kind.STATE: letters, Kind.NAME: letters,
        Kind.CHECK: DIGITS | {FILLER}, Kind.DATE: DIGITS, Kind.SEX: frozenset("FMX<"),
        Kind.NUMBER: _ALNUM | {FILLER}, Kind.OPTIONAL: _ALNUM | {FILLER},
    }  # fmt: skip
    out: list[frozenset[str]] = [_ALNUM | {FILLER}] * layout.length
    for spec in layout.fields:
        if spec.span.line == line_no:
            for col in range(spec.span.start, spec.span.end + 1):
                out[col - 1] = by_kind[spec.kind]
    return out


def fit_line(line: str, layout: Layout, line_no: int) -> str:
    """Bring line ``line_no`` (1-based) to ``layout``'s length by deleting or inserting (a
    filler) where the most characters then fit their position's class and the most check
    digits of that line pass; ties go to the longest filler run. Lines more than 3 characters
    off are only padded or trimmed."""
    length = layout.length
    classes = line_classes(layout, line_no)
    checks = [
        (c.digit.start - 1, [(s.start - 1, s.end) for s in c.covers])
        for c in layout.checks
        if c.digit.line == line_no and all(s.line == line_no for s in c.covers)
    ]

    def fit(text: str) -> int:
        score = sum(1 for c, allowed in zip(text, classes, strict=False) if c in allowed)
        for digit, covers in checks:
            data = "".join(text[a:b] for a, b in covers)
            if digit < len(text) and is_mrz_text(data) and check_digit(data) == text[digit]:
                score += 3
        return score

    while len(line) != length:
        if abs(len(line) - length) > 3:
            return fix_length(line, length)
        longer = len(line) > length
        best = fix_length(line, len(line) - 1 if longer else len(line) + 1)
        best_fit: float = fit(best) + 0.5
        for i in range(len(line) + (0 if longer else 1)):
            trial = line[:i] + line[i + 1 :] if longer else line[:i] + FILLER + line[i:]
            score: float = fit(trial)
            if longer and line[i] in line[max(i - 1, 0) : i] + line[i + 1 : i + 2]:
                score += 0.25  # a doubled character is a common misread (M as 11, W as VV)
            if score > best_fit:
                best, best_fit = trial, score
        line = best
    return line


def _longest_filler_run(line: str) -> tuple[int, int]:
    best = (len(line), 0)
    i = 0
    while i < len(line):
        if line[i] == FILLER:
            j = i
            while j < len(line) and line[j] == FILLER:
                j += 1
            if j - i >= best[1]:
                best = (i, j - i)
            i = j
        else:
            i += 1
    return best


def normalise_reads(texts: Sequence[str]) -> tuple[Layout, list[Read]] | None:
    """Pick the layout most reads agree on and bring every read that fits it to its shape.

    Each read becomes ``(lines, weight per line)``; a line that had to be padded or trimmed
    weighs less. Returns None when no read looks like an MRZ.
    """
    fits = []
    for text in texts:
        fitted = fit_layout(clean_lines(text))
        if fitted is not None:
            fits.append(fitted)
    if not fits:
        return None
    votes: dict[MrzFormat, float] = {}
    for layout, _, misfit in fits:
        votes[layout.format] = votes.get(layout.format, 0.0) + 1.0 / (1.0 + misfit)
    fmt = max(votes, key=lambda f: votes[f])
    layout = LAYOUTS[fmt]
    reads: list[Read] = []
    for fitted_layout, window, _misfit in fits:
        if fitted_layout.format is not fmt:
            continue
        lines = [fit_line(line, layout, number) for number, line in enumerate(window, start=1)]
        # a line whose length was wrong is probably misaligned: it barely votes
        weights = tuple(1.0 if len(raw) == layout.length else 0.2 for raw in window)
        reads.append((lines, weights))
    if reads and len(reads) > 1:
        # the first read is the primary one; break ties in its favour
        reads[0] = (reads[0][0], tuple(w * 1.01 for w in reads[0][1]))
    return layout, reads


def fix_name(name: str) -> tuple[str, list[tuple[int, str]]]:
    """Apply the filler rules to a name field; returns the name and (offset, reason) changes."""
    chars = list(name)
    changes: list[tuple[int, str]] = []
    # Letter groups, and the filler run before each.
    groups: list[tuple[int, int, int]] = []  # (start, end, fillers before)
    i, run = 0, 0
    while i < len(chars):
        if chars[i] == FILLER:
            run += 1
            i += 1
            continue
        j = i
        while j < len(chars) and chars[j] != FILLER:
            j += 1
        groups.append((i, j, run))
        run = 0
        i = j
    # A tail of look-alikes reaching the end of the field is a misread filler run
    # (``<K<K<KLLLLLL``): a real name field ends with fillers unless truncated.
    tail_noise: set[int] = set()
    if groups and groups[-1][1] == len(chars):
        last = groups[-1]
        text = "".join(chars[last[0] : last[1]])
        if len(groups) > 1 and len(text) >= 3 and set(text) <= FILLER_LOOKALIKES:
            tail_noise.add(len(groups) - 1)
            for n in range(len(groups) - 2, 0, -1):
                start, end, _ = groups[n]
                if end - start <= 2 and set(chars[start:end]) <= FILLER_LOOKALIKES:
                    tail_noise.add(n)
                else:
                    break
    separator_seen = False
    for n, (start, end, before) in enumerate(groups):
        text = "".join(chars[start:end])
        noise = n > 0 and len(text) <= 2 and set(text) <= FILLER_LOOKALIKES
        noise = noise and (before >= 3 or (separator_seen and before >= 2))
        if noise or n in tail_noise:
            for k in range(start, end):
                chars[k] = FILLER
                changes.append((k, "filler"))
            continue
        if n > 0 and before >= 2:
            separator_seen = True
    core = "".join(chars).rstrip(FILLER)
    if FILLER * 2 not in core:
        # A lost primary/secondary separator read as K< or X< (or <K, <X).
        for k in range(1, len(core) - 1):
            pair = core[k : k + 2]
            if pair in ("K<", "X<") and core[k - 1] in LETTERS and k + 2 < len(core):
                chars[k] = FILLER
                changes.append((k, "name_separator"))
                break
            if pair in ("<K", "<X") and k + 2 < len(core) and core[k + 2] in LETTERS:
                chars[k + 1] = FILLER
                changes.append((k + 1, "name_separator"))
                break
    return "".join(chars), changes
