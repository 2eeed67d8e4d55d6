"""Switching the interface language: our gettext catalogue, Qt's own, and layout direction."""

from __future__ import annotations

import logging

from PySide6.QtCore import QLibraryInfo, QLocale, QObject, Qt, QTranslator, Signal
from PySide6.QtWidgets import QApplication

from laissez import i18n

logger = logging.getLogger(__name__)


class LanguageController(QObject):
    """Applies an interface language to the whole application.

    Emits:
        language_changed(str): the new language code, after every catalogue is in place.
    """

    language_changed = Signal(str)

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._app = app
        self._qt_translator = QTranslator(self)
        self.language = "en"

    def apply(self, language: str) -> None:
        """Install ``language``: gettext for our strings, ``qtbase_<lang>.qm`` for stock
        dialogs, and the layout direction the language is written in."""
        if language not in i18n.UI_LANGUAGES:
            language = "en"
        i18n.install(language)
        self._app.removeTranslator(self._qt_translator)
        path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if language != "en" and self._qt_translator.load(f"qtbase_{language}", path):
            self._app.installTranslator(self._qt_translator)
        QLocale.setDefault(QLocale(language))
        direction = (
            Qt.LayoutDirection.RightToLeft
            if i18n.is_rtl(language)
            else Qt.LayoutDirection.LeftToRight
        )
        self._app.setLayoutDirection(direction)
        self.language = language
        logger.info("interface language set")
        self.language_changed.emit(language)
