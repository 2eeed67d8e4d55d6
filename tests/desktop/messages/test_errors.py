"""Every error gets the same words from the code table as from the old ``isinstance`` chain.

``EXPECTED`` was computed from ``desktop/messages.py`` before it became a table: each error
class of laissez, built as the test builds it, with the sentence it had. Any class not named
there had the generic sentence.
"""

from __future__ import annotations

import importlib
import inspect

import pytest

from laissez.casework import errors as cwe
from laissez.casework.gate import GATE_CODES, GateIssue
from laissez.casework.staff import StaffRequestError
from laissez.desktop.messages import (
    ERROR_SENTENCES,
    describe_error,
    describe_mrz_error,
    error_codes,
)
from laissez.documents import errors as de
from laissez.documents.mrz import parse
from laissez.storage.sync.errors import HqRefusedError

MODULES = [
    "laissez.casework.errors",
    "laissez.casework.staff",
    "laissez.casework.cli",
    "laissez.storage.errors",
    "laissez.storage.sync.errors",
    "laissez.documents.errors",
    "laissez.forms.errors",
    "laissez.protocol.errors",
    "laissez.hq.errors",
    "laissez.printing.errors",
]
_BUG = (
    "Something went wrong inside Laissez. Nothing already saved was lost. "
    "If it happens again, tell your administrator."
)
_DOCUMENT = "The document could not be read. Try again, or enter the data by hand."
_FILE = "A file could not be read. Check that it exists and that you may open it."

