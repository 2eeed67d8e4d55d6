"""The Settings dialog's Signing key tab: where the seal key is kept and, for an
administrator, requesting the signer's certificate from headquarters (the key is made in the
token; ``laissez.casework.signer_request``) and resetting the PIN of the mission-local seal
token when it was forgotten or locked (``laissez.casework.accounts.reset_token_files``).

The token is erased with its key (nobody keeps its security officer PIN), made again with the
new PIN, and the signer is installed again from headquarters' three PEM files. A token
configured outside Laissez (smart card, USB token, HSM) is not reset here: the tab says so.
"""

from __future__ import annotations

import logging
from pathlib import Path

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from laissez.casework import accounts, signer_request, staff
from laissez.desktop.controllers.session import SessionController
from laissez.desktop.messages import describe_error
from laissez.desktop.widgets import busy_bar, confirm_buttons, error_label
from laissez.desktop.workers import run_in_pool
from laissez.i18n import _

logger = logging.getLogger(__name__)


def pin_rule() -> str:
    """The new token PIN's rule, in words."""
    return _("A PIN has at least {count} characters.").format(count=accounts.MIN_TOKEN_PIN_LENGTH)


class ResetPinDialog(QDialog):
    """Asks for headquarters' three files, the key password and the new PIN twice.

    Emits:
        submitted(): OK was pressed with every field filled and a usable PIN.
    """

    submitted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reset_pin_dialog")
        self.setWindowTitle(_("Reset the token PIN"))
        intro = QLabel(
            _(
                "The seal token is erased with the key inside it and made again with the new "
                "PIN. Then the signing key is installed again from the three PEM files "
                "headquarters gave the mission. Give the new PIN to the issuing supervisors "
                "only."
            )
        )
        intro.setWordWrap(True)
        intro.setMinimumWidth(420)
        self.key_file, self.certificate_file, self.root_file = QLineEdit(), QLineEdit(), QLineEdit()
        self.key_password = QLineEdit()
        self.pin, self.repeated = QLineEdit(), QLineEdit()
        for field in (self.key_password, self.pin, self.repeated):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        for text, field in (
            (_("Private &key"), self.key_file),
            (_("&Certificate"), self.certificate_file),
            (_("Headquarters &root"), self.root_file),
        ):
            row = QHBoxLayout()
            row.addWidget(field, 1)
            browse = QPushButton(_("Choose…"))
            browse.clicked.connect(lambda _checked=False, f=field: self._browse(f))
            row.addWidget(browse)
            form.addRow(text, row)
            field.setAccessibleName(text.replace("&", ""))
        for text, field in (
            (_("Key pass&word"), self.key_password),
            (_("New &PIN"), self.pin),
            (_("Repeat the new P&IN"), self.repeated),
        ):
            form.addRow(text, field)
            field.setAccessibleName(text.replace("&", ""))
        self.rules = QLabel()
        self.rules.setObjectName("reset_pin_rules")
        self.rules.setWordWrap(True)
        self.error = error_label()
        self.error.setObjectName("reset_pin_error")
        self.busy = busy_bar()
        self.buttons, self.ok_button = confirm_buttons(self, _("Reset the PIN"), "reset_pin_ok")
        self.buttons.accepted.disconnect()
        self.buttons.accepted.connect(self._submit)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.rules)
        layout.addWidget(self.error)
        layout.addWidget(self.busy)
        layout.addWidget(self.buttons)
        for field in (
            self.key_file,
            self.certificate_file,
            self.root_file,
            self.pin,
            self.repeated,
        ):
            field.textChanged.connect(self._update)
        self._update()

    def _browse(self, field: QLineEdit) -> None:
        title, kinds = _("Choose a PEM file"), _("PEM files (*.pem);;All files (*)")
        path, _filter = QFileDialog.getOpenFileName(self, title, "", kinds)
        if path:
            field.setText(path)

    def problems(self) -> tuple[str, ...]:
        """What is wrong with the new PIN as typed (``accounts.token_pin_problems``)."""
        return accounts.token_pin_problems(self.pin.text(), self.repeated.text())

    def _update(self) -> None:
        problems = self.problems()
        lines = [("• " if "too_short" in problems else "✓ ") + pin_rule()]
        if self.repeated.text() and "mismatch" in problems:
            lines.append("• " + _("The two PINs differ."))
        self.rules.setText("\n".join(lines))
        files = all(
            f.text().strip() for f in (self.key_file, self.certificate_file, self.root_file)
        )
        self.ok_button.setEnabled(files and not problems and not self.busy.isVisible())

    def _submit(self) -> None:
        if self.ok_button.isEnabled():
            self.submitted.emit()

    def paths(self) -> accounts.SignerPaths:
        """The files and key password as typed."""
        return accounts.SignerPaths(
            Path(self.key_file.text().strip()),
            Path(self.certificate_file.text().strip()),
            Path(self.root_file.text().strip()),
            self.key_password.text(),
        )

    def set_busy(self, busy: bool) -> None:
        """Show the busy indicator and block the fields while the token is remade."""
        self.busy.setVisible(busy)
        for child in self.findChildren(QLineEdit):
            child.setEnabled(not busy)
        self._update()

    def show_error(self, text: str) -> None:
        """Show a refusal in red; the dialog stays open."""
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def done(self, result: int) -> None:
        """Close, forgetting the key password and the PIN typed."""
        for field in (self.key_password, self.pin, self.repeated):
            field.clear()
        super().done(result)


