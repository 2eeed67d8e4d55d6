"""First-run setup: the mission and its first administrator, then (optionally) the mission
signing key. The database is created between the two steps, because installing the key
writes into it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from laissez.casework.accounts import (
    SetupRequest,
    SignerPaths,
    is_issuing_state,
    passphrase_problems,
)
from laissez.desktop import theme
from laissez.desktop.flow.token_pin import token_pin_explanation
from laissez.desktop.messages import passphrase_guessable, passphrase_rule
from laissez.desktop.widgets import busy_bar
from laissez.i18n import _


def _error_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet(theme.ERROR_TEXT)
    return label


class FirstRunPage(QWidget):
    """Two steps: ``account_step`` (mission, administrator, passphrase twice, rule shown
    inline) and ``signer_step`` (three PEM files, may be skipped).

    Emits:
        setup_requested(object): a ``SetupRequest`` to create the database with.
        signer_requested(object): ``SignerPaths`` to install.
        signer_skipped(): the administrator will install the signing key later.
    """

    setup_requested = Signal(object)
    signer_requested = Signal(object)
    signer_skipped = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("first_run_page")
        self.steps = QStackedWidget()
        self.account_step = QWidget()
        self.signer_step = QWidget()
        self.steps.addWidget(self.account_step)
        self.steps.addWidget(self.signer_step)
        self._build_account_step()
        self._build_signer_step()
        box = QWidget()
        box.setMaximumWidth(560)
        box.setMinimumWidth(480)
        QVBoxLayout(box).addWidget(self.steps)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(box, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        self.retranslate()
        self._update_rules()

    # --- building -----------------------------------------------------------------------------

    def _build_account_step(self) -> None:
        self.account_title = QLabel()
        self.account_intro = QLabel()
        self.account_intro.setWordWrap(True)
        self.mission_code = QLineEdit()
        self.mission_code.setObjectName("mission_code")
        self.mission_code.setMaxLength(16)
        self.mission_name = QLineEdit()
        self.mission_name.setObjectName("mission_name")
        self.mission_state = QLineEdit()
        self.mission_state.setObjectName("mission_state")
        self.mission_state.setMaxLength(3)
        self.mission_state.setPlaceholderText("BGD")
        self.username = QLineEdit()
        self.username.setObjectName("setup_username")
        self.display_name = QLineEdit()
        self.display_name.setObjectName("display_name")
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("setup_passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit()
        self.repeat.setObjectName("setup_repeat")
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.also_officer = QCheckBox()
        self.also_officer.setChecked(True)
        self.rules = QLabel()
        self.rules.setObjectName("passphrase_rules")
        self.rules.setWordWrap(False)
        self.error = _error_label()
        self.error.setObjectName("setup_error")
        self.error.hide()
        self.busy = busy_bar()
        self.create_button = QPushButton()
        self.create_button.setObjectName("create_button")
        self.create_button.setDefault(True)
        self.labels = [QLabel() for _ in range(7)]
        form = QFormLayout()
        fields = self._account_fields()
        for label, field in zip(self.labels, fields, strict=True):
            label.setBuddy(field)
            form.addRow(label, field)
        layout = QVBoxLayout(self.account_step)
        layout.addWidget(self.account_title)
        layout.addWidget(self.account_intro)
        layout.addLayout(form)
        layout.addWidget(self.also_officer)
        layout.addWidget(self.rules)
        layout.addWidget(self.error)
        layout.addWidget(self.busy)
        layout.addWidget(self.create_button, 0, Qt.AlignmentFlag.AlignTrailing)
        layout.addStretch(1)
        self.mission_state.textEdited.connect(self._upper_state)
        for field in fields:
            field.textChanged.connect(self._update_rules)
            field.returnPressed.connect(lambda f=field: self._account_return(f))
        self.create_button.clicked.connect(self._submit_account)

    def _build_signer_step(self) -> None:
        self.signer_title = QLabel()
        self.signer_intro = QLabel()
        self.signer_intro.setWordWrap(True)
        self.key_file = QLineEdit()
        self.key_file.setObjectName("key_file")
        self.certificate_file = QLineEdit()
        self.certificate_file.setObjectName("certificate_file")
        self.root_file = QLineEdit()
        self.root_file.setObjectName("root_file")
        self.key_password = QLineEdit()
        self.key_password.setObjectName("key_password")
        self.key_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.token_pin = QLineEdit()
        self.token_pin.setObjectName("setup_token_pin")
        self.token_pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.token_pin_note = QLabel()
        self.token_pin_note.setWordWrap(True)
        self.browse_buttons: list[QPushButton] = []
        self.signer_labels = [QLabel() for _ in range(5)]
        form = QFormLayout()
        for label, field in zip(
            self.signer_labels[:3],
            (self.key_file, self.certificate_file, self.root_file),
            strict=True,
        ):
            row = QHBoxLayout()
            row.addWidget(field, 1)
            browse = QPushButton()
            browse.clicked.connect(lambda _checked=False, f=field: self._browse(f))
            self.browse_buttons.append(browse)
            row.addWidget(browse)
            label.setBuddy(field)
            form.addRow(label, row)
        self.signer_labels[3].setBuddy(self.key_password)
        form.addRow(self.signer_labels[3], self.key_password)
        self.signer_labels[4].setBuddy(self.token_pin)
        form.addRow(self.signer_labels[4], self.token_pin)
        form.addRow(self.token_pin_note)
        self.signer_error = _error_label()
        self.signer_error.setObjectName("signer_error")
        self.signer_error.hide()
        self.signer_busy = busy_bar()
        self.skip_button = QPushButton()
        self.skip_button.setObjectName("skip_button")
        self.install_button = QPushButton()
        self.install_button.setObjectName("install_button")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.skip_button)
        buttons.addWidget(self.install_button)
        layout = QVBoxLayout(self.signer_step)
        layout.addWidget(self.signer_title)
        layout.addWidget(self.signer_intro)
        layout.addLayout(form)
        layout.addWidget(self.signer_error)
        layout.addWidget(self.signer_busy)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.skip_button.clicked.connect(self.signer_skipped)
        self.install_button.clicked.connect(self._submit_signer)
        for field in (self.key_file, self.certificate_file, self.root_file, self.key_password):
            field.returnPressed.connect(self._submit_signer)

    def retranslate(self) -> None:
        """Set every text in the current interface language."""
        self.account_title.setText("<h2>{}</h2>".format(_("Set up Laissez on this computer")))
        self.account_intro.setText(
            _(
                "No database was found here. Name your mission, give the State it serves "
                "(it issues travel documents for that nationality) and create the first "
                "administrator; the database is encrypted with this passphrase."
            )
        )
        texts = (
            _("Mission &code"),
            _("Mission &name"),
            _("Mission's &State (ICAO code)"),
            _("&User name"),
            _("&Display name"),
            _("&Passphrase"),
            _("&Repeat passphrase"),
        )
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(text)
            buddy = label.buddy()
            if buddy is not None:
                buddy.setAccessibleName(text.replace("&", ""))
        self.also_officer.setText(_("This administrator also interviews (officer role)"))
        self.create_button.setText(_("Create the database"))
        self.signer_title.setText("<h2>{}</h2>".format(_("Mission signing key")))
        self.signer_intro.setText(
            _(
                "Travel documents are sealed with the mission's signing key. Headquarters "
                "makes it for your mission and hands over three PEM files (the private key, "
                "its certificate and the headquarters root certificate) on a removable "
                "medium; the key password comes separately. Choose the files now and press "
                "Enter, or skip this step: no document can be issued until an administrator "
                "installs the key."
            )
        )
        signer_texts = (
            _("Private &key"),
            _("&Certificate"),
            _("Headquarters &root"),
            _("Key pass&word"),
            _("Seal key &PIN"),
        )
        for label, text in zip(self.signer_labels, signer_texts, strict=True):
            label.setText(text)
            buddy = label.buddy()
            if buddy is not None:
                buddy.setAccessibleName(text.replace("&", ""))
        self.token_pin_note.setText(token_pin_explanation())
        for button in self.browse_buttons:
            button.setText(_("Choose…"))
        self.skip_button.setText(_("Skip for now"))
        self.install_button.setText(_("Install the key"))
        self._update_rules()

    # --- behaviour ----------------------------------------------------------------------------

    def _update_rules(self) -> None:
        problems = passphrase_problems(self.passphrase.text(), self.repeat.text())
        ok_rule = "too_short" not in problems
        lines = [("✓ " if ok_rule else "• ") + passphrase_rule()]
        if "too_guessable" in problems:
            lines.append("• " + passphrase_guessable())
        if not self.repeat.text():
            lines.append("• " + _("Type the passphrase twice."))
        elif "mismatch" in problems:
            lines.append("• " + _("The two passphrases differ."))
        else:
            lines.append("✓ " + _("The two passphrases match."))
        state_ok = is_issuing_state(self.mission_state.text())
        lines.insert(
            0,
            ("✓ " if state_ok else "• ")
            + _("The mission's State: a three-letter ICAO code (for example BGD)."),
        )
        self.rules.setText("\n".join(lines))
        ready = (
            not problems
            and state_ok
            and bool(self.mission_code.text().strip())
            and bool(self.username.text().strip())
        )
        self.create_button.setEnabled(ready and not self.busy.isVisible())

    def _account_fields(self) -> tuple[QLineEdit, ...]:
        return (
            self.mission_code,
            self.mission_name,
            self.mission_state,
            self.username,
            self.display_name,
            self.passphrase,
            self.repeat,
        )

    def _upper_state(self, text: str) -> None:
        if text != text.upper():
            position = self.mission_state.cursorPosition()
            self.mission_state.setText(text.upper())
            self.mission_state.setCursorPosition(position)

    def _account_return(self, field: QLineEdit) -> None:
        """Return in a field: create the database when everything is filled in, else go to
        the first field still empty (or to the next one)."""
        if self.create_button.isEnabled():
            self._submit_account()
            return
        fields = self._account_fields()
        empty = [f for f in fields if not f.text()]
        if not empty and not is_issuing_state(self.mission_state.text()):
            empty = [self.mission_state]
        target = empty[0] if empty else fields[(fields.index(field) + 1) % len(fields)]
        target.setFocus()

    def _submit_account(self) -> None:
        if passphrase_problems(self.passphrase.text(), self.repeat.text()):
            return
        if not is_issuing_state(self.mission_state.text()):
            return
        self.error.hide()
        self.setup_requested.emit(
            SetupRequest(
                mission_code=self.mission_code.text(),
                mission_name=self.mission_name.text(),
                username=self.username.text(),
                display_name=self.display_name.text(),
                passphrase=self.passphrase.text(),
                also_officer=self.also_officer.isChecked(),
                country_code=self.mission_state.text(),
            )
        )

    def _browse(self, field: QLineEdit) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, "", field.text(), _("PEM files (*.pem *.crt *.key);;All files (*)")
        )
        if name:
            field.setText(name)

    def _submit_signer(self) -> None:
        files = (self.key_file.text(), self.certificate_file.text(), self.root_file.text())
        if not all(f.strip() for f in files):
            self.show_signer_error(_("Choose the three files, or skip this step."))
            return
        self.signer_error.hide()
        pin = self.token_pin.text()
        self.token_pin.clear()
        self.signer_requested.emit(
            SignerPaths(
                Path(files[0]),
                Path(files[1]),
                Path(files[2]),
                self.key_password.text(),
                token_pin=pin,
            )
        )

    def set_busy(self, busy: bool) -> None:
        """Show the busy indicator of the current step and block it."""
        bar = self.busy if self.steps.currentWidget() is self.account_step else self.signer_busy
        bar.setVisible(busy)
        step = self.account_step if bar is self.busy else self.signer_step
        step.setEnabled(not busy)
        self._update_rules()

    def show_error(self, message: str) -> None:
        """Show why the database was not created; the passphrases are cleared."""
        self.passphrase.clear()
        self.repeat.clear()
        self.error.setText(message)
        self.error.show()

    def show_signer_error(self, message: str) -> None:
        """Show why the signing key was not installed."""
        self.key_password.clear()
        self.token_pin.clear()
        self.signer_error.setText(message)
        self.signer_error.show()

    def show_signer_step(self) -> None:
        """Go on to the signing-key step (the database exists now); passphrases forgotten."""
        self.passphrase.clear()
        self.repeat.clear()
        self.steps.setCurrentWidget(self.signer_step)
        self.key_file.setFocus()
