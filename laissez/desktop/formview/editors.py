"""One editor widget per field type: ``editor_for`` picks it. The editors themselves are grouped
by family: ``text_editors`` (text, dates, numbers), ``choice_editors`` (options, countries,
languages) and ``signature_photo`` (the signature and the photograph); their base is
``editor_base.Editor``."""

from __future__ import annotations

from laissez.desktop.formview.choice_editors import (
    ChecksEditor,
    CodeEditor,
    ComboEditor,
    RadioEditor,
)
from laissez.desktop.formview.editor_base import Editor
from laissez.desktop.formview.signature_photo import PhotoEditor, SignatureEditor
from laissez.desktop.formview.text_editors import DateEditor, IntegerEditor, TextEditor
from laissez.forms.schema import Field, FieldType


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
