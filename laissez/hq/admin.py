"""Administrator operations: missions, enrolment codes, devices, forms, certificates,
revocations, configuration and conflicts. Used by ``laissez-hq admin`` and the admin API.

Each function works inside the caller's session and flushes; the caller commits.
"""

from __future__ import annotations

import datetime as dt
import secrets
import uuid
from dataclasses import dataclass
from typing import Any

import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session

from laissez.forms.errors import FormsError, IncompleteAdvisalError
from laissez.forms.library import check_definition
from laissez.forms.trust import sign as sign_publication
from laissez.forms.trust import split_key
from laissez.hq.errors import DuplicateError, EnrolmentError, NotFoundError, PublicationError
from laissez.hq.keys import service_keys
from laissez.hq.models import (
    Conflict,
    Device,
    EnrolmentCode,
    FormVersionRecord,
    Mission,
    RevocationRecord,
    SignerCertificateRecord,
    utcnow,
)
from laissez.protocol import sha256_hex
from laissez.protocol.bundle import load_x25519_public
from laissez.protocol.signing import load_public_key

ENROLMENT_CODE_HOURS = 72
_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud over a phone


def create_mission(
    session: Session, code: str, name: str, *, share_protection_details: bool = False
) -> Mission:
    """A new mission with a unique ``code``; raises ``DuplicateError`` if the code is taken."""
    if session.scalar(select(Mission.id).where(Mission.code == code)) is not None:
        raise DuplicateError(f"mission code {code} already exists")
    mission = Mission(
        code=code, name=name, share_protection_details=share_protection_details, config={}
    )
    session.add(mission)
    session.flush()
    return mission


def mission_by_code(session: Session, code: str) -> Mission:
    """The mission with ``code``; raises ``NotFoundError``."""
    mission = session.scalar(select(Mission).where(Mission.code == code))
    if mission is None:
        raise NotFoundError(f"no mission with code {code}")
    return mission


def _normalise_code(code: str) -> str:
    return "".join(c for c in code.upper() if c.isalnum())


def create_enrolment_code(
    session: Session, mission_code: str, *, valid_hours: int = ENROLMENT_CODE_HOURS
) -> str:
    """A new one-time enrolment code for the mission, valid ``valid_hours`` hours.

    Only its hash is stored: the returned text is shown once to the administrator.
    """
    mission = mission_by_code(session, mission_code)
    raw = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(16))
    session.add(
        EnrolmentCode(
            mission_id=mission.id,
            code_hash=sha256_hex(raw.encode()),
            expires_at=utcnow() + dt.timedelta(hours=valid_hours),
        )
    )
    session.flush()
    return "-".join(raw[i : i + 4] for i in range(0, 16, 4))


def enrol_device(
    session: Session, code: str, public_key: str, name: str, bundle_public_key: str | None = None
) -> Device:
    """Enrol a device with a one-time code, its Ed25519 public key (base64url) and, for
    offline bundles, its X25519 public key.

    Raises ``EnrolmentError`` (one message for unknown, used and expired codes, so a guesser
    learns nothing) or ``laissez.protocol.BadKeyError`` for a key that is not Ed25519.
    """
    load_public_key(public_key)
    if bundle_public_key is not None:
        load_x25519_public(bundle_public_key)
    digest = sha256_hex(_normalise_code(code).encode())
    row = session.scalar(
        select(EnrolmentCode).where(EnrolmentCode.code_hash == digest).with_for_update()
    )
    now = utcnow()
    if row is None or row.used_at is not None or _aware(row.expires_at) < now:
        raise EnrolmentError("the enrolment code is unknown, already used or expired")
    if session.scalar(select(Device.id).where(Device.public_key == public_key)) is not None:
        raise EnrolmentError("this public key is already enrolled")
    device = Device(
        mission_id=row.mission_id,
        name=name,
        public_key=public_key,
        bundle_public_key=bundle_public_key,
    )
    session.add(device)
    session.flush()
    row.used_at = now
    row.device_id = device.id
    session.flush()
    return device


def _aware(value: dt.datetime) -> dt.datetime:
    # SQLite hands back naive datetimes even for timezone=True columns
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def revoke_device(session: Session, device_id: uuid.UUID) -> Device:
    """Mark a device revoked: from now on every request it signs is refused."""
    device = session.get(Device, device_id)
    if device is None:
        raise NotFoundError(f"no device {device_id}")
    if device.revoked_at is None:
        device.revoked_at = utcnow()
        session.flush()
    return device


