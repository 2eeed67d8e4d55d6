"""Headquarters' country signing CA (CSCA) and the missions' seal-signer certificate
requests (``laissez.protocol.signer`` says what travels).

**The CSCA key is kept out of the database.** Either a PKCS#11 token
(``$LAISSEZ_HQ_CSCA_TOKEN`` names the token, ``$LAISSEZ_HQ_CSCA_PIN`` its PIN,
``$LAISSEZ_PKCS11_MODULE`` the module; the key is made inside it, non-extractable), or a file
(``$LAISSEZ_HQ_CSCA_KEY``, else ``csca.key.pem`` in headquarters' state folder): PKCS#8 PEM
encrypted under the operator's key passphrase (``$LAISSEZ_HQ_KEY_PASSPHRASE``), mode 0600.
Only the CSCA certificate is stored (``country_cas``); the service itself never opens the key:
``laissez-hq admin approve-signer-request`` does, on the operator's command.

A request is checked when it arrives and again when approved: its own signature must verify
(proof of possession: ``csr.signature_invalid``), its subject must name the device's mission
(``OU``: ``csr.mission_mismatch``) and the CSCA's country (``C``: ``csr.country_mismatch``),
and the device must still be enrolled (``device.revoked``). The certificate issued has the
ICAO Doc 9303 Part 12 document-signer profile (``laissez.documents.seal.pki.signer_builder``)
with a signer identifier headquarters assigns: the country and two characters, the same for
every certificate of one mission and different between missions.
"""

from __future__ import annotations

import datetime as dt
import os
import string
import uuid
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from sqlalchemy import select
from sqlalchemy.orm import Session

from laissez.documents.seal.csr import RequestInvalidError, load_request, sign_certificate
from laissez.documents.seal.errors import SealKeyError
from laissez.documents.seal.pki import key_usage_period, root_builder, signer_builder
from laissez.documents.seal.token import (
    DEFAULT_MODULE,
    ENV_MODULE,
    TokenConfig,
    TokenPrivateKey,
    generate_private_key,
)
from laissez.hq.errors import ConfigurationError, DuplicateError, NotFoundError, SignerRequestError
from laissez.hq.highwater import state_dir
from laissez.hq.keys import ServiceKeys, key_passphrase
from laissez.hq.models import (
    CountryCaRecord,
    Device,
    Mission,
    SignerCertificateRecord,
    SignerRequestRecord,
    utcnow,
)
from laissez.protocol import PullResponse
from laissez.protocol.signer import (
    ISSUED,
    PENDING,
    REFUSED,
    SignerRequest,
    SignerRequestStatus,
    sign_country_ca,
)

ENV_CSCA_KEY = "LAISSEZ_HQ_CSCA_KEY"
ENV_CSCA_TOKEN = "LAISSEZ_HQ_CSCA_TOKEN"  # noqa: S105 - a variable name
ENV_CSCA_PIN = "LAISSEZ_HQ_CSCA_PIN"
KEY_FILE_NAME = "csca.key.pem"
TOKEN_KEY_LABEL = "laissez-csca"  # noqa: S105 - a key label, not a secret
SIGNATURE_INVALID, MISSION_MISMATCH = "csr.signature_invalid", "csr.mission_mismatch"
COUNTRY_MISMATCH, DEVICE_REVOKED = "csr.country_mismatch", "device.revoked"
REFUSED_BY_HQ = "csr.refused_by_headquarters"
_ALNUM = string.ascii_uppercase + string.digits
CLOCK_MARGIN_MINUTES = 10


@dataclass(frozen=True)
class Csca:
    """The country signing CA: its key (in memory from the file, or in the token) and
    certificate."""

    key: ec.EllipticCurvePrivateKey | TokenPrivateKey
    certificate: x509.Certificate

    @property
    def country(self) -> str:
        """The CSCA's country (2 letters)."""
        return _attribute(self.certificate.subject, NameOID.COUNTRY_NAME)


