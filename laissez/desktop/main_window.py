"""The main window. The guided case flow arrives with the desktop issue; until then the window
offers the MRZ checker and shows where the data lives."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QMainWindow, QVBoxLayout, QWidget

from laissez import __version__
from laissez.desktop.config import Config
from laissez.desktop.mrz_panel import MrzCheckPanel


class MainWindow(QMainWindow):
    """Top-level window of Laissez."""

    def __init__(self, config: Config) -> None:
        super().__init__()
        self.config = config
        self.setWindowTitle("Laissez")
        self.setObjectName("main_window")
        header = QLabel(f"<h2>Laissez</h2><p>Consular casework for returns — {__version__}</p>")
        header.setObjectName("header")
        self.mrz_panel = MrzCheckPanel()
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(header)
        layout.addWidget(self.mrz_panel, 1)
        self.setCentralWidget(central)
        self.statusBar().showMessage(f"Data directory: {config.data_dir}")
        self.resize(900, 640)