def publish_form(session: Session, body: str) -> tuple[str, str]:
    """Check, sign and publish a form, advisal-text or consent-scope version (its YAML or
    JSON text) for every mission; returns ``(key, content hash)``.

    Refused with ``PublicationError`` (nothing stored) when the text is not a valid
    definition, is a draft, or is an advisal text that leaves out a point it must cover
    (``missing_points``); with ``DuplicateError`` when that version was published with another
    content. Publishing the same content again changes nothing. Devices use the version only
    because headquarters' signature (``laissez.forms.trust``) verifies.
    """
    try:
        data = yaml.safe_load(body)
        key, digest = check_definition(data)
    except yaml.YAMLError:
        raise PublicationError(
            "the file is not valid YAML or JSON; nothing was published"
        ) from None
    except IncompleteAdvisalError as exc:
        raise PublicationError(
            f"the advisal text does not cover every point it must (missing: "
            f"{', '.join(exc.missing)}); nothing was published"
        ) from None
    except FormsError as exc:
        raise PublicationError(f"{exc.message}; nothing was published") from None
    if data.get("status") != "published":
        raise PublicationError(
            f"{key} has status {data.get('status')}: only a version marked published can be "
            "published; nothing was published"
        )
    _kind, _ident, version, language = split_key(key)
    form_id = key.partition("@")[0]
    existing = session.scalar(
        select(FormVersionRecord).where(
            FormVersionRecord.form_id == form_id,
            FormVersionRecord.version == version,
            FormVersionRecord.language == language,
        )
    )
    if existing is not None:
        if existing.content_hash != digest:
            raise DuplicateError(
                f"{key} was already published with another content; give the change a new "
                "version number"
            )
        return key, digest
    signature = sign_publication(service_keys(session).signing, key, digest)
    session.add(
        FormVersionRecord(
            form_id=form_id,
            version=version,
            language=language,
            content_hash=digest,
            body=body,
            signature=signature,
        )
    )
    session.flush()
    return key, digest


def add_signer_certificate(
    session: Session,
    pem: str,
    valid_from: dt.datetime,
    valid_until: dt.datetime,
    mission_code: str | None = None,
) -> uuid.UUID:
    """Register a signer certificate for one mission (or all when ``mission_code`` is None)."""
    mission_id = mission_by_code(session, mission_code).id if mission_code else None
    row = SignerCertificateRecord(
        mission_id=mission_id, pem=pem, valid_from=valid_from, valid_until=valid_until
    )
    session.add(row)
    session.flush()
    return row.id


def revoke_document(
    session: Session, mission_code: str, document_number: str, reason_code: str
) -> int:
    """Headquarters revokes a travel document of a mission; returns the revocation's seq."""
    mission = mission_by_code(session, mission_code)
    existing = session.scalar(
        select(RevocationRecord).where(
            RevocationRecord.mission_id == mission.id,
            RevocationRecord.document_number == document_number,
        )
    )
    if existing is not None:
        return existing.seq
    row = RevocationRecord(
        mission_id=mission.id,
        document_number=document_number,
        reason_code=reason_code,
        source="headquarters",
    )
    session.add(row)
    session.flush()
    return row.seq


def set_config(session: Session, mission_code: str, key: str, value: Any) -> dict[str, Any]:
    """Set one configuration value of a mission; ``share_protection_details`` is the column
    that lets protection details leave the mission. Returns the whole configuration."""
    mission = mission_by_code(session, mission_code)
    if key == "share_protection_details":
        mission.share_protection_details = bool(value)
    else:
        mission.config = {**mission.config, key: value}
    session.flush()
    return {**mission.config, "share_protection_details": mission.share_protection_details}


@dataclass(frozen=True)
class ConflictView:
    """A conflict as a person sees it: ids and hashes, never payload values."""

    conflict_id: uuid.UUID
    mission_code: str
    change_id: uuid.UUID
    first_seq: int
    other_seq: int
    detected_at: dt.datetime
    resolved: bool


def list_conflicts(
    session: Session, *, include_resolved: bool = False, mission_id: uuid.UUID | None = None
) -> list[ConflictView]:
    """Every conflict (open ones only by default; of one mission when ``mission_id``),
    oldest first."""
    stmt = (
        select(Conflict, Mission.code)
        .join(Mission, Mission.id == Conflict.mission_id)
        .order_by(Conflict.detected_at)
    )
    if mission_id is not None:
        stmt = stmt.where(Conflict.mission_id == mission_id)
    if not include_resolved:
        stmt = stmt.where(Conflict.resolved_at.is_(None))
    return [
        ConflictView(
            c.id, code, c.change_id, c.first_seq, c.other_seq, c.detected_at, bool(c.resolved_at)
        )
        for c, code in session.execute(stmt).all()
    ]


def resolve_conflict(session: Session, conflict_id: uuid.UUID, resolution: str) -> None:
    """Record a person's decision on a conflict; both versions stay stored."""
    conflict = session.get(Conflict, conflict_id)
    if conflict is None:
        raise NotFoundError(f"no conflict {conflict_id}")
    conflict.resolved_at = utcnow()
    conflict.resolution = resolution[:200]
    session.flush()


def mission_of(session: Session, mission_id: uuid.UUID) -> Mission:
    """The mission with ``mission_id``; raises ``NotFoundError``."""
    mission = session.get(Mission, mission_id)
    if mission is None:
        raise NotFoundError(f"no mission {mission_id}")
    return mission
