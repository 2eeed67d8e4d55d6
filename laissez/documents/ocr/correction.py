"""Correct OCR reads of an MRZ with what the format knows, and say where doubt remains.

Input: one or more OCR reads of the same zone (raw text lines). Output: the most likely lines,
the corrections applied (by line, position and reason, never by value), a confidence per field
and the fields that stay uncertain.

How it decides:

1. The layout (TD1, TD2, TD3, MRV-A, MRV-B) comes from the line count and lengths; lines of the
   wrong length are padded or trimmed inside their longest filler run.
2. Every position has a character class from :data:`~laissez.documents.mrz.layouts.LAYOUTS`
   (digit, letter, alphanumeric, filler). The candidates at a position are the characters the
   reads saw there and their OCR look-alikes (0/O/Q/D, 1/I/L, 2/Z, 5/S, 8/B, 6/G, ``<``/K/X/C),
   restricted to that class. A candidate's cost is the mean distance to what the reads saw.
3. For each check-digit group (document number, dates, optional data), candidate strings that
   pass the check digit (and, for dates, make a real date) are enumerated cheapest first; the
   composite check digit then chooses among the groups' candidates. Data only the composite
   covers (TD1/TD2 optional data) keeps its cheapest reading, so that it cannot absorb an error
   elsewhere; a check digit made to pass by guessing (more than one character changed for one
   check digit, however cheap the changes, or a changed composite digit) is reported as doubt,
   not as a correction.
4. Fields without a check digit (names, codes, sex) take the cheapest candidate, then
   format rules: a look-alike letter in a filler run becomes ``<``, a missing ``<<`` name
   separator read as ``K<``/``X<`` is restored, a State code that Doc 9303 does not define is
   replaced by the nearest one that it does.

When two equally cheap readings both pass every check, the fields where they differ are
reported as uncertain; the result is never called valid when a check digit fails.
"""

from __future__ import annotations

import datetime as dt
import heapq
import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from laissez.documents import codes
from laissez.documents.mrz.charset import DIGITS, FILLER, LETTERS, check_digit
from laissez.documents.mrz.dates import DateRole, parse_date
from laissez.documents.mrz.layouts import CheckSpec, Kind, Layout, MrzFormat
from laissez.documents.ocr.lines import (
    FILLER_LOOKALIKES,
    Read,
    fix_name,
    normalise_reads,
)

_ALNUM = DIGITS | LETTERS
#: For each character, the characters OCR mistakes it for (likeliest first).
CONFUSIONS: dict[str, str] = {
    "0": "OQDUC8", "1": "ILTJ7", "2": "Z7", "3": "8B9", "4": "A1", "5": "S6", "6": "G58",
    "7": "1TZ", "8": "B360", "9": "803", "O": "0QDCU", "Q": "O0D", "D": "0OB", "U": "0OV",
    "I": "1LTJ", "L": "1I<E", "T": "17I", "J": "1I", "Z": "27", "S": "5", "B": "83DER",
    "G": "6CO", "A": "4", "C": "<GO0", "K": "<XR", "X": "<K", "E": "FL<B", "F": "EP",
    "M": "NHW", "N": "MH", "H": "MN", "V": "UY", "Y": "V", "W": "M", "P": "FR", "R": "PKB",
    "<": "KXCLE",
}  # fmt: skip
#: Cost of a substitution between look-alikes, and between any other pair.
NEAR, FAR = 1.0, 2.5
#: Cost of turning a letter into the digit it looks like where only a digit may stand (and
#: back): the character class already says which one is meant.
FORCED = 0.3
#: How much dearer than the cheapest reading a group's candidates may be.
MAX_EXTRA = 2.6
#: Candidates kept per group for the composite check.
TOP_K = 8
#: Costs closer than this count as a tie.
TIE = 0.05
#: Extra cost beyond which a reading that passes its check digit is still a guess.
GUESS_LIMIT = 1.9


@dataclass(frozen=True)
class Correction:
    """One change made to the OCR text: where and why, never the characters.

    Attributes:
        line, position: 1-based place in the MRZ.
        field: the MRZ field that position belongs to.
        reason: ``character_class`` (a letter where a digit must be, or the reverse),
            ``check_digit`` (chosen because the check digits pass), ``filler`` (look-alike
            letter in a filler run), ``name_separator``, ``state_code``, ``length`` (line
            padded or trimmed) or ``vote`` (reads disagreed).
    """

    line: int
    position: int
    field: str
    reason: str

    def as_dict(self) -> dict[str, object]:
        """JSON-ready form."""
        return {
            "line": self.line,
            "position": self.position,
            "field": self.field,
            "reason": self.reason,
        }


