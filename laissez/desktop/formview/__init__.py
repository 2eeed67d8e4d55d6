"""Interview forms on screen: ``FormView`` builds the widgets of a ``laissez.forms`` form,
shows and hides conditional questions as answers change, and shows validation issues next to
each question."""

from __future__ import annotations

from laissez.desktop.formview.view import FormView

__all__ = ["FormView"]
