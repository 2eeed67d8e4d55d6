"""One editor widget per field type. Each turns what the officer typed or chose into the answer
shape ``laissez.forms.validation`` expects (``None`` while empty) and back."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from PySide6.QtCore import QCoreApplication, QRegularExpression, QStringListModel, Qt, Signal
from PySide6.QtGui import QIntValidator, QPixmap, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from laissez import i18n
from laissez.documents.codes import ICAO_SPECIAL_CODES, ISO_3166_ALPHA3
from laissez.forms.schema import Field, FieldType
from laissez.forms.validation import SIGNATURE_KINDS
from laissez.i18n import N_, _

#: text fields longer than this get a multi-line editor
LONG_TEXT = 200
_PARTIAL_TYPING = QRegularExpression(r"[0-9Xx]{0,4}(-[0-9Xx]{0,2}){0,2}")
_YEAR_ONLY = re.compile(r"^([0-9]{4}|XXXX)$")
_YEAR_MONTH = re.compile(r"^([0-9]{4}|XXXX)-([0-9]{2}|XX)$")

#: the ICAO codes an officer may need besides the States, in words
SPECIAL_COUNTRY_NAMES: dict[str, str] = {
    "XXA": N_("Stateless person"),
    "XXB": N_("Refugee (1951 Convention)"),
    "XXC": N_("Refugee, other"),
    "XXX": N_("Unspecified nationality"),
    "D": N_("Germany (old code)"),
    "RKS": N_("Kosovo"),
    "UNO": N_("United Nations official"),
    "UTO": N_("Utopia (specimens and tests)"),
}

YES_NO_UNKNOWN_LABELS: dict[str, str] = {
    "yes": N_("Yes"),
    "no": N_("No"),
    "unknown": N_("Unknown"),
}
SIGNATURE_LABELS: dict[str, str] = {
    "signed": N_("Signed"),
    "mark": N_("Made a mark"),
    "declined": N_("Declined to sign"),
}


def _locale(language: str) -> Locale:
    try:
        return Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale("en")


def country_items(language: str) -> list[tuple[str, str]]:
    """(shown text, code) for every ISO State and the useful ICAO codes, sorted by name."""
    return list(_country_items(language, i18n.current().language))


@lru_cache(maxsize=8)
def _country_items(language: str, interface: str) -> tuple[tuple[str, str], ...]:
    aliases = get_global("territory_aliases")
    territories = _locale(language).territories
    items = []
    for code in ISO_3166_ALPHA3:
        alpha2 = (aliases.get(code) or [""])[0]
        name = territories.get(alpha2, code)
        items.append((f"{name} — {code}", code))
    for code in SPECIAL_COUNTRY_NAMES:
        if code in ICAO_SPECIAL_CODES:
            items.append((f"{_(SPECIAL_COUNTRY_NAMES[code])} — {code}", code))
    return tuple(sorted(items, key=lambda item: item[0].casefold()))


def language_items(language: str) -> list[tuple[str, str]]:
    """(shown text, tag) for every language with a two- or three-letter code."""
    return list(_language_items(language))


@lru_cache(maxsize=8)
def _language_items(language: str) -> tuple[tuple[str, str], ...]:
    names = _locale(language).languages
    items = [
        (f"{name} — {tag}", tag)
        for tag, name in names.items()
        if re.fullmatch(r"[a-z]{2,3}", tag) and tag not in ("und", "zxx", "mis", "mul")
    ]
    return tuple(sorted(items, key=lambda item: item[0].casefold()))


class Editor(QWidget):
    """The base of every editor. Emits ``changed`` when the answer changes."""

    changed = Signal()

    def __init__(self, field: Field, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self.setObjectName(f"field_{field.id}")

    def _emit_changed(self, *_args: object) -> None:
        # a method, not a signal-to-signal connection (see FormView)
        self.changed.emit()

    def value(self) -> Any:
        """The answer (None while nothing is given)."""
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        """Show ``value`` (None clears)."""
        raise NotImplementedError

    def focus_widget(self) -> QWidget:
        """The widget that takes the keyboard focus for this field."""
        return self

    def set_label(self, label: str, help_text: str) -> None:
        """Name the controls for screen readers."""
        self.setAccessibleName(label)
        self.focus_widget().setAccessibleName(label)
        self.focus_widget().setAccessibleDescription(help_text)

    def retranslate(self, language: str) -> None:
        """Set option texts in ``language`` (form words) and the interface language."""


class TextEditor(Editor):
    """One line, or several lines for long answers."""

    def __init__(self, field: Field, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.multiline = field.max_length is None or field.max_length > LONG_TEXT
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit: QLineEdit | QPlainTextEdit
        if self.multiline:
            self.edit = QPlainTextEdit()
            self.edit.setTabChangesFocus(True)
            self.edit.setMinimumHeight(70)
            self.edit.setMaximumHeight(110)
            self.edit.textChanged.connect(self._emit_changed)
        else:
            self.edit = QLineEdit()
            if field.max_length:
                self.edit.setMaxLength(field.max_length)
            if field.pattern:
                # codes and references: Latin capitals, always left to right
                self.edit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
                self.edit.textEdited.connect(self._upper)
            self.edit.textChanged.connect(self._emit_changed)
        self.edit.setObjectName(f"edit_{field.id}")
        layout.addWidget(self.edit)

    def _upper(self, text: str) -> None:
        assert isinstance(self.edit, QLineEdit)
        if text != text.upper():
            position = self.edit.cursorPosition()
            self.edit.setText(text.upper())
            self.edit.setCursorPosition(position)

    def value(self) -> Any:
        text = (
            self.edit.toPlainText() if isinstance(self.edit, QPlainTextEdit) else self.edit.text()
        )
        text = text.strip()
        return text or None

    def set_value(self, value: Any) -> None:
        text = "" if value is None else str(value)
        if isinstance(self.edit, QPlainTextEdit):
            self.edit.setPlainText(text)
        else:
            self.edit.setText(text)

    def focus_widget(self) -> QWidget:
        return self.edit


class DateEditor(Editor):
    """``YYYY-MM-DD`` typed left to right; ``XXXX``/``XX`` for parts not known. Typing only a
    year (``1990``) or a year and month means the rest is not known."""

    def __init__(self, field: Field, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.edit = QLineEdit()
        self.edit.setObjectName(f"edit_{field.id}")
        self.edit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.edit.setMaxLength(10)
        self.edit.setValidator(QRegularExpressionValidator(_PARTIAL_TYPING, self.edit))
        self.edit.setPlaceholderText("YYYY-MM-DD")
        self.edit.setMaximumWidth(160)
        self.edit.textEdited.connect(self._upper)
        self.edit.textChanged.connect(self._emit_changed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addStretch(1)

    def _upper(self, text: str) -> None:
        if "x" in text:
            position = self.edit.cursorPosition()
            self.edit.setText(text.upper())
            self.edit.setCursorPosition(position)

    def value(self) -> Any:
        text = self.edit.text().strip().upper()
        if not text:
            return None
        if _YEAR_ONLY.match(text):
            return f"{text}-XX-XX"
        if _YEAR_MONTH.match(text):
            return f"{text}-XX"
        return text

    def set_value(self, value: Any) -> None:
        self.edit.setText("" if value is None else str(value))

    def focus_widget(self) -> QWidget:
        return self.edit

    def retranslate(self, language: str) -> None:
        self.edit.setPlaceholderText(_("YYYY-MM-DD"))


class RadioEditor(Editor):
    """One answer among a few, as radio buttons (arrow keys move within the group)."""

    def __init__(self, field: Field, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for value in field.option_values():
            button = QRadioButton()
            button.setObjectName(f"field_{field.id}_{value}")
            self.group.addButton(button)
            self.buttons[value] = button
            layout.addWidget(button)
        layout.addStretch(1)
        self.group.buttonToggled.connect(self._on_toggled)

    def _on_toggled(self, _button: QAbstractButton, checked: bool) -> None:
        if checked:
            self.changed.emit()

    def value(self) -> Any:
        for value, button in self.buttons.items():
            if button.isChecked():
                return value
        return None

    def set_value(self, value: Any) -> None:
        self.group.setExclusive(False)
        for option, button in self.buttons.items():
            button.setChecked(option == value)
        self.group.setExclusive(True)
        self.changed.emit()

    def focus_widget(self) -> QWidget:
        checked = self.group.checkedButton()
        return checked or next(iter(self.buttons.values()))

    def set_label(self, label: str, help_text: str) -> None:
        for button in self.buttons.values():
            button.setAccessibleDescription(label)
        self.setAccessibleName(label)

    def retranslate(self, language: str) -> None:
        options = {o.value: o.label.get(language) for o in self.field.options}
        for value, button in self.buttons.items():
            if self.field.type is FieldType.YES_NO_UNKNOWN:
                button.setText(_(YES_NO_UNKNOWN_LABELS[value]))
            else:
                button.setText(options.get(value, value))


class ComboEditor(Editor):
    """One answer among many, from a list (the first entry means "not answered")."""

    def __init__(self, field: Field, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.combo = QComboBox()
        self.combo.setObjectName(f"edit_{field.id}")
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.combo.currentIndexChanged.connect(self._emit_changed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo)
        layout.addStretch(1)

    def value(self) -> Any:
        data = self.combo.currentData()
        return data or None

    def set_value(self, value: Any) -> None:
        index = self.combo.findData(value) if value is not None else 0
        if index < 0:
            self.combo.addItem(str(value), value)
            index = self.combo.count() - 1
        self.combo.setCurrentIndex(index)

    def focus_widget(self) -> QWidget:
        return self.combo

    def retranslate(self, language: str) -> None:
        current = self.value()
        self.combo.blockSignals(True)
        self.combo.clear()
        self.combo.addItem(_("— not answered —"), None)
        for option in self.field.options:
            self.combo.addItem(option.label.get(language), option.value)
        self.combo.blockSignals(False)
        self.set_value(current)


class ChecksEditor(Editor):
    """Several answers: one check box per option; the answer lists them in form order."""

    def __init__(self, field: Field, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.boxes: dict[str, QCheckBox] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        for option in field.options:
            box = QCheckBox()
            box.setObjectName(f"field_{field.id}_{option.value}")
            box.toggled.connect(self._emit_changed)
            self.boxes[option.value] = box
            layout.addWidget(box)

    def value(self) -> Any:
        chosen = [v for v, box in self.boxes.items() if box.isChecked()]
        return chosen or None

    def set_value(self, value: Any) -> None:
        chosen = set(value or ())
        for option, box in self.boxes.items():
            box.blockSignals(True)
            box.setChecked(option in chosen)
            box.blockSignals(False)
        self.changed.emit()

    def focus_widget(self) -> QWidget:
        return next(iter(self.boxes.values()))

    def set_label(self, label: str, help_text: str) -> None:
        self.setAccessibleName(label)
        for box in self.boxes.values():
            box.setAccessibleDescription(label)

    def retranslate(self, language: str) -> None:
        for option in self.field.options:
            self.boxes[option.value].setText(option.label.get(language))


_SHARED_MODELS: dict[tuple[int, str, str, str], tuple[QStringListModel, tuple[str, ...]]] = {}


def _shared_model(kind: FieldType, language: str) -> tuple[QStringListModel, tuple[str, ...]]:
    """One list model per kind and language, shared by every combo (a window holds several
    country lists; building each item by item costs more than the whole form)."""
    app = QCoreApplication.instance()
    interface = i18n.current().language
    key = (id(app), kind.value, language, interface)
    cached = _SHARED_MODELS.get(key)
    if cached is None:
        items = country_items(language) if kind is FieldType.COUNTRY else language_items(language)
        model = QStringListModel([text for text, _code in items], app)
        cached = (model, tuple(code for _text, code in items))
        _SHARED_MODELS[key] = cached
    return cached


class CodeEditor(Editor):
    """A searchable list of countries or languages: type part of the name or the code."""

    def __init__(self, field: Field, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.combo = QComboBox()
        self.combo.setObjectName(f"edit_{field.id}")
        self.combo.setEditable(True)
        self.combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.combo.setMinimumContentsLength(28)
        self.combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        completer = QCompleter(self.combo)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.combo.setCompleter(completer)
        self.combo.currentIndexChanged.connect(self._emit_changed)
        line = self.combo.lineEdit()
        if line is not None:
            line.editingFinished.connect(self._emit_changed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo)
        layout.addStretch(1)
        self.codes: tuple[str, ...] = ()
        self._language = ""

    def value(self) -> Any:
        text = self.combo.currentText().strip()
        if not text:
            return None
        index = self.combo.currentIndex()
        if 0 <= index < len(self.codes) and self.combo.itemText(index) == self.combo.currentText():
            return self.codes[index]
        found = self.combo.findText(text, Qt.MatchFlag.MatchFixedString)
        if 0 <= found < len(self.codes):
            return self.codes[found]
        if self.field.type is FieldType.COUNTRY:
            return text.upper()
        return text

    def set_value(self, value: Any) -> None:
        if value is None:
            self.combo.setCurrentIndex(-1)
            self.combo.setEditText("")
            return
        if value in self.codes:
            self.combo.setCurrentIndex(self.codes.index(value))
        else:
            self.combo.setCurrentIndex(-1)
            self.combo.setEditText(str(value))
        self.changed.emit()

    def focus_widget(self) -> QWidget:
        return self.combo

    def retranslate(self, language: str) -> None:
        if language == self._language:
            return
        current = self.value()
        model, codes = _shared_model(self.field.type, language)
        self.combo.blockSignals(True)
        self.combo.setModel(model)
        self.codes = codes
        self.combo.setCurrentIndex(-1)
        self.combo.blockSignals(False)
        self._language = language
        self.set_value(current)


class IntegerEditor(Editor):
    """A whole number, within the field's range."""

    def __init__(self, field: Field, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.edit = QLineEdit()
        self.edit.setObjectName(f"edit_{field.id}")
        self.edit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        low = field.minimum if field.minimum is not None else -(10**9)
        high = field.maximum if field.maximum is not None else 10**9
        self.edit.setValidator(QIntValidator(min(low, 0), high, self.edit))
        self.edit.setMaximumWidth(100)
        self.edit.textChanged.connect(self._emit_changed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addStretch(1)

    def value(self) -> Any:
        text = self.edit.text().strip()
        if not text:
            return None
        try:
            return int(text)
        except ValueError:
            return text

    def set_value(self, value: Any) -> None:
        self.edit.setText("" if value is None else str(value))

    def focus_widget(self) -> QWidget:
        return self.edit


class SignatureEditor(Editor):
    """How the person signed (signed, a mark, declined) and the reference of the signature
    sheet, or the reason for declining."""

    def __init__(self, field: Field, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.kind = QComboBox()
        self.kind.setObjectName(f"edit_{field.id}")
        self.detail_label = QLabel()
        self.detail = QLineEdit()
        self.detail.setObjectName(f"edit_{field.id}_detail")
        self.detail.setMaxLength(200)
        self.detail_label.setBuddy(self.detail)
        self.kind.currentIndexChanged.connect(self._on_kind)
        self.detail.textChanged.connect(self._emit_changed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.kind)
        layout.addWidget(self.detail_label)
        layout.addWidget(self.detail, 1)
        self._on_kind()

    def _on_kind(self, *_args: object) -> None:
        kind = self.kind.currentData()
        self.detail_label.setText(
            _("Reason:") if kind == "declined" else _("Reference of the signed sheet:")
        )
        self.detail.setAccessibleName(self.detail_label.text().rstrip(":"))
        self.detail.setEnabled(bool(kind))
        self.changed.emit()

    def value(self) -> Any:
        kind = self.kind.currentData()
        if not kind:
            return None
        detail = self.detail.text().strip()
        if kind == "declined":
            return {"kind": kind, "reason": detail} if detail else {"kind": kind}
        return {"kind": kind, "ref": detail} if detail else {"kind": kind}

    def set_value(self, value: Any) -> None:
        value = value if isinstance(value, dict) else {}
        index = self.kind.findData(value.get("kind")) if value.get("kind") else 0
        self.kind.setCurrentIndex(max(index, 0))
        self.detail.setText(str(value.get("reason") or value.get("ref") or ""))

    def focus_widget(self) -> QWidget:
        return self.kind

    def retranslate(self, language: str) -> None:
        current = self.value()
        self.kind.blockSignals(True)
        self.kind.clear()
        self.kind.addItem(_("— not answered —"), None)
        for kind in SIGNATURE_KINDS:
            self.kind.addItem(_(SIGNATURE_LABELS[kind]), kind)
        self.kind.blockSignals(False)
        self.set_value(current)
        self._on_kind()


class PhotoEditor(Editor):
    """The photograph: shown, not edited here (the capture takes it). Its stored answer, if
    any, is kept as given."""

    def __init__(self, field: Field, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.image = QLabel()
        self.image.setObjectName(f"edit_{field.id}")
        self.image.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.image.setMinimumSize(90, 110)
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image.setStyleSheet("QLabel { border: 1px solid #999; }")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.image)
        layout.addStretch(1)
        self._answer: Any = None
        self.has_image = False

    def show_image(self, data: bytes | None) -> None:
        """Show the portrait (JPEG or PNG bytes; None: none yet)."""
        pixmap = QPixmap()
        if data and pixmap.loadFromData(data):
            self.image.setPixmap(
                pixmap.scaled(
                    90,
                    110,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
            self.has_image = True
        else:
            self.image.clear()
            self.has_image = False
            self.image.setText(_("No photograph"))

    def value(self) -> Any:
        return self._answer

    def set_value(self, value: Any) -> None:
        self._answer = value or None
        self.changed.emit()

    def focus_widget(self) -> QWidget:
        return self.image

    def retranslate(self, language: str) -> None:
        if not self.has_image:
            self.image.setText(_("No photograph"))


def editor_for(field: Field) -> Editor:
    """The editor for ``field``'s type."""
    t = field.type
    if t is FieldType.TEXT:
        return TextEditor(field)
    if t is FieldType.DATE:
        return DateEditor(field)
    if t is FieldType.YES_NO_UNKNOWN:
        return RadioEditor(field)
    if t is FieldType.CHOICE:
        return RadioEditor(field) if len(field.options) <= 4 else ComboEditor(field)
    if t is FieldType.MULTI_CHOICE:
        return ChecksEditor(field)
    if t in (FieldType.COUNTRY, FieldType.LANGUAGE):
        return CodeEditor(field)
    if t is FieldType.INTEGER:
        return IntegerEditor(field)
    if t is FieldType.SIGNATURE:
        return SignatureEditor(field)
    if t is FieldType.PHOTO:
        return PhotoEditor(field)
    raise ValueError(f"no editor for field type {t}")
