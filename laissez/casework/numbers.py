"""Document numbers: every ETD number comes from a range headquarters gave this device.

Headquarters hands out ranges from one row-locked counter per series, so no two devices
(of one mission or of two) ever hold the same number. ``take_document_number`` takes the next
unused number of the device's ranges (``laissez.storage.sync.state.take_number``) in the
issue transaction itself, and formats it for the TD2 MRZ document-number field: the mission
code's first three letters and the number, zero-padded to nine characters (``DAC000042``).

Never reused:

* ``next_free`` of a range only ever moves forward, in the same transaction that writes the
  travel document, its seal and its ``original`` print event. A voided or revoked document
  keeps its number (the row stays; voiding never gives a number back).
* If the issue transaction rolls back (gate, a printing error, a crash before the commit),
  the range's ``next_free`` rolls back with it and the next issue takes the same number. That
  is safe because nothing carried that number out of the transaction: the PDF is returned
  only after the commit (``issue_document`` returns from inside the transaction's ``with``
  block, so a failed commit raises instead of returning), no row, audit event or outbox
  entry with the number survives, and a reprint needs a committed document.

When no number is left the issue transition raises ``NoDocumentNumbersError`` before writing
anything. ``number_notice`` is a gate-like warning (not a block) once fewer than
``LOW_NUMBERS_WARNING`` remain. ``NumberSteps.load_numbers`` is the administrator's audited
way to load ranges from headquarters' signed offline reply bundle (no link needed).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from laissez.casework.base import CaseContext
from laissez.casework.errors import NoDocumentNumbersError, NumberBundleError
from laissez.casework.gate import GateIssue
from laissez.protocol import ProtocolError
from laissez.protocol.numbers import NUMBER_LENGTH, number_prefix
from laissez.storage import audit
from laissez.storage.models import Role
from laissez.storage.sync import state as sync_state
from laissez.storage.sync.errors import NumbersExhaustedError, SyncError

logger = logging.getLogger(__name__)

#: the series of emergency travel document numbers at headquarters
ETD_SERIES = "etd"
#: warn (not block) once fewer than this many numbers remain on the device
LOW_NUMBERS_WARNING = 25
NO_NUMBERS_SENTENCE = (
    "no document numbers left: sync with headquarters, or load numbers from an offline bundle"
)
LOW_NUMBERS_CODE = "document_numbers_low"
NO_NUMBERS_CODE = "no_document_numbers"


def format_document_number(prefix: str, number: int) -> str:
    """``prefix`` and ``number`` zero-padded to ``NUMBER_LENGTH`` characters.

    Raises ``NoDocumentNumbersError`` when the number does not fit (the range is unusable for
    the MRZ field, which headquarters must be told about)."""
    width = NUMBER_LENGTH - len(prefix)
    if number < 0 or len(str(number)) > width:
        raise NoDocumentNumbersError(
            f"document number {number} does not fit the {NUMBER_LENGTH}-character MRZ field: "
            "ask headquarters for a new range"
        )
    return f"{prefix}{number:0{width}d}"


def take_document_number(session: Session, mission_code: str | None) -> str:
    """The next unused number of this device's ranges, formatted, taken in ``session`` (the
    issue transaction). Raises ``NoDocumentNumbersError`` when none is left."""
    try:
        number = sync_state.take_number(session, ETD_SERIES)
    except NumbersExhaustedError:
        raise NoDocumentNumbersError(NO_NUMBERS_SENTENCE) from None
    return format_document_number(number_prefix(mission_code), number)


def number_notice(left: int, threshold: int = LOW_NUMBERS_WARNING) -> GateIssue | None:
    """A warning for the officer when fewer than ``threshold`` numbers remain (None otherwise);
    issuing still works until the last one."""
    if left >= threshold:
        return None
    if left == 0:
        return GateIssue(LOW_NUMBERS_CODE, NO_NUMBERS_SENTENCE)
    return GateIssue(
        LOW_NUMBERS_CODE,
        f"only {left} document number(s) left on this device: sync with headquarters soon, "
        "or load numbers from an offline bundle",
    )


@dataclass(frozen=True)
class NumbersLoaded:
    """What loading a bundle did: ranges new to this device and the numbers now left."""

    ranges: int
    numbers_left: int


class NumberSteps:
    """Reading the device's document-number supply, and loading more from a bundle
    (``Casework.numbers``)."""

    def __init__(self, ctx: CaseContext) -> None:
        self.ctx = ctx

    def numbers_left(self) -> int:
        """How many unused ETD numbers this device holds."""
        with self.ctx.db.session() as session:
            return sync_state.numbers_left(session, ETD_SERIES)

    def numbers_notice(self) -> GateIssue | None:
        """The low-numbers warning (``document_numbers_low``), or None while enough remain."""
        return number_notice(self.numbers_left())

    def load_numbers(self, path: Path) -> NumbersLoaded:
        """An administrator loads headquarters' signed, encrypted reply bundle (made by
        ``laissez-hq import --reply``): its number ranges, and everything else it carries
        (acknowledgements, revocations, forms, configuration), in one audited transaction.

        Raises ``NumberBundleError`` (changed, not from headquarters, for another device, not
        enrolled, unreadable) and writes nothing then.
        """
        from laissez.storage.sync.offline import import_reply

        self.ctx.require(Role.ADMINISTRATOR.value)
        result: dict[str, int] = {}

        @contextmanager
        def audited() -> Iterator[Session]:
            with self.ctx.db.session() as session:
                before = sync_state.numbers_left(session, ETD_SERIES)
                yield session
                left = sync_state.numbers_left(session, ETD_SERIES)
                result["left"] = left
                audit.record(
                    session,
                    self.ctx.actor_id,
                    "document_numbers.loaded",
                    "installation",
                    None,
                    {"numbers_added": left - before, "numbers_left": left},
                )

        try:
            _pushed, pulled = import_reply(audited, path, trust_dir=self.ctx.db.path.parent)
        except (SyncError, ProtocolError, OSError) as exc:
            reason = getattr(exc, "code", type(exc).__name__)
            raise NumberBundleError(
                f"the numbers bundle could not be loaded ({reason}); nothing was loaded"
            ) from None
        logger.info("loaded %d number range(s) from a bundle", pulled.number_ranges)
        return NumbersLoaded(pulled.number_ranges, result["left"])
