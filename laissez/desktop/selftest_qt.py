"""The Qt part of ``laissez self-test``: the ``qt`` step and the right-to-left check of ``rtl``.

``laissez/cli.py`` wires ``self-test`` to this module, which adds the ``qt`` step after
``native`` and hands the steps to ``laissez.selftest``; so ``laissez.selftest`` never imports Qt.
Qt is imported only when the step runs: a build without it reports the step "not available".
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any, cast

from laissez import selftest
from laissez.selftest import Context, NotAvailable, Step, StepFailed

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from laissez.desktop.app import Application


def register(sub: Any, name: str, help_text: str) -> None:
    """Add the ``self-test`` subcommand with every step, ``qt`` included."""
    selftest.register(sub, name, help_text, steps=steps())


def steps() -> dict[str, Step]:
    """``selftest.STEPS`` with the ``qt`` step after ``native``: the order they run in."""
    headless = dict(selftest.STEPS)
    return {"native": headless.pop("native"), "qt": step_qt, **headless}


class _QtSession:
    """The application ``step_qt`` started, for the ``rtl`` step and the clean-up."""

    def __init__(self, app: QApplication, wired: Application) -> None:
        self._app = app
        self._wired = wired

    def check_right_to_left(self) -> None:
        """Switch the interface to Arabic and back; raise ``StepFailed`` if the layout did not
        turn right to left."""
        self._wired.language.apply("ar")
        self._app.processEvents()
        if not self._app.isRightToLeft():
            raise StepFailed("Qt did not switch to right-to-left layout for Arabic")
        self._wired.language.apply("en")

    def close(self) -> None:
        """Close the main window."""
        self._wired.window.close()


def step_qt(ctx: Context) -> str:
    """The Qt application starts (offscreen unless ``--display``) and shows its main window."""
    if not ctx.display:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    try:
        from PySide6.QtWidgets import QApplication

        from laissez.desktop.app import create_application
    except ImportError as exc:
        raise NotAvailable(f"not available: Qt cannot be loaded ({exc.name})") from exc
    app = QApplication.instance() or QApplication([sys.argv[0]])
    wired = create_application(ctx.workdir / "qt-data")
    wired.window.show()
    app.processEvents()
    if not wired.window.isVisible():
        raise StepFailed("the main window did not become visible")
    ctx.qt = _QtSession(cast("QApplication", app), wired)
    return f"main window shown on platform {QApplication.platformName()}"
