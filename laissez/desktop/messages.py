"""The one place that turns errors into words for the officer (STYLE.md §3).

Domain errors carry a stable ``code`` and structured fields, never translated text; this
module maps them to translated, actionable sentences. It never shows ``str(error)``.
"""

from __future__ import annotations

from laissez.casework.errors import (
    AnswersInvalidError,
    CaseNotFoundError,
    InvalidTransitionError,
    MissingInformationError,
    MrzUnreadableError,
    RoleRequiredError,
    SignerInvalidError,
)
from laissez.desktop.cases.labels import status_label
from laissez.documents.errors import DocumentError, MrzError
from laissez.i18n import N_, _
from laissez.storage.errors import (
    DatabaseCorruptError,
    DatabaseExistsError,
    KeyFileError,
    WeakPassphraseError,
    WrongPassphraseError,
)
from laissez.storage.keys import MIN_PASSPHRASE_LENGTH

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


def describe_mrz_error(error: MrzError) -> str:
    """A translated sentence for one MRZ problem, naming its line and position."""
    values = {
        "line": error.line,
        "position": error.position,
        "end": error.end,
        "field": field_label(error.field),
    }
    if error.code == "mrz.layout":
        if error.line is None:
            return _(
                "Not an MRZ yet: an MRZ has 2 lines (of 36 or 44 characters) or 3 lines "
                "(of 30). Type or paste every line."
            )
        return _(
            "Line {line} has the wrong length: it should have {expected}. Check for a "
            "missing or extra character."
        ).format(line=error.line, expected=error.expected)
    if error.code == "mrz.check_digit":
        return _(
            "Line {line}, position {position}: the check digit for the {field} does not match. "
            "Compare the {field} with the document."
        ).format(**values)
    if error.code == "mrz.character":
        expected = EXPECTED_LABELS.get(error.expected)
        return _("Line {line}, position {position} ({field}): expected {expected}.").format(
            expected=_(expected) if expected else error.expected, **values
        )
    if error.code == "mrz.code":
        return _(
            "Line {line}, positions {position}-{end}: the {field} is not a code that "
            "ICAO Doc 9303 defines."
        ).format(**values)
    if error.code == "mrz.date":
        return _("Line {line}, position {position}: the {field} is not a possible date.").format(
            **values
        )
    return describe_error(error)


def describe_error(error: BaseException) -> str:
    """A translated sentence for any error the interface may meet; generic for bugs."""
    if isinstance(error, MrzError) and error.code != "mrz":
        return describe_mrz_error(error)
    if isinstance(error, DocumentError):
        return _("The document could not be read. Try again, or enter the data by hand.")
    account = _describe_account_error(error)
    if account is not None:
        return account
    return _(
        "Something went wrong inside Laissez. Nothing already saved was lost. "
        "If it happens again, tell your administrator."
    )


def passphrase_rule() -> str:
    """The storage package's passphrase rule, in words."""
    return _("A passphrase has at least {count} characters.").format(count=MIN_PASSPHRASE_LENGTH)


def _describe_account_error(error: BaseException) -> str | None:
    """Sentences for sign-in, setup, signing-key and case errors; None for anything else."""
    if isinstance(error, WrongPassphraseError):
        return _("The user name or the passphrase is not right. Type the passphrase again.")
    if isinstance(error, WeakPassphraseError):
        return passphrase_rule()
    if isinstance(error, DatabaseExistsError):
        return _("This computer already has a Laissez database. Sign in instead.")
    if isinstance(error, KeyFileError | DatabaseCorruptError):
        return _(
            "The database or its key file is damaged. Restore the latest backup, "
            "or ask your administrator."
        )
    if isinstance(error, MissingInformationError):
        return _("Fill in every field marked as required.")
    if isinstance(error, SignerInvalidError):
        return _(
            "These files are not a valid mission signing key: check that the key matches the "
            "certificate, that headquarters issued it, that it is still valid, and the password."
        )
    if isinstance(error, RoleRequiredError):
        return _("Your account may not do this. Ask your administrator for the right role.")
    if isinstance(error, CaseNotFoundError):
        return _("This case no longer exists on this computer.")
    if isinstance(error, OSError):
        return _("A file could not be read. Check that it exists and that you may open it.")
    if isinstance(error, AnswersInvalidError):
        return _("Some answers need attention: see the questions marked ⚠.")
    if isinstance(error, MrzUnreadableError):
        return _("The MRZ could not be read: read it again, or record the identity without it.")
    if isinstance(error, InvalidTransitionError):
        return _("This cannot be done while the case is “{status}”.").format(
            status=status_label(error.state) if error.state else "—"
        )
    return None
