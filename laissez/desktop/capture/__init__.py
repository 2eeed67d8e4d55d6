"""Reading the person's document: the MRZ from an image file, a camera or typed by hand, and
the photograph. ``MrzCapture`` emits a ``CaptureResult``; the identity step records it."""

from __future__ import annotations

from laissez.desktop.capture.result import CaptureResult
from laissez.desktop.capture.widget import MrzCapture

__all__ = ["CaptureResult", "MrzCapture"]
