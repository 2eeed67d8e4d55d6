"""The advisal text as rich text, and in large type in its own window for the person to read
(in the text's direction, with the not-legally-reviewed notice above it)."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from laissez.desktop import theme
from laissez.forms.advisal import AdvisalText
from laissez.i18n import _


def advisal_html(text: AdvisalText, *, large: bool = False) -> str:
    """The advisal as rich text, in its own direction (the not-reviewed mark is shown apart,
    above the text, by whoever shows it)."""
    direction = "rtl" if text.rtl else "ltr"
    align = "right" if text.rtl else "left"
    parts = [f'<div dir="{direction}" align="{align}">']
    heading = "h1" if large else "h3"
    parts.append(f"<{heading}>{escape(text.title)}</{heading}>")
    parts.append(f"<p>{escape(text.intro)}</p>")
    sub = "h2" if large else "h4"
    for point in text.points:
        parts.append(f"<{sub}>{escape(point.heading)}</{sub}><p>{escape(point.body)}</p>")
    parts.append(f"<p>{escape(text.closing)}</p></div>")
    return "".join(parts)


class ReadingView(QWidget):
    """The advisal text in large type, shown to the person (its own maximised window, in the
    text's direction). Esc closes it."""

    def __init__(self, text: AdvisalText, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("advisal_reading_view")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.text = text
        self.setWindowTitle(text.title)
        direction = Qt.LayoutDirection.RightToLeft if text.rtl else Qt.LayoutDirection.LeftToRight
        self.setLayoutDirection(direction)  # the window is the person's: their direction
        self.notice = QLabel()
        self.notice.setObjectName("reading_not_reviewed")
        self.notice.setWordWrap(True)
        self.notice.setLayoutDirection(direction)
        notice = text.not_legally_reviewed_notice
        self.notice.setText(f"⚠ {notice}" if notice else "")
        self.notice.setVisible(bool(notice))
        self.notice.setStyleSheet(theme.NOTICE_BANNER_LARGE)
        self.browser = QTextBrowser()
        self.browser.setObjectName("reading_text")
        self.browser.setLayoutDirection(direction)
        font = QFont(self.browser.font())
        font.setPointSize(24)
        self.browser.setFont(font)
        self.browser.setHtml(advisal_html(text, large=True))
        self.browser.setAccessibleName(text.title)
        self.close_button = QPushButton(_("Close (Esc)"))
        self.close_button.setObjectName("reading_close")
        self.close_button.clicked.connect(self.close)
        bar = QHBoxLayout()
        bar.addStretch(1)
        bar.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.notice)
        layout.addWidget(self.browser, 1)
        layout.addLayout(bar)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close)
        self.resize(1100, 800)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            event.accept()
            return
        super().keyPressEvent(event)
