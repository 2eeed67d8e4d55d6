"""Logging that cannot leak personal data, and a last-resort handler for bugs.

Names, dates of birth, document numbers and MRZ lines are never logged on purpose (STYLE.md
§8); :class:`RedactingFilter` is the safety net for mistakes: it masks MRZ-like runs and long
digit runs in every record before any handler writes it.
"""

from __future__ import annotations

import logging
import re
import secrets
import sys
import traceback
from collections.abc import Callable
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

logger = logging.getLogger(__name__)
LOG_MAX_BYTES = 2_000_000
LOG_BACKUPS = 5
REDACTED = "[redacted]"
# MRZ-like: 30 to 44 characters of A-Z, 0-9 and <, with at least one filler or digit run.
_MRZ_LIKE = re.compile(r"[A-Z0-9<]{30,44}")
# A run of 6 or more digits (dates, document and phone numbers), possibly grouped.
_DIGIT_RUN = re.compile(r"(?<![\w-])\d(?:[ \-./]?\d){5,}(?![\w-])")
# A document-number-like token: letters and 6+ digits mixed, 8-12 long.
_DOC_NUMBER = re.compile(r"\b(?=[A-Z0-9]*\d{4})(?=[A-Z0-9]*[A-Z])[A-Z0-9]{8,12}\b")
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.I)


def redact(text: str) -> str:
    """Mask MRZ-like strings, long digit runs and document-number-like tokens.

    UUIDs (record ids, which logs are meant to carry) are kept.
    """
    kept: list[str] = []

    def keep(match: re.Match[str]) -> str:
        kept.append(match.group(0))
        return f"\x00{len(kept) - 1}\x00"

    text = _UUID.sub(keep, text)
    text = _MRZ_LIKE.sub(REDACTED, text)
    text = _DOC_NUMBER.sub(REDACTED, text)
    text = _DIGIT_RUN.sub(REDACTED, text)
    return re.sub(r"\x00(\d+)\x00", lambda m: kept[int(m.group(1))], text)


class RedactingFilter(logging.Filter):
    """Rewrites each record's message (and exception text) through :func:`redact`."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Redact in place; never drops a record."""
        record.msg = redact(record.getMessage())
        record.args = None
        if record.exc_info:
            record.exc_text = redact("".join(traceback.format_exception(*record.exc_info)))
            record.exc_info = None
        return True


def configure_logging(log_dir: Path, level: int = logging.INFO) -> Path:
    """A rotating log file at mode 0600 in ``log_dir``, behind the redacting filter."""
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / "laissez.log"
    path.touch(mode=0o600, exist_ok=True)
    path.chmod(0o600)
    handler = RotatingFileHandler(path, maxBytes=LOG_MAX_BYTES, backupCount=LOG_BACKUPS)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactingFilter())
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(level)
    return path


def new_incident_id() -> str:
    """A short id the officer can quote to support, matching a line in the log."""
    raw = secrets.token_hex(4).upper()
    return f"INC-{raw[:4]}-{raw[4:]}"  # grouped so the redacting filter leaves it alone


def install_excepthook(show: Callable[[str], None] | None = None) -> None:
    """Log unexpected exceptions with an incident id and show a generic message.

    The application stays alive: Qt slots that raise are reported, not fatal.
    """

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, tb)
            return
        incident = new_incident_id()
        logger.error("unexpected error, incident %s", incident, exc_info=(kind, value, tb))
        (show or _show_dialog)(incident)

    sys.excepthook = hook


def _show_dialog(incident: str) -> None:
    from PySide6.QtWidgets import QApplication, QMessageBox

    from laissez.desktop.messages import describe_error
    from laissez.i18n import _

    if QApplication.instance() is None:
        return
    QMessageBox.critical(
        None,
        _("Laissez"),
        describe_error(RuntimeError())
        + "\n\n"
        + _("Incident number: {incident}").format(incident=incident),
    )