@dataclass
class Corrected:
    """The outcome of :func:`correct`.

    Attributes:
        layout: the layout chosen, or None when no read looked like an MRZ.
        lines: the corrected lines (empty when no layout was found).
        corrections: every change, in reading order.
        confidence: per field (``document_number``, ``name`` ...), 0..1.
        uncertain: fields the officer must confirm (low confidence or ambiguous).
        ambiguous: check-protected fields where two readings pass every check equally well.
        checks_pass: True when every check digit passes for the chosen lines.
        unread: places (line, position) the engine skipped, held by a stand-in filler.
    """

    layout: Layout | None
    lines: tuple[str, ...] = ()
    corrections: list[Correction] = field(default_factory=list)
    confidence: dict[str, float] = field(default_factory=dict)
    uncertain: tuple[str, ...] = ()
    ambiguous: tuple[str, ...] = ()
    checks_pass: bool = False
    unread: tuple[tuple[int, int], ...] = ()


# --------------------------------------------------------------------------- candidates


def _allowed(kind: Kind, fmt: MrzFormat, name: str, offset: int) -> frozenset[str]:
    if kind is Kind.DOC_CODE:
        if offset == 0:
            return frozenset("V" if fmt in (MrzFormat.MRVA, MrzFormat.MRVB) else "P" if fmt is
                             MrzFormat.TD3 else "ACIP")  # fmt: skip
        return LETTERS | {FILLER}
    if kind in (Kind.STATE, Kind.NAME):
        return LETTERS | {FILLER}
    if kind in (Kind.CHECK, Kind.DATE):
        return DIGITS | {FILLER}
    if kind is Kind.SEX:
        return frozenset("FMX<")  # X: unspecified (Doc 9303 Part 4, 8th edition)
    return _ALNUM | {FILLER}


def _distance(seen: str, cand: str, allowed: frozenset[str]) -> float:
    if seen == cand:
        return 0.0
    alike = CONFUSIONS.get(seen, "")
    if seen not in allowed and cand in alike:
        # the class says the seen character cannot stand here: the look-alike is meant (the
        # first look-alike listed is the likeliest)
        return FORCED + 0.05 * alike.index(cand)
    return NEAR if cand in alike else FAR


@dataclass
class _Position:
    line: int
    col: int
    field: str
    kind: Kind
    candidates: list[tuple[float, str]]  # sorted by cost
    agreement: float  # share of reads (by weight) that saw the chosen character


def _positions(layout: Layout, reads: Sequence[Read]) -> list[_Position]:
    out: list[_Position] = []
    for spec in layout.fields:
        span = spec.span
        total = sum(w[span.line - 1] for _, w in reads) or 1.0
        for col in range(span.start, span.end + 1):
            offset = col - span.start
            allowed = _allowed(spec.kind, layout.format, spec.name, offset)
            seen: dict[str, float] = {}
            for lines, weights in reads:
                char = lines[span.line - 1][col - 1]
                seen[char] = seen.get(char, 0.0) + weights[span.line - 1]
            if spec.kind in (Kind.OPTIONAL, Kind.NUMBER) and _in_filler_run(
                reads, span.line, col, span.start
            ):
                # K and U weigh 0 mod 10 in a check digit, like <: only context tells them apart
                seen = {FILLER if s in FILLER_LOOKALIKES | {"U"} else s: w for s, w in seen.items()}
            pool = set(seen) | {c for s in seen for c in CONFUSIONS.get(s, "")}
            pool &= allowed
            if not pool:
                pool = set(allowed)
            scored = []
            for cand in pool:
                cost = sum(w * _distance(s, cand, allowed) for s, w in seen.items()) / total
                scored.append((round(cost, 4), cand))
            scored.sort()
            best = scored[0][0]
            kept = [sc for sc in scored if sc[0] <= best + MAX_EXTRA][:6]
            agreement = seen.get(kept[0][1], 0.0) / total
            out.append(_Position(span.line, col, spec.name, spec.kind, kept, agreement))
    return out


def _in_filler_run(reads: Sequence[Read], line: int, col: int, start: int = 1) -> bool:
    """True when, in the heaviest read, both neighbours of the place are fillers (or the line
    edge, or the start of its field) and at least one side has two fillers."""
    lines = max(reads, key=lambda r: r[1][line - 1])[0]
    text = lines[line - 1]
    i = col - 1
    if col == start and text[i + 1 : i + 3] == FILLER * 2:
        return True
    left = text[max(i - 2, 0) : i]
    right = text[i + 1 : i + 3]
    left_ok = i == 0 or text[i - 1] == FILLER
    right_ok = i == len(text) - 1 or text[i + 1] == FILLER
    return (
        left_ok and right_ok and (left == FILLER * 2 or right == FILLER * 2 or i == len(text) - 1)
    )


