"""The main window. The guided case flow arrives with the desktop issue; until then the window
offers the MRZ checker, the interface language, and shows where the data lives."""

from __future__ import annotations

from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QLabel, QMainWindow, QVBoxLayout, QWidget

from laissez import __version__
from laissez.desktop.config import Config
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
        self.setCentralWidget(central)
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
        self.statusBar().showMessage(
            _("Data directory: {path}").format(path=ltr(str(self.config.data_dir)))
        )
        self.mrz_panel.retranslate()

    def on_language_changed(self, language: str) -> None:
        """Tick the chosen language and re-translate the window."""
        self.language_actions[language].setChecked(True)
        self.retranslate()
