"""Typed errors of the casework package.

Every error has a stable ``code`` that the desktop maps to translated words. Messages name
case ids, states, roles, forms and fields, never personal values.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from laissez.casework.gate import GateIssue


class CaseworkError(Exception):
    """Base class of every error raised by ``laissez.casework``.

    Attributes:
        code: stable machine-readable code (``casework.invalid_transition`` ...).
        message: an English sentence for logs and the command line (no personal data).
    """

    code = "casework"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class CaseNotFoundError(CaseworkError):
    """No case has that id."""

    code = "casework.case_not_found"


class InvalidTransitionError(CaseworkError):
    """The case is not in a state from which this step is allowed.

    Attributes:
        state: the case's current state; action: the step that was asked for.
    """

    code = "casework.invalid_transition"

    def __init__(self, message: str, *, state: str = "", action: str = "") -> None:
        super().__init__(message)
        self.state = state
        self.action = action


class RoleRequiredError(CaseworkError):
    """The user who unlocked the database lacks the role this step needs."""

    code = "casework.role_required"

    def __init__(self, message: str, *, role: str = "") -> None:
        super().__init__(message)
        self.role = role


class SelfApprovalError(CaseworkError):
    """A supervisor tried to approve a case they took part in (four eyes)."""

    code = "casework.self_approval"


class ConsentBeforeAdvisalError(CaseworkError):
    """Consent was asked for before the rights advisal was delivered in this case."""

    code = "casework.consent_before_advisal"


class AnswersInvalidError(CaseworkError):
    """Interview answers failed validation; nothing was saved.

    Attributes:
        issues: ``(field id, issue code)`` pairs, never the answers themselves.
    """

    code = "casework.answers_invalid"

    def __init__(self, message: str, *, issues: Sequence[tuple[str, str]] = ()) -> None:
        super().__init__(message)
        self.issues = tuple(issues)


class MissingInformationError(CaseworkError):
    """A step needs information that was not given (named by ``fields``)."""

    code = "casework.missing_information"

    def __init__(self, message: str, *, fields: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.fields = tuple(fields)


class IssuingStateError(MissingInformationError):
    """The mission's own State was not given, or is not a State's ICAO code (``XXX``, a
    protection code, an organisation); nothing was created."""

    code = "casework.issuing_state"

    def __init__(self, message: str) -> None:
        super().__init__(message, fields=("country_code",))


class MrzUnreadableError(CaseworkError):
    """The MRZ lines given could not be read at all (wrong number of lines, wrong lengths)."""

    code = "casework.mrz_unreadable"


class PhotoInvalidError(CaseworkError):
    """The photograph given is not a JPEG or PNG image that decodes within the sandbox's limits
    (an executable, a PDF, a damaged or oversized file). ``reason`` is the documents error code.
    """

    code = "casework.photo_invalid"

    def __init__(self, message: str, *, reason: str = "") -> None:
        super().__init__(message)
        self.reason = reason


class AdvisalTextError(CaseworkError):
    """The advisal text version, language or hash given is not a known, unchanged text."""

    code = "casework.advisal_text"


class AdvisalTextUnpublishedError(AdvisalTextError):
    """The advisal text is not usable as published: no signed version in that language, a
    file changed after it was signed, or a text leaving out a point it must cover."""

    code = "casework.advisal_unpublished"


class UnknownRecipientError(CaseworkError):
    """A data-sharing decision named a recipient that is not a consent scope."""

    code = "casework.unknown_recipient"


class GateBlockedError(CaseworkError):
    """The safeguard gate found unmet conditions; the document was not issued.

    Attributes:
        issues: every unmet condition (``GateIssue`` with ``code`` and ``sentence``).
    """

    code = "casework.gate_blocked"

    def __init__(self, message: str, *, issues: Sequence[GateIssue] = ()) -> None:
        super().__init__(message)
        self.issues = tuple(issues)

    @property
    def codes(self) -> tuple[str, ...]:
        """The codes of the unmet conditions, in gate order."""
        return tuple(i.code for i in self.issues)


class SignerMissingError(CaseworkError):
    """No seal signing key is installed (or active) at this mission, so no document can be
    issued; an administrator installs one with ``install_signer``."""

    code = "casework.signer_missing"


class SignerInvalidError(CaseworkError):
    """The signing key or certificate given (or installed) cannot be used: damaged PEM, wrong
    password, key and certificate do not match, not issued by the root, or out of date."""

    code = "casework.signer_invalid"


class TokenPinRequiredError(CaseworkError):
    """The seal key's token needs its PIN and none was given this session (the issuing
    supervisor or the administrator enters it: ``SigningSteps.use_token_pin``). Nothing was
    written."""

    code = "casework.token_pin_required"


class TokenPinWrongError(CaseworkError):
    """The seal key's token refused the PIN given (wrong, or the token is locked after too
    many tries). Nothing was written or sealed."""

    code = "casework.token_pin_wrong"


class TokenNotResettableError(CaseworkError):
    """The seal token is configured outside Laissez (a smart card, USB token or HSM): its PIN
    is reset with the token's own tools and security officer PIN, not here."""

    code = "casework.token_not_resettable"