# --------------------------------------------------------------------------- search


def _enumerate(
    positions: Sequence[_Position],
    accept: Callable[[str], bool],
    limit: int = TOP_K,
    budget: int = 20000,
) -> list[tuple[float, str]]:
    """Candidate strings over ``positions``, cheapest first, that ``accept`` takes."""
    if not positions:
        return [(0.0, "")] if accept("") else []
    base = sum(p.candidates[0][0] for p in positions)
    # Best-first over "extra cost" per position, with the cost cap MAX_EXTRA.
    deltas = [[(c - p.candidates[0][0], ch) for c, ch in p.candidates] for p in positions]
    start = tuple(0 for _ in positions)
    heap: list[tuple[float, tuple[int, ...]]] = [(0.0, start)]
    seen = {start}
    found: list[tuple[float, str]] = []
    steps = 0
    while heap and len(found) < limit and steps < budget:
        extra, idx = heapq.heappop(heap)
        steps += 1
        text = "".join(deltas[i][j][1] for i, j in enumerate(idx))
        if accept(text):
            found.append((round(base + extra, 4), text))
        for i, j in enumerate(idx):
            if j + 1 < len(deltas[i]):
                nxt = (*idx[:i], j + 1, *idx[i + 1 :])
                if nxt in seen:
                    continue
                cost = extra - deltas[i][j][0] + deltas[i][j + 1][0]
                if cost <= MAX_EXTRA:
                    seen.add(nxt)
                    heapq.heappush(heap, (cost, nxt))
    return found


@dataclass
class _Group:
    name: str  # check name, or the field name for unprotected composite parts
    positions: list[_Position]
    options: list[tuple[float, str]]
    passed: bool  # options pass their own check


def _check_ok(data: str, digit: str, optional: bool) -> bool:
    if optional and set(data) <= {FILLER} and digit in (FILLER, "0"):
        return True
    if digit == FILLER:
        return False
    try:
        return check_digit(data) == digit
    except ValueError:
        return False


def _date_ok(text: str, role: DateRole, today: dt.date) -> bool:
    value, problem, _ = parse_date(text, role, today)
    if problem is not None or value is None:
        return False
    if role is DateRole.BIRTH and value.complete:
        born = value.as_date()
        return born is not None and born <= today
    return True


def _groups(
    layout: Layout, by_place: dict[tuple[int, int], _Position], today: dt.date
) -> tuple[list[_Group], CheckSpec | None]:
    composite = next((c for c in layout.checks if c.name == "composite"), None)
    groups: list[_Group] = []
    taken: set[tuple[int, int]] = set()
    for spec in layout.checks:
        if spec.name == "composite":
            continue
        places = [(s.line, col) for s in spec.covers for col in range(s.start, s.end + 1)]
        places.append((spec.digit.line, spec.digit.start))
        positions = [by_place[p] for p in places]
        role = {"date_of_birth": DateRole.BIRTH, "date_of_expiry": DateRole.EXPIRY}.get(spec.name)
        optional = spec.name == "optional_data"

        number = spec.name == "document_number"

        def accept(
            text: str,
            role: DateRole | None = role,
            optional: bool = optional,
            number: bool = number,
        ) -> bool:
            data, digit = text[:-1], text[-1]
            if role is not None and not _date_ok(data, role, today):
                return False
            if number and FILLER in data.rstrip(FILLER):
                return False  # a document number is padded at its end, never inside
            return _check_ok(data, digit, optional)

        options = _enumerate(positions, accept)
        passed = bool(options)
        if not options:
            options = _enumerate(positions, lambda _t: True, limit=3)
        groups.append(_Group(spec.name, positions, options, passed))
        taken.update(places)
    if composite is not None:
        rest: dict[str, list[_Position]] = {}
        for span in composite.covers:
            for col in range(span.start, span.end + 1):
                if (span.line, col) not in taken:
                    pos = by_place[(span.line, col)]
                    rest.setdefault(pos.field, []).append(pos)
        for name, positions in rest.items():
            # Data only the composite covers keeps its cheapest reading: letting it vary would
            # let it absorb an error elsewhere and make a wrong MRZ pass.
            options = _enumerate(positions, lambda _t: True, limit=1)
            groups.append(_Group(name, positions, options, True))
    return groups, composite


