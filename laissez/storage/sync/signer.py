"""The mission's side of the seal-signer certificate request (``laissez.protocol.signer``),
and the trust files ``laissez etd verify`` reads.

The request waits in ``sync_settings`` (``signer_request``: its id, the PKCS#10 PEM, the
token and key labels of the key made in the token, and where it stands) until a push sends
it, or an offline bundle carries it. Each pull (or reply bundle) brings the country signing
CA certificates, kept only when headquarters' Ed25519 signature (the key received at
enrolment) verifies, and the request's state. A certificate issued for it is installed as
the active signer only when its public key is the token key's (the one the request was
signed with), it was issued by a CSCA held here and its key usage period has begun; else it
is refused (``certificate.key_mismatch``, ``certificate.untrusted``,
``certificate.not_usable``) and the signer in use stays. Either way it is audited as the
system's step (it happens at a sync), naming the request and the administrator who made it.

After a pull, ``write_trust_files`` writes ``certificates.json`` (the CSCAs and the roots of
installed signers as trust anchors, every signer certificate) and ``revocations.json``
beside the database: the offline files ``laissez etd verify`` uses by default.
"""

from __future__ import annotations

import json
import logging
import uuid
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from sqlalchemy import select
from sqlalchemy.orm import Session

from laissez.documents.seal import CertificateList, RevocationList
from laissez.documents.seal.pki import (
    key_usage_period,
    reference_of,
    revocation_digest,
    signer_identifier_of,
)
from laissez.protocol import PullResponse
from laissez.protocol.signer import (
    ISSUED,
    REFUSED,
    SignerRequest,
    SignerRequestStatus,
    country_ca_verifies,
)
from laissez.storage import audit
from laissez.storage.ids import utcnow
from laissez.storage.models import Mission, Revocation, SigningKey
from laissez.storage.sync import state

log = logging.getLogger(__name__)
KEY_SIGNER_REQUEST = "signer_request"
KEY_COUNTRY_CAS = "country_cas"
#: the request's states on this device: ``queued`` (not yet at headquarters), ``pending``,
#: ``issued`` (installed), ``refused`` (by headquarters, or the certificate by this device)
QUEUED = "queued"
KEY_MISMATCH, UNTRUSTED = "certificate.key_mismatch", "certificate.untrusted"
NOT_USABLE = "certificate.not_usable"
CERTIFICATES_FILE, REVOCATIONS_FILE = "certificates.json", "revocations.json"


def held(session: Session) -> dict[str, Any] | None:
    """The request this device made last (any state), or None."""
    raw = state.get(session, KEY_SIGNER_REQUEST)
    return dict(json.loads(raw)) if raw else None


def _save(session: Session, request: dict[str, Any]) -> None:
    state.put(session, KEY_SIGNER_REQUEST, json.dumps(request, sort_keys=True))


def queue(
    session: Session,
    request_id: uuid.UUID,
    csr_pem: str,
    token_label: str,
    key_label: str,
    requested_by: uuid.UUID | None = None,
) -> None:
    """Keep a new request for the next push or bundle (it replaces an undecided one);
    ``requested_by``: the administrator who made it."""
    _save(
        session,
        {
            "request_id": str(request_id),
            "csr_pem": csr_pem,
            "token_label": token_label,
            "key_label": key_label,
            "status": QUEUED,
            "reason_code": None,
            "requested_by": str(requested_by) if requested_by else None,
        },
    )


def outgoing(session: Session, *, bundle: bool = False) -> SignerRequest | None:
    """The request to send: a queued one (for a bundle, a pending one too: headquarters keeps
    one row per request id, so carrying it again is harmless)."""
    request = held(session)
    wanted = (QUEUED, "pending") if bundle else (QUEUED,)
    if request is None or request["status"] not in wanted:
        return None
    return SignerRequest(request_id=uuid.UUID(request["request_id"]), csr_pem=request["csr_pem"])


def country_cas(session: Session) -> list[x509.Certificate]:
    """The country signing CA certificates received (headquarters' signature checked)."""
    raw = state.get(session, KEY_COUNTRY_CAS)
    return [x509.load_pem_x509_certificate(p.encode()) for p in json.loads(raw)] if raw else []


def _issued_by(cert: x509.Certificate, root: x509.Certificate) -> bool:
    try:
        cert.verify_directly_issued_by(root)
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True


