"""The mission's seal signer and the printed ETD: installing the signer (administrators),
laying out a document for the issue transition and for reprints, and verifying a printed
document against the mission's own trust state (installed and synced certificates, local and
synced revocations).

A new ETD comes into being only in ``DecisionSteps.issue_document``, which calls
``laissez.printing.etd.issue_etd`` with the key :func:`active_signer` unlocks;
this module never signs. Audit events name ids, actions and reason codes, never personal data.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import uuid
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from laissez.casework.base import CaseContext
from laissez.casework.errors import (
    DocumentNotFoundError,
    DocumentNotPrintableError,
    PrintFailedError,
    ReprintReasonRequiredError,
    SignerInvalidError,
    SignerMissingError,
    TokenNotResettableError,
)
from laissez.casework.seal_token import (
    mission_token_directory,
    token_failure,
    token_for_installation,
    uses_mission_token,
)
from laissez.casework.snapshot import OFFICER, SUPERVISOR
from laissez.documents.errors import DocumentError
from laissez.documents.seal import (
    TAG_MRZ_TD2,
    CertificateList,
    RevocationList,
    SealError,
    SignerKey,
    create_root,
    create_signer,
    decode_seal,
    decode_td2,
)
from laissez.documents.seal.pki import key_usage_period
from laissez.documents.seal.token import (
    TokenConfig,
    TokenError,
    TokenPrivateKey,
    import_private_key,
    reload_token,
)
from laissez.printing.errors import PrintingError
from laissez.printing.readback import DocumentCheck, read_printed, verify_reading
from laissez.storage import audit

if TYPE_CHECKING:  # the layout code (reportlab) loads only when a document is laid out
    from laissez.printing.etd import EtdData as PrintedEtd
from laissez.storage.ids import utcnow
from laissez.storage.models import (
    Case,
    DocumentImage,
    IdentityDocument,
    InterviewAnswers,
    Mission,
    Person,
    PrintEvent,
    Revocation,
    Role,
    SigningKey,
    TravelDocument,
)
from laissez.storage.sync import signer as sync_signer
from laissez.storage.sync import state as sync_state

logger = logging.getLogger(__name__)
ADMINISTRATOR = Role.ADMINISTRATOR.value


@dataclass(frozen=True)
class SignerInfo:
    """An installed signing key as administrators see it (no key material)."""

    id: uuid.UUID
    signer_identifier: str
    certificate_reference: str
    valid_from: dt.datetime
    valid_until: dt.datetime
    active: bool


@dataclass(frozen=True)
class SignerFiles:
    """PEM files of a signer as headquarters hands them to a mission.

    ``key_pem`` is encrypted PKCS#8 under ``password``. Made by :func:`make_test_signer` for
    tests and demonstrations only.
    """

    key_pem: bytes
    certificate_pem: bytes
    root_pem: bytes
    password: bytes

    def write(self, directory: Path) -> tuple[Path, Path, Path]:
        """Write ``signer.key.pem``, ``signer.crt.pem`` and ``root.crt.pem`` (mode 0600)."""
        directory.mkdir(parents=True, exist_ok=True)
        paths = []
        for name, data in (
            ("signer.key.pem", self.key_pem),
            ("signer.crt.pem", self.certificate_pem),
            ("root.crt.pem", self.root_pem),
        ):
            path = directory / name
            path.touch(mode=0o600)
            path.write_bytes(data)
            paths.append(path)
        return paths[0], paths[1], paths[2]


def make_test_signer(
    *,
    signer_identifier: str = "UTTS",
    country: str = "UT",
    mission: str = "Test mission",
    password: bytes = b"test signer password",
) -> SignerFiles:
    """A throwaway headquarters root and a signer it certified, as PEM files (TESTS AND DEMOS
    ONLY: the root's private key is thrown away, so nothing else can ever be certified)."""
    root = create_root(f"{mission} root (TEST)", country)
    signer = create_signer(root, signer_identifier, mission=mission)
    return SignerFiles(
        key_pem=signer.private_key_pem(password),
        certificate_pem=signer.certificate_pem(),
        root_pem=root.certificate.public_bytes(serialization.Encoding.PEM),
        password=password,
    )


def _load_certificate(pem: bytes, what: str) -> x509.Certificate:
    try:
        return x509.load_pem_x509_certificate(pem)
    except ValueError:
        raise SignerInvalidError(f"the {what} is not a PEM X.509 certificate") from None


def _load_signer(key_pem: bytes, password: bytes | None, certificate_pem: bytes) -> SignerKey:
    try:
        key = serialization.load_pem_private_key(key_pem, password=password or None)
    except (ValueError, TypeError):
        raise SignerInvalidError(
            "the signing key cannot be opened: wrong password, or not a PEM private key"
        ) from None
    cert = _load_certificate(certificate_pem, "signer certificate")
    public = cert.public_key()
    if (
        not isinstance(key, ec.EllipticCurvePrivateKey)
        or not isinstance(public, ec.EllipticCurvePublicKey)
        or key.public_key().public_numbers() != public.public_numbers()
    ):
        raise SignerInvalidError("the signing key does not match the signer certificate")
    return SignerKey(key=key, certificate=cert)


def _full_date(value: object) -> dt.date | None:
    """A complete ISO date, or None (absent, or partly unknown such as ``2026-12-XX``)."""
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def active_signer(session: Session, token: TokenConfig) -> tuple[uuid.UUID, SignerKey]:
    """The active signing key, its private half in the token ``token`` (nothing is read from
    the token yet: the PIN and the key are checked when the seal is signed); raises a typed
    error before anything is written."""
    row = session.scalars(
        select(SigningKey).where(SigningKey.active.is_(True)).order_by(SigningKey.created_at.desc())
    ).first()
    if row is None:
        raise SignerMissingError(
            "no seal signing key is installed at this mission, so no travel document can "
            "be issued; an administrator must install one first (laissez case "
            "install-signer)"
        )
    now = utcnow()
    if not row.valid_from <= now <= row.valid_until:
        raise SignerMissingError(
            f"the installed signing key {row.id} may be used until "
            f"{row.valid_until.date()} only; an administrator must install a new one"
        )
    cert = _load_certificate(row.certificate_pem.encode(), "signer certificate")
    public = cert.public_key()
    if not isinstance(public, ec.EllipticCurvePublicKey):
        raise SignerInvalidError("the signer certificate does not hold an EC key")
    config = replace(token, token_label=row.token_label)
    return row.id, SignerKey(key=TokenPrivateKey(config, row.key_label, public), certificate=cert)


def printed_etd(session: Session, doc: TravelDocument) -> PrintedEtd:
    """The page data of a travel document, from the case as recorded (for the issue
    transition, reprints and a pending print).

    Raises:
        PrintFailedError: no photo was captured, or the person's data was purged.
    """
    from laissez.printing.etd import EtdData as PrintedEtd

    case = session.get(Case, doc.case_id)
    assert case is not None
    person = session.get(Person, case.person_id)
    if person is None or person.purged_at is not None or not person.nationality:
        raise PrintFailedError(
            f"travel document {doc.id}: the person's data is no longer held; it cannot be printed"
        )
    photo = session.scalars(
        select(DocumentImage)
        .join(IdentityDocument)
        .where(IdentityDocument.person_id == person.id, DocumentImage.kind == "photo")
        .limit(1)
    ).first()
    if photo is None or not photo.data:
        raise PrintFailedError(
            f"case {case.id} has no photo; record the person's photo with the identity "
            "before issuing (an ETD carries a digitally printed photo)"
        )
    mission = session.get(Mission, case.mission_id) if case.mission_id else None
    route = session.scalars(
        select(InterviewAnswers)
        .where(InterviewAnswers.case_id == case.id, InterviewAnswers.form_id == "travel_route")
        .order_by(InterviewAnswers.updated_at.desc())
        .limit(1)
    ).first()
    answers = route.answers if route is not None else {}
    destination = str(answers.get("destination_country") or person.nationality)
    place = str(answers.get("destination_place") or "")
    travel_date = _full_date(answers.get("planned_departure"))
    latin = (person.primary_name_latin or person.primary_name or "",
             person.secondary_name_latin or person.secondary_name or "")  # fmt: skip
    original = " ".join(p for p in (person.secondary_name, person.primary_name) if p)
    digits = "".join(c for c in doc.document_number if c.isdigit())
    issue_place = (mission.name or mission.code) if mission else ""
    return PrintedEtd(
        document_number=doc.document_number,
        serial_number=digits.zfill(9)[-9:],
        issuing_state=person.nationality,
        issuing_state_name=person.nationality,
        primary_identifier=latin[0],
        secondary_identifier=latin[1],
        name_original_script=original if original != " ".join(latin[::-1]).strip() else "",
        nationality=person.nationality,
        date_of_birth=person.date_of_birth or "XXXX-XX-XX",
        sex=(person.sex or "X").upper(),
        place_of_birth=person.place_of_birth or "",
        photo=photo.data,
        issue_date=doc.issued_at.date(),
        issue_place=issue_place,
        authority=f"{issue_place} ({person.nationality})" if issue_place else "",
        expiry_date=dt.date.fromisoformat(doc.valid_until or ""),
        travel_date=travel_date,
        final_destination=f"{place} ({destination})" if place else destination,
        mrz_lines=tuple((doc.mrz_lines or "").splitlines()),
        seal=doc.seal or b"",
        case_id=str(case.id),
        officer_id=str(doc.issued_by or ""),
    )


class SigningSteps:
    """The mission signer, reprints and verification (``Casework.signing``)."""

    def __init__(self, ctx: CaseContext) -> None:
        self.ctx = ctx

    # --- the signer ---------------------------------------------------------------------------

    def reset_token(
        self,
        new_pin: str,
        key_pem: bytes,
        certificate_pem: bytes,
        root_pem: bytes,
        *,
        password: bytes | None = None,
    ) -> uuid.UUID:
        """An administrator mends a forgotten or locked PIN of the mission-local token: the
        token is erased (its key with it: nobody keeps its security officer PIN) and made again
        with ``new_pin``, and the signer is installed into it again from headquarters' files
        (:meth:`install_signer`, whose checks apply). Audited (``signer.token_reset``).

        Raises:
            RoleRequiredError: not an administrator. TokenNotResettableError: the token is
            configured outside Laissez. SignerInvalidError: the files do not make a signer
            (then the old token is already gone: install the signer again).
        """
        self.ctx.require(ADMINISTRATOR)
        if not uses_mission_token():
            raise TokenNotResettableError(
                "the seal token is configured outside Laissez: reset its PIN with its own tools"
            )
        _load_signer(key_pem, password, certificate_pem)  # the files work before erasing
        shutil.rmtree(mission_token_directory(self.ctx), ignore_errors=True)
        reload_token()
        self.use_token_pin(new_pin)
        signer_id = self.install_signer(key_pem, certificate_pem, root_pem, password=password)
        with self.ctx.db.session() as session:
            audit.record(session, self.ctx.actor_id, "signer.token_reset", "signing_key",
                         signer_id)  # fmt: skip
        return signer_id

    def install_signer(
        self,
        key_pem: bytes,
        certificate_pem: bytes,
        root_pem: bytes,
        *,
        password: bytes | None = None,
        now: dt.datetime | None = None,
    ) -> uuid.UUID:
        """An administrator installs the mission's seal signer; returns its id.

        ``key_pem`` is the private key (PKCS#8 PEM, encrypted under ``password`` when given),
        ``certificate_pem`` its certificate, issued by the headquarters root ``root_pem``. The
        key must match the certificate, the root must have signed it, and its key usage period
        must include ``now``. The private key is then imported into the mission's PKCS#11
        token (``LAISSEZ_PKCS11_*``, else the mission-local token, made now if there is none:
        ``laissez.casework.seal_token``; PIN from :meth:`use_token_pin` or the environment) as a
        non-extractable object; the database keeps only the certificate and the key's label.
        The new signer becomes the only active one. Audited (ids only).

        Raises:
            RoleRequiredError: not an administrator. SignerInvalidError: any check failed.
        """
        self.ctx.require(ADMINISTRATOR)
        signer = _load_signer(key_pem, password, certificate_pem)
        root = _load_certificate(root_pem, "root certificate")
        lookup = CertificateList((root,), (signer.certificate,)).find(
            signer.signer_identifier, signer.certificate_reference
        )
        if not lookup.trusted:
            raise SignerInvalidError("the signer certificate was not issued by that root")
        start, end = key_usage_period(signer.certificate)
        moment = now or utcnow()
        if not start <= moment <= end:
            raise SignerInvalidError(
                f"the signing key may be used from {start.date()} to {end.date()} only"
            )
        row_id = uuid.uuid4()
        token = token_for_installation(self.ctx)
        label = f"laissez-seal-{row_id}"
        assert isinstance(signer.key, ec.EllipticCurvePrivateKey)
        try:
            # into the token, non-extractable; this process drops its copy on return
            import_private_key(token, signer.key, label)
        except TokenError as exc:
            raise token_failure(exc, SignerInvalidError) from None
        with self.ctx.db.session() as session:
            previous = session.scalars(select(SigningKey).where(SigningKey.active.is_(True))).all()
            for old in previous:
                old.active = False
                old.deactivated_at = moment
            replaced = len(previous)
            row = SigningKey(
                id=row_id,
                signer_identifier=signer.signer_identifier,
                certificate_reference=signer.certificate_reference,
                certificate_pem=signer.certificate_pem().decode("ascii"),
                root_certificate_pem=root_pem.decode("ascii"),
                token_label=token.token_label,
                key_label=label,
                valid_from=start,
                valid_until=end,
                active=True,
                created_by=self.ctx.actor_id,
            )
            session.add(row)
            session.flush()
            audit.record(
                session,
                self.ctx.actor_id,
                "signing_key.installed",
                "signing_key",
                row.id,
                {"replaced": int(replaced or 0)},
            )
            logger.info("signing key %s installed", row.id)
        self.export_certificates()
        return row.id

    def export_certificates(self) -> Path:
        """Write the mission's certificate list (public certificates only: the roots of its
        signers and every signer certificate) to ``certificates.json`` next to the database,
        where ``laissez etd verify`` looks by default; returns the path."""
        from laissez.storage.keys import atomic_write

        target = self.ctx.db.path.parent / sync_signer.CERTIFICATES_FILE
        with self.ctx.db.read_session() as session:
            text = self._certificates(session).to_json()
        atomic_write(target, text.encode("utf-8"))
        return target

    def use_token_pin(self, pin: str | None) -> None:
        """Hold the token PIN for this session (entered by the issuing supervisor or the
        administrator installing a signer); it is never written anywhere."""
        self.ctx.token_pin = pin or None

    def signers(self) -> list[SignerInfo]:
        """Every installed signing key, newest first."""
        with self.ctx.db.session() as session:
            rows = session.scalars(select(SigningKey).order_by(SigningKey.created_at.desc()))
            return [
                SignerInfo(
                    r.id,
                    r.signer_identifier,
                    r.certificate_reference,
                    r.valid_from,
                    r.valid_until,
                    r.active,
                )
                for r in rows
            ]

    # --- printing -----------------------------------------------------------------------------

    def reprint_document(self, document_id: uuid.UUID, reason_code: str | None) -> bytes:
        """Print an issued document again: the same seal and MRZ, laid out anew; returns PDF.

        ``reason_code`` (lower-case letters and underscores, e.g. ``printer_jam``) is required
        and audited with the print event. A voided or revoked document is never printed.

        Raises:
            ReprintReasonRequiredError, DocumentNotFoundError, DocumentNotPrintableError,
            PrintFailedError, RoleRequiredError.
        """
        self.ctx.require(OFFICER, SUPERVISOR)
        if not reason_code:
            raise ReprintReasonRequiredError(
                "a reprint needs a reason code (e.g. printer_jam, damaged_copy)",
                fields=["reason_code"],
            )
        reason = self.ctx.reason(reason_code)
        with self.ctx.db.session() as session:
            doc = session.get(TravelDocument, document_id)
            if doc is None:
                raise DocumentNotFoundError(f"no travel document {document_id}")
            revoked = session.scalar(
                select(Revocation.id).where(Revocation.travel_document_id == doc.id)
            )
            if doc.status != "issued" or revoked is not None:
                raise DocumentNotPrintableError(
                    f"travel document {doc.id} is {doc.status}"
                    f"{' and revoked' if revoked else ''}; it may not be printed again"
                )
            if not doc.seal or not doc.mrz_lines:
                raise DocumentNotPrintableError(
                    f"travel document {doc.id} has no seal; it was not issued through the "
                    "printing transition and cannot be reprinted"
                )
            try:
                from laissez.printing.etd import render_etd

                pdf = render_etd(printed_etd(session, doc))
            except (PrintingError, DocumentError) as exc:
                raise PrintFailedError(f"travel document {doc.id}: {exc}") from None
            event = PrintEvent(
                travel_document_id=doc.id,
                kind="reprint",
                reason_code=reason,
                printed_by=self.ctx.actor_id,
            )
            session.add(event)
            session.flush()
            audit.record(
                session,
                self.ctx.actor_id,
                "travel_document.reprinted",
                "travel_document",
                doc.id,
                {"print_event_id": event.id, "reason": reason},
            )
            return pdf

    def print_events(self, document_id: uuid.UUID) -> list[tuple[str, str | None]]:
        """The printings of a document, oldest first, as ``(kind, reason code)``."""
        with self.ctx.db.session() as session:
            rows = session.scalars(
                select(PrintEvent)
                .where(PrintEvent.travel_document_id == document_id)
                .order_by(PrintEvent.printed_at)
            ).all()
            return [(r.kind, r.reason_code) for r in rows]

    # --- verification against the mission's own state ----------------------------------------

    @staticmethod
    def _has_table(session: Session, name: str) -> bool:
        return bool(inspect(session.connection()).has_table(name))

    def trusted_certificates(self) -> CertificateList:
        """The mission's certificate list: the roots of its installed signers (the trust
        anchors), their certificates, and every signer certificate pulled through sync (trusted
        only when one of those roots issued it)."""
        with self.ctx.db.session() as session:
            return self._certificates(session)

    def _certificates(self, session: Session) -> CertificateList:
        if self._has_table(session, sync_state.sync_signer_certificates.name):
            return sync_signer.certificate_list(session)
        rows = session.scalars(select(SigningKey)).all()  # a database before the sync tables
        roots = [x509.load_pem_x509_certificate(r.root_certificate_pem.encode()) for r in rows]
        signers = [x509.load_pem_x509_certificate(r.certificate_pem.encode()) for r in rows]
        return CertificateList(tuple(roots)).add(*signers)

    def _revoked_numbers(self, session: Session) -> set[str]:
        numbers = set(session.scalars(select(Revocation.document_number)).all())
        if self._has_table(session, sync_state.sync_revocations.name):
            numbers.update(session.scalars(select(sync_state.sync_revocations.c.document_number)))
        return numbers

    def revocations_for(self, seal: bytes) -> RevocationList:
        """The mission's revocation list (the ``revocations`` table and revocations pulled
        through sync) in the form the seal check needs, for the issuing State of ``seal``."""
        with self.ctx.db.session() as session:
            return self._revocations(session, seal)

    def _revocations(self, session: Session, seal: bytes) -> RevocationList:
        try:
            value = decode_seal(seal).feature(TAG_MRZ_TD2)
            state = decode_td2(value)[0][2:5] if value else ""
        except SealError:
            state = ""
        revoked = RevocationList()
        if state:
            for number in self._revoked_numbers(session):
                revoked = revoked.revoke(state, number)
        return revoked

    def verify_printed(
        self, data: bytes | str | os.PathLike[str], *, today: dt.date | None = None
    ) -> DocumentCheck:
        """Verify a printed ETD (PDF or image bytes, or a path) against the mission's trusted
        certificates and revocation list: decode the seal, read the printed MRZ, check both.

        The file is read and parsed in the sandbox's child process
        (:func:`laissez.printing.readback.read_printed`) before the database is touched, so a
        hostile file never runs the parsers in the process that holds the unlocked database.
        A document revoked here or at headquarters (pulled through sync) verifies as INVALID
        with ``REVOKED_DOCUMENT``.

        Raises:
            ImageError: the file is unusable or hostile (typed: not a regular file, too large,
                too many pages, too slow, too much memory ...).
            ReadBackError: the bytes are neither a PDF nor an image.
        """
        reading = read_printed(data)
        with self.ctx.db.read_session() as session:
            certificates = self._certificates(session)
            revocations = self._revocations(session, reading.seals[0]) if reading else None
        return verify_reading(
            reading, certificates=certificates, revocations=revocations, today=today
        )
