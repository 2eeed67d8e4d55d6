"""The main window. The guided case flow arrives with the desktop issue; until then the window
offers the MRZ checker, the interface language, and shows where the data lives."""

from __future__ import annotations

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from laissez import __version__
from laissez.desktop.config import Config
from laissez.desktop.lock import LockScreen
from laissez.desktop.mrz_panel import MrzCheckPanel
from laissez.i18n import UI_LANGUAGES, _, ltr


class MainWindow(QMainWindow):
    """Top-level window of Laissez.

    Emits (through its actions): ``language_actions`` trigger with the chosen language code.
    """

    def __init__(self, config: Config) -> None:
        super().__init__()
        self.config = config
        self.setObjectName("main_window")
        self.header = QLabel()
        self.header.setObjectName("header")
        self.mrz_panel = MrzCheckPanel()
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(self.header)
        layout.addWidget(self.mrz_panel, 1)
        self.work_area = central
        self.lock_screen = LockScreen()
        self.lock_screen.unlock_requested.connect(self.unlock)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.work_area)
        self.pages.addWidget(self.lock_screen)
        self.setCentralWidget(self.pages)
        self.lock_action = QAction(self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.triggered.connect(self.lock)
        self.addAction(self.lock_action)
        self.session_menu = self.menuBar().addMenu("")
        self.session_menu.addAction(self.lock_action)
        self.language_menu = self.menuBar().addMenu("")
        self.language_group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for code, name in UI_LANGUAGES.items():
            action = QAction(name, self, checkable=True)
            action.setData(code)
            self.language_group.addAction(action)
            self.language_menu.addAction(action)
            self.language_actions[code] = action
        self.resize(900, 640)
        self.retranslate()

    def retranslate(self) -> None:
        """Set every text in the current interface language."""
        self.setWindowTitle("Laissez")
        self.header.setText(
            "<h2>Laissez</h2><p>{}</p>".format(
                _("Consular casework for returns — version {version}").format(version=__version__)
            )
        )
        self.language_menu.setTitle(_("&Language"))
        self.session_menu.setTitle(_("&Session"))
        self.lock_action.setText(_("&Lock now"))
        self.lock_screen.retranslate()
        self.statusBar().showMessage(
            _("Data directory: {path}").format(path=ltr(str(self.config.data_dir)))
        )
        self.mrz_panel.retranslate()

    @property
    def locked(self) -> bool:
        """True while the lock screen hides the work area."""
        return self.pages.currentWidget() is self.lock_screen

    def lock(self) -> None:
        """Hide everything behind the lock screen and clear what was typed in the checker.

        Until sign-in arrives (desktop issue), unlocking needs no passphrase; what matters here
        is that nothing personal stays on screen or in the widgets while locked.
        """
        self.mrz_panel.editor.clear()
        self.pages.setCurrentWidget(self.lock_screen)
        self.menuBar().setEnabled(False)

    def unlock(self) -> None:
        """Show the work area again."""
        self.pages.setCurrentWidget(self.work_area)
        self.menuBar().setEnabled(True)

    def on_language_changed(self, language: str) -> None:
        """Tick the chosen language and re-translate the window."""
        self.language_actions[language].setChecked(True)
        self.retranslate()
