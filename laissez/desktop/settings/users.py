"""The Settings dialog's Users tab: the mission's staff, and (administrators) adding users,
giving a new passphrase and removing a user with a rotation of the database key.

Every rule lives in ``laissez.casework.staff``; this module shows the list, collects what the
administrator types and runs the slow calls (key derivation, re-encryption) in ``run_in_pool``
with a busy indicator. Refusals reach the screen through ``describe_error``. The dialog that
asks for a new user or passphrase is ``user_dialog.UserDialog``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from laissez.casework import staff
from laissez.desktop.controllers.session import SessionController
from laissez.desktop.messages import describe_error
from laissez.desktop.settings.user_dialog import ROLE_LABELS, UserDialog
from laissez.desktop.widgets import busy_bar, error_label
from laissez.desktop.workers import run_in_pool
from laissez.i18n import N_, _, isolate, ltr, ngettext

logger = logging.getLogger(__name__)

COLUMNS = (N_("User name"), N_("Display name"), N_("Roles"), N_("Status"))


def role_words(roles: tuple[str, ...]) -> str:
    """The roles in words, separated by commas."""
    return _(", ").join(_(ROLE_LABELS[r]) if r in ROLE_LABELS else r for r in roles)


class UsersTab(QWidget):
    """The list of users and, for administrators, the buttons that change it.

    Emits:
        users_changed(): a user was added, given a new passphrase or removed.
    """

    users_changed = Signal()

    def __init__(self, session: SessionController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("users_tab")
        self.session = session
        self.admin = staff.is_administrator(session.database())
        self.members: list[staff.StaffMember] = []
        self.user_dialog: UserDialog | None = None
        self.confirm: QMessageBox | None = None
        self.confirm_remove_button: QPushButton | None = None
        self.note = QLabel()
        self.note.setObjectName("users_note")
        self.note.setWordWrap(True)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("users_table")
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.add_button = QPushButton()
        self.add_button.setObjectName("users_add")
        self.add_button.clicked.connect(self.open_add)
        self.reset_button = QPushButton()
        self.reset_button.setObjectName("users_reset")
        self.reset_button.clicked.connect(self.open_reset)
        self.remove_button = QPushButton()
        self.remove_button.setObjectName("users_remove")
        self.remove_button.clicked.connect(self.confirm_remove)
        self.revoke_button = QPushButton()
        self.revoke_button.setObjectName("users_revoke_keys")
        self.revoke_button.clicked.connect(self.confirm_revoke)
        self.confirm_revoke_button: QPushButton | None = None
        buttons = QHBoxLayout()
        for button in (self.add_button, self.reset_button, self.remove_button, self.revoke_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.busy = busy_bar()
        self.status = QLabel()
        self.status.setObjectName("users_status")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error = error_label()
        self.error.setObjectName("users_error")
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.busy)
        layout.addWidget(self.status)
        layout.addWidget(self.error)
        self._working = False
        self.reload()
        self.retranslate()

    # --- showing ------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the staff list again and fill the table."""
        self.members = staff.staff_list(self.session.database())
        self.table.setRowCount(len(self.members))
        for row, member in enumerate(self.members):
            for column in range(len(COLUMNS)):
                item = QTableWidgetItem()
                item.setData(Qt.ItemDataRole.UserRole, member.username)
                self.table.setItem(row, column, item)
        self._fill_texts()
        self._update_buttons()

    def _fill_texts(self) -> None:
        for row, member in enumerate(self.members):
            status = _("Active") if member.active else _("Removed")
            texts = (ltr(member.username), isolate(member.display_name),
                     role_words(member.roles), status)  # fmt: skip
            for column, text in enumerate(texts):
                item = self.table.item(row, column)
                if item is not None:
                    item.setText(text)
                    if not member.active:
                        item.setForeground(self.palette().placeholderText())

    def retranslate(self) -> None:
        """Set every text in the current interface language."""
        self.table.setHorizontalHeaderLabels([_(c) for c in COLUMNS])
        self.table.setAccessibleName(_("Users"))
        self._fill_texts()
        if self.admin:
            self.note.setText(
                _(
                    "Everyone who works on cases needs their own account. Approval needs a "
                    "supervisor who did not take part in the interview (four eyes)."
                )
            )
        else:
            self.note.setText(_("Only an administrator can add, change or remove users."))
        self.add_button.setText(_("&Add user…"))
        self.add_button.setAccessibleName(_("Add user"))
        self.reset_button.setText(_("R&eset passphrase…"))
        self.reset_button.setAccessibleName(_("Reset passphrase"))
        self.remove_button.setText(_("Remo&ve user…"))
        self.remove_button.setAccessibleName(_("Remove user"))
        self.revoke_button.setText(_("Revoke &signing keys…"))
        self.revoke_button.setAccessibleName(_("Revoke signing keys"))
        self.busy.setAccessibleName(_("Working"))
        if self.user_dialog is not None and shiboken6.isValid(self.user_dialog):
            self.user_dialog.retranslate()

    def selected(self) -> staff.StaffMember | None:
        """The user of the selected row, if any."""
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.members[rows[0].row()]

    def select_user(self, username: str) -> None:
        """Select ``username``'s row (keyboard users and tests)."""
        for row, member in enumerate(self.members):
            if member.username == username:
                index = self.table.model().index(row, 0)
                flags = QItemSelectionModel.SelectionFlag
                self.table.selectionModel().setCurrentIndex(
                    index, flags.ClearAndSelect | flags.Rows
                )
                return

    def _update_buttons(self) -> None:
        member = self.selected()
        can = self.admin and not self._working
        self.add_button.setEnabled(can)
        self.reset_button.setEnabled(can and member is not None and member.active)
        self.remove_button.setEnabled(can and member is not None and member.active)
        self.revoke_button.setEnabled(can and member is not None)

    def show_status(self, text: str, *, error: bool = False) -> None:
        """Show a sentence under the buttons (an error in red)."""
        self.status.setText("" if error else text)
        self.error.setText(text if error else "")
        self.error.setVisible(error and bool(text))

    def _set_working(self, working: bool) -> None:
        self._working = working
        self.busy.setVisible(working)
        self._update_buttons()

    def _run(
        self,
        work: Callable[[], Any],
        done: Callable[[Any], None],
        failed: Callable[[BaseException], None],
    ) -> None:
        self._set_working(True)

        def finish(callback: Callable[[Any], None]) -> Callable[[Any], None]:
            def deliver(value: Any) -> None:
                if not shiboken6.isValid(self):  # the dialog was closed meanwhile
                    return
                self._set_working(False)
                callback(value)

            return deliver

        run_in_pool(lambda _cancel, _progress: work(), finish(done), finish(failed))

    # --- adding and resetting -----------------------------------------------------------------

    def open_add(self) -> UserDialog:
        """Open the "Add a user" dialog; returns it."""
        return self._open_dialog("")

    def open_reset(self) -> UserDialog | None:
        """Open the new-passphrase dialog for the selected user; returns it."""
        member = self.selected()
        if member is None:
            return None
        return self._open_dialog(member.username)

    def _open_dialog(self, username: str) -> UserDialog:
        dialog = UserDialog(username, self)
        dialog.submitted.connect(lambda: self._submit(dialog))
        dialog.finished.connect(dialog.deleteLater)
        self.user_dialog = dialog
        dialog.open()
        return dialog

    def _submit(self, dialog: UserDialog) -> None:
        db, kdf = self.session.database(), self.session.kdf
        passphrase, repeated = dialog.passphrase.text(), dialog.repeated.text()
        if dialog.reset_for:
            username = dialog.reset_for

            def work() -> object:
                staff.reset_staff_passphrase(db, username, passphrase, repeated, kdf=kdf)
                return None

            success = _("{user} has a new passphrase.")
        else:
            username = dialog.username.text().strip()
            display, roles = dialog.display_name.text(), dialog.roles()

            def work() -> object:
                return staff.add_staff(db, username, display, passphrase, repeated, roles, kdf=kdf)

            success = _("{user} was added. They can sign in now.")
        dialog.set_busy(True)

        def done(_value: object) -> None:
            if shiboken6.isValid(dialog):
                dialog.set_busy(False)
                dialog.accept()
            self.reload()
            self.show_status(success.format(user=ltr(username)))
            self.users_changed.emit()

        def failed(exc: BaseException) -> None:
            logger.info("changing a user failed with %s", type(exc).__name__)
            if shiboken6.isValid(dialog):
                dialog.set_busy(False)
                dialog.show_error(describe_error(exc))

        self._run(work, done, failed)

    # --- removing -----------------------------------------------------------------------------

    def confirm_remove(self) -> QMessageBox | None:
        """Ask before removing the selected user (the database key is rotated)."""
        member = self.selected()
        if member is None:
            return None
        username = member.username
        box, remove = self._confirm(
            "users_confirm_remove",
            _("Remove user"),
            _("Remove {user}? They will no longer be able to sign in.").format(user=ltr(username)),
            _(
                "The database key is then rotated, so that a copy of the old key no longer "
                "opens the database. This takes a moment; the other users keep their "
                "passphrases."
            ),
            _("&Remove and rotate the key"),
            lambda: self.remove(username),
        )
        self.confirm_remove_button = remove
        return box

    def remove(self, username: str) -> None:
        """Remove ``username`` and rotate the database key (in a worker)."""
        db = self.session.database()

        def done(_value: object) -> None:
            self.reload()
            self.show_status(
                _("{user} was removed and the database key was rotated.").format(user=ltr(username))
            )
            self.users_changed.emit()

        def failed(exc: BaseException) -> None:
            logger.info("removing a user failed with %s", type(exc).__name__)
            self.reload()
            self.show_status(describe_error(exc), error=True)

        self.show_status("")
        self._run(lambda: staff.remove_staff(db, username), done, failed)

    # --- revoking signing keys ----------------------------------------------------------------

    def confirm_revoke(self) -> QMessageBox | None:
        """Ask before revoking every signing key of the selected user (default: Cancel)."""
        member = self.selected()
        if member is None:
            return None
        username = member.username
        box, revoke = self._confirm(
            "users_confirm_revoke",
            _("Revoke signing keys"),
            _("Revoke every signing key of {user}?").format(user=ltr(username)),
            _(
                "Do this when a key may have been stolen or misused. Decisions signed with "
                "these keys stop counting on this computer at once, and at headquarters and "
                "on the mission's other computers after their next sync: the cases concerned "
                "need those decisions made again. The user gets a new key when an "
                "administrator next resets their passphrase."
            ),
            _("Re&voke the keys"),
            lambda: self.revoke_keys(username),
        )
        self.confirm_revoke_button = revoke
        return box

    def _confirm(
        self,
        name: str,
        title: str,
        text: str,
        informative: str,
        action: str,
        on_accept: Callable[[], None],
    ) -> tuple[QMessageBox, QPushButton]:
        """Open a warning that asks before an irreversible action (default: Cancel); returns
        it and its action button, which runs ``on_accept``."""
        box = QMessageBox(self)
        box.setObjectName(name)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(title)
        box.setText(text)
        box.setInformativeText(informative)
        accept = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(_("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(cancel)
        accept.clicked.connect(on_accept)
        box.finished.connect(box.deleteLater)
        self.confirm = box
        box.open()
        return box, accept

    def revoke_keys(self, username: str) -> None:
        """Revoke every signing key of ``username`` (in a worker) and say how many."""
        db = self.session.database()

        def done(count: object) -> None:
            self.reload()
            if isinstance(count, int) and count:
                text = ngettext(
                    "{count} signing key of {user} was revoked. Sync with headquarters so "
                    "that the other computers refuse it too.",
                    "{count} signing keys of {user} were revoked. Sync with headquarters so "
                    "that the other computers refuse them too.",
                    count,
                )
            else:
                text = _("{user} had no signing key to revoke.")
            self.show_status(text.format(count=count, user=ltr(username)))
            self.users_changed.emit()

        def failed(exc: BaseException) -> None:
            logger.info("revoking signing keys failed with %s", type(exc).__name__)
            self.show_status(describe_error(exc), error=True)

        self.show_status("")
        self._run(lambda: staff.revoke_signing_keys(db, username), done, failed)
