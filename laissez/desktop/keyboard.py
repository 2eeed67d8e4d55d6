"""Keyboard checks shared by the window and its tests: which Alt+letter mnemonics are live.

A mnemonic (``&S`` in "&Save") is live while its widget is visible in the active window; the
menu bar's titles are live whenever the bar is enabled. Two live mnemonics on one letter make
Qt's shortcut map ambiguous: neither fires.
"""

from __future__ import annotations

import re
from collections import defaultdict

from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QMainWindow, QTabBar, QWidget

_MNEMONIC = re.compile(r"(?<!&)&([^&\s])")


def mnemonic(text: str) -> str:
    """The mnemonic letter of ``text`` (lower-case), or "" when it has none."""
    found = _MNEMONIC.search(text or "")
    return found.group(1).casefold() if found else ""


def live_mnemonics(window: QWidget) -> dict[str, list[str]]:
    """Every live mnemonic of ``window`` (letter -> the texts that carry it)."""
    live: dict[str, list[str]] = defaultdict(list)

    def add(text: str) -> None:
        letter = mnemonic(text)
        if letter:
            live[letter].append(text)

    if isinstance(window, QMainWindow) and window.menuBar().isEnabled():
        for action in window.menuBar().actions():
            if action.isVisible() and action.isEnabled():
                add(action.text())
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window) or widget.window() is not window:
            continue
        if isinstance(widget, QAbstractButton) and not isinstance(widget.parent(), QTabBar):
            add(widget.text())
        elif isinstance(widget, QLabel) and widget.buddy() is not None:
            add(widget.text())
        elif isinstance(widget, QGroupBox) and widget.isCheckable():
            add(widget.title())
        elif isinstance(widget, QTabBar):
            for index in range(widget.count()):
                add(widget.tabText(index))
    return dict(live)


def clashes(window: QWidget) -> dict[str, list[str]]:
    """The live mnemonics carried by more than one text."""
    return {k: v for k, v in live_mnemonics(window).items() if len(v) > 1}


def with_mnemonic(text: str, letter: str) -> str:
    """``text`` (translated) with a mnemonic a keyboard can type: its own when it is a Latin
    letter or digit, else ``letter`` in brackets after it ("اللغة (&L)"), as menus are
    written in languages whose script no Alt+letter reaches on a Latin keyboard."""
    own = mnemonic(text)
    if own and own.isascii() and own.isalnum():
        return text
    return "{} (&{})".format(text.replace("&&", "\0").replace("&", "").replace("\0", "&&"), letter)
