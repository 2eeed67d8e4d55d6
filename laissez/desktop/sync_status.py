"""The sync status in the status bar: changes waiting, last sync, numbers left, "Sync now".

It shows counts and times only, never personal data; it is hidden before sign-in and while
the window is locked. Errors are the translated sentences of ``messages``.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QWidget,
)

from laissez.casework.numbers import LOW_NUMBERS_WARNING
from laissez.casework.sync import NumbersTopUp, SyncStatus
from laissez.desktop import theme
from laissez.desktop.messages import describe_sync_error
from laissez.i18n import _, ngettext


def relative_time(when: dt.datetime | None, now: dt.datetime | None = None) -> str:
    """``when`` as the officer reads it: "just now", "3 min ago", "2 h ago", "5 days ago",
    or "never"; in the interface language."""
    if when is None:
        return _("never")
    now = now or dt.datetime.now(dt.UTC)
    seconds = max(0, int((now - when).total_seconds()))
    if seconds < 60:
        return _("just now")
    minutes = seconds // 60
    if minutes < 60:
        return ngettext("{n} min ago", "{n} min ago", minutes).format(n=minutes)
    hours = minutes // 60
    if hours < 48:
        return ngettext("{n} hour ago", "{n} hours ago", hours).format(n=hours)
    days = hours // 24
    return ngettext("{n} day ago", "{n} days ago", days).format(n=days)


def next_sync(when: dt.datetime, now: dt.datetime | None = None) -> str:
    """When the next automatic sync is due, as the officer reads it ("next in 4 min")."""
    now = now or dt.datetime.now(dt.UTC)
    minutes = -(-max(0, int((when - now).total_seconds())) // 60)  # rounded up
    if minutes <= 1:
        return _("next sync in a minute")
    return ngettext("next sync in {n} min", "next sync in {n} min", minutes).format(n=minutes)


class SyncStatusWidget(QWidget):
    """The permanent status-bar widget. Call ``set_status``, ``set_busy`` and ``show_error``.

    Emits:
        sync_requested(): the officer pressed "Sync now".
    """

    sync_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sync_status")
        self.status: SyncStatus | None = None
        self.error_text = ""
        #: numbers received at the last run (shown beside the numbers left until the next one)
        self.received = 0
        self.busy = False
        #: when the next automatic run is due (None: none planned)
        self.next_run: dt.datetime | None = None
        layout = QGridLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.setVerticalSpacing(0)
        layout.setColumnStretch(0, 1)
        counts = QHBoxLayout()
        counts.setSpacing(8)
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setMaximumWidth(60)
        self.busy_bar.setMaximumHeight(12)
        self.busy_bar.setTextVisible(False)
        self.busy_bar.hide()
        self.pending_label = QLabel()
        self.last_sync_label = QLabel()
        self.numbers_label = QLabel()
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setAlignment(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter)
        self.error_label.setStyleSheet(theme.ERROR_TEXT)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.sync_button = QPushButton()
        self.sync_button.setObjectName("sync_now_button")
        self.sync_button.clicked.connect(self.sync_requested)
        counts.addWidget(self.busy_bar)
        for index, widget in enumerate(
            (self.pending_label, self.last_sync_label, self.numbers_label)
        ):
            if index:
                separator = QFrame()
                separator.setFrameShape(QFrame.Shape.VLine)
                separator.setFrameShadow(QFrame.Shadow.Sunken)
                counts.addWidget(separator)
            counts.addWidget(widget)
        # Row 0: the counts; row 1: the sentence about the last run (hidden when all is well);
        # the button beside both.
        layout.addLayout(counts, 0, 0)
        layout.addWidget(self.error_label, 1, 0)
        layout.addWidget(self.sync_button, 0, 1, 2, 1, Qt.AlignmentFlag.AlignVCenter)
        self.retranslate()

    def set_status(self, status: SyncStatus | None) -> None:
        """Show ``status`` (None: blank, no one signed in). A successful run clears a
        sentence given by ``show_error``."""
        self.status = status
        if status is not None and status.last_error is None and status.enrolled:
            self.error_text = ""
        self._render()

    def clear(self) -> None:
        """Show nothing (no one signed in)."""
        self.set_status(None)

    def set_busy(self, busy: bool) -> None:
        """Show the busy indicator and disable the button while a run goes on."""
        self.busy = busy
        self.busy_bar.setVisible(busy)
        if busy:
            self.received = 0
        self._render()

    def set_next_run(self, when: dt.datetime | None) -> None:
        """Show when the next automatic sync is due (None: say nothing about it)."""
        self.next_run = when
        self._render()

    def show_numbers(self, top_up: NumbersTopUp) -> None:
        """After a completed run: how many document numbers came, or why none could be had
        when few were left."""
        self.received = top_up.received
        if top_up.error is not None:
            self.error_text = _(
                "No document numbers could be had from headquarters: {reason}"
            ).format(reason=describe_sync_error(top_up.error))
        self._render()

    def show_error(self, sentence: str) -> None:
        """Show a translated sentence about the last run."""
        self.error_text = sentence
        self._render()

    def refresh_times(self) -> None:
        """Re-word the relative time (called by the window's refresh timer)."""
        self._render()

    def retranslate(self) -> None:
        """Set every text in the current interface language."""
        # no Alt+letter of its own (always on screen, it would clash with a step's): F5
        self.sync_button.setText(_("S&ync now").replace("&", ""))
        self.sync_button.setToolTip(_("Send your changes to headquarters and fetch updates"))
        self.sync_button.setAccessibleName(_("Sync now"))
        self.busy_bar.setAccessibleName(_("Synchronising with headquarters"))
        self.setAccessibleName(_("Sync status"))
        self._render()

    def error_sentence(self) -> str:
        """The sentence shown about the last run or the enrolment ("" when all is well)."""
        status = self.status
        if status is None:
            return ""
        if not status.enrolled:
            return describe_sync_error("sync.not_enrolled")
        if status.last_error:  # a code: worded in the language shown now
            return describe_sync_error(status.last_error)
        return self.error_text

    def _render(self) -> None:
        status = self.status
        self.sync_button.setEnabled(status is not None and not self.busy)
        if status is None:
            for label in (
                self.pending_label,
                self.last_sync_label,
                self.numbers_label,
                self.error_label,
            ):
                label.clear()
            return
        self.pending_label.setText(
            ngettext(
                "{count} change waiting to be sent",
                "{count} changes waiting to be sent",
                status.pending,
            ).format(count=status.pending)
        )
        if self.busy:
            self.last_sync_label.setText(_("Synchronising…"))
        else:
            text = _("Last sync: {when}").format(when=relative_time(status.last_success))
            if self.next_run is not None:
                text += " · " + next_sync(self.next_run)
            self.last_sync_label.setText(text)
        numbers = ngettext(
            "{count} document number left", "{count} document numbers left", status.numbers_left
        ).format(count=status.numbers_left)
        if self.received:
            numbers += " " + ngettext(
                "({count} received)", "({count} received)", self.received
            ).format(count=self.received)
        self.numbers_label.setText(numbers)
        low = status.numbers_left < LOW_NUMBERS_WARNING
        self.numbers_label.setStyleSheet(theme.ERROR_STRONG if low else "")
        sentence = self.error_sentence()
        self.error_label.setText(sentence)
        self.error_label.setVisible(bool(sentence))
        self.error_label.setAccessibleName(sentence or _("No sync problem"))