def _install(session: Session, request: dict[str, Any], pem: str, actor: uuid.UUID | None) -> str:
    """Install the issued certificate as the active signer; returns the reason code when it
    is refused (then nothing changes), else ``""``."""
    try:
        cert = x509.load_pem_x509_certificate(pem.encode())
        asked = x509.load_pem_x509_csr(request["csr_pem"].encode()).public_key()
    except ValueError:
        return UNTRUSTED
    public = cert.public_key()
    if (
        not isinstance(public, ec.EllipticCurvePublicKey)
        or not isinstance(asked, ec.EllipticCurvePublicKey)
        or public.public_numbers() != asked.public_numbers()
    ):
        return KEY_MISMATCH
    roots = [r for r in country_cas(session) if _issued_by(cert, r)]
    if not roots:
        return UNTRUSTED
    start, end = key_usage_period(cert)
    now = utcnow()
    if not start <= now <= end or len(signer_identifier_of(cert)) != 4:
        return NOT_USABLE
    previous = session.scalars(select(SigningKey).where(SigningKey.active.is_(True))).all()
    for old in previous:
        old.active, old.deactivated_at = False, now
    requester = request.get("requested_by")
    row = SigningKey(
        signer_identifier=signer_identifier_of(cert),
        certificate_reference=reference_of(cert),
        certificate_pem=cert.public_bytes(serialization.Encoding.PEM).decode("ascii"),
        root_certificate_pem=roots[0].public_bytes(serialization.Encoding.PEM).decode("ascii"),
        token_label=request["token_label"],
        key_label=request["key_label"],
        valid_from=start,
        valid_until=end,
        active=True,
        created_by=actor or (uuid.UUID(requester) if requester else None),
    )
    session.add(row)
    session.flush()
    request["signing_key_id"] = str(row.id)
    audit.record(session, actor, "signing_key.installed", "signing_key", row.id,
                 {"replaced": len(previous), "request_id": request["request_id"],
                  "requested_by": requester})  # fmt: skip
    log.info("signing key %s installed from headquarters' certificate", row.id)
    return ""


def record_status(
    session: Session, answer: SignerRequestStatus, actor: uuid.UUID | None = None
) -> str | None:
    """Apply headquarters' word on this device's request (after a push or in a pull); returns
    the request's state here, or None when the answer is about another request."""
    request = held(session)
    if request is None or request["request_id"] != str(answer.request_id):
        return None
    if request["status"] in (ISSUED, REFUSED):
        return str(request["status"])
    if answer.status == ISSUED and answer.certificate_pem:
        reason = _install(session, request, answer.certificate_pem, actor)
        request["status"], request["reason_code"] = (REFUSED, reason) if reason else (ISSUED, None)
        if reason:
            log.warning("the certificate headquarters issued was refused: %s", reason)
            audit.record(session, actor, "signing_key.certificate_refused", "signer_request",
                         request["request_id"], {"reason": reason})  # fmt: skip
    elif answer.status == REFUSED:
        request["status"], request["reason_code"] = REFUSED, answer.reason_code
        audit.record(session, actor, "signing_key.request_refused", "signer_request",
                     request["request_id"], {"reason": answer.reason_code})  # fmt: skip
    else:
        request["status"] = answer.status
    _save(session, request)
    return str(request["status"])


def apply(session: Session, response: PullResponse, actor: uuid.UUID | None = None) -> None:
    """Keep the CSCAs whose signature verifies, then apply the request states."""
    hq_key = state.hq_signing_key(session)
    trusted = [ca.pem for ca in response.country_cas if country_ca_verifies(hq_key, ca)]
    if len(trusted) < len(response.country_cas):
        log.warning("a country signing CA without headquarters' valid signature was ignored")
    if trusted:
        state.put(session, KEY_COUNTRY_CAS, json.dumps(trusted))
    for answer in response.signer_requests:
        record_status(session, answer, actor)


def certificate_list(session: Session) -> CertificateList:
    """The mission's certificate list: the roots of its installed signers and the CSCAs from
    headquarters (the trust anchors), their certificates, and every signer certificate
    pulled through sync (trusted only when one of those roots issued it)."""
    roots: dict[bytes, x509.Certificate] = {}
    signers: list[x509.Certificate] = []
    for row in session.scalars(select(SigningKey)).all():
        root = x509.load_pem_x509_certificate(row.root_certificate_pem.encode())
        roots[root.fingerprint(hashes.SHA256())] = root
        signers.append(x509.load_pem_x509_certificate(row.certificate_pem.encode()))
    for ca in country_cas(session):
        roots[ca.fingerprint(hashes.SHA256())] = ca
    for pem in state.signer_certificates(session):
        try:
            signers.append(x509.load_pem_x509_certificate(pem.encode()))
        except ValueError:
            log.warning("a synced signer certificate does not load; skipped")
    return CertificateList(tuple(roots.values())).add(*signers)


def revocation_list(session: Session) -> RevocationList:
    """Every document revoked here or at headquarters, for the States this mission issues
    for (its own, and the nationalities headquarters' configuration lists)."""
    states = {c for c in session.scalars(select(Mission.country_code)) if c}
    states.update(str(s) for s in state.configuration(session).get("issuable_nationalities", []))
    numbers = set(session.scalars(select(Revocation.document_number)).all())
    numbers.update(session.scalars(select(state.sync_revocations.c.document_number)))
    return RevocationList(frozenset(revocation_digest(s, n) for s in states for n in numbers))


def write_trust_files(session: Session, directory: Path) -> tuple[Path, Path]:
    """Write ``certificates.json`` and ``revocations.json`` into ``directory`` (public data
    and digests only); returns their paths."""
    from laissez.storage.keys import atomic_write

    certificates, revocations = directory / CERTIFICATES_FILE, directory / REVOCATIONS_FILE
    atomic_write(certificates, certificate_list(session).to_json().encode("utf-8"))
    atomic_write(revocations, revocation_list(session).to_json().encode("utf-8"))
    return certificates, revocations
