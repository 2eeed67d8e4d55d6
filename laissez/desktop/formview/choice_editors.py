"""Editors for chosen answers: radio buttons for a few options, a list for many, check boxes for
several, and a searchable list of countries or languages (names from the CLDR, in the form's
language)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from PySide6.QtCore import QCoreApplication, QStringListModel, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from laissez import i18n
from laissez.desktop.formview.editor_base import Editor
from laissez.documents.codes import ICAO_SPECIAL_CODES, ISO_3166_ALPHA3
from laissez.forms.schema import Field, FieldType
from laissez.i18n import N_, _

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