def _attribute(name: x509.Name, oid: x509.ObjectIdentifier) -> str:
    found = name.get_attributes_for_oid(oid)
    return str(found[0].value) if found else ""


def _token() -> TokenConfig | None:
    label = os.environ.get(ENV_CSCA_TOKEN)
    if not label:
        return None
    module = os.environ.get(ENV_MODULE) or DEFAULT_MODULE
    return TokenConfig(module=module, token_label=label, pin=os.environ.get(ENV_CSCA_PIN))


def key_file(given: Path | None = None) -> Path:
    """Where the CSCA key file is: ``given``, ``$LAISSEZ_HQ_CSCA_KEY``, else the state folder."""
    if given is not None:
        return given
    if os.environ.get(ENV_CSCA_KEY):
        return Path(os.environ[ENV_CSCA_KEY])
    folder = state_dir()
    if folder is None:
        raise ConfigurationError(
            f"set ${ENV_CSCA_KEY} to the country signing CA's key file (or "
            f"${ENV_CSCA_TOKEN} to its PKCS#11 token)"
        )
    return folder / KEY_FILE_NAME


def current_certificate(session: Session) -> x509.Certificate | None:
    """The newest CSCA certificate, or None before ``init_csca``."""
    row = session.scalars(
        select(CountryCaRecord).order_by(CountryCaRecord.created_at.desc())
    ).first()
    return None if row is None else x509.load_pem_x509_certificate(row.pem.encode())


def init_csca(
    session: Session,
    country: str,
    common_name: str,
    *,
    key_path: Path | None = None,
    passphrase: str | None = None,
) -> x509.Certificate:
    """Make the country signing CA (a P-256 key in the token, or in an encrypted file that
    must not exist yet) and store its self-signed certificate; refused when one exists."""
    country = country.strip().upper()
    if len(country) != 2 or not country.isalpha():
        raise SignerRequestError(
            "the country is the State's 2-letter ISO code", code="csca.country"
        )
    if current_certificate(session) is not None:
        raise DuplicateError("headquarters already has a country signing CA")
    token = _token()
    key: ec.EllipticCurvePrivateKey | TokenPrivateKey
    if token is not None:
        try:
            public = generate_private_key(token, TOKEN_KEY_LABEL)
        except SealKeyError as exc:
            raise ConfigurationError(f"the CSCA token refused: {exc}") from None
        key = TokenPrivateKey(token, TOKEN_KEY_LABEL, public)
    else:
        path = key_file(key_path)
        if path.exists():
            raise DuplicateError(f"{path} exists already: it is kept, never overwritten")
        key = ec.generate_private_key(ec.SECP256R1())
        secret = key_passphrase(passphrase).encode("utf-8")
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write(
                key.private_bytes(
                    serialization.Encoding.PEM,
                    serialization.PrivateFormat.PKCS8,
                    serialization.BestAvailableEncryption(secret),
                )
            )
    cert = sign_certificate(root_builder(common_name, country, key.public_key()), key)
    pem = cert.public_bytes(serialization.Encoding.PEM).decode("ascii")
    session.add(CountryCaRecord(country=country, pem=pem))
    session.flush()
    return cert


def load_csca(
    session: Session, *, key_path: Path | None = None, passphrase: str | None = None
) -> Csca:
    """The CSCA with its key opened (from the token, or the file with the key passphrase)."""
    cert = current_certificate(session)
    if cert is None:
        raise ConfigurationError(
            "headquarters has no country signing CA yet: run 'laissez-hq admin csca-init'"
        )
    public = cert.public_key()
    assert isinstance(public, ec.EllipticCurvePublicKey)
    token = _token()
    if token is not None:
        return Csca(TokenPrivateKey(token, TOKEN_KEY_LABEL, public), cert)
    path = key_file(key_path)
    try:
        key = serialization.load_pem_private_key(
            path.read_bytes(), password=key_passphrase(passphrase).encode("utf-8")
        )
    except OSError:
        raise ConfigurationError(f"the CSCA key file {path} cannot be read") from None
    except (ValueError, TypeError):
        raise ConfigurationError(
            "the key passphrase does not open the CSCA key file, or it is not a key"
        ) from None
    if (
        not isinstance(key, ec.EllipticCurvePrivateKey)
        or key.public_key().public_numbers() != public.public_numbers()
    ):
        raise ConfigurationError("the CSCA key file does not hold the CSCA certificate's key")
    return Csca(key, cert)


