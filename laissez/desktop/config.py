"""Deployment configuration: one frozen dataclass built once at start-up.

Layers, later ones winning: defaults, then ``LAISSEZ_*`` environment variables, then explicit
arguments. Paths come from platformdirs.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "Laissez"
#: Lock after this long without keyboard or mouse input, unless LAISSEZ_IDLE_LOCK_SECONDS says.
DEFAULT_IDLE_LOCK_MS = 5 * 60 * 1000
#: Sync on its own this often while someone is signed in, unless LAISSEZ_SYNC_INTERVAL_SECONDS
#: says (0 turns the schedule off; "Sync now" still works).
DEFAULT_SYNC_INTERVAL_MS = 5 * 60 * 1000


@dataclass(frozen=True)
class Config:
    """Where Laissez keeps its files on this machine."""

    data_dir: Path
    log_dir: Path
    sync_interval_ms: int = DEFAULT_SYNC_INTERVAL_MS
    #: the per-user configuration directory (window geometry); made when first written
    config_dir: Path | None = None
    idle_lock_ms: int = DEFAULT_IDLE_LOCK_MS
    #: True when LAISSEZ_IDLE_LOCK_SECONDS set the idle lock (it then wins over preferences)
    idle_lock_from_env: bool = False

    def effective_idle_lock_ms(self, preferred_minutes: int | None) -> int:
        """The idle-lock time to apply: the environment's, else the officer's preference,
        else the default."""
        if self.idle_lock_from_env or preferred_minutes is None:
            return self.idle_lock_ms
        return max(preferred_minutes, 1) * 60_000

    @classmethod
    def load(cls, data_dir: Path | None = None) -> Config:
        """Build the configuration and create its directories with owner-only permissions."""
        env_dir = os.environ.get("LAISSEZ_DATA_DIR")
        base = data_dir or (Path(env_dir) if env_dir else None)
        if base is None:
            base = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
        log_dir = base / "logs"
        for directory in (base, log_dir):
            directory.mkdir(parents=True, exist_ok=True)
            directory.chmod(0o700)
        idle = os.environ.get("LAISSEZ_IDLE_LOCK_SECONDS")
        try:
            idle_ms = int(float(idle) * 1000) if idle else DEFAULT_IDLE_LOCK_MS
        except ValueError:
            raise ValueError("LAISSEZ_IDLE_LOCK_SECONDS must be a number of seconds") from None
        every = os.environ.get("LAISSEZ_SYNC_INTERVAL_SECONDS")
        try:
            sync_ms = int(float(every) * 1000) if every else DEFAULT_SYNC_INTERVAL_MS
        except ValueError:
            raise ValueError("LAISSEZ_SYNC_INTERVAL_SECONDS must be a number of seconds") from None
        return cls(
            data_dir=base,
            sync_interval_ms=max(sync_ms, 0),
            log_dir=log_dir,
            idle_lock_ms=max(idle_ms, 0),
            idle_lock_from_env=bool(idle),
            config_dir=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
        )