class SigningTab(QWidget):
    """Where the seal key is kept, and the administrator's "Reset the token PIN…".

    Emits:
        token_reset(): the token was made again and the signer installed into it.
    """

    token_reset = Signal()

    def __init__(self, session: SessionController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signing_tab")
        self.session = session
        self.admin = staff.is_administrator(session.database())
        self.resettable = accounts.token_resettable()
        self.reset_dialog: ResetPinDialog | None = None
        self.note = QLabel()
        self.note.setObjectName("signing_note")
        self.note.setWordWrap(True)
        self.reset_button = QPushButton()
        self.reset_button.setObjectName("signing_reset_pin")
        self.reset_button.clicked.connect(self.open_reset)
        self.request_button = QPushButton()
        self.request_button.setObjectName("signing_request_certificate")
        self.request_button.clicked.connect(self.request_certificate)
        self.bundle_button = QPushButton()
        self.bundle_button.setObjectName("signing_request_bundle")
        self.bundle_button.clicked.connect(self.save_bundle)
        self.request_state = QLabel()
        self.request_state.setObjectName("signing_request_state")
        self.request_state.setWordWrap(True)
        self.status = QLabel()
        self.status.setObjectName("signing_status")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error = error_label()
        self.error.setObjectName("signing_error")
        row = QHBoxLayout()
        row.addWidget(self.reset_button)
        row.addWidget(self.request_button)
        row.addWidget(self.bundle_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addLayout(row)
        layout.addWidget(self.request_state)
        layout.addWidget(self.status)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.reset_button.setEnabled(self.admin)
        self.request_button.setEnabled(self.admin)
        self.retranslate()

    def retranslate(self) -> None:
        """Set every text in the current interface language."""
        if self.resettable:
            text = _(
                "The seal key is kept in this computer's own token, locked by a PIN the "
                "issuing supervisors know. If the PIN is forgotten or the token is locked "
                "after too many tries, an administrator resets it here with the files "
                "headquarters gave the mission."
            )
        else:
            text = _(
                "The seal key is kept in a token managed outside Laissez (a smart card, USB "
                "token or HSM). Its PIN is reset with the token's own tools, not here."
            )
        if not self.admin:
            text += " " + _("Only an administrator can reset the PIN.")
        self.note.setText(text)
        self.reset_button.setText(_("Reset the token &PIN…"))
        self.reset_button.setAccessibleName(_("Reset the token PIN"))
        self.request_button.setText(_("Request a signing &certificate…"))
        self.request_button.setAccessibleName(_("Request a signing certificate"))
        self.bundle_button.setText(_("Save the request in a &bundle…"))
        self.bundle_button.setAccessibleName(
            _("Save the certificate request in a bundle for headquarters")
        )
        self.show_request_state()

    def show_request_state(self) -> None:
        """Say where the last certificate request stands (nothing before the first)."""
        held = signer_request.request_state_of(self.session.database())
        texts = {
            "queued": _("A certificate request waits to be sent at the next sync."),
            "pending": _("Headquarters has the certificate request and must approve it."),
            "issued": _("Headquarters issued the certificate: the new signing key is in use."),
        }
        if held is None:
            text = ""
        elif held.status in texts:
            text = texts[held.status]
        else:
            text = _("The certificate request was refused ({code}).").format(
                code=held.reason_code or "-"
            )
        self.request_state.setText(text)
        waiting = held is not None and held.status in ("queued", "pending")
        self.bundle_button.setVisible(self.admin and waiting)

    def save_bundle(self) -> None:
        """Without a link: write the request (and the changes waiting) into an offline bundle
        to carry to headquarters; its reply is loaded like any headquarters bundle."""
        path, _filter = QFileDialog.getSaveFileName(
            self,
            _("Save the request in a bundle"),
            "to-headquarters.laissez",
            _("Headquarters bundles (*.laissez *.reply);;All files (*)"),
        )
        if not path:
            return
        try:
            signer_request.write_bundle_of(self.session.database(), Path(path))
        except Exception as exc:  # a typed casework error, or the file could not be written
            logger.info("writing the request bundle failed with %s", type(exc).__name__)
            self.show_status(describe_error(exc), error=True)
            return
        self.show_status(
            _(
                "The bundle was written. Carry it to headquarters; load its reply with "
                '"Load numbers from a headquarters bundle" on the Headquarters tab.'
            )
        )

    def request_certificate(self) -> None:
        """Make the signing key in the token and queue its certificate request (the token's
        PIN is asked unless this session holds it)."""
        from laissez.desktop.flow.token_pin import ask_token_pin

        self.show_status("")
        pin = self.session.token_pin or ask_token_pin(self, _("Request"))
        if not pin:
            return
        db = self.session.database()
        self.request_button.setEnabled(False)

        def done(_value: object) -> None:
            if not shiboken6.isValid(self):
                return
            self.request_button.setEnabled(self.admin)
            self.session.remember_token_pin(pin)
            self.show_request_state()
            self.show_status(
                _(
                    "The signing key was made in the token. Its certificate request goes to "
                    "headquarters at the next sync, or in the next offline bundle."
                )
            )

        def failed(exc: BaseException) -> None:
            logger.info("the certificate request failed with %s", type(exc).__name__)
            if shiboken6.isValid(self):
                self.request_button.setEnabled(self.admin)
                self.show_status(describe_error(exc), error=True)

        run_in_pool(lambda _c, _p: signer_request.request_with_pin(db, pin), done, failed)

    def show_status(self, text: str, *, error: bool = False) -> None:
        """Show a sentence under the button (an error in red)."""
        self.status.setText("" if error else text)
        self.error.setText(text if error else "")
        self.error.setVisible(error and bool(text))

    def open_reset(self) -> ResetPinDialog:
        """Open the reset dialog; returns it."""
        self.show_status("")
        dialog = ResetPinDialog(self)
        dialog.submitted.connect(lambda: self._submit(dialog))
        dialog.finished.connect(dialog.deleteLater)
        self.reset_dialog = dialog
        dialog.open()
        return dialog

    def _submit(self, dialog: ResetPinDialog) -> None:
        db, paths = self.session.database(), dialog.paths()
        pin, repeated = dialog.pin.text(), dialog.repeated.text()
        dialog.show_error("")
        dialog.set_busy(True)

        def done(_value: object) -> None:
            if not shiboken6.isValid(self):
                return
            if shiboken6.isValid(dialog):
                dialog.set_busy(False)
                dialog.accept()
            self.session.forget_token_pin()
            self.show_status(
                _(
                    "The token was made again with the new PIN and the signing key installed "
                    "into it. The old PIN no longer opens anything."
                )
            )
            self.token_reset.emit()

        def failed(exc: BaseException) -> None:
            logger.info("resetting the token PIN failed with %s", type(exc).__name__)
            if shiboken6.isValid(dialog):
                dialog.set_busy(False)
                dialog.show_error(describe_error(exc))

        run_in_pool(
            lambda _c, _p: accounts.reset_token_files(db, paths, pin, repeated), done, failed
        )
