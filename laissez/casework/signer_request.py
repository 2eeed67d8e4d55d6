"""The mission asks headquarters for its seal signer's certificate (ICAO PKI, offline
capable): an administrator's step.

``request_certificate`` makes the document-signer key inside the mission's token (never
exported), builds a PKCS#10 request signed by that key in the token (the request's own
signature is the proof of possession) and queues it: the next push sends it, or the next
offline bundle carries it. Headquarters keeps it until one of its administrators approves it;
the next pull (or reply bundle) brings the certificate, which is installed as the active
signer once it matches the token key and chains to headquarters' country signing CA
(``laissez.storage.sync.signer``). Audited with the request id, never personal data.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.x509.oid import NameOID
from sqlalchemy import select

from laissez.casework.base import CaseContext
from laissez.casework.errors import SignerInvalidError
from laissez.casework.seal_token import token_failure, token_for_installation
from laissez.documents.seal.csr import build_request
from laissez.documents.seal.errors import SealKeyError
from laissez.documents.seal.token import TokenError, TokenPrivateKey, generate_private_key
from laissez.storage import audit
from laissez.storage.database import Database
from laissez.storage.models import Mission, Role
from laissez.storage.sync import signer as sync_signer
from laissez.storage.sync import state as sync_state

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class SignerRequestState:
    """Where the mission's last certificate request stands: ``queued`` (not yet sent),
    ``pending`` (at headquarters), ``issued`` (installed) or ``refused`` (``reason_code``)."""

    request_id: uuid.UUID
    status: str
    reason_code: str | None


def _alpha2(alpha3: str | None) -> str | None:
    """The 2-letter code of a State's 3-letter ICAO code (``BGD`` -> ``BD``), if known."""
    if not alpha3:
        return None
    from babel.core import get_global

    found = (get_global("territory_aliases").get(alpha3.upper()) or [None])[0]
    return found if found and len(found) == 2 and found.isalpha() else None


class CertificateRequestSteps:
    """The seal signer's certificate request (``Casework.certificates``)."""

    def __init__(self, ctx: CaseContext) -> None:
        self.ctx = ctx

    def request_certificate(self) -> uuid.UUID:
        """An administrator asks headquarters for a seal-signer certificate; returns the
        request id. The token PIN (``SigningSteps.use_token_pin``) is needed: the key is made
        in the token (the mission-local token is made first, with that PIN, if there is none).

        Raises:
            RoleRequiredError, TokenPinRequiredError, TokenPinWrongError,
            SignerInvalidError (the token refused to make or use the key).
        """
        self.ctx.require(Role.ADMINISTRATOR.value)
        token = token_for_installation(self.ctx)
        request_id = uuid.uuid4()
        label = f"laissez-seal-{request_id}"
        with self.ctx.db.read_session() as session:
            mission = session.scalars(select(Mission).order_by(Mission.code)).first()
            # the mission as headquarters knows it (enrolment), else as set up here
            code = sync_state.get(session, sync_state.KEY_MISSION) or (
                mission.code if mission is not None else ""
            )
            country = _alpha2(mission.country_code if mission is not None else None)
        names = [x509.NameAttribute(NameOID.COUNTRY_NAME, country)] if country else []
        names.append(x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, code or "mission"))
        names.append(x509.NameAttribute(NameOID.COMMON_NAME, f"{code or 'mission'} seal signer"))
        try:
            public = generate_private_key(token, label)
            request = build_request(TokenPrivateKey(token, label, public), x509.Name(names))
        except TokenError as exc:
            raise token_failure(exc, SignerInvalidError) from None
        except SealKeyError as exc:
            raise SignerInvalidError(str(exc)) from None
        pem = request.public_bytes(serialization.Encoding.PEM).decode("ascii")
        with self.ctx.db.session() as session:
            sync_signer.queue(session, request_id, pem, token.token_label, label, self.ctx.actor_id)
            audit.record(session, self.ctx.actor_id, "signing_key.requested", "signer_request",
                         request_id)  # fmt: skip
        logger.info("seal-signer certificate request %s queued", request_id)
        return request_id

    def request_state(self) -> SignerRequestState | None:
        """The last request and where it stands, or None when none was made."""
        with self.ctx.db.read_session() as session:
            held = sync_signer.held(session)
        if held is None:
            return None
        return SignerRequestState(
            uuid.UUID(held["request_id"]), str(held["status"]), held.get("reason_code")
        )

    def write_bundle(self, path: Path) -> None:
        """An administrator writes an offline bundle for headquarters that carries the
        request (with the changes waiting to be sent, as ``laissez sync export`` does): for a
        mission without a link. Headquarters' reply bundle brings the certificate back
        (``NumberSteps.load_numbers`` applies a whole reply). Audited.

        Raises:
            RoleRequiredError; SignerInvalidError: no request waits, or the installation is
            not enrolled (no bundle keys).
        """
        from laissez.protocol import ProtocolError
        from laissez.storage.sync.errors import SyncError
        from laissez.storage.sync.offline import export_bundle

        self.ctx.require(Role.ADMINISTRATOR.value)
        held = self.request_state()
        if held is None or held.status not in (sync_signer.QUEUED, "pending"):
            raise SignerInvalidError("no certificate request waits for headquarters")
        try:
            export_bundle(self.ctx.db.session, path)
        except (SyncError, ProtocolError) as exc:
            raise SignerInvalidError(
                f"the bundle could not be written ({getattr(exc, 'code', 'sync')})"
            ) from None
        with self.ctx.db.session() as session:
            audit.record(session, self.ctx.actor_id, "signing_key.request_exported",
                         "signer_request", held.request_id)  # fmt: skip

    def request_pem(self) -> str | None:
        """The last request as PEM (public: for headquarters by another way), or None."""
        with self.ctx.db.read_session() as session:
            held = sync_signer.held(session)
        return None if held is None else str(held["csr_pem"])


def request_with_pin(db: Database, pin: str | None) -> uuid.UUID:
    """``request_certificate`` as the signed-in administrator with the token ``pin`` (the
    desktop's Settings button; run it in a worker: the token is slow to make a key)."""
    ctx = CaseContext(db)
    ctx.token_pin = pin or None
    return CertificateRequestSteps(ctx).request_certificate()


def write_bundle_of(db: Database, path: Path) -> None:
    """``write_bundle`` as the signed-in administrator (the desktop's Settings button)."""
    CertificateRequestSteps(CaseContext(db)).write_bundle(path)


def request_state_of(db: Database) -> SignerRequestState | None:
    """The last request's state (``request_state``) for the desktop."""
    return CertificateRequestSteps(CaseContext(db)).request_state()