def _check(
    session: Session, row: SignerRequestRecord, country: str | None
) -> x509.CertificateSigningRequest:
    """The request, checked; raises ``SignerRequestError`` with the reason code."""
    device = session.get(Device, row.device_id)
    mission = session.get(Mission, row.mission_id)
    if device is None or device.revoked_at is not None or mission is None:
        raise SignerRequestError("the requesting device is no longer enrolled", code=DEVICE_REVOKED)
    try:
        request = load_request(row.csr_pem)
    except RequestInvalidError as exc:
        raise SignerRequestError(exc.message, code=SIGNATURE_INVALID) from None
    if _attribute(request.subject, NameOID.ORGANIZATIONAL_UNIT_NAME) != mission.code:
        raise SignerRequestError(
            "the request does not name the requesting device's mission", code=MISSION_MISMATCH
        )
    named = _attribute(request.subject, NameOID.COUNTRY_NAME)
    if country is not None and named and named != country:
        raise SignerRequestError(
            f"the request names the country {named}, not the CSCA's {country}",
            code=COUNTRY_MISMATCH,
        )
    return request


def _status(row: SignerRequestRecord) -> SignerRequestStatus:
    return SignerRequestStatus(
        request_id=row.request_id,
        status=row.status,  # type: ignore[arg-type]
        reason_code=row.reason_code,
        certificate_pem=row.certificate_pem,
    )


def receive(session: Session, device: Device, request: SignerRequest) -> SignerRequestStatus:
    """Keep a device's request (``pending``), or refuse it at once with its reason when it
    fails a check; sending the same request again changes nothing."""
    held = session.scalar(
        select(SignerRequestRecord).where(
            SignerRequestRecord.device_id == device.id,
            SignerRequestRecord.request_id == request.request_id,
        )
    )
    if held is not None:
        return _status(held)
    row = SignerRequestRecord(
        request_id=request.request_id,
        mission_id=device.mission_id,
        device_id=device.id,
        csr_pem=request.csr_pem,
        status=PENDING,
    )
    session.add(row)
    cert = current_certificate(session)
    try:
        _check(session, row, _attribute(cert.subject, NameOID.COUNTRY_NAME) if cert else None)
    except SignerRequestError as exc:
        row.status, row.reason_code, row.decided_at = REFUSED, exc.code, utcnow()
    session.flush()
    return _status(row)


def requests(session: Session, *, include_decided: bool = False) -> list[dict[str, str | None]]:
    """The requests for an administrator (ids, mission, state; no key material)."""
    stmt = (
        select(SignerRequestRecord, Mission.code)
        .join(Mission, Mission.id == SignerRequestRecord.mission_id)
        .order_by(SignerRequestRecord.received_at)
    )
    if not include_decided:
        stmt = stmt.where(SignerRequestRecord.status == PENDING)
    return [
        {
            "id": str(r.id),
            "mission_code": code,
            "device_id": str(r.device_id),
            "status": r.status,
            "reason_code": r.reason_code,
            "signer_identifier": r.signer_identifier,
            "received_at": r.received_at.isoformat(),
        }
        for r, code in session.execute(stmt).all()
    ]


