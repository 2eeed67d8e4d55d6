"""The Qt part of ``laissez self-test``: the ``qt`` and ``camera`` steps and the right-to-left
check of ``rtl``.

``laissez/cli.py`` wires ``self-test`` to this module, which adds the ``qt`` and ``camera`` steps
after ``native`` and hands the steps to ``laissez.selftest``; so ``laissez.selftest`` never
imports Qt. Qt is imported only when a step runs: a build without it reports the step "not
available".
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
    """``selftest.STEPS`` with the ``qt`` and ``camera`` steps after ``native``: the order they
    run in."""
    headless = dict(selftest.STEPS)
    return {"native": headless.pop("native"), "qt": step_qt, "camera": step_camera, **headless}


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


def step_camera(ctx: Context) -> str:
    """Qt Multimedia loads with its FFmpeg backend, and a frame (the sample MRZ image) passes
    through a ``QVideoSink`` the way the camera's frames reach the live reading. No camera is
    needed: how many are connected is only reported."""
    if not ctx.display:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        from PySide6.QtGui import QImage
        from PySide6.QtMultimedia import QMediaDevices, QMediaFormat, QVideoFrame, QVideoSink
        from PySide6.QtWidgets import QApplication
    except ImportError as exc:
        raise NotAvailable(f"not available: Qt Multimedia cannot be loaded ({exc.name})") from exc
    QApplication.instance() or QApplication([sys.argv[0]])
    formats = QMediaFormat().supportedFileFormats(QMediaFormat.ConversionMode.Decode)
    if not formats:
        raise StepFailed("Qt Multimedia has no backend (its FFmpeg plugin is missing)")
    image = QImage.fromData(selftest.sample_image(width=640))
    sink = QVideoSink()
    frames: list[QImage] = []
    sink.videoFrameChanged.connect(lambda frame: frames.append(frame.toImage()))
    sink.setVideoFrame(QVideoFrame(image))
    if not frames or frames[0].size() != image.size():
        raise StepFailed("a frame did not pass through the video sink")
    cameras = len(QMediaDevices.videoInputs())
    return f"FFmpeg backend ({len(formats)} formats), frames pass; {cameras} camera(s) connected"
