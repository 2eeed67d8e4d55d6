"""The one place that turns errors into words for the officer (STYLE.md §3).

Domain errors carry a stable ``code`` and structured fields, never translated text; this
module maps them to translated, actionable sentences. It never shows ``str(error)``.
"""

from __future__ import annotations

from laissez.casework.errors import (
    AdvisalTextError,
    AnswersInvalidError,
    CaseNotFoundError,
    ConsentBeforeAdvisalError,
    GuardianRequiredError,
    MissingInformationError,
    MrzUnreadableError,
    RoleRequiredError,
    SignatureRequiredError,
    SignerInvalidError,
)
from laissez.documents.errors import (
    DocumentError,
    ImageEmptyError,
    ImageError,
    ImageTooLargeError,
    MrzError,
    OcrCancelledError,
    OcrError,
)
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
    image = _describe_image_error(error)
    if image is not None:
        return image
    if isinstance(error, DocumentError):
        return _("The document could not be read. Try again, or enter the data by hand.")
    consent = _describe_consent_error(error)
    if consent is not None:
        return consent
    account = _describe_account_error(error)
    if account is not None:
        return account
    printing = _describe_print_error(error)
    if printing is not None:
        return printing
    decision = _describe_decision_error(error)
    if decision is not None:
        return decision
    staff = _describe_staff_error(error)
    if staff is not None:
        return staff
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
    return None


def _describe_print_error(error: BaseException) -> str | None:
    """Sentences for issuing and printing travel documents; None for anything else."""
    from laissez.casework import errors as cwe
    from laissez.desktop.flow.gate_text import gate_sentence

    if isinstance(error, cwe.GateBlockedError):
        lines = [_("The travel document cannot be issued yet:")]
        lines += ["• " + gate_sentence(issue) for issue in error.issues]
        return "\n".join(lines)
    if isinstance(error, cwe.NoDocumentNumbersError):
        return _(
            "No document numbers are left on this computer: sync with headquarters, or load "
            "numbers from an offline bundle."
        )
    if isinstance(error, cwe.InvalidTransitionError) and error.action == "issue_document":
        return _("Only an approved case can be issued a travel document.")
    if isinstance(error, cwe.AlreadyPrintedError):
        return _(
            "This document was already printed. To print it again, choose Reprint and a reason."
        )
    if isinstance(error, cwe.DocumentNotPrintableError):
        return _("This document was voided or revoked: it can no longer be printed.")
    if isinstance(error, cwe.PrintFailedError):
        return _(
            "The document could not be laid out. Check that the person's photo was captured, "
            "then try again."
        )
    if isinstance(error, cwe.SignerMissingError):
        return _("No seal signing key is installed at this mission. Ask your administrator.")
    if isinstance(error, cwe.DocumentNotFoundError):
        return _("This document no longer exists on this computer.")
    return None


def _describe_decision_error(error: BaseException) -> str | None:
    """Sentences for refused decisions (four eyes, the gate, the case's status)."""
    from laissez.casework.errors import (
        GateBlockedError,
        InvalidTransitionError,
        SelfApprovalError,
    )
    from laissez.desktop.cases.labels import status_label
    from laissez.desktop.flow.gate_text import gate_sentence

    if isinstance(error, SelfApprovalError):
        return _(
            "The approver took part in the interview: a second supervisor who did not must "
            "approve (four eyes)."
        )
    if isinstance(error, GateBlockedError) and error.issues:
        return _("Not yet: {sentence}").format(sentence=gate_sentence(error.issues[0]))
    if isinstance(error, InvalidTransitionError):
        if error.state:
            return _("This is not possible while the case is “{status}”.").format(
                status=status_label(error.state)
            )
        return _("This is not possible in this case now.")
    return None


def _describe_image_error(error: BaseException) -> str | None:
    """Sentences for images that cannot be read and OCR failures; None for anything else."""
    if isinstance(error, ImageEmptyError):
        return _("This file is empty. Choose another image of the document, or type the MRZ.")
    if isinstance(error, ImageTooLargeError):
        return _(
            "This image is too large to read. Scan the document again at a lower resolution, "
            "or type the MRZ."
        )
    if isinstance(error, ImageError):
        return _(
            "This file is not an image Laissez can read, or it is damaged. Choose a PNG, JPEG, "
            "TIFF or PDF file, or type the MRZ."
        )
    if isinstance(error, OcrCancelledError):
        return _("Reading cancelled. Open another image, or type the MRZ.")
    if isinstance(error, OcrError):
        return _(
            "The text recognition engine is missing or failed. Type the MRZ, and tell your "
            "administrator."
        )
    return None


def _describe_consent_error(error: BaseException) -> str | None:
    """Sentences for the advisal and consent steps; None for anything else."""
    if isinstance(error, ConsentBeforeAdvisalError):
        return _(
            "Consent cannot be asked for yet: deliver the rights advisal first, then ask for "
            "each consent separately. Nothing was recorded."
        )
    if isinstance(error, AdvisalTextError):
        return _(
            "The advisal text shown is not the published text in that language. Choose the "
            "language again and show the text to the person. Nothing was recorded."
        )
    if isinstance(error, SignatureRequiredError):
        return _(
            'The person must sign or make a mark on the pad, or choose "Declined to sign" '
            "with a reason. Nothing was recorded."
        )
    if isinstance(error, GuardianRequiredError):
        return _(
            "The person is, or may be, a child: fill in the guardian's name, the relationship "
            "and the best-interests record. Nothing was recorded."
        )
    return None


def _describe_staff_error(error: BaseException) -> str | None:
    """Sentences for managing staff (users, passphrases, the key rotation) and for loading
    document numbers from a bundle; None for anything else."""
    from laissez.casework.errors import NumberBundleError
    from laissez.casework.staff import StaffRequestError
    from laissez.storage import errors as se

    if isinstance(error, StaffRequestError):
        return " ".join(_staff_problem(code) for code in error.problems) or _(
            "Fill in every field marked as required."
        )
    if isinstance(error, se.UserExistsError):
        return _("A user with this user name already exists. Choose another user name.")
    if isinstance(error, se.UserNotFoundError):
        return _("This user was already removed, or no longer exists.")
    if isinstance(error, se.LastAdministratorError):
        return _(
            "This is the last administrator. Give another user the administrator role "
            "before removing this one."
        )
    if isinstance(error, se.UnknownRoleError):
        return _("Choose at least one role.")
    if isinstance(error, se.PermissionDeniedError):
        return _("Your account may not do this. Ask your administrator for the right role.")
    if isinstance(error, NumberBundleError):
        return _(
            "This file is not a bundle from headquarters for this computer, or it was changed "
            "or damaged. No number was loaded. Ask headquarters for a new bundle."
        )
    return None


def _staff_problem(code: str) -> str:
    """One sentence per problem code of ``StaffRequestError``."""
    if code == "username":
        return _(
            "Type a user name of letters, digits, dots, hyphens or underscores, without spaces."
        )
    if code == "no_role":
        return _("Choose at least one role.")
    if code == "too_short":
        return passphrase_rule()
    if code == "mismatch":
        return _("The two passphrases differ. Type the same passphrase twice.")
    if code == "own_account":
        return _("You cannot remove your own account. Ask another administrator.")
    return _("Fill in every field marked as required.")
