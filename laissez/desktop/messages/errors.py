"""The one place that turns errors into words for the officer (STYLE.md §3).

Domain errors carry a stable ``code`` and structured fields, never translated text. One table,
``ERROR_SENTENCES``, maps a code to a sentence marked for translation, or to a small function
for errors whose words depend on their fields. An error takes the sentence of the nearest class
in its MRO whose code has one, so a new subclass reads like its parent until it is given words
of its own. Python's own exceptions, which have no code, are keyed by their name
(``builtins.OSError``). Nothing here ever shows ``str(error)``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeAlias

from laissez.casework.accounts import MIN_PASSPHRASE_LENGTH
from laissez.casework.errors import (
    DocumentInOtherCaseError,
    GateBlockedError,
    InvalidTransitionError,
)
from laissez.casework.staff import StaffRequestError
from laissez.desktop.messages.gate import gate_sentence
from laissez.desktop.messages.mrz import MRZ_SENTENCES
from laissez.desktop.messages.status import status_label
from laissez.documents.errors import MrzError
from laissez.i18n import N_, _, ltr

#: A sentence marked for translation, or a function of the error for errors with fields.
Sentence: TypeAlias = str | Callable[[Any], str]

_REQUIRED = N_("Fill in every field marked as required.")
_ROLE = N_("Your account may not do this. Ask your administrator for the right role.")
_NO_ROLE = N_("Choose at least one role.")
_DAMAGED = N_(
    "The database or its key file is damaged. Restore the latest backup, or ask your administrator."
)
_BUG = N_(
    "Something went wrong inside Laissez. Nothing already saved was lost. "
    "If it happens again, tell your administrator."
)


def passphrase_rule() -> str:
    """The storage package's passphrase rule, in words."""
    return _("A passphrase has at least {count} characters.").format(count=MIN_PASSPHRASE_LENGTH)


_GUESSABLE = N_(
    "This passphrase is too easy to guess. Use four or more words that do not belong "
    "together, not your name, a repeated letter or a common password."
)


def passphrase_guessable() -> str:
    """The sentence for a passphrase the strength estimator finds too easy to guess."""
    return _(_GUESSABLE)


def _weak_passphrase(error: Any) -> str:
    if getattr(error, "reason", "too_short") == "too_guessable":
        return passphrase_guessable()
    return passphrase_rule()


def _gate_blocked(error: GateBlockedError) -> str:
    lines = [_("The travel document cannot be issued yet:")]
    lines += ["• " + gate_sentence(issue) for issue in error.issues]
    return "\n".join(lines)


def _document_in_other_case(error: DocumentInOtherCaseError) -> str:
    return _(
        "This document belongs to the person of open case {reference}: one person has one "
        "open case. Open that case, or close it first. Nothing was saved."
    ).format(reference=ltr(error.reference or "?"))


def _invalid_transition(error: InvalidTransitionError) -> str:
    if error.action == "issue_document":
        return _("Only an approved case can be issued a travel document.")
    if error.action == "reaffirm_approval":
        return _(
            "This case has no approval from before the upgrade to approve again. Nothing "
            "was recorded."
        )
    if error.state:
        return _("This is not possible while the case is “{status}”.").format(
            status=status_label(error.state)
        )
    return _("This is not possible in this case now.")


#: One sentence per problem code of ``StaffRequestError`` (``too_short`` is the passphrase rule).
_STAFF_PROBLEMS: dict[str, str] = {
    "username": N_(
        "Type a user name of letters, digits, dots, hyphens or underscores, without spaces."
    ),
    "no_role": _NO_ROLE,
    "mismatch": N_("The two passphrases differ. Type the same passphrase twice."),
    "own_account": N_("You cannot remove your own account. Ask another administrator."),
    "unknown_user": N_("There is no such user on this computer. Choose a user in the list."),
}


def _staff_problem(code: str) -> str:
    if code == "too_short":
        return passphrase_rule()
    if code == "too_guessable":
        return passphrase_guessable()
    return _(_STAFF_PROBLEMS.get(code, _REQUIRED))


def _staff_request(error: StaffRequestError) -> str:
    return " ".join(_staff_problem(code) for code in error.problems) or _(_REQUIRED)


#: a text or form that is not usable as headquarters published it
_UNPUBLISHED = N_(
    "This text is not a version headquarters published and signed, it was changed on this "
    "computer, or it leaves out something the person must be told: it cannot be used. Sync "
    "with headquarters, then choose the language again. Nothing was recorded."
)


