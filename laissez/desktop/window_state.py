"""The window's size and position between runs, kept with ``QSettings`` in an INI file in the
per-user configuration directory (never in the data directory: it holds no mission data)."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow

logger = logging.getLogger(__name__)

#: the file, in the per-user configuration directory
FILE_NAME = "window.ini"
GEOMETRY_KEY = "main_window/geometry"
STEPS_KEY = "main_window/steps_collapsed"


def settings(config_dir: Path | None) -> QSettings | None:
    """The window settings file (None when there is no configuration directory)."""
    if config_dir is None:
        return None
    return QSettings(str(config_dir / FILE_NAME), QSettings.Format.IniFormat)


def restore(window: QMainWindow, config_dir: Path | None) -> bool:
    """Put ``window`` where it was when last closed; True when a saved geometry was used.

    Qt's own restore keeps the window on a screen that exists now (a laptop that left its
    second screen behind gets the window back on the one it has)."""
    store = settings(config_dir)
    if store is None:
        return False
    value = store.value(GEOMETRY_KEY)
    if not isinstance(value, QByteArray | bytes) or not value:
        return False
    return bool(window.restoreGeometry(QByteArray(value)))


def save(window: QMainWindow, config_dir: Path | None) -> None:
    """Remember the size and position of ``window`` (called when it closes)."""
    store = settings(config_dir)
    if store is None:
        return
    try:
        config_dir.mkdir(parents=True, exist_ok=True)  # type: ignore[union-attr]
    except OSError as exc:  # a read-only profile: the next run opens at the default size
        logger.info("the window geometry could not be saved: %s", type(exc).__name__)
        return
    store.setValue(GEOMETRY_KEY, window.saveGeometry())
    store.sync()


def steps_collapsed(config_dir: Path | None) -> bool:
    """Whether the officer last folded the case's step list away."""
    store = settings(config_dir)
    return bool(store is not None and store.value(STEPS_KEY, False, type=bool))


def save_steps_collapsed(config_dir: Path | None, collapsed: bool) -> None:
    """Remember whether the step list is folded away."""
    store = settings(config_dir)
    if store is None:
        return
    try:
        config_dir.mkdir(parents=True, exist_ok=True)  # type: ignore[union-attr]
    except OSError:
        return
    store.setValue(STEPS_KEY, collapsed)
    store.sync()
