"""A second person signs in on the spot (four eyes) and takes a decision.

The dialog asks for a user name and passphrase, opens a SECOND database handle as that person
(``accounts.sign_in`` on the same data directory, off the GUI thread with a busy indicator),
then asks for the decision. The caller records the decision through casework acting as that
person (``dialog.database()``) and calls ``finish()``; the handle is closed as soon as the
dialog ends, whatever way it ends.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from laissez.casework import accounts
from laissez.casework.accounts import Database
from laissez.desktop import theme
from laissez.desktop.messages import describe_error
from laissez.desktop.widgets import busy_bar
from laissez.desktop.workers import run_in_pool
from laissez.i18n import _, isolate

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Choice:
    """One decision the second person may take: a code for casework, its label (marked with
    ``N_``), and whether it needs a reason code from the dialog's list."""

    code: str
    label: str
    needs_reason: bool = False


class SecondPersonDialog(QDialog):
    """Sign in on the spot, then decide.

    Emits:
        decided(str, str, str): the choice code, the reason code ("" if none) and the comment
            ("" if none). The database of the person who signed in is ``database()`` until
            ``finish()`` or the dialog closes.
    """

    decided = Signal(str, str, str)

    def __init__(
        self,
        data_dir: Path,
        *,
        title: str,
        explanation: str,
        choices: Sequence[Choice],
        reasons: dict[str, str] | None = None,
        comment: bool = False,
        check: Callable[[Database], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("second_person_dialog")
        self.setWindowTitle(title)
        self.data_dir = data_dir
        self._db: Database | None = None
        self._ended = False
        self.busy_now = False
        self.choices = tuple(choices)
        self.check = check

        heading = QLabel(f"<h3>{title}</h3>")
        self.explanation = QLabel(explanation)
        self.explanation.setWordWrap(True)
        self.stack = QStackedWidget()

        # --- page 1: sign in ------------------------------------------------------------------
        self.sign_in_page = QWidget()
        self.username = QLineEdit()
        self.username.setObjectName("second_username")
        self.username.setAccessibleName(_("User name"))
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("second_passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(_("Passphrase"))
        form = QFormLayout()
        user_label = QLabel(_("&User name"))
        user_label.setBuddy(self.username)
        pass_label = QLabel(_("&Passphrase"))
        pass_label.setBuddy(self.passphrase)
        form.addRow(user_label, self.username)
        form.addRow(pass_label, self.passphrase)
        self.error = QLabel()
        self.error.setObjectName("second_person_error")
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setStyleSheet(theme.ERROR_TEXT)
        self.error.hide()
        self.busy = busy_bar()
        self.busy.setAccessibleName(_("Checking the passphrase…"))
        self.sign_in_button = QPushButton(_("&Sign in"))
        self.sign_in_button.setObjectName("second_sign_in")
        page1 = QVBoxLayout(self.sign_in_page)
        page1.setContentsMargins(0, 0, 0, 0)
        page1.addWidget(QLabel(_("Sign in with your own user name and passphrase:")))
        page1.addLayout(form)
        page1.addWidget(self.error)
        page1.addWidget(self.busy)
        page1.addStretch(1)

        # --- page 2: the decision -------------------------------------------------------------
        self.decision_page = QWidget()
        self.signed_in_as = QLabel()
        self.signed_in_as.setObjectName("second_signed_in_as")
        self.group = QButtonGroup(self)
        self.radios: dict[str, QRadioButton] = {}
        page2 = QVBoxLayout(self.decision_page)
        page2.setContentsMargins(0, 0, 0, 0)
        page2.addWidget(self.signed_in_as)
        for choice in self.choices:
            radio = QRadioButton(_(choice.label))
            radio.setObjectName(f"choice_{choice.code}")
            self.group.addButton(radio)
            self.radios[choice.code] = radio
            page2.addWidget(radio)
            radio.toggled.connect(self._update_reason)
        self.reason = QComboBox()
        self.reason.setObjectName("second_reason")
        self.reason.setAccessibleName(_("Reason"))
        for code, label in (reasons or {}).items():
            self.reason.addItem(_(label), code)
        self.comment = QLineEdit()
        self.comment.setObjectName("second_comment")
        self.comment.setAccessibleName(_("Comment (optional)"))
        details = QFormLayout()
        self.reason_label = QLabel(_("&Reason"))
        self.reason_label.setBuddy(self.reason)
        details.addRow(self.reason_label, self.reason)
        self.comment_label = QLabel(_("&Comment (optional)"))
        self.comment_label.setBuddy(self.comment)
        details.addRow(self.comment_label, self.comment)
        reason_widgets: tuple[QWidget, ...] = (self.reason_label, self.reason)
        for widget in reason_widgets:
            widget.setVisible(bool(reasons))
        comment_widgets: tuple[QWidget, ...] = (self.comment_label, self.comment)
        for widget in comment_widgets:
            widget.setVisible(comment)
        page2.addLayout(details)
        page2.addStretch(1)
        self.confirm_button = QPushButton(_("Record the &decision"))
        self.confirm_button.setObjectName("second_confirm")
        self.confirm_button.setEnabled(False)
        self.group.buttonToggled.connect(lambda *_a: self.confirm_button.setEnabled(True))
        if len(self.choices) == 1:
            next(iter(self.radios.values())).setChecked(True)

        self.stack.addWidget(self.sign_in_page)
        self.stack.addWidget(self.decision_page)
        self.cancel_button = QPushButton(_("Cancel"))
        self.cancel_button.setObjectName("second_cancel")
        # Only the page's own button is ever the default: a button that takes the default when
        # it gets the focus (``autoDefault``) would catch the Return typed in the passphrase
        # field as soon as the field is blocked for the check, and Cancel would close the
        # dialog under the running check (issue 17).
        for button in (self.cancel_button, self.sign_in_button, self.confirm_button):
            button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.sign_in_button)
        buttons.addWidget(self.confirm_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.explanation)
        layout.addWidget(self.stack, 1)
        layout.addLayout(buttons)

        self.sign_in_button.clicked.connect(self.check_passphrase)
        self.confirm_button.clicked.connect(self._confirm)
        self.cancel_button.clicked.connect(self.reject)
        self.username.returnPressed.connect(self.passphrase.setFocus)
        self.passphrase.returnPressed.connect(self.check_passphrase)
        self._show_page(self.sign_in_page)
        self._update_reason()
        self.resize(520, 0)

    # --- pages ----------------------------------------------------------------------------------

    def _show_page(self, page: QWidget) -> None:
        self.stack.setCurrentWidget(page)
        signing_in = page is self.sign_in_page
        self.sign_in_button.setVisible(signing_in)
        self.sign_in_button.setDefault(signing_in)
        self.confirm_button.setVisible(not signing_in)
        self.confirm_button.setDefault(not signing_in)
        if signing_in:
            self.username.setFocus()
        else:
            checked = self.group.checkedButton()
            (checked or next(iter(self.radios.values()), self.confirm_button)).setFocus()

    def _update_reason(self) -> None:
        choice = self.chosen()
        self.reason.setEnabled(choice is not None and choice.needs_reason)
        self.reason_label.setEnabled(self.reason.isEnabled())

    def set_busy(self, busy: bool) -> None:
        """Show the busy indicator and block the form while the passphrase is checked."""
        self.busy_now = busy
        self.busy.setVisible(busy)
        # the fields become read-only rather than disabled, so the focus stays where it is
        self.username.setReadOnly(busy)
        self.passphrase.setReadOnly(busy)
        self.sign_in_button.setEnabled(not busy)

    # --- sign in --------------------------------------------------------------------------------

    def check_passphrase(self) -> None:
        """Open the database as the person who typed their name and passphrase (in a worker)."""
        if self.busy_now:
            return
        username, passphrase = self.username.text().strip(), self.passphrase.text()
        if not username or not passphrase:
            self._show_error(_("Type your user name and your passphrase."))
            return
        self.error.hide()
        self.set_busy(True)
        data_dir, check = self.data_dir, self.check

        def sign_in_and_check(_cancel: object, _progress: object) -> Database:
            db = accounts.sign_in(data_dir, username, passphrase)
            if check is not None:
                try:
                    check(db)  # whether this person may decide: said before they choose
                except BaseException:
                    accounts.sign_out(db)
                    raise
            return db

        run_in_pool(
            sign_in_and_check,
            self._on_signed_in,
            self._on_sign_in_error,
        )

    def _on_signed_in(self, db: Database) -> None:
        if self._ended:  # the dialog was closed (its widgets may be gone) during the check
            accounts.sign_out(db)
            return
        self.set_busy(False)
        self.passphrase.clear()
        self._db = db
        name = db.user.display_name or db.user.username
        self.signed_in_as.setText(_("Signed in as {name}.").format(name=isolate(name)))
        self._show_page(self.decision_page)

    def _on_sign_in_error(self, exc: BaseException) -> None:
        logger.info("second-person sign-in failed with %s", type(exc).__name__)
        if self._ended:  # the dialog was closed (its widgets may be gone) during the check
            return
        self.set_busy(False)
        self._show_error(describe_error(exc))

    def _show_error(self, message: str) -> None:
        self.passphrase.clear()
        self.error.setText(message)
        self.error.show()
        self.passphrase.setFocus()

    # --- the decision ---------------------------------------------------------------------------

    def chosen(self) -> Choice | None:
        """The choice selected (None before one is)."""
        for choice in self.choices:
            if self.radios[choice.code].isChecked():
                return choice
        return None

    def _confirm(self) -> None:
        choice = self.chosen()
        if choice is None or self._db is None:
            return
        reason = str(self.reason.currentData() or "") if choice.needs_reason else ""
        self.decided.emit(choice.code, reason, self.comment.text().strip())

    def database(self) -> Database:
        """The database opened as the second person (only between sign-in and the end)."""
        if self._db is None:
            raise RuntimeError("no second person is signed in")
        return self._db

    def finish(self) -> None:
        """The decision was handed to casework: close the handle and the dialog."""
        self.accept()

    def done(self, result: int) -> None:
        """Close the second person's database handle however the dialog ends."""
        self._ended = True
        db, self._db = self._db, None
        if db is not None:
            accounts.sign_out(db)
        self.passphrase.clear()
        super().done(result)
