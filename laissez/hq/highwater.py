"""Document numbers never handed out twice, even after PostgreSQL is restored from an older dump.

A dump holds the number counters and the ranges given out as they were when it was made. Restore
it and the counters go back: the next device to ask would get numbers some other device already
holds, and two travel documents would carry the same number. Two things stop that:

* **A mark outside the database.** Before a range leaves headquarters, the last number of it is
  written (and synced to disk) to ``numbers-<id>.json`` in the state directory
  (``$LAISSEZ_HQ_STATE_DIR``, else systemd's ``$STATE_DIRECTORY``), where ``<id>`` names the
  headquarters by its signing key, which a restored dump keeps. A database restore leaves the
  file alone.
* **Floors from the data itself.** The last number of every range on record, and every number
  on a document a mission reported as issued (``travel_document/issue``), are numbers no
  counter may fall back under.

:func:`reconcile` raises every counter that is below its floor, and says so in the log; it runs
when the service starts (each worker, and ``laissez-hq migrate``, which the systemd unit runs
first). :func:`allocate_range <laissez.hq.sync.allocate_range>` also checks the mark of the
counter it moves, and writes the new mark before the range is returned.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from laissez.hq.db import insert_ignore
from laissez.hq.errors import NumberHighWaterError
from laissez.hq.keys import service_keys
from laissez.hq.models import ChangeRecord, Mission, NumberCounter, NumberRangeRecord
from laissez.protocol.kinds import DOCUMENT_ISSUED
from laissez.protocol.numbers import DIGITS, PREFIX_LENGTH, counter_key

log = logging.getLogger(__name__)

ENV_STATE_DIR = "LAISSEZ_HQ_STATE_DIR"
FORMAT = "laissez-hq-numbers"
#: an ETD number as this headquarters gives them out: three letters of the prefix, six digits
_NUMBER = re.compile(rf"^([A-Z0-9]{{{PREFIX_LENGTH}}})(\d{{{DIGITS}}})$")


@dataclass(frozen=True)
class Raised:
    """A counter that was behind its floor and was moved forward."""

    series: str
    was: int
    now: int


def state_dir() -> Path | None:
    """Where the marks live: ``$LAISSEZ_HQ_STATE_DIR``, else systemd's ``$STATE_DIRECTORY``
    (``StateDirectory=laissez-hq`` in the unit), else None (floors from the data only)."""
    chosen = os.environ.get(ENV_STATE_DIR) or os.environ.get("STATE_DIRECTORY", "").split(":")[0]
    return Path(chosen) if chosen else None


def _marks_path(session: Session, folder: Path) -> Path:
    public = service_keys(session).signing_public
    return folder / f"numbers-{hashlib.sha256(public.encode()).hexdigest()[:16]}.json"


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """An exclusive lock on ``path``'s lock file (workers of one host write in turn)."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path.with_suffix(".lock"), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX)
        except ImportError:  # pragma: no cover - headquarters runs on Linux
            pass
        yield
    finally:
        os.close(fd)


def _read(path: Path) -> dict[str, int]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            raise ValueError("format")
        return {str(k): int(v) for k, v in data["marks"].items()}
    except FileNotFoundError:
        return {}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        # never guess low: a damaged file stops allocation until someone looks at it
        raise NumberHighWaterError(
            f"the record of document numbers handed out ({path}) cannot be read; no range is "
            "given until it is repaired or restored"
        ) from None


def marks(session: Session) -> dict[str, int]:
    """The last number handed out per counter, as the state directory remembers it."""
    folder = state_dir()
    if folder is None:
        return {}
    return _read(_marks_path(session, folder))


def record(session: Session, series: str, last: int) -> None:
    """Remember that numbers up to ``last`` of counter ``series`` were handed out (before the
    range leaves headquarters). A rolled-back allocation leaves a mark a little high: numbers
    are skipped, never given twice."""
    folder = state_dir()
    if folder is None:
        return
    path = _marks_path(session, folder)
    try:
        _write(path, series, last)
    except OSError:
        raise NumberHighWaterError(
            f"the record of document numbers handed out ({path}) cannot be written; no range "
            "is given until it can"
        ) from None


def _write(path: Path, series: str, last: int) -> None:
    with _locked(path):
        current = _read(path)
        if current.get(series, 0) >= last:
            return
        current[series] = last
        tmp = path.with_suffix(".tmp")
        with tmp.open("w", encoding="utf-8") as handle:
            json.dump({"format": FORMAT, "marks": current}, handle, sort_keys=True)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
        directory = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)


def floors(session: Session) -> dict[str, int]:
    """The highest number known to be out, per counter: the marks, every range on record and
    every document number missions reported as issued."""
    found = dict(marks(session))

    def keep(key: str, last: int) -> None:
        found[key] = max(found.get(key, 0), last)

    ranges = session.execute(
        select(NumberRangeRecord.series, Mission.code, func.max(NumberRangeRecord.last))
        .join(Mission, Mission.id == NumberRangeRecord.mission_id)
        .group_by(NumberRangeRecord.series, Mission.code)
    )
    for series, code, last in ranges:
        keep(counter_key(series, code), int(last))
    issued = session.scalars(
        select(ChangeRecord.payload["document_number"].as_string()).where(
            ChangeRecord.entity == DOCUMENT_ISSUED.entity,
            ChangeRecord.operation == DOCUMENT_ISSUED.operation,
        )
    )
    for number in issued:
        match = _NUMBER.match(number or "")
        if match:
            keep(f"etd:{match.group(1)}", int(match.group(2)))
    return found


def raise_to(session: Session, series: str, last: int) -> Raised | None:
    """Move counter ``series`` past ``last`` if it is not already; what changed, if anything."""
    # a prefix counter made here starts where allocate_range would start it: after the former
    # single counter of its series
    legacy = session.scalar(
        select(NumberCounter.next_value).where(NumberCounter.series == series.split(":", 1)[0])
    )
    start = int(legacy) if ":" in series and legacy is not None else 1
    session.execute(insert_ignore(session, NumberCounter, {"series": series, "next_value": start}))
    was = session.scalar(
        select(NumberCounter.next_value).where(NumberCounter.series == series).with_for_update()
    )
    if was is None or int(was) > last:
        return None
    session.execute(
        update(NumberCounter).where(NumberCounter.series == series).values(next_value=last + 1)
    )
    return Raised(series, int(was), last + 1)


def reconcile(session: Session) -> list[Raised]:
    """Raise every counter that is below a number already out (see the module). The caller
    commits. Each raise is logged as a warning: it means the database went back in time."""
    found = floors(session)
    raised = [r for key in sorted(found) if (r := raise_to(session, key, found[key]))]
    for item in raised:
        log.warning(
            "number counter %s was behind numbers already handed out (a restore from an older "
            "dump?): moved from %d to %d, so no number is given twice", item.series, item.was,
            item.now,
        )  # fmt: skip
    return raised
