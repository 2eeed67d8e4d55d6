"""Sentences for MRZ problems: which line, which position, which field, what was expected.

The documents package names fields and expectations in English codes (``document_number``,
``a digit 0-9``); these are the same words marked for translation. Each function takes an
``MrzError`` of one code and never shows the MRZ's characters.
"""

from __future__ import annotations

from collections.abc import Callable

from laissez.documents.errors import MrzError
from laissez.i18n import N_, _

#: MRZ field names as the officer reads them.
FIELD_LABELS: dict[str, str] = {
    "document_code": N_("document code"),
    "issuing_state": N_("issuing State"),
    "name": N_("name"),
    "document_number": N_("document number"),
    "document_number_check": N_("document number check digit"),
    "nationality": N_("nationality"),
    "date_of_birth": N_("date of birth"),
    "date_of_birth_check": N_("date of birth check digit"),
    "sex": N_("sex"),
    "date_of_expiry": N_("date of expiry"),
    "date_of_expiry_check": N_("date of expiry check digit"),
    "optional_data": N_("optional data"),
    "optional_data_check": N_("optional data check digit"),
    "optional_data_2": N_("optional data (line 2)"),
    "composite": N_("whole line (composite)"),
    "composite_check": N_("composite check digit"),
}

#: What an MRZ position may hold, as the documents package words it.
EXPECTED_LABELS: dict[str, str] = {
    "a letter A-Z or <": N_("a letter A-Z or <"),
    "a letter, a digit or <": N_("a letter, a digit or <"),
    "a digit 0-9": N_("a digit 0-9"),
    "F, M or <": N_("F, M or <"),
}


def field_label(field: str) -> str:
    """The translated name of an MRZ field."""
    label = FIELD_LABELS.get(field)
    return _(label) if label else field.replace("_", " ")


def _values(error: MrzError) -> dict[str, object]:
    return {
        "line": error.line,
        "position": error.position,
        "end": error.end,
        "field": field_label(error.field),
    }


def _layout(error: MrzError) -> str:
    if error.line is None:
        return _(
            "Not an MRZ yet: an MRZ has 2 lines (of 36 or 44 characters) or 3 lines "
            "(of 30). Type or paste every line."
        )
    return _(
        "Line {line} has the wrong length: it should have {expected}. Check for a "
        "missing or extra character."
    ).format(line=error.line, expected=error.expected)


def _check_digit(error: MrzError) -> str:
    return _(
        "Line {line}, position {position}: the check digit for the {field} does not match. "
        "Compare the {field} with the document."
    ).format(**_values(error))


def _character(error: MrzError) -> str:
    expected = EXPECTED_LABELS.get(error.expected)
    return _("Line {line}, position {position} ({field}): expected {expected}.").format(
        expected=_(expected) if expected else error.expected, **_values(error)
    )


def _code(error: MrzError) -> str:
    return _(
        "Line {line}, positions {position}-{end}: the {field} is not a code that "
        "ICAO Doc 9303 defines."
    ).format(**_values(error))


def _date(error: MrzError) -> str:
    return _("Line {line}, position {position}: the {field} is not a possible date.").format(
        **_values(error)
    )


#: One sentence per MRZ error code that points at a place in the MRZ.
MRZ_SENTENCES: dict[str, Callable[[MrzError], str]] = {
    "mrz.layout": _layout,
    "mrz.check_digit": _check_digit,
    "mrz.character": _character,
    "mrz.code": _code,
    "mrz.date": _date,
}