def _composite_choice(
    groups: list[_Group], composite: CheckSpec, by_place: dict[tuple[int, int], _Position]
) -> tuple[list[int], list[list[int]], str] | None:
    """Option index chosen per group, the other choices that tie with it, and the composite
    check digit."""
    index: dict[tuple[int, int], int] = {}
    for span in composite.covers:
        for col in range(span.start, span.end + 1):
            index[(span.line, col)] = len(index)
    weights = (7, 3, 1)

    def partial(group: _Group, text: str) -> int:
        total = 0
        for pos, char in zip(group.positions, text, strict=True):
            i = index.get((pos.line, pos.col))
            if i is not None:
                value = (
                    ord(char) - 48 if char in DIGITS else ord(char) - 55 if char in LETTERS else 0
                )
                total += value * weights[i % 3]
        return total % 10

    tables = [[(cost, partial(g, text)) for cost, text in g.options] for g in groups]
    digit_pos = by_place[(composite.digit.line, composite.digit.start)]
    digits = [(c, ch) for c, ch in digit_pos.candidates if ch in DIGITS]
    solutions: list[tuple[float, list[int]]] = []
    for combo in itertools.product(*(range(len(t)) for t in tables)):
        cost = sum(tables[g][i][0] for g, i in enumerate(combo))
        value = sum(tables[g][i][1] for g, i in enumerate(combo)) % 10
        for dcost, digit in digits:
            if int(digit) == value:
                solutions.append((cost + dcost, [*combo, digits.index((dcost, digit))]))
    if not solutions:
        return None
    solutions.sort(key=lambda s: s[0])
    best = solutions[0]
    ties = [s[1] for s in solutions[1:] if s[0] <= best[0] + TIE]
    return best[1][:-1], [t[:-1] for t in ties], digits[best[1][-1]][1]


# --------------------------------------------------------------------------- unprotected fields


def _fix_state(positions: Sequence[_Position]) -> tuple[str, bool, bool]:
    """The State code: ``(code, changed, ambiguous)``."""
    cheapest = "".join(p.candidates[0][1] for p in positions)
    if codes.lookup(cheapest) is not None:
        return cheapest, False, False
    options = _enumerate(positions, lambda t: codes.lookup(t) is not None, limit=2)
    if not options:
        return cheapest, False, True
    ambiguous = len(options) > 1 and options[1][0] <= options[0][0] + TIE
    return options[0][1], True, ambiguous


# --------------------------------------------------------------------------- main entry


def correct(texts: Sequence[str], *, today: dt.date | None = None) -> Corrected:
    """Correct one or more OCR reads (raw text) of the same MRZ; see the module docstring."""
    today = today or dt.date.today()
    normalised = normalise_reads(texts)
    if normalised is None:
        return Corrected(layout=None)
    layout, reads = normalised
    positions = _positions(layout, reads)
    by_place = {(p.line, p.col): p for p in positions}
    chosen: dict[tuple[int, int], str] = {k: p.candidates[0][1] for k, p in by_place.items()}
    reasons: dict[tuple[int, int], str] = {}
    groups, composite = _groups(layout, by_place, today)
    ambiguous: set[str] = set()
    picks = [0] * len(groups)
    composite_ok = composite is None
    if composite is not None:
        decided = _composite_choice(groups, composite, by_place)
        if decided is not None:
            picks, ties, digit = decided
            composite_ok = True
            place = (composite.digit.line, composite.digit.start)
            digit_pos = by_place[place]
            if digit != digit_pos.candidates[0][1]:
                cost = dict((c, k) for k, c in digit_pos.candidates).get(digit, FAR)
                if cost - digit_pos.candidates[0][0] >= NEAR - TIE:
                    # the composite digit was guessed to make the checks pass
                    ambiguous.add("composite")
            chosen[place] = digit
            for tie in ties:
                for g, (a, b) in enumerate(zip(picks, tie, strict=True)):
                    if a != b:
                        ambiguous.add(groups[g].name)
    for g, group in enumerate(groups):
        if composite is None and group.passed and len(group.options) > 1:
            if group.options[1][0] <= group.options[0][0] + TIE:
                ambiguous.add(group.name)
        if group.options and group.positions:
            base = sum(p.candidates[0][0] for p in group.positions)
            extra = group.options[picks[g]][0] - base
            others = [c for i, (c, _) in enumerate(group.options) if i != picks[g]]
            if extra >= GUESS_LIMIT or (
                extra >= NEAR - TIE and any(c <= group.options[picks[g]][0] + NEAR for c in others)
            ):
                # the check digit was made to pass by guessing: say so
                ambiguous.add(group.name)
        text = group.options[picks[g]][1] if group.options else ""
        rewritten = 0
        for pos, char in zip(group.positions, text, strict=False):
            chosen[(pos.line, pos.col)] = char
            if char != pos.candidates[0][1]:
                reasons[(pos.line, pos.col)] = "check_digit"
                rewritten += 1
        if rewritten > 1:
            # more than one character changed to satisfy one check digit: a guess, whatever
            # it cost
            ambiguous.add(group.name)
    lines = [list(FILLER * layout.length) for _ in range(layout.lines)]
    for (line, col), char in chosen.items():
        lines[line - 1][col - 1] = char
    # Fields no check digit protects.
    heuristic: dict[str, int] = {}
    for spec in layout.fields:
        span = spec.span
        if spec.kind is Kind.NAME:
            text = "".join(lines[span.line - 1][span.start - 1 : span.end])
            fixed, changes = fix_name(text)
            for offset, reason in changes:
                lines[span.line - 1][span.start - 1 + offset] = fixed[offset]
                reasons[(span.line, span.start + offset)] = reason
                heuristic[spec.name] = heuristic.get(spec.name, 0) + (
                    3 if reason == "name_separator" else 1
                )
        elif spec.kind is Kind.STATE:
            state_positions = [by_place[(span.line, c)] for c in range(span.start, span.end + 1)]
            code, changed, doubtful = _fix_state(state_positions)
            if doubtful:
                ambiguous.add(spec.name)
            for offset, char in enumerate(code):
                if changed and lines[span.line - 1][span.start - 1 + offset] != char:
                    reasons[(span.line, span.start + offset)] = "state_code"
                    heuristic[spec.name] = heuristic.get(spec.name, 0) + 2
                lines[span.line - 1][span.start - 1 + offset] = char
        elif spec.kind is Kind.DOC_CODE:
            second = lines[span.line - 1][span.start]
            if second in "KX":
                lines[span.line - 1][span.start] = FILLER
                reasons[(span.line, span.start + 1)] = "filler"
                heuristic[spec.name] = 1
    final = tuple("".join(line) for line in lines)
    return _finish(layout, final, reads, by_place, reasons, groups, ambiguous, heuristic,
                   composite_ok)  # fmt: skip


