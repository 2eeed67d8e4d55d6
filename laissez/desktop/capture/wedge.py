"""A desk passport reader that types the MRZ like a keyboard (a "keyboard wedge").

Such a reader types the two or three MRZ lines (30, 36 or 44 characters of A-Z, 0-9 and
``<``), each followed by Enter, far faster than a person types. :class:`KeyboardWedge` watches
the keys typed anywhere on one page (the identity step) while it is shown. A line counts as the
reader's when it has an MRZ line's length, every key of it came within ``FAST_MS`` of the one
before, and Enter follows as fast: no person types 30 keys in a row that quickly. The lines
are then handed on (to :meth:`MrzCapture.use_reader_lines`), never to the field that had the
focus.

**Time** is each key event's own timestamp (the window system's, in milliseconds), not the
moment Python sees it: a GUI thread busy for a while handles the queued keys late and together,
and a person's typing must not look fast because of that. Tests send events with chosen
timestamps. Events without a timestamp (0, as ``QTest`` sends them) are never a reader's.

**Keeping the field clean**: a key that could begin a reader's line (a capital, a digit or
``<``, without Ctrl or Alt), typed into a field other than the MRZ editor, is held back. When
no fast key follows within ``HOLD_MS`` (or any other key comes), the held keys are handed to
their field as typed: a person typing capitals or digits on the identity step sees them that
much later;
every other key passes at once. After ``MACHINE_RUN`` fast keys the wait grows to ``IDLE_MS``,
and a run that then ends without a reader's line is handed to its field all the same (a
barcode reader typing something else). In the MRZ editor nothing is held: the reader's lines
replace its text when complete.

Auto-repeated keys (a key held down) never count: the editor's ``<`` padding held down repeats
quickly.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

#: the characters of an MRZ
MRZ_CHARACTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<")
#: an MRZ line's length -> the number of lines of that MRZ (TD1, TD2, TD3)
LINES_OF_LENGTH = {30: 3, 36: 2, 44: 2}
#: a reader's key follows the one before within this many milliseconds (a person's, mostly 100
#: and more apart: a quick pair may come closer, never 30 keys in a row)
FAST_MS = 40
#: how long a key that may begin a reader's line waits for the next one (milliseconds)
HOLD_MS = 60
#: this many fast keys in a row: no person types so; wait ``IDLE_MS`` for the rest
MACHINE_RUN = 8
#: a reader that stops this long (milliseconds) has finished
IDLE_MS = 400
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
#: keys pressed on their own while typing a character (Shift for a capital)
_MODIFIER_KEYS = frozenset(
    {
        Qt.Key.Key_Shift,
        Qt.Key.Key_Control,
        Qt.Key.Key_Alt,
        Qt.Key.Key_AltGr,
        Qt.Key.Key_Meta,
        Qt.Key.Key_CapsLock,
        Qt.Key.Key_NumLock,
    }
)
_TYPING = Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier


@dataclass(frozen=True)
class _Held:
    """A key press held back from its field."""

    widget: QWidget
    key: int
    modifiers: Qt.KeyboardModifier
    text: str
    timestamp: int


class KeyboardWedge(QObject):
    """Recognise a desk document reader's MRZ typed anywhere on ``root``.

    ``deliver(lines)`` receives the lines (a complete MRZ, or what came before the reader
    stopped); ``editor`` is the MRZ editor, in which keys are never held. The filter is on the
    application only while ``root`` is shown.
    """

    def __init__(
        self,
        root: QWidget,
        deliver: Callable[[list[str]], None],
        *,
        editor: QWidget | None = None,
    ) -> None:
        super().__init__(root)
        self._root = root
        self._deliver = deliver
        self._editor = editor
        self._installed = False
        self._replaying = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._timed_out)
        self._last = 0
        self._line: list[str] = []
        self._lines: list[str] = []
        self._held: list[_Held] = []
        self._foreign = False
        root.installEventFilter(self)
        if root.isVisible():
            self._install()

    # ---------------------------------------------------------------- watching

    def _install(self) -> None:
        app = QApplication.instance()
        if not self._installed and app is not None:
            app.installEventFilter(self)
            self._installed = True

    def _uninstall(self) -> None:
        app = QApplication.instance()
        if self._installed and app is not None:
            app.removeEventFilter(self)
        self._installed = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Follow ``root`` being shown and hidden; take a reader's keys on it."""
        kind = event.type()
        if watched is self._root and kind == QEvent.Type.Show:
            self._install()
        elif watched is self._root and kind == QEvent.Type.Hide:
            self._uninstall()
            self._drop()  # the page is left or locked: nothing typed on it lands anywhere
        if kind == QEvent.Type.MouseButtonPress and self._held:
            self._flush()  # a click after a key: the key first, where it was typed
        if kind != QEvent.Type.KeyPress or self._replaying or not isinstance(watched, QWidget):
            return False
        if not isinstance(event, QKeyEvent):
            return False
        if watched is not self._root and not self._root.isAncestorOf(watched):
            return False  # another page, or a dialog over this one
        return self._key(watched, event)

    # ---------------------------------------------------------------- the keys

    def _key(self, widget: QWidget, event: QKeyEvent) -> bool:
        """True when the key is the reader's (kept from ``widget``, or held back)."""
        key = event.key()
        text = event.text()
        enter = key in _ENTER
        if key in _MODIFIER_KEYS:
            return False  # Shift pressed alone: part of typing a capital
        if not text and not enter:
            self._finish()  # an arrow, a function key: the keys held go first
            return False
        stamp = event.timestamp()
        if stamp == 0 or event.isAutoRepeat() or event.modifiers() & ~_TYPING:
            self._finish()
            return False
        if enter:
            limit = 2 * FAST_MS
        elif self._lines and not self._line:
            limit = IDLE_MS  # a reader may pause after each line
        else:
            limit = FAST_MS
        fast = self._last != 0 and 0 <= stamp - self._last <= limit
        self._last = stamp
        in_editor = widget is self._editor
        if enter:
            return self._enter(fast, in_editor)
        if text not in MRZ_CHARACTERS:  # a small letter too: readers type capitals
            self._finish()
            return False
        if not fast:
            self._finish()  # a new run: whatever came before was typed, or is complete
            self._last = stamp
        if self._foreign:
            return False
        self._line.append(text)
        if len(self._line) > max(LINES_OF_LENGTH):
            self._foreign = True  # too long for an MRZ line: typed by something else
            self._flush()
            return False
        if self._lines:  # the reader's next line
            self._timer.start(IDLE_MS)
            return not in_editor
        if in_editor:
            return False
        self._held.append(_Held(widget, key, event.modifiers(), text, stamp))
        self._timer.start(IDLE_MS if len(self._line) >= MACHINE_RUN else HOLD_MS)
        return True

    def _enter(self, fast: bool, in_editor: bool) -> bool:
        line = "".join(self._line)
        if fast and self._lines and not line:
            return not in_editor  # a reader ending its lines with CR and LF: the second
        if fast and not self._foreign and (self._lines or len(line) in LINES_OF_LENGTH):
            self._lines.append(line)
            self._line = []
            self._held.clear()  # the reader's characters: never the field's
            if len(self._lines) >= LINES_OF_LENGTH.get(len(self._lines[0]), 2):
                self._finish()
                return True  # the editor's text is the reader's lines now: no new line in it
            self._timer.start(IDLE_MS)
            return not in_editor
        self._finish()
        return False

    def _timed_out(self) -> None:
        if self._lines:
            self._finish()  # the reader stopped: the lines so far
        else:
            # a person's keys; or a busy GUI thread saw a reader's keys late: the run goes on,
            # and if it turns out to be the reader's, the keys already handed on stay typed
            self._flush()

    def _drop(self) -> None:
        """Forget the run, its held keys and lines included."""
        self._timer.stop()
        self._held = []
        self._lines = []
        self._line = []
        self._last = 0
        self._foreign = False

    def _finish(self) -> None:
        """End the run: hand a reader's lines on, and held keys to their fields."""
        self._timer.stop()
        lines = self._lines
        if lines and self._line:
            lines = [*lines, "".join(self._line)]
        self._flush()
        self._lines = []
        self._line = []
        self._last = 0
        self._foreign = False
        if lines:
            self._deliver(lines)

    def _flush(self) -> None:
        """Hand the held keys to their fields, in order, as typed."""
        held, self._held = self._held, []
        # imported here, after PySide6: importing shiboken6 first breaks headless imports
        from shiboken6 import isValid

        for press in held:
            if not isValid(press.widget):
                continue
            event = QKeyEvent(QEvent.Type.KeyPress, press.key, press.modifiers, press.text)
            event.setTimestamp(press.timestamp)
            self._replaying = True
            try:
                QApplication.sendEvent(press.widget, event)
            finally:
                self._replaying = False
