"""Application wiring: configuration, logging, the QApplication and the main window."""

from __future__ import annotations

import logging
import os
import sys
from logging.handlers import RotatingFileHandler
from pathlib import Path

from PySide6.QtWidgets import QApplication

from laissez.desktop.config import Config
from laissez.desktop.main_window import MainWindow

logger = logging.getLogger(__name__)
LOG_MAX_BYTES = 2_000_000
LOG_BACKUPS = 5


def configure_logging(config: Config) -> None:
    """A rotating log file at mode 0600 in the data directory's ``logs`` folder."""
    path = config.log_dir / "laissez.log"
    handler = RotatingFileHandler(path, maxBytes=LOG_MAX_BYTES, backupCount=LOG_BACKUPS)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    path.chmod(0o600)


def create_window(data_dir: Path | None = None) -> MainWindow:
    """Build configuration and the main window (a QApplication must exist)."""
    config = Config.load(data_dir)
    return MainWindow(config)


def run_app(data_dir: Path | None = None) -> int:
    """Run the desktop application until its window closes; returns the exit status."""
    os.umask(0o077)
    config = Config.load(data_dir)
    configure_logging(config)
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Laissez")
    window = MainWindow(config)
    window.show()
    logger.info("main window shown")
    return int(app.exec())
