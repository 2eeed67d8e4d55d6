"""The officer's own preferences (interface language ...), kept apart from deployment config.

Stored as a small versioned JSON file in the data directory; each format change gets an
upgrade step (PIC ``config_upgrade.py`` style). A damaged file falls back to the defaults.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass, replace
from pathlib import Path

logger = logging.getLogger(__name__)
PREFERENCES_VERSION = 2
FILE_NAME = "preferences.json"


@dataclass(frozen=True)
class Preferences:
    """What one installation's officer chose."""

    ui_language: str = "en"
    #: the printer documents go to unless the officer picks another ("" = the system's)
    default_printer: str = ""
    #: minutes without input before the window locks (None = the deployment's default)
    idle_lock_minutes: int | None = None

    def with_language(self, language: str) -> Preferences:
        """A copy with another interface language."""
        return replace(self, ui_language=language)

    def with_printer(self, printer: str) -> Preferences:
        """A copy with another default printer (its system name)."""
        return replace(self, default_printer=printer)

    def with_idle_lock(self, minutes: int | None) -> Preferences:
        """A copy with another idle-lock time in minutes (None: the deployment's default)."""
        return replace(self, idle_lock_minutes=minutes)


def _upgrade(data: dict[str, object]) -> dict[str, object]:
    version = int(str(data.get("version", 0)))
    if version < 1:
        data = {"version": 1, "ui_language": data.get("language", "en")}
    if int(str(data.get("version", 1))) < 2:
        data = {**data, "version": 2, "default_printer": "", "idle_lock_minutes": None}
    return data


def load(data_dir: Path) -> Preferences:
    """Read the preferences, or the defaults when the file is missing or damaged."""
    path = data_dir / FILE_NAME
    try:
        data = _upgrade(json.loads(path.read_text(encoding="utf-8")))
        minutes = data.get("idle_lock_minutes")
        return Preferences(
            ui_language=str(data.get("ui_language", "en")),
            default_printer=str(data.get("default_printer") or ""),
            idle_lock_minutes=int(str(minutes)) if minutes is not None else None,
        )
    except FileNotFoundError:
        return Preferences()
    except (OSError, ValueError, TypeError):
        logger.warning("preferences file unreadable; using defaults")
        return Preferences()


def save(data_dir: Path, preferences: Preferences) -> None:
    """Write the preferences atomically with owner-only permissions."""
    path = data_dir / FILE_NAME
    tmp = path.with_suffix(".tmp")
    payload = {"version": PREFERENCES_VERSION, **asdict(preferences)}
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(payload, handle)
    os.replace(tmp, path)
