"""What is sure in an MRZ reading, and what the officer must confirm.

A check digit protects some fields; for the others (names, State codes, a visa's optional
data) only the engines' own confidence and their agreement can say a field was read right.
:func:`guard` judges one PP-OCR reading by its characters' probabilities; :func:`combine`
judges two engines' readings of the same page against each other. Both only ever add doubt
or put back what was printed: a field is never made sure by rewriting it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from laissez.documents.errors import MrzError
from laissez.documents.mrz import parse
from laissez.documents.mrz.charset import FILLER
from laissez.documents.mrz.layouts import FieldSpec, Kind, Layout
from laissez.documents.ocr import onnx
from laissez.documents.ocr.correction import Corrected
from laissez.documents.ocr.lines import fit_layout

#: A character the recogniser gave at least this probability is "read with high confidence".
SURE = 0.9


class ReadLine(Protocol):
    """A line as the recogniser read it: its characters and a probability for each."""

    @property
    def text(self) -> str: ...

    @property
    def probs(self) -> tuple[float, ...]: ...


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
    if spec.kind is Kind.OPTIONAL and not _covering(layout, spec):
        return _LOW_OPTIONAL
    return None


def _covering(layout: Layout, spec: FieldSpec) -> set[str]:
    """The names of the check digits whose spans hold all of ``spec``."""
    return {
        check.name
        for check in layout.checks
        for cover in check.covers
        if cover.line == spec.span.line
        and cover.start <= spec.span.start
        and spec.span.end <= cover.end
    }


def composite_only(layout: Layout, spec: FieldSpec) -> bool:
    """True for optional data no check digit of its own covers, only the composite (a TD2's,
    a TD1's): one digit over thirty characters, which two misreads cancel one time in ten."""
    return spec.kind is Kind.OPTIONAL and _covering(layout, spec) == {"composite"}


#: Corrections that rewrite a character the engine may have read right (not those a position's
#: character class forces, such as O for 0 in a date).
_REWRITES = ("check_digit", "vote", "state_code", "second_engine")


def guard(found: Corrected, lines: Sequence[ReadLine]) -> Corrected:
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
        _in_doubt(found, name)
    return found


def _in_doubt(found: Corrected, name: str) -> None:
    """Put field ``name`` of ``found`` in doubt: low confidence, uncertain and ambiguous."""
    found.confidence[name] = min(found.confidence.get(name, 1.0), 0.4)
    if name not in found.uncertain:
        found.uncertain = (*found.uncertain, name)
    if name not in found.ambiguous:
        found.ambiguous = (*found.ambiguous, name)


def better(a: Corrected, b: Corrected) -> bool:
    """True when reading ``a`` is better than ``b``: a layout, then check digits passing,
    then fewer fields in doubt."""

    def rank(c: Corrected) -> tuple[int, int, int]:
        if c.layout is None:
            return (0, 0, 0)
        return (1, 1 if c.checks_pass else 0, -len(c.uncertain))

    return rank(a) > rank(b)


def combine(first: Corrected, second: Corrected) -> Corrected:
    """The better of two engines' readings of a page, its letters checked against the other.

    ``first`` is PP-OCR's reading, ``second`` tesseract's. For a field no check digit
    protects (or only the composite): when the other engine read the same layout and the
    same characters there, the field is certain even if one engine doubted it; when the other
    engine read something else there, the field is uncertain, unless the other is tesseract
    and unsure there, or PP-OCR, unsure there, and the two differ only where PP-OCR lost a
    character or PP-OCR's check digits fail (its lines out of place); when the other engine
    read no such layout, the chosen reading's own confidence stands."""
    if second.layout is None and first.layout is None:
        return first
    if first.layout is None or (second.layout is not None and better(second, first)):
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
    # a field a check digit protects, read differently by the other engine where its own
    # check digit passes too: the check digit cannot tell them apart (S and 8 count the same
    # modulo 10, ES8160106 and E88160106 both pass), so which is printed is in doubt
    # (unless the other engine doubts its own reading there: then it is no evidence)
    theirs_pass = _passing_checks(other.lines) - set(other.uncertain) if same else set()
    for spec in layout.fields:
        if spec.name in theirs_pass and doubt_bar(layout, spec) is None:
            if spec.span.take(list(chosen.lines)) != spec.span.take(list(other.lines)):
                _in_doubt(chosen, spec.name)
    for spec in layout.fields:
        if doubt_bar(layout, spec) is None and not composite_only(layout, spec):
            continue
        name = spec.name
        if name in filled:
            continue
        if same and spec.span.take(list(chosen.lines)) == spec.span.take(list(other.lines)):
            chosen.uncertain = tuple(n for n in chosen.uncertain if n != name)
            chosen.ambiguous = tuple(n for n in chosen.ambiguous if n != name)
            chosen.confidence[name] = max(chosen.confidence.get(name, 0.0), 0.9)
        elif not same or (other is second and name in other.uncertain):
            continue  # the other engine read no such zone, or is tesseract and unsure there
        elif (
            other is first
            and name in other.uncertain
            and not (other.checks_pass and _differs(spec, chosen, other))
        ):
            # PP-OCR only lost characters that tesseract's two engines read, or its lines
            # are out of place (its check digits fail): no evidence
            continue
        elif name not in chosen.uncertain:
            # the engines read it differently: even where PP-OCR was unsure of a letter of
            # it, the two disagree about what is printed (tesseract read a stray mark before
            # HADDAD as a K where PP-OCR, which lost a later letter, read HADDAD)
            _in_doubt(chosen, name)
    return chosen


def _differs(spec: FieldSpec, chosen: Corrected, other: Corrected) -> bool:
    """True when ``other`` reads a character of field ``spec`` otherwise than ``chosen``,
    apart from the characters ``other`` lost (unread)."""
    span = spec.span
    mine = chosen.lines[span.line - 1]
    theirs = other.lines[span.line - 1]
    return any(
        mine[col - 1] != theirs[col - 1]
        for col in range(span.start, span.end + 1)
        if (span.line, col) not in other.unread
    )


def _passing_checks(lines: tuple[str, ...]) -> set[str]:
    """The fields of ``lines`` whose own check digit passes (none when they do not parse)."""
    try:
        result = parse(list(lines))
    except MrzError:
        return set()
    return {check.name for check in result.checks if check.ok}