class DocumentNotFoundError(CaseworkError):
    """No travel document has that id."""

    code = "casework.document_not_found"


class DocumentNotPrintableError(CaseworkError):
    """The travel document may not be printed: it was voided or revoked, or it has no seal."""

    code = "casework.document_not_printable"


class ReprintReasonRequiredError(MissingInformationError):
    """A reprint was asked for without a reason code; nothing was printed or written."""

    code = "casework.reprint_reason_required"


class PrintFailedError(CaseworkError):
    """The document could not be laid out or sealed (a missing photo, a field the MRZ cannot
    hold ...); the issue transition was rolled back and nothing was written."""

    code = "casework.print_failed"


class NoDocumentNumbersError(CaseworkError):
    """This device holds no unused document number (every range headquarters gave it is used
    up, or it never received one), or the next number no longer fits the MRZ field. Nothing was
    written; sync with headquarters, or an administrator loads numbers from an offline bundle."""

    code = "casework.no_document_numbers"


class NumberBundleError(CaseworkError):
    """An offline bundle of document numbers could not be loaded (not from headquarters,
    changed, made for another device, or this installation is not enrolled); nothing was
    loaded."""

    code = "casework.number_bundle"


class SignatureRequiredError(CaseworkError):
    """A consent decision was given without a valid signature record: a drawn signature or
    mark (PNG), or ``declined_to_sign`` with a reason code from the fixed list. Nothing was
    written.

    Attributes:
        fields: what is missing or wrong (``signature``, ``signature_kind``,
            ``declined_reason``, ``interpreter_signed``), never the values themselves.
    """

    code = "casework.signature_required"

    def __init__(self, message: str, *, fields: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.fields = tuple(fields)


class GuardianRequiredError(CaseworkError):
    """The person is, or may be, a child and the guardian's name, relationship or the
    best-interests record was not given with the consent. Nothing was written.

    Attributes:
        fields: the missing fields (``guardian_name``, ``guardian_relationship``,
            ``best_interests_record``).
    """

    code = "casework.guardian_required"

    def __init__(self, message: str, *, fields: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.fields = tuple(fields)


class AlreadyPrintedError(DocumentNotPrintableError):
    """The travel document's last layout (the issue, or a reprint with its reason) was already
    printed: printing it again needs a reprint with a reason; nothing was written."""

    code = "casework.already_printed"


class ClockBackwardsError(CaseworkError):
    """The device's clock is earlier than an event already recorded (in the case or on the
    device): the clock was set back. Nothing was written; set the clock right and try again."""

    code = "casework.clock_backwards"


class FlagClearError(CaseworkError):
    """There is no open flag of that kind in the case to clear. Nothing was written."""

    code = "casework.flag_not_open"


class DocumentInOtherCaseError(CaseworkError):
    """The document read belongs to the person of another open case: one person, one open
    case. ``reference`` names that case (its short reference, never a personal value)."""

    code = "casework.document_in_other_case"

    def __init__(self, message: str, *, reference: str = "") -> None:
        super().__init__(message)
        self.reference = reference


class IdentityChangeUnconfirmedError(CaseworkError):
    """Saving would change an identity already recorded (``fields``: ``name``,
    ``date_of_birth``, ``sex``, ``nationality``, ``document``); the officer must confirm it
    (``confirm_change=True``), and say whether the interview answers stay."""

    code = "casework.identity_change_unconfirmed"

    def __init__(self, message: str, *, fields: Sequence[str] = (), replacement: bool = False):
        super().__init__(message)
        self.fields = tuple(fields)
        self.replacement = replacement