def _finish(
    layout: Layout,
    final: tuple[str, ...],
    reads: Sequence[Read],
    by_place: dict[tuple[int, int], _Position],
    reasons: dict[tuple[int, int], str],
    groups: list[_Group],
    ambiguous: set[str],
    heuristic: dict[str, int],
    composite_ok: bool,
) -> Corrected:
    corrections: list[Correction] = []
    agreement: dict[str, list[float]] = {}
    primary = reads[0][0]
    for (line, col), pos in sorted(by_place.items()):
        char = final[line - 1][col - 1]
        total = sum(w[line - 1] for _, w in reads) or 1.0
        seen: dict[str, float] = {}
        for lines, weights in reads:
            s = lines[line - 1][col - 1]
            seen[s] = seen.get(s, 0.0) + weights[line - 1]
        first = primary[line - 1][col - 1]
        share = seen.get(char, 0.0) / total
        owner = pos.field.removesuffix("_check")
        agreement.setdefault(owner, []).append(share)
        if char != first:
            reason = reasons.get((line, col))
            if reason is None:
                allowed = _allowed(pos.kind, layout.format, pos.field, col - 1)
                if first not in allowed:
                    reason = "character_class"
                elif seen.get(char, 0.0) > 0:
                    reason = "vote"
                else:
                    reason = "check_digit"
            corrections.append(Correction(line, col, pos.field, reason))
    failed = {g.name for g in groups if not g.passed}
    protected = {g.name for g in groups}
    confidence: dict[str, float] = {}
    for spec in layout.fields:
        name = spec.name
        if name.endswith("_check"):
            continue
        shares = agreement.get(name, [1.0])
        mean = sum(shares) / len(shares)
        if name in ambiguous:
            value = 0.3
        elif name in failed or (name in protected and not composite_ok):
            value = 0.2
        elif name in protected:
            value = 0.99 if min(shares) >= 0.99 else 0.9
        else:
            value = 0.95 - 0.5 * (1.0 - mean) - 0.1 * heuristic.get(name, 0)
        confidence[name] = round(min(max(value, 0.05), 0.99), 2)
    uncertain = tuple(name for name, value in confidence.items() if value < 0.75) + tuple(
        sorted(name for name in ambiguous if name not in confidence)
    )
    return Corrected(
        layout=layout,
        lines=final,
        corrections=corrections,
        confidence=confidence,
        uncertain=uncertain,
        ambiguous=tuple(sorted(ambiguous)),
        checks_pass=composite_ok and not failed,
    )
