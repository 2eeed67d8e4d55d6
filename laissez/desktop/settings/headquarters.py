"""The Settings dialog's Headquarters tab: enrolling this computer with headquarters and
loading document numbers from headquarters' offline bundle.

Only an administrator enrols or loads numbers; both run in ``run_in_pool`` with a busy bar.
The tab has no message line of its own: it hands its sentences to the dialog.
"""

from __future__ import annotations

import logging
from pathlib import Path

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from laissez.casework import settings as settings_uc
from laissez.casework.numbers import NumbersLoaded
from laissez.casework.service import Casework
from laissez.casework.sync import NumbersTopUp, top_up_numbers
from laissez.casework.views import settings as settings_view
from laissez.casework.views.settings import SettingsView
from laissez.desktop.controllers.session import SessionController
from laissez.desktop.messages import describe_error, describe_sync_error, describe_sync_failure
from laissez.desktop.sync_status import relative_time
from laissez.desktop.widgets import busy_bar, note
from laissez.desktop.workers import run_in_pool
from laissez.i18n import _, ltr, ngettext

logger = logging.getLogger(__name__)


class HeadquartersTab(QWidget):
    """The enrolment state, the enrolment form and the document numbers left.

    Emits:
        enrolled(): this computer was enrolled with headquarters.
        numbers_loaded(): document numbers were loaded from a headquarters bundle.
        message(str, bool): a translated sentence for the dialog's message line ("" hides
            it), and whether the dialog should bring this tab forward to show it.
    """

    enrolled = Signal()
    numbers_loaded = Signal()
    message = Signal(str, bool)

    def __init__(
        self, session: SessionController, view: SettingsView, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.view = view
        self._numbers_before = 0
        form = QFormLayout(self)
        self.hq_state = note()
        self.hq_state.setObjectName("settings_hq_state")
        self.hq_url = QLineEdit(view.sync.hq_url)
        self.hq_url.setObjectName("settings_hq_url")
        self.hq_url_label = QLabel()
        self.hq_url_label.setBuddy(self.hq_url)
        self.enrol_code = QLineEdit()
        self.enrol_code.setObjectName("settings_enrol_code")
        self.enrol_code_label = QLabel()
        self.enrol_code_label.setBuddy(self.enrol_code)
        self.enrol_button = QPushButton()
        self.enrol_button.clicked.connect(self.enrol)
        self.enrol_busy = busy_bar()
        self.hq_note = note()
        self.load_numbers_button = QPushButton()
        self.load_numbers_button.setObjectName("settings_load_numbers")
        self.load_numbers_button.clicked.connect(self.choose_bundle)
        self.numbers_busy = busy_bar()
        self.numbers_state = note()
        self.numbers_state.setObjectName("settings_numbers_state")
        for widget in (self.hq_url, self.enrol_code, self.enrol_button, self.load_numbers_button):
            widget.setEnabled(view.is_administrator)
        form.addRow(self.hq_state)
        form.addRow(self.hq_url_label, self.hq_url)
        form.addRow(self.enrol_code_label, self.enrol_code)
        enrol_row = QHBoxLayout()
        enrol_row.addWidget(self.enrol_button)
        enrol_row.addStretch(1)
        form.addRow(enrol_row)
        form.addRow(self.enrol_busy)
        form.addRow(self.hq_note)
        self.numbers_heading = QLabel()
        font = self.numbers_heading.font()
        font.setBold(True)
        self.numbers_heading.setFont(font)
        form.addRow(self.numbers_heading)
        numbers_row = QHBoxLayout()
        numbers_row.addWidget(self.load_numbers_button)
        numbers_row.addStretch(1)
        form.addRow(numbers_row)
        form.addRow(self.numbers_busy)
        form.addRow(self.numbers_state)

    # --- texts --------------------------------------------------------------------------------

    def retranslate(self) -> None:
        """Set every text in the current interface language."""
        sync = self.view.sync
        if sync.enrolled:
            state = _("This computer is enrolled with headquarters for mission {code}.").format(
                code=ltr(sync.mission_code)
            )
            state += "\n" + ngettext(
                "{count} change waiting to be sent",
                "{count} changes waiting to be sent",
                sync.pending,
            ).format(count=sync.pending)
            state += " · " + _("Last sync: {when}").format(when=relative_time(sync.last_success))
            if sync.last_error:
                state += "\n" + describe_sync_error(sync.last_error)
            refused = sum(sync.refused.values())
            if refused:
                # Translators: {codes} are technical codes such as kind.unknown, for support
                state += "\n" + ngettext(
                    "Headquarters cannot read {count} change ({codes}): it is kept and sent "
                    "again. This computer or headquarters needs an update.",
                    "Headquarters cannot read {count} changes ({codes}): they are kept and sent "
                    "again. This computer or headquarters needs an update.",
                    refused,
                ).format(count=refused, codes=ltr(", ".join(sorted(sync.refused))))
        else:
            state = _(
                "This computer is not enrolled with headquarters yet: changes are kept here "
                "until it is."
            )
        self.hq_state.setText(state)
        self.hq_url_label.setText(_("Headquarters &address"))
        self.hq_url.setAccessibleName(_("Headquarters address"))
        self.hq_url.setPlaceholderText("https://hq.example")
        self.enrol_code_label.setText(_("One-time &code"))
        self.enrol_code.setAccessibleName(_("One-time enrolment code"))
        self.enrol_button.setText(_("&Enrol this computer"))
        self.enrol_button.setAccessibleName(_("Enrol this computer"))
        self.enrol_busy.setAccessibleName(_("Enrolling"))
        self.numbers_heading.setText(_("Document numbers"))
        self.load_numbers_button.setText(_("&Load numbers from a headquarters bundle…"))
        self.load_numbers_button.setAccessibleName(
            _("Load document numbers from a headquarters bundle")
        )
        self.numbers_busy.setAccessibleName(_("Loading document numbers"))
        left = sync.numbers_left
        numbers = ngettext(
            "{count} document number left on this computer.",
            "{count} document numbers left on this computer.",
            left,
        ).format(count=left)
        if self.view.is_administrator:
            numbers += " " + _(
                "Without a link to headquarters, load the numbers from the bundle "
                "headquarters sent you."
            )
        self.numbers_state.setText(numbers)
        if self.view.is_administrator:
            self.hq_note.setText(
                _(
                    "Headquarters gives a one-time code for each computer. Type its address "
                    "and the code, then enrol."
                )
            )
        else:
            self.hq_note.setText(
                _("Only an administrator can enrol this computer with headquarters.")
            )

    # --- enrolling ----------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Return in the headquarters fields enrols (instead of saving and closing)."""
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and self.focusWidget() in (self.hq_url, self.enrol_code):
            if self.enrol_button.isEnabled():
                self.enrol()
            return
        super().keyPressEvent(event)

    def enrol(self) -> None:
        """Enrol this computer with the address and one-time code (in a worker)."""
        url, code = self.hq_url.text().strip(), self.enrol_code.text().strip()
        if not url or not code:
            self.message.emit(_("Type the headquarters address and the one-time code."), False)
            return
        db = self.session.database()
        self.enrol_button.setEnabled(False)
        self.enrol_busy.show()
        self.message.emit("", False)

        def enrol_and_fetch_numbers(_c: object, _p: object) -> NumbersTopUp:
            settings_uc.enrol(db, url, code)
            # a new mission issues its first document without a terminal: numbers come now
            return top_up_numbers(db)

        run_in_pool(enrol_and_fetch_numbers, self._on_enrolled, self._on_enrol_failed)

    def _on_enrolled(self, numbers: NumbersTopUp) -> None:
        if not shiboken6.isValid(self):
            return
        self.enrol_busy.hide()
        self.enrol_button.setEnabled(True)
        self.enrol_code.clear()
        self.view = settings_view.settings_view(self.session.database())
        self.retranslate()
        if numbers.received:
            self.numbers_state.setText(
                ngettext(
                    "{count} document number was received from headquarters.",
                    "{count} document numbers were received from headquarters.",
                    numbers.received,
                ).format(count=numbers.received)
                + " "
                + self.numbers_state.text()
            )
        elif numbers.error is not None:
            self.message.emit(describe_sync_error(numbers.error), True)
        self.enrolled.emit()

    def _on_enrol_failed(self, exc: BaseException) -> None:
        self.enrol_busy.hide()
        self.enrol_button.setEnabled(True)
        self.message.emit(describe_sync_failure(exc), False)

    # --- loading numbers ----------------------------------------------------------------------

    def choose_bundle(self) -> None:
        """Ask for headquarters' reply bundle, then load its numbers."""
        path, _filter = QFileDialog.getOpenFileName(
            self,
            _("Load numbers from a headquarters bundle"),
            "",
            _("Headquarters bundles (*.laissez *.reply);;All files (*)"),
        )
        if path:
            self.load_numbers(Path(path))

    def load_numbers(self, path: Path) -> None:
        """Load the number ranges of bundle ``path`` (in a worker)."""
        db = self.session.database()
        self._numbers_before = self.view.sync.numbers_left
        self.load_numbers_button.setEnabled(False)
        self.numbers_busy.show()
        self.message.emit("", False)
        run_in_pool(
            lambda _c, _p: Casework(db).numbers.load_numbers(path),
            self._on_numbers_loaded,
            self._on_numbers_failed,
        )

    def _on_numbers_loaded(self, loaded: NumbersLoaded) -> None:
        if not shiboken6.isValid(self):
            return
        self.numbers_busy.hide()
        self.load_numbers_button.setEnabled(True)
        self.view = settings_view.settings_view(self.session.database())
        self.retranslate()
        added = max(0, loaded.numbers_left - self._numbers_before)
        text = ngettext(
            "{count} document number was loaded.",
            "{count} document numbers were loaded.",
            added,
        ).format(count=added)
        left = ngettext(
            "{count} document number left on this computer.",
            "{count} document numbers left on this computer.",
            loaded.numbers_left,
        ).format(count=loaded.numbers_left)
        self.numbers_state.setText(text + " " + left)
        self.numbers_loaded.emit()

    def _on_numbers_failed(self, exc: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        logger.info("loading numbers failed with %s", type(exc).__name__)
        self.numbers_busy.hide()
        self.load_numbers_button.setEnabled(True)
        self.message.emit(describe_error(exc), True)
