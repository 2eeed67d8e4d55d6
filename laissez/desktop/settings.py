"""The Settings dialog: mission, interface language, retention, printer, idle lock and
headquarters.

What belongs to this computer (language, default printer, idle-lock minutes) is kept in the
preferences file, never anything personal; what belongs to the mission (retention rules, the
enrolment with headquarters) lives in the encrypted database and only an administrator changes
it, through ``laissez.casework.settings_view``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from laissez.casework import settings_view
from laissez.casework.numbers import NumbersLoaded
from laissez.casework.service import Casework
from laissez.desktop.cases.labels import STATUS_LABELS, status_label
from laissez.desktop.config import Config
from laissez.desktop.controllers.session import SessionController
from laissez.desktop.messages import describe_error
from laissez.desktop.preferences import Preferences
from laissez.desktop.settings_users import UsersTab
from laissez.desktop.sync_messages import describe_sync_error, describe_sync_failure
from laissez.desktop.sync_status import relative_time
from laissez.desktop.workers import run_in_pool
from laissez.i18n import UI_LANGUAGES, _, ltr, ngettext

logger = logging.getLogger(__name__)
#: the idle-lock spin box's range, in minutes
IDLE_MINUTES_RANGE = (1, 120)
#: the retention spin box's "no rule" value
NO_RULE = -1


def available_printers() -> list[str]:
    """The names of the printers installed on this computer."""
    from PySide6.QtPrintSupport import QPrinterInfo

    return list(QPrinterInfo.availablePrinterNames())


def _note(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class SettingsDialog(QDialog):
    """Settings for this computer and, for administrators, the mission.

    Emits:
        preferences_saved(object): the new ``Preferences`` when the officer pressed Save;
            the application applies the language and idle lock at once and writes the file.
        enrolled(): this computer was enrolled with headquarters.
        numbers_loaded(): document numbers were loaded from a headquarters bundle.
    """

    preferences_saved = Signal(object)
    enrolled = Signal()
    numbers_loaded = Signal()

    def __init__(
        self,
        session: SessionController,
        config: Config,
        preferences: Preferences,
        *,
        printers: Callable[[], Sequence[str]] = available_printers,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settings_dialog")
        self.session = session
        self.config = config
        self.preferences = preferences
        self.view = settings_view.settings_view(session.database())
        self.printer_names = list(printers())
        self._spins: dict[str, QSpinBox] = {}
        self._numbers_before = 0
        self.tabs = QTabWidget()
        self.tabs.setObjectName("settings_tabs")
        self._build_general()
        self._build_retention()
        self._build_printer()
        self._build_idle()
        self._build_hq()
        self.users_tab = UsersTab(session)
        self.tabs.addTab(self.users_tab, "")
        self.message = _note()
        self.message.setStyleSheet("color: #b00020;")
        self.message.hide()
        # Own buttons, not standard ones: Qt re-words standard buttons on a language change,
        # after our retranslate, and drops our mnemonics.
        self.buttons = QDialogButtonBox()
        self.save_button = QPushButton()
        self.save_button.setObjectName("settings_save")
        self.save_button.setDefault(True)
        self.cancel_button = QPushButton()
        self.cancel_button.setObjectName("settings_cancel")
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(620, 460)
        self.retranslate()

    # --- building -----------------------------------------------------------------------------

    def _build_general(self) -> None:
        page = QWidget()
        form = QFormLayout(page)
        self.mission_code = QLineEdit(self.view.mission.code)
        self.mission_name = QLineEdit(self.view.mission.name)
        for field in (self.mission_code, self.mission_name):
            field.setReadOnly(True)  # still selectable and read by screen readers
            field.setFrame(False)
            palette = field.palette()
            palette.setColor(QPalette.ColorRole.Base, palette.color(QPalette.ColorRole.Window))
            field.setPalette(palette)
        self.mission_code_label = QLabel()
        self.mission_code_label.setBuddy(self.mission_code)
        self.mission_name_label = QLabel()
        self.mission_name_label.setBuddy(self.mission_name)
        self.mission_note = _note()
        self.language = QComboBox()
        self.language.setObjectName("settings_language")
        for code, name in UI_LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(self.preferences.ui_language)))
        self.language_label = QLabel()
        self.language_label.setBuddy(self.language)
        form.addRow(self.mission_code_label, self.mission_code)
        form.addRow(self.mission_name_label, self.mission_name)
        form.addRow(self.mission_note)
        form.addRow(self.language_label, self.language)
        self.general_page = page
        self.tabs.addTab(page, "")

    def _build_retention(self) -> None:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.retention_note = _note()
        self.retention_table = QTableWidget(len(STATUS_LABELS), 2)
        self.retention_table.setObjectName("retention_table")
        self.retention_table.verticalHeader().hide()
        header = self.retention_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        rules = dict(self.view.retention_rules)
        admin = self.view.is_administrator
        for row, status in enumerate(STATUS_LABELS):
            item = QTableWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, status)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.retention_table.setItem(row, 0, item)
            spin = QSpinBox()
            spin.setRange(NO_RULE, 36500)
            spin.setValue(rules.get(status, NO_RULE))
            spin.setEnabled(admin)
            self.retention_table.setCellWidget(row, 1, spin)
            self._spins[status] = spin
        layout.addWidget(self.retention_note)
        layout.addWidget(self.retention_table)
        self.retention_page = page
        self.tabs.addTab(page, "")

    def _build_printer(self) -> None:
        page = QWidget()
        form = QFormLayout(page)
        self.printer = QComboBox()
        self.printer.setObjectName("settings_printer")
        self.printer_label = QLabel()
        self.printer_label.setBuddy(self.printer)
        self.printer_note = _note()
        self.printer.addItem("", "")
        for name in self.printer_names:
            self.printer.addItem(ltr(name), name)
        chosen = self.printer.findData(self.preferences.default_printer)
        self.printer.setCurrentIndex(max(chosen, 0))
        self.printer.setEnabled(bool(self.printer_names))
        form.addRow(self.printer_label, self.printer)
        form.addRow(self.printer_note)
        self.printer_page = page
        self.tabs.addTab(page, "")

    def _build_idle(self) -> None:
        page = QWidget()
        form = QFormLayout(page)
        self.idle_minutes = QSpinBox()
        self.idle_minutes.setObjectName("settings_idle_minutes")
        self.idle_minutes.setRange(*IDLE_MINUTES_RANGE)
        minutes = self.config.effective_idle_lock_ms(self.preferences.idle_lock_minutes) // 60_000
        self.idle_minutes.setValue(max(IDLE_MINUTES_RANGE[0], min(minutes, IDLE_MINUTES_RANGE[1])))
        self.idle_minutes.setEnabled(not self.config.idle_lock_from_env)
        self.idle_label = QLabel()
        self.idle_label.setBuddy(self.idle_minutes)
        self.idle_note = _note()
        form.addRow(self.idle_label, self.idle_minutes)
        form.addRow(self.idle_note)
        self.idle_page = page
        self.tabs.addTab(page, "")

    def _build_hq(self) -> None:
        page = QWidget()
        form = QFormLayout(page)
        self.hq_state = _note()
        self.hq_state.setObjectName("settings_hq_state")
        self.hq_url = QLineEdit(self.view.sync.hq_url)
        self.hq_url.setObjectName("settings_hq_url")
        self.hq_url_label = QLabel()
        self.hq_url_label.setBuddy(self.hq_url)
        self.enrol_code = QLineEdit()
        self.enrol_code.setObjectName("settings_enrol_code")
        self.enrol_code_label = QLabel()
        self.enrol_code_label.setBuddy(self.enrol_code)
        self.enrol_button = QPushButton()
        self.enrol_button.clicked.connect(self.enrol)
        self.enrol_busy = QProgressBar()
        self.enrol_busy.setRange(0, 0)
        self.enrol_busy.setTextVisible(False)
        self.enrol_busy.setMaximumHeight(12)
        self.enrol_busy.hide()
        self.hq_note = _note()
        self.load_numbers_button = QPushButton()
        self.load_numbers_button.setObjectName("settings_load_numbers")
        self.load_numbers_button.clicked.connect(self.choose_bundle)
        self.numbers_busy = QProgressBar()
        self.numbers_busy.setRange(0, 0)
        self.numbers_busy.setTextVisible(False)
        self.numbers_busy.setMaximumHeight(12)
        self.numbers_busy.hide()
        self.numbers_state = _note()
        self.numbers_state.setObjectName("settings_numbers_state")
        admin = self.view.is_administrator
        for widget in (self.hq_url, self.enrol_code, self.enrol_button, self.load_numbers_button):
            widget.setEnabled(admin)
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
        self.hq_page = page
        self.tabs.addTab(page, "")

    # --- texts --------------------------------------------------------------------------------

    def retranslate(self) -> None:
        """Set every text in the current interface language."""
        self.setWindowTitle(_("Settings"))
        for index, title in enumerate(
            (
                _("&General"),
                _("&Retention"),
                _("&Printer"),
                _("&Idle lock"),
                _("&Headquarters"),
                _("&Users"),
            )
        ):
            self.tabs.setTabText(index, title)
        self.mission_code_label.setText(_("Mission code"))
        self.mission_name_label.setText(_("Mission name"))
        self.mission_code.setAccessibleName(_("Mission code"))
        self.mission_name.setAccessibleName(_("Mission name"))
        self.mission_note.setText(
            _(
                "The mission is set when Laissez is installed and enrolled with headquarters; "
                "it cannot be changed here."
            )
        )
        self.language_label.setText(_("Interface &language"))
        self.language.setAccessibleName(_("Interface language"))
        self._retranslate_retention()
        self.printer_label.setText(_("&Default printer"))
        self.printer.setAccessibleName(_("Default printer"))
        self.printer.setItemText(0, _("The system's default printer"))
        if self.printer_names:
            self.printer_note.setText(
                _("Documents are printed on this printer unless you choose another one.")
            )
        else:
            self.printer_note.setText(
                _(
                    "No printer is installed on this computer. Ask your administrator to "
                    "install one before printing travel documents."
                )
            )
        self.idle_label.setText(_("Lock after (&minutes without activity)"))
        self.idle_minutes.setAccessibleName(_("Minutes without activity before the lock"))
        self.idle_minutes.setSuffix(" " + _("min"))
        if self.config.idle_lock_from_env:
            self.idle_note.setText(_("This computer's deployment sets the idle lock."))
        else:
            self.idle_note.setText(
                _(
                    "The window locks when no one uses it for this long; the passphrase opens "
                    "it again. The new time applies as soon as you save."
                )
            )
        self._retranslate_hq()
        self.users_tab.retranslate()
        self.save_button.setText(_("&Save"))
        self.cancel_button.setText(_("Cancel"))

    def _retranslate_retention(self) -> None:
        self.retention_table.setHorizontalHeaderLabels([_("Case status"), _("Keep for (days)")])
        self.retention_table.setAccessibleName(_("Retention rules"))
        for row, status in enumerate(STATUS_LABELS):
            item = self.retention_table.item(row, 0)
            if item is not None:
                item.setText(status_label(status))
            spin = self._spins[status]
            spin.setSpecialValueText(_("No limit"))
            spin.setAccessibleName(
                _("Days to keep personal data of cases in status {status}").format(
                    status=status_label(status)
                )
            )
        if self.view.is_administrator:
            note = _(
                "Personal data of a case is removed this many days after the case entered the "
                "status. Choose \u201cNo limit\u201d to keep it. Changes are recorded in the "
                "audit log."
            )
        else:
            note = _(
                "Personal data of a case is removed this many days after the case entered the "
                "status. Only an administrator can change these rules."
            )
        self.retention_note.setText(note)

    def _retranslate_hq(self) -> None:
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

    # --- actions ------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Return in the headquarters fields enrols (instead of saving and closing)."""
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and self.focusWidget() in (self.hq_url, self.enrol_code):
            if self.enrol_button.isEnabled():
                self.enrol()
            return
        super().keyPressEvent(event)

    def show_message(self, text: str) -> None:
        """Show a translated sentence under the tabs ("" hides it)."""
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def chosen_preferences(self) -> Preferences:
        """The preferences as the dialog shows them now."""
        prefs = self.preferences.with_language(str(self.language.currentData()))
        prefs = prefs.with_printer(str(self.printer.currentData() or ""))
        if not self.config.idle_lock_from_env:
            prefs = prefs.with_idle_lock(self.idle_minutes.value())
        return prefs

    def save(self) -> None:
        """Store the retention rules (administrators), then hand the preferences over."""
        if self.view.is_administrator:
            try:
                self._save_retention()
            except Exception as exc:
                logger.info("saving retention rules failed with %s", type(exc).__name__)
                self.tabs.setCurrentWidget(self.retention_page)
                self.show_message(describe_error(exc))
                return
        self.preferences = self.chosen_preferences()
        self.preferences_saved.emit(self.preferences)
        self.accept()

    def _save_retention(self) -> None:
        db = self.session.database()
        rules = dict(self.view.retention_rules)
        for status, spin in self._spins.items():
            value = spin.value()
            if value == rules.get(status, NO_RULE):
                continue
            if value == NO_RULE:
                settings_view.remove_retention_rule(db, status)
            else:
                settings_view.set_retention_rule(db, status, value)

    def enrol(self) -> None:
        """Enrol this computer with the address and one-time code (in a worker)."""
        url, code = self.hq_url.text().strip(), self.enrol_code.text().strip()
        if not url or not code:
            self.show_message(_("Type the headquarters address and the one-time code."))
            return
        db = self.session.database()
        self.enrol_button.setEnabled(False)
        self.enrol_busy.show()
        self.show_message("")
        run_in_pool(
            lambda _c, _p: settings_view.enrol(db, url, code),
            self._on_enrolled,
            self._on_enrol_failed,
        )

    def _on_enrolled(self, _mission: str) -> None:
        self.enrol_busy.hide()
        self.enrol_button.setEnabled(True)
        self.enrol_code.clear()
        self.view = settings_view.settings_view(self.session.database())
        self._retranslate_hq()
        self.enrolled.emit()

    def _on_enrol_failed(self, exc: BaseException) -> None:
        self.enrol_busy.hide()
        self.enrol_button.setEnabled(True)
        self.show_message(describe_sync_failure(exc))

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
        self.show_message("")
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
        self._retranslate_hq()
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
        self.tabs.setCurrentWidget(self.hq_page)
        self.show_message(describe_error(exc))