def _identifier(session: Session, row: SignerRequestRecord, country: str, mission_code: str) -> str:
    """The mission's signer identifier: the one it had, else the first two characters free."""
    issued = session.execute(
        select(SignerRequestRecord.mission_id, SignerRequestRecord.signer_identifier).where(
            SignerRequestRecord.status == ISSUED
        )
    ).all()
    for mission_id, ident in issued:
        if mission_id == row.mission_id and ident and ident.startswith(country):
            return str(ident)
    taken = {i for _m, i in issued}
    letters = [c for c in mission_code.upper() if c in _ALNUM]
    first = [country + "".join(letters[:2])] if len(letters) >= 2 else []
    for candidate in first + [country + a + b for a in _ALNUM for b in _ALNUM]:
        if candidate not in taken:
            return candidate
    raise SignerRequestError("no signer identifier is left", code="csr.identifiers_exhausted")


def _row(session: Session, request_id: uuid.UUID) -> SignerRequestRecord:
    row = session.get(SignerRequestRecord, request_id)
    if row is None:
        raise NotFoundError(f"no signer request {request_id}")
    if row.status != PENDING:
        raise SignerRequestError(
            f"the request was already {row.status}; it cannot be decided again",
            code=row.reason_code or "csr.decided",
        )
    return row


def approve(
    session: Session,
    request_id: uuid.UUID,
    *,
    key_path: Path | None = None,
    passphrase: str | None = None,
    now: dt.datetime | None = None,
) -> SignerRequestRecord:
    """Check the request again and issue its document-signer certificate with the CSCA; the
    certificate is also listed for every device of the mission. A request that fails a check
    is marked refused with its reason (the device learns it at its next pull) and
    ``SignerRequestError`` says why."""
    row = _row(session, request_id)
    csca = load_csca(session, key_path=key_path, passphrase=passphrase)
    try:
        request = _check(session, row, csca.country)
    except SignerRequestError as exc:
        row.status, row.reason_code, row.decided_at = REFUSED, exc.code, utcnow()
        session.flush()
        raise
    mission = session.get(Mission, row.mission_id)
    assert mission is not None
    public = request.public_key()
    assert isinstance(public, ec.EllipticCurvePublicKey)
    ca_public = csca.certificate.public_key()
    assert isinstance(ca_public, ec.EllipticCurvePublicKey)
    ident = _identifier(session, row, csca.country, mission.code)
    # a few minutes early, so a device whose clock is a little behind can use it at once
    start = (now or utcnow()) - dt.timedelta(minutes=CLOCK_MARGIN_MINUTES)
    builder = signer_builder(
        csca.certificate.subject, ca_public, public, ident, mission=mission.code, now=start
    )
    cert = sign_certificate(builder, csca.key, csca.certificate)
    pem = cert.public_bytes(serialization.Encoding.PEM).decode("ascii")
    row.status, row.signer_identifier, row.certificate_pem = ISSUED, ident, pem
    row.decided_at = utcnow()
    start, _end = key_usage_period(cert)
    session.add(
        SignerCertificateRecord(
            mission_id=row.mission_id,
            pem=pem,
            valid_from=start,
            valid_until=cert.not_valid_after_utc,
        )
    )
    session.flush()
    return row


def refuse(session: Session, request_id: uuid.UUID, reason_code: str = REFUSED_BY_HQ) -> None:
    """An administrator refuses a pending request; the device learns the reason."""
    row = _row(session, request_id)
    row.status, row.reason_code, row.decided_at = REFUSED, reason_code[:64], utcnow()
    session.flush()


def with_signer_state(
    session: Session, response: PullResponse, device: Device, keys: ServiceKeys
) -> PullResponse:
    """A pull answer completed with the CSCA certificates (signed with headquarters' Ed25519
    key) and the state of this device's requests."""
    cas = session.scalars(select(CountryCaRecord).order_by(CountryCaRecord.created_at)).all()
    rows = session.scalars(
        select(SignerRequestRecord)
        .where(SignerRequestRecord.device_id == device.id)
        .order_by(SignerRequestRecord.received_at)
    ).all()
    return response.model_copy(
        update={
            "country_cas": [sign_country_ca(keys.signing, c.pem) for c in cas],
            "signer_requests": [_status(r) for r in rows],
        }
    )
