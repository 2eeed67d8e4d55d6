"""The main window: sign-in or first-run setup, then the case list and the case view, behind
a lock that needs the passphrase again. Nothing personal is shown before sign-in, while
locked, or after sign-out."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QTabWidget

from laissez.desktop import window_state
from laissez.desktop.cases.list_page import CaseListPage
from laissez.desktop.cases.model import CaseTableModel
from laissez.desktop.config import Config
from laissez.desktop.controllers.cases import CasesController
from laissez.desktop.controllers.session import SessionController
from laissez.desktop.controllers.sync import SyncController
from laissez.desktop.flow.context import FlowContext
from laissez.desktop.flow.page import CaseFlowPage
from laissez.desktop.help import AboutDialog, ShortcutsDialog
from laissez.desktop.keyboard import with_mnemonic
from laissez.desktop.lock import LockScreen
from laissez.desktop.mrz_panel import MrzCheckPanel
from laissez.desktop.signin.page import SignInPage
from laissez.desktop.signin.setup import FirstRunPage
from laissez.desktop.sync_status import SyncStatusWidget
from laissez.i18n import UI_LANGUAGES, _, isolate, ltr

#: how long after the case list appears the case steps are prepared in the background
WARM_UP_DELAY_MS = 1500


class MainWindow(QMainWindow):
    """Top-level window of Laissez; wires page intents to the controllers.

    Emits (through its actions): ``language_actions`` trigger with the chosen language code.
    """

    def __init__(self, config: Config, session: SessionController, cases: CasesController) -> None:
        super().__init__()
        self.config = config
        self.session = session
        self.cases = cases
        self.setObjectName("main_window")
        #: closing with unsaved edits asks first (save, discard, stay); false where nobody can
        #: answer (the test harness closing every window after each test)
        self.ask_before_closing = True
        #: the case to reopen after the signing-key step (None: the case list)
        self._return_case: uuid.UUID | None = None
        self.sign_in_page = SignInPage()
        self.first_run_page = FirstRunPage()
        self.case_model = CaseTableModel(cases.fetch)
        self.case_list = CaseListPage(self.case_model)
        self.flow_context = FlowContext(session, config)
        self.case_view = CaseFlowPage(self.flow_context)
        self.case_pages = QStackedWidget()
        self.case_pages.addWidget(self.case_list)
        self.case_pages.addWidget(self.case_view)
        self.mrz_panel = MrzCheckPanel()
        self.work_area = QTabWidget()
        self.work_area.setObjectName("work_area")
        self.work_area.addTab(self.case_pages, "")
        self.work_area.addTab(self.mrz_panel, "")
        self.lock_screen = LockScreen()
        self.pages = QStackedWidget()
        for page in (self.sign_in_page, self.first_run_page, self.work_area, self.lock_screen):
            self.pages.addWidget(page)
        self.setCentralWidget(self.pages)
        self.sync_controller = SyncController(session, self, interval_ms=config.sync_interval_ms)
        self.sync_status = SyncStatusWidget()
        self.statusBar().addPermanentWidget(self.sync_status)
        self._build_actions()
        self._connect()
        self.resize(1000, 680)
        window_state.restore(self, config.config_dir)
        self.retranslate()
        self.show_start_page()

    # --- building -----------------------------------------------------------------------------

    def _build_actions(self) -> None:
        self.quit_action = QAction(self)
        self.quit_action.setObjectName("quit_action")
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)  # closeEvent asks about unsaved edits
        self.addAction(self.quit_action)
        self.lock_action = QAction(self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.triggered.connect(self.lock)
        self.addAction(self.lock_action)
        self.sign_out_action = QAction(self)
        self.sign_out_action.triggered.connect(self.session.sign_out)
        self.new_case_action = QAction(self)
        self.new_case_action.setShortcut(QKeySequence("Ctrl+N"))
        self.new_case_action.triggered.connect(self.cases.new_case)
        self.addAction(self.new_case_action)
        self.session_menu = self.menuBar().addMenu("")
        self.session_menu.addAction(self.lock_action)
        self.session_menu.addAction(self.sign_out_action)
        # Quit lives here: a File menu's Alt+F would clash with the steps' "&file" buttons
        self.session_menu.addSeparator()
        self.session_menu.addAction(self.quit_action)
        self.case_menu = self.menuBar().addMenu("")
        self.case_menu.addAction(self.new_case_action)
        self.sync_action = QAction(self)
        self.sync_action.setShortcut(QKeySequence("F5"))
        self.sync_action.triggered.connect(self.sync_controller.sync_now)
        self.addAction(self.sync_action)
        self.settings_action = QAction(self)
        self.settings_action.setShortcut(QKeySequence("Ctrl+,"))
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.addAction(self.settings_action)
        self.tools_menu = self.menuBar().addMenu("")
        self.install_signer_action = QAction(self)
        self.install_signer_action.setObjectName("install_signer_action")
        self.install_signer_action.triggered.connect(self.show_signer_install)
        self.tools_menu.addAction(self.sync_action)
        self.tools_menu.addAction(self.install_signer_action)
        self.tools_menu.addAction(self.settings_action)
        self.language_menu = self.menuBar().addMenu("")
        self.language_group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for code, name in UI_LANGUAGES.items():
            action = QAction(name, self, checkable=True)
            action.setData(code)
            self.language_group.addAction(action)
            self.language_menu.addAction(action)
            self.language_actions[code] = action
        self.shortcuts_action = QAction(self)
        self.shortcuts_action.setShortcut(QKeySequence("F1"))
        self.shortcuts_action.triggered.connect(self.show_shortcuts)
        self.addAction(self.shortcuts_action)
        self.about_action = QAction(self)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self.show_about)
        self.help_menu = self.menuBar().addMenu("")
        self.help_menu.addAction(self.shortcuts_action)
        self.help_menu.addAction(self.about_action)

    def _connect(self) -> None:
        s = self.session
        self.sign_in_page.sign_in_requested.connect(s.sign_in)
        self.first_run_page.setup_requested.connect(s.first_run)
        self.first_run_page.signer_requested.connect(s.install_signer)
        self.first_run_page.signer_skipped.connect(self.on_signer_step_left)
        self.lock_screen.unlock_requested.connect(s.unlock)
        self.lock_screen.sign_out_requested.connect(s.sign_out)
        s.busy_changed.connect(self.on_session_busy_changed)
        s.signed_in.connect(self.on_session_signed_in)
        s.sign_in_failed.connect(self.on_session_sign_in_failed)
        s.unlocked.connect(self.on_session_unlocked)
        s.unlock_failed.connect(self.lock_screen.show_error)
        s.signed_out.connect(self.on_session_signed_out)
        s.signer_installed.connect(self.on_signer_step_left)
        self.flow_context.supply_requested.connect(self.on_supply_requested)
        s.signer_failed.connect(self.first_run_page.show_signer_error)
        self.case_list.query_changed.connect(self.case_model.set_query)
        self.case_list.case_activated.connect(self.open_case)
        self.case_list.new_case_requested.connect(self.cases.new_case)
        self.case_view.back_requested.connect(self.show_case_list)
        self.case_view.case_changed.connect(lambda _id: self.case_model.refresh())
        self.cases.case_opened.connect(self.on_cases_case_opened)
        self.cases.case_failed.connect(self.case_list.show_message)
        sync = self.sync_controller
        self.sync_status.sync_requested.connect(sync.sync_now)
        sync.status_changed.connect(self.sync_status.set_status)
        sync.status_cleared.connect(self.sync_status.clear)
        sync.busy_changed.connect(self.sync_status.set_busy)
        sync.sync_failed.connect(self.sync_status.show_error)
        sync.numbers_topped_up.connect(self.sync_status.show_numbers)
        sync.schedule_changed.connect(self.sync_status.set_next_run)
        # the issue step's line about numbers follows the status bar (never stale)
        sync.status_changed.connect(lambda _s: self.case_view.refresh_numbers())
        self.case_view.case_changed.connect(lambda _id: sync.refresh())
        self.cases.case_opened.connect(lambda _id: sync.refresh())

    def retranslate(self) -> None:
        """Set every text in the current interface language."""
        self.setWindowTitle("Laissez")
        # Menus keep a Latin Alt+letter in every language (Arabic titles have none of their own).
        self.quit_action.setText(_("&Quit"))
        self.help_menu.setTitle(with_mnemonic(_("&Help"), "H"))
        self.shortcuts_action.setText(_("&Keyboard shortcuts"))
        self.about_action.setText(_("&About Laissez"))
        self.language_menu.setTitle(with_mnemonic(_("&Language"), "L"))
        self.session_menu.setTitle(with_mnemonic(_("&Session"), "S"))
        self.case_menu.setTitle(with_mnemonic(_("&Case"), "C"))
        self.lock_action.setText(_("&Lock now"))
        self.sign_out_action.setText(_("Sign &out"))
        self.new_case_action.setText(_("&New case"))
        self.tools_menu.setTitle(with_mnemonic(_("&Tools"), "T"))
        self.sync_action.setText(_("S&ync now"))
        self.settings_action.setText(_("S&ettings…"))
        self.install_signer_action.setText(_("Install the &signing key…"))
        self.sync_status.retranslate()
        self.work_area.setTabText(0, _("Cases"))
        self.work_area.setTabText(1, _("MRZ check"))
        for page in (
            self.sign_in_page,
            self.first_run_page,
            self.lock_screen,
            self.case_list,
            self.case_view,
            self.mrz_panel,
        ):
            page.retranslate()
        self._update_status()

    def _update_status(self) -> None:
        text = _("Data directory: {path}").format(path=ltr(str(self.config.data_dir)))
        if self.session.signed_in_now and not self.locked:
            user = isolate(self.session.user_label())  # "Farid B." keeps its full stop in Arabic
            text = _("Signed in as {user}").format(user=user) + " · " + text
        self.statusBar().showMessage(text)
        working = self.pages.currentWidget() is self.work_area and self.session.signed_in_now
        self.sync_status.setVisible(working)

    # --- pages --------------------------------------------------------------------------------

    def show_start_page(self) -> None:
        """The first-run setup when there is no database, else the sign-in page."""
        self._set_work_actions(False)
        if self.session.needs_setup():
            self.pages.setCurrentWidget(self.first_run_page)
        else:
            self.pages.setCurrentWidget(self.sign_in_page)
            self.sign_in_page.reset()
        self._update_status()

    def show_cases(self) -> None:
        """The case list, fetched from the first page."""
        self.pages.setCurrentWidget(self.work_area)
        self.work_area.setCurrentWidget(self.case_pages)
        self._set_work_actions(True)
        self.show_case_list()
        self.case_model.set_query(self.case_list.current_query())
        self.case_list.search.setFocus()
        # A moment later, so the officer's first searches do not share the processor with it.
        QTimer.singleShot(WARM_UP_DELAY_MS, self.case_view.warm_up)
        self._update_status()

    def show_case_list(self) -> None:
        """Back from the case view to the list."""
        self.case_pages.setCurrentWidget(self.case_list)
        self.case_view.clear()

    def open_case(self, case_id: uuid.UUID) -> None:
        """Show the read-only view of ``case_id``."""
        view = self.cases.view(case_id)
        if view is not None:
            self.case_view.show_case(view)
            self.case_pages.setCurrentWidget(self.case_view)
            self.case_view.back_button.setFocus()

    def _set_work_actions(self, enabled: bool) -> None:
        for action in (
            self.lock_action,
            self.sign_out_action,
            self.new_case_action,
            self.sync_action,
            self.settings_action,
        ):
            action.setEnabled(enabled)
        self.install_signer_action.setEnabled(enabled and self.session.is_administrator())
        self.case_menu.setEnabled(enabled)
        self.tools_menu.setEnabled(enabled)

    @property
    def locked(self) -> bool:
        """True while the lock screen hides the work area."""
        return self.pages.currentWidget() is self.lock_screen

    def _forget_screen(self) -> None:
        """Clear every widget that may show personal data."""
        self.mrz_panel.editor.clear()
        self.case_list.clear()
        self.case_view.clear()

    # --- this computer's supply -------------------------------------------------------------

    def on_supply_requested(self, code: str) -> None:
        """A checklist's supply button: sync for numbers, the signing-key step for the key."""
        if code == "supply.no_numbers":
            self.sync_controller.sync_now()
        elif code == "supply.no_signer":
            self.show_signer_install()

    def show_signer_install(self) -> None:
        """The signing-key step (administrators), from the open case or the case list; the
        window comes back to where it was once the key is installed or the step skipped."""
        if not self.session.signed_in_now or self.locked or not self.session.is_administrator():
            return
        self._return_case = self.case_view.case.case_id if self.case_view.case else None
        self._set_work_actions(False)
        self.first_run_page.show_signer_step()
        self.pages.setCurrentWidget(self.first_run_page)
        self._update_status()

    def on_signer_step_left(self) -> None:
        """Installed or skipped: back to the cases, and to the case that asked, if any."""
        case_id, self._return_case = self._return_case, None
        self.show_cases()
        if case_id is not None:
            self.open_case(case_id)

    # --- help and quitting ----------------------------------------------------------------------

    def show_shortcuts(self) -> ShortcutsDialog:
        """The list of keyboard shortcuts (F1); returns the dialog, shown without blocking."""
        actions = [
            (a.text(), a.shortcut())
            for a in (
                self.new_case_action,
                self.sync_action,
                self.settings_action,
                self.lock_action,
                self.shortcuts_action,
                self.quit_action,
            )
        ]
        dialog = ShortcutsDialog(actions, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def show_about(self) -> AboutDialog:
        """Version and licences; returns the dialog, shown without blocking."""
        dialog = AboutDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def end(self) -> None:
        """The application ends: no question asked, the sync's timers stopped, the window
        closed, the database closed, the window deleted (its idle watcher with it)."""
        self.sync_controller.stop()
        self.ask_before_closing = False
        self.close()
        if self.session.signed_in_now:
            self.session.sign_out()
        self.deleteLater()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing the window (or Quit) with unsaved edits in the open case asks first: save,
        discard, or stay (the window stays open). The size and position are remembered."""
        if (
            self.ask_before_closing
            and self.session.signed_in_now
            and not self.locked
            and self.case_pages.currentWidget() is self.case_view
            and not self.case_view.confirm_leave()
        ):
            event.ignore()
            return
        if self.case_pages.currentWidget() is self.case_view:
            self.show_case_list()  # what was discarded is forgotten with the case
        window_state.save(self, self.config.config_dir)
        event.accept()

    # --- slots --------------------------------------------------------------------------------

    def lock(self) -> None:
        """Hide everything behind the lock screen (only when someone is signed in)."""
        if not self.session.signed_in_now or self.locked:
            return
        self.session.forget_token_pin()
        self._forget_screen()
        self.lock_screen.prepare(self.session.user_label())
        self.pages.setCurrentWidget(self.lock_screen)
        self.menuBar().setEnabled(False)
        self._update_status()

    def unlock(self) -> None:
        """Show the case list again (after the passphrase was checked)."""
        self.menuBar().setEnabled(True)
        self.show_cases()
        self.sync_controller.refresh()

    def on_session_unlocked(self) -> None:
        """The lock screen's passphrase was right."""
        self.unlock()

    def on_session_busy_changed(self, busy: bool) -> None:
        """Show the busy indicator of whichever page asked."""
        page = self.pages.currentWidget()
        if page in (self.sign_in_page, self.first_run_page, self.lock_screen):
            page.set_busy(busy)

    def on_session_signed_in(self, _user: str) -> None:
        """After first-run creation: the signing-key step (administrators); else the cases."""
        self.sign_in_page.reset()
        if self.pages.currentWidget() is self.first_run_page and self.session.is_administrator():
            self.first_run_page.show_signer_step()
            self._update_status()
            return
        self.show_cases()

    def on_session_sign_in_failed(self, message: str) -> None:
        """Show the refusal inline on the page that asked."""
        if self.pages.currentWidget() is self.first_run_page:
            self.first_run_page.show_error(message)
        else:
            self.sign_in_page.show_error(message)

    def on_session_signed_out(self) -> None:
        """Forget everything shown and go back to the sign-in page."""
        self._forget_screen()
        self.menuBar().setEnabled(True)
        self.sign_in_page.reset(keep_username=False)
        self.show_start_page()

    def on_cases_case_opened(self, case_id: uuid.UUID) -> None:
        """A new case exists: refresh the list and show the case."""
        self.case_list.show_message("")
        self.case_model.refresh()
        self.open_case(case_id)

    def on_language_changed(self, language: str) -> None:
        """Tick the chosen language and re-translate the window."""
        self.language_actions[language].setChecked(True)
        self.retranslate()
