"""Colours and style sheets of the interface, in one place.

Every widget that colours text or a banner takes its style from here, so that "an error" is the
same red everywhere and a change of palette is one edit. Colours meet WCAG AA contrast (4.5:1)
on a white or light window background.
"""

from __future__ import annotations

# --- colours ------------------------------------------------------------------------------------

#: Errors and refusals: something the officer must fix.
ERROR = "#b00020"
#: Warnings and notes: something to check before going on.
WARNING = "#7a4b00"
#: Something done and valid.
SUCCESS = "#1b6e20"
#: Secondary text: help lines, notes for the officer.
MUTED = "#555555"

ERROR_BACKGROUND = "#fdecea"
ERROR_ON_BACKGROUND = "#611a15"
WARNING_BACKGROUND = "#fff4e5"
WARNING_ON_BACKGROUND = "#663c00"
NOTICE_BACKGROUND = "#fff3cd"
NOTICE_BORDER = "#b26a00"
SUCCESS_BACKGROUND = "#edf7ed"
SUCCESS_ON_BACKGROUND = "#1e4620"
INFO_BACKGROUND = "#f3f6fa"
INFO_BORDER = "#c5d0de"
PREVIEW_BACKGROUND = "#8a8f98"
FRAME = "#999999"

# --- style sheets -------------------------------------------------------------------------------

#: An error line under a field or a form (plain red text).
ERROR_TEXT = f"color: {ERROR};"
#: A verdict that something is wrong (red, bold).
ERROR_STRONG = f"color: {ERROR}; font-weight: bold;"
#: A verdict that something is valid (green, bold).
SUCCESS_STRONG = f"color: {SUCCESS}; font-weight: bold;"
#: Plain green text: a note that something is in order.
SUCCESS_TEXT = f"color: {SUCCESS};"
#: A note to check something (amber text).
WARNING_TEXT = f"color: {WARNING};"
#: Secondary text.
MUTED_TEXT = f"color: {MUTED};"
#: Secondary text, in italics (words meant for the officer, not the person).
MUTED_ITALIC = f"color: {MUTED}; font-style: italic;"

#: A banner saying what blocks the step (amber background).
WARNING_BANNER = (
    f"QLabel {{ background: {WARNING_BACKGROUND}; color: {WARNING_ON_BACKGROUND}; padding: 6px; }}"
)
#: A banner that something failed (red background).
ERROR_BANNER = (
    f"QLabel {{ background: {ERROR_BACKGROUND}; color: {ERROR_ON_BACKGROUND}; padding: 6px; "
    "border-radius: 3px; }"
)
#: A banner that something was done (green background).
SUCCESS_BANNER = (
    f"QLabel {{ background: {SUCCESS_BACKGROUND}; color: {SUCCESS_ON_BACKGROUND}; padding: 6px; }}"
)
#: A notice that must not be missed (amber, framed, bold).
NOTICE_BANNER = (
    f"QLabel {{ background: {NOTICE_BACKGROUND}; color: {WARNING}; "
    f"border: 2px solid {NOTICE_BORDER}; padding: 6px; font-weight: bold; }}"
)
#: The same notice in large type, for the person to read.
NOTICE_BANNER_LARGE = (
    f"QLabel {{ background: {NOTICE_BACKGROUND}; color: {WARNING}; "
    f"border: 3px solid {NOTICE_BORDER}; padding: 10px; font-size: 22pt; font-weight: bold; }}"
)
#: A notice box without a frame (amber).
NOTICE_BOX = f"QLabel {{ background: {NOTICE_BACKGROUND}; color: {WARNING}; padding: 6px; }}"
#: Information from earlier (a previous record), framed in blue-grey.
INFO_BOX = (
    f"QLabel {{ background: {INFO_BACKGROUND}; border: 1px solid {INFO_BORDER}; padding: 6px; }}"
)
#: A thin frame around an image.
IMAGE_FRAME = f"QLabel {{ border: 1px solid {FRAME}; }}"
#: A rendered page in a preview: white paper with a dark edge.
PAPER = "QLabel { border: 1px solid #555; background: white; }"
#: The desk behind previewed pages.
PREVIEW_DESK = f"background: {PREVIEW_BACKGROUND};"
#: Text the person reads on their own (consent explanations).
READING_TEXT = "font-size: 12pt;"


def label_style(style: str) -> str:
    """``style`` scoped to QLabel, so that it does not leak into a label's children."""
    return style if style.lstrip().startswith("QLabel") else f"QLabel {{ {style} }}"


# --- the MRZ editor -----------------------------------------------------------------------------

#: Behind a character the MRZ checks found wrong (drawn in ERROR, with a wavy underline).
WRONG_CHARACTER_BACKGROUND = "#ffd6d6"
#: Behind a character a document reader was not sure of (dotted WARNING underline).
DOUBTFUL_CHARACTER_BACKGROUND = "#fff0c2"