UNPUBLISHED = (
    "This text is not a version headquarters published and signed, it was changed on this "
    "computer, or it leaves out something the person must be told: it cannot be used. Sync "
    "with headquarters, then choose the language again. Nothing was recorded."
)
EXPECTED: dict[str, str] = {
    "DocumentInOtherCaseError": (
        "This document belongs to the person of open case \u2066?\u2069: one person has one "
        "open case. Open that case, or close it first. Nothing was saved."
    ),
    "IdentityChangeUnconfirmedError": (
        "Saving would change the identity already recorded: confirm the change first."
    ),
    "CaseNotFoundError": "This case no longer exists on this computer.",
    "InvalidTransitionError": "This is not possible in this case now.",
    "RoleRequiredError": "Your account may not do this. Ask your administrator for the right role.",
    "SelfApprovalError": (
        "The approver took part in the interview: a second supervisor who did not must "
        "approve (four eyes)."
    ),
    "ConsentBeforeAdvisalError": (
        "Consent cannot be asked for yet: deliver the rights advisal first, then ask for each "
        "consent separately. Nothing was recorded."
    ),
    "AnswersInvalidError": "Some answers need attention: see the questions marked ⚠.",
    "MissingInformationError": "Fill in every field marked as required.",
    "IssuingStateError": (
        "Type the three-letter ICAO code of the mission's own State (for example BGD): the "
        "mission issues travel documents for its nationals. XXX, XXA, XXB, XXC and "
        "organisations are not States. Nothing was created."
    ),
    "MrzUnreadableError": (
        "The MRZ could not be read: read it again, or record the identity without it."
    ),
    "AdvisalTextError": (
        "The advisal text shown is not the published text in that language. Choose the "
        "language again and show the text to the person. Nothing was recorded."
    ),
    "AdvisalTextUnpublishedError": UNPUBLISHED,
    "UnpublishedDefinitionError": UNPUBLISHED,
    "PublishedContentChangedError": UNPUBLISHED,
    "IncompleteAdvisalError": UNPUBLISHED,
    "GateBlockedError": "The travel document cannot be issued yet:",
    "TokenPinRequiredError": (
        "The seal key's PIN is needed: type it (the issuing supervisor keeps it). Nothing "
        "was issued or installed."
    ),
    "TokenPinWrongError": (
        "The seal key did not accept this PIN. Nothing was issued or installed. Check the "
        "PIN with the issuing supervisor and try again; if it is forgotten or locked, an "
        "administrator resets the seal key's token by installing the signing key again from "
        "headquarters' files."
    ),
    "TokenNotResettableError": (
        "This seal key is kept in a token managed outside Laissez (a smart card, USB token "
        "or HSM): reset its PIN with the token's own tools, then type the new PIN here."
    ),
    "SignerMissingError": (
        "No seal signing key is installed at this mission. Ask your administrator."
    ),
    "SignerInvalidError": (
        "These files are not a valid mission signing key: check that the key matches the "
        "certificate, that headquarters issued it, that it is still valid, and the password."
    ),
    "DocumentNotFoundError": "This document no longer exists on this computer.",
    "DocumentNotPrintableError": (
        "This document was voided or revoked: it can no longer be printed."
    ),
    "ReprintReasonRequiredError": "Fill in every field marked as required.",
    "PrintFailedError": (
        "The document could not be laid out. Check that the person's photo was captured, then "
        "try again."
    ),
    "NoDocumentNumbersError": (
        "No document numbers are left on this computer: sync with headquarters, or load "
        "numbers from an offline bundle."
    ),
    "NumberBundleError": (
        "This file is not a bundle from headquarters for this computer, or it was changed or "
        "damaged. No number was loaded. Ask headquarters for a new bundle."
    ),
    "SignatureRequiredError": (
        'The person must sign or make a mark on the pad, or choose "Declined to sign" with a '
        "reason. Nothing was recorded."
    ),
    "GuardianRequiredError": (
        "The person is, or may be, a child: fill in the guardian's name, the relationship and "
        "the best-interests record. Nothing was recorded."
    ),
    "ClockBackwardsError": (
        "This computer's clock is earlier than the last event recorded: the clock was set back. "
        "Set the date and time right, then try again. Nothing was recorded."
    ),
    "FlagClearError": "There is no open flag of that kind in this case. Nothing was recorded.",
    "AlreadyPrintedError": (
        "This document was already printed. To print it again, choose Reprint and a reason."
    ),
    "StaffRequestError": "Fill in every field marked as required.",
    "DatabaseExistsError": "This computer already has a Laissez database. Sign in instead.",
    "WrongPassphraseError": (
        "The user name or the passphrase is not right. Type the passphrase again."
    ),
    "KeyFileError": (
        "The database or its key file is damaged. Restore the latest backup, or ask your "
        "administrator."
    ),
    "DatabaseCorruptError": (
        "The database or its key file is damaged. Restore the latest backup, or ask your "
        "administrator."
    ),
    "PermissionDeniedError": (
        "Your account may not do this. Ask your administrator for the right role."
    ),
    "UserExistsError": "A user with this user name already exists. Choose another user name.",
    "UserNotFoundError": "This user was already removed, or no longer exists.",
    "LastAdministratorError": (
        "This is the last administrator. Give another user the administrator role before "
        "removing this one."
    ),
    "WeakPassphraseError": "A passphrase has at least 10 characters.",
    "UnknownRoleError": "Choose at least one role.",
    "DocumentError": "The document could not be read. Try again, or enter the data by hand.",
    "MrzError": "The document could not be read. Try again, or enter the data by hand.",
    "MrzLayoutError": (
        "Line 2 has the wrong length: it should have a digit 0-9. Check for a missing or "
        "extra character."
    ),
    "MrzCharacterError": "Line 2, position 10 (document number): expected a digit 0-9.",
    "MrzCheckDigitError": (
        "Line 2, position 10: the check digit for the document number does not match. Compare "
        "the document number with the document."
    ),
    "MrzCodeError": (
        "Line 2, positions 10-12: the document number is not a code that ICAO Doc 9303 defines."
    ),
    "MrzDateError": "Line 2, position 10: the document number is not a possible date.",
    "MrzInvalidError": _DOCUMENT,  # a RecursionError before the table
    "MrzBuildError": _DOCUMENT,  # a RecursionError before the table
    "TransliterationError": "The document could not be read. Try again, or enter the data by hand.",
    "ImageError": (
        "This file is not an image Laissez can read, or it is damaged. Choose a PNG, JPEG, "
        "TIFF or PDF file, or type the MRZ."
    ),
    "ImageUnreadableError": (
        "This file is not an image Laissez can read, or it is damaged. Choose a PNG, JPEG, "
        "TIFF or PDF file, or type the MRZ."
    ),
    "ImageEmptyError": "This file is empty. Choose another image of the document, or type the MRZ.",
    "ImageTooLargeError": (
        "This image is too large to read. Scan the document again at a lower resolution, or "
        "type the MRZ."
    ),
    "OcrError": (
        "The text recognition engine is missing or failed. Type the MRZ, and tell your "
        "administrator."
    ),
    "OcrCancelledError": "Reading cancelled. Open another image, or type the MRZ.",
    "FileNotRegularError": (
        "This is not a file Laissez can open (a folder, a device or a pipe). Choose the image "
        "or PDF file itself, or type the MRZ."
    ),
    "TooManyPagesError": (
        "This PDF has too many pages to be a scanned document. Save the page with the document "
        "as its own file, or type the MRZ."
    ),
    "ReaderTimeoutError": (
        "Reading this file took too long and was stopped. It may be damaged or built to harm "
        "the computer: scan the document again, or type the MRZ."
    ),
    "ReaderMemoryError": (
        "Reading this file needed too much memory and was stopped. It may be damaged or built "
        "to harm the computer: scan the document again, or type the MRZ."
    ),
    "ReaderCrashedError": (
        "The reader stopped on this file; nothing else was affected. Scan the document again, "
        "or type the MRZ."
    ),
    "PhotoInvalidError": (
        "This photograph is not a JPEG or PNG image Laissez can read. Take the photograph "
        "again, or choose another image file."
    ),
    "BarcodeError": "The document could not be read. Try again, or enter the data by hand.",
    "ScannerNotFoundError": (
        "No scanner was found. Check that it is switched on and connected, then scan again; "
        "or open an image of the document, or type the MRZ."
    ),
    "ScannerTimeoutError": (
        "The scanner took too long and was stopped. Check that it is not busy or jammed, "
        "then scan again, or type the MRZ."
    ),
    "ScannerError": (
        "The scanner did not scan. Check that it is switched on, connected, not busy and its "
        "lid closed, then scan again, or type the MRZ."
    ),
}