def _missing_information(error: Any) -> str:
    if tuple(getattr(error, "fields", ())) == ("departure_evidence",):
        return _(
            "The case cannot be closed yet: the person has not departed as far as this case "
            "knows. Choose how the departure is known (boarding confirmed, exit stamp, "
            "escort, or the person from abroad), or close it after the planned departure "
            "date."
        )
    return _(_REQUIRED)


#: Error code -> its sentence. Codes without an entry fall back along the MRO, then to ``_BUG``.
ERROR_SENTENCES: dict[str, Sentence] = {
    # documents: images, OCR, MRZ
    "image.empty": N_("This file is empty. Choose another image of the document, or type the MRZ."),
    "image.too_large": N_(
        "This image is too large to read. Scan the document again at a lower resolution, "
        "or type the MRZ."
    ),
    "image": N_(
        "This file is not an image Laissez can read, or it is damaged. Choose a PNG, JPEG, "
        "TIFF or PDF file, or type the MRZ."
    ),
    "file.not_regular": N_(
        "This is not a file Laissez can open (a folder, a device or a pipe). Choose the "
        "image or PDF file itself, or type the MRZ."
    ),
    "file.too_many_pages": N_(
        "This PDF has too many pages to be a scanned document. Save the page with the "
        "document as its own file, or type the MRZ."
    ),
    "file.too_slow": N_(
        "Reading this file took too long and was stopped. It may be damaged or built to "
        "harm the computer: scan the document again, or type the MRZ."
    ),
    "file.too_much_memory": N_(
        "Reading this file needed too much memory and was stopped. It may be damaged or "
        "built to harm the computer: scan the document again, or type the MRZ."
    ),
    "file.reader_failed": N_(
        "The reader stopped on this file; nothing else was affected. Scan the document "
        "again, or type the MRZ."
    ),
    "casework.photo_invalid": N_(
        "This photograph is not a JPEG or PNG image Laissez can read. Take the photograph "
        "again, or choose another image file."
    ),
    "scanner.none": N_(
        "No scanner was found. Check that it is switched on and connected, then scan again; "
        "or open an image of the document, or type the MRZ."
    ),
    "scanner.too_slow": N_(
        "The scanner took too long and was stopped. Check that it is not busy or jammed, "
        "then scan again, or type the MRZ."
    ),
    "scanner": N_(
        "The scanner did not scan. Check that it is switched on, connected, not busy and "
        "its lid closed, then scan again, or type the MRZ."
    ),
    "ocr.cancelled": N_("Reading cancelled. Open another image, or type the MRZ."),
    "ocr.engine": N_(
        "The text recognition engine is missing or failed. Type the MRZ, and tell your "
        "administrator."
    ),
    **MRZ_SENTENCES,
    "document": N_("The document could not be read. Try again, or enter the data by hand."),
    # advisal and consent
    "casework.consent_before_advisal": N_(
        "Consent cannot be asked for yet: deliver the rights advisal first, then ask for "
        "each consent separately. Nothing was recorded."
    ),
    "casework.advisal_text": N_(
        "The advisal text shown is not the published text in that language. Choose the "
        "language again and show the text to the person. Nothing was recorded."
    ),
    "casework.advisal_unpublished": _UNPUBLISHED,
    "forms.unpublished": _UNPUBLISHED,
    "forms.published_changed": _UNPUBLISHED,
    "forms.advisal_incomplete": _UNPUBLISHED,
    "casework.signature_required": N_(
        'The person must sign or make a mark on the pad, or choose "Declined to sign" '
        "with a reason. Nothing was recorded."
    ),
    "casework.clock_backwards": N_(
        "This computer's clock is earlier than the last event recorded: the clock was set "
        "back. Set the date and time right, then try again. Nothing was recorded."
    ),
    "casework.flag_not_open": N_(
        "There is no open flag of that kind in this case. Nothing was recorded."
    ),
    "casework.guardian_required": N_(
        "The person is, or may be, a child: fill in the guardian's name, the relationship "
        "and the best-interests record. Nothing was recorded."
    ),
    # sign-in, setup, signing key, cases, files
    "storage.wrong_passphrase": N_(
        "The user name or the passphrase is not right. Type the passphrase again."
    ),
    "storage.weak_passphrase": _weak_passphrase,
    "storage.exists": N_("This computer already has a Laissez database. Sign in instead."),
    "storage.key_file": _DAMAGED,
    "storage.corrupt": _DAMAGED,
    "casework.missing_information": _missing_information,
    "casework.issuing_state": N_(
        "Type the three-letter ICAO code of the mission's own State (for example BGD): the "
        "mission issues travel documents for its nationals. XXX, XXA, XXB, XXC and "
        "organisations are not States. Nothing was created."
    ),
    "casework.signer_invalid": N_(
        "These files are not a valid mission signing key: check that the key matches the "
        "certificate, that headquarters issued it, that it is still valid, and the password."
    ),
    "casework.role_required": _ROLE,
    "casework.case_not_found": N_("This case no longer exists on this computer."),
    "builtins.OSError": N_(
        "A file could not be read. Check that it exists and that you may open it."
    ),
    "casework.answers_invalid": N_("Some answers need attention: see the questions marked ⚠."),
    "casework.mrz_unreadable": N_(
        "The MRZ could not be read: read it again, or record the identity without it."
    ),
    # issuing and printing
    "casework.gate_blocked": _gate_blocked,
    "casework.no_document_numbers": N_(
        "No document numbers are left on this computer: sync with headquarters, or load "
        "numbers from an offline bundle."
    ),
    "casework.invalid_transition": _invalid_transition,
    "casework.already_printed": N_(
        "This document was already printed. To print it again, choose Reprint and a reason."
    ),
    "casework.document_not_printable": N_(
        "This document was voided or revoked: it can no longer be printed."
    ),
    "casework.print_failed": N_(
        "The document could not be laid out. Check that the person's photo was captured, "
        "then try again."
    ),
    "casework.signer_missing": N_(
        "No seal signing key is installed at this mission. Ask your administrator."
    ),
    "casework.document_not_found": N_("This document no longer exists on this computer."),
    "casework.token_pin_required": N_(
        "The seal key's PIN is needed: type it (the issuing supervisor keeps it). Nothing "
        "was issued or installed."
    ),
    "casework.token_pin_wrong": N_(
        "The seal key did not accept this PIN. Nothing was issued or installed. Check the "
        "PIN with the issuing supervisor and try again; if it is forgotten or locked, an "
        "administrator resets the seal key's token by installing the signing key again from "
        "headquarters' files."
    ),
    "casework.token_not_resettable": N_(
        "This seal key is kept in a token managed outside Laissez (a smart card, USB token "
        "or HSM): reset its PIN with the token's own tools, then type the new PIN here."
    ),
    # identity (issue 17)
    "casework.document_in_other_case": _document_in_other_case,
    "casework.identity_change_unconfirmed": N_(
        "Saving would change the identity already recorded: confirm the change first."
    ),
    # decisions
    "casework.self_approval": N_(
        "The approver took part in the interview: a second supervisor who did not must "
        "approve (four eyes)."
    ),
    # staff and document numbers
    "casework.staff_request": _staff_request,
    "storage.user_exists": N_(
        "A user with this user name already exists. Choose another user name."
    ),
    "storage.user_not_found": N_("This user was already removed, or no longer exists."),
    "storage.last_administrator": N_(
        "This is the last administrator. Give another user the administrator role "
        "before removing this one."
    ),
    "storage.unknown_role": _NO_ROLE,
    "storage.permission": _ROLE,
    "casework.number_bundle": N_(
        "This file is not a bundle from headquarters for this computer, or it was changed "
        "or damaged. No number was loaded. Ask headquarters for a new bundle."
    ),
}


def error_codes(error: BaseException) -> tuple[str, ...]:
    """The codes of ``error``'s classes, nearest first: each class's own ``code``, or
    ``builtins.<Name>`` for Python's own exceptions."""
    codes: list[str] = []
    for cls in type(error).__mro__:
        code = cls.__dict__.get("code")
        if isinstance(code, str):
            codes.append(code)
        elif cls.__module__ == "builtins":
            codes.append(f"builtins.{cls.__name__}")
    return tuple(codes)


def describe_error(error: BaseException) -> str:
    """A translated sentence for any error the interface may meet; generic for bugs."""
    for code in error_codes(error):
        sentence = ERROR_SENTENCES.get(code)
        if sentence is not None:
            return _(sentence) if isinstance(sentence, str) else sentence(error)
    return _(_BUG)


def describe_mrz_error(error: MrzError) -> str:
    """A translated sentence for one MRZ problem, naming its line and position."""
    return describe_error(error)