def _error_classes() -> list[type[BaseException]]:
    found: list[type[BaseException]] = []
    for name in MODULES:
        module = importlib.import_module(name)
        found += [
            c
            for c in vars(module).values()
            if inspect.isclass(c) and issubclass(c, BaseException) and c.__module__ == name
        ]
    return found


def _build(cls: type[BaseException]) -> BaseException:
    if cls is de.MrzInvalidError:
        return cls((de.MrzError("m", line=2, position=10, field="document_number"),))
    if issubclass(cls, de.MrzError):
        return cls(
            "m", line=2, position=10, end=12, field="document_number", expected="a digit 0-9"
        )
    if cls is HqRefusedError:
        return cls("m", status=403, hq_code="x")
    return cls("m")  # type: ignore[call-arg]


@pytest.mark.parametrize("cls", _error_classes(), ids=lambda c: c.__name__)
def test_every_error_class_keeps_its_sentence(cls: type[BaseException]) -> None:
    assert describe_error(_build(cls)) == EXPECTED.get(cls.__name__, _BUG)


def test_every_error_class_has_a_code_of_its_own() -> None:
    classes = _error_classes()
    assert len(classes) > 80 and set(EXPECTED) <= {c.__name__ for c in classes}
    codes = [c.__dict__.get("code") for c in classes]
    assert all(isinstance(code, str) for code in codes)
    assert len(set(codes)) == len(codes)
    assert set(ERROR_SENTENCES) - set(codes) == {"builtins.OSError"}


GATE = [
    GateIssue(code="approval.missing", sentence=GATE_CODES["approval.missing"]),
    GateIssue(code="zz.unknown", sentence="Raw English."),
]
STAFF = ["username", "no_role", "too_short", "too_guessable", "mismatch", "own_account", "other"]
WITH_FIELDS: list[tuple[BaseException, str]] = [
    (
        cwe.InvalidTransitionError("m", state="approved", action="x"),
        "This is not possible while the case is “Approved”.",
    ),
    (
        cwe.InvalidTransitionError("m", state="weird"),
        "This is not possible while the case is “weird”.",
    ),
    (
        cwe.InvalidTransitionError("m", state="draft", action="issue_document"),
        "Only an approved case can be issued a travel document.",
    ),
    (
        cwe.GateBlockedError("m", issues=GATE),
        "The travel document cannot be issued yet:\n"
        "• No supervisor has approved issuing the document.\n• Raw English.",
    ),
    (
        StaffRequestError("m", problems=STAFF),
        "Type a user name of letters, digits, dots, hyphens or underscores, without spaces. "
        "Choose at least one role. A passphrase has at least 10 characters. This passphrase "
        "is too easy to guess. Use four or more words that do not belong together, not your "
        "name, a repeated letter or a common password. The two "
        "passphrases differ. Type the same passphrase twice. You cannot remove your own "
        "account. Ask another administrator. Fill in every field marked as required.",
    ),
    (
        de.MrzLayoutError("m"),
        "Not an MRZ yet: an MRZ has 2 lines (of 36 or 44 characters) or 3 lines (of 30). "
        "Type or paste every line.",
    ),
    (
        de.MrzLayoutError("m", line=2, expected="44 characters"),
        "Line 2 has the wrong length: it should have 44 characters. Check for a missing or "
        "extra character.",
    ),
    (
        de.MrzCheckDigitError("m", line=2, position=10, field="document_number_check"),
        "Line 2, position 10: the check digit for the document number check digit does not "
        "match. Compare the document number check digit with the document.",
    ),
    (
        de.MrzCharacterError(
            "m", line=1, position=3, field="issuing_state", expected="a letter A-Z or <"
        ),
        "Line 1, position 3 (issuing State): expected a letter A-Z or <.",
    ),
    (
        de.MrzCharacterError("m", line=1, position=3, field="weird_field", expected="something"),
        "Line 1, position 3 (weird field): expected something.",
    ),
    (
        de.MrzCodeError("m", line=1, position=3, end=5, field="nationality"),
        "Line 1, positions 3-5: the nationality is not a code that ICAO Doc 9303 defines.",
    ),
    (
        de.MrzDateError("m", line=2, position=1, field="date_of_birth"),
        "Line 2, position 1: the date of birth is not a possible date.",
    ),
    (OSError("x"), _FILE),
    (FileNotFoundError("x"), _FILE),
    (PermissionError("x"), _FILE),
    (InterruptedError("x"), _FILE),
    (TimeoutError("x"), _FILE),
    (KeyError("x"), _BUG),
    (RuntimeError("x"), _BUG),
]


@pytest.mark.parametrize(("error", "sentence"), WITH_FIELDS, ids=lambda v: type(v).__name__)
def test_errors_with_fields_keep_their_sentences(error: BaseException, sentence: str) -> None:
    assert describe_error(error) == sentence


def test_a_subclass_without_words_reads_like_its_nearest_parent() -> None:
    class Unforeseen(cwe.AlreadyPrintedError):
        code = "casework.unforeseen"

    assert error_codes(Unforeseen("m"))[:3] == (
        "casework.unforeseen",
        "casework.already_printed",
        "casework.document_not_printable",
    )
    assert describe_error(Unforeseen("m")) == EXPECTED["AlreadyPrintedError"]


def test_every_mrz_error_gets_a_sentence_without_values() -> None:
    broken = [
        "P<ZZZERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
        "L898902C37UTO7413122X1204159ZE184226B<<<<<1a",
    ]
    result = parse(broken)
    assert len({e.code for e in result.errors}) >= 3
    for error in result.errors:
        sentence = describe_mrz_error(error)
        assert sentence.startswith("Line ")
        assert "L898902C" not in sentence and "ERIKSSON" not in sentence


def test_unknown_errors_get_a_generic_sentence() -> None:
    assert "Nothing already saved was lost" in describe_error(KeyError("secret"))
    assert "secret" not in describe_error(KeyError("secret"))
