"""What the sync client keeps in the local (encrypted) database, beside the outbox.

These ``sync_*`` tables are part of the storage schema (``laissez.storage.models``,
``Sync*``; created by migration 0005, which adopts tables an older client made itself on
first use). ``ensure_tables`` only checks that they are there. They hold: the device
identity (id, private key, headquarters URL, mission), the pull cursor, a pending
number-range request, the number ranges received with the next unused number of each,
revocations, form versions, signer certificates and mission configuration.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Engine, Table, inspect, select, update
from sqlalchemy.orm import Session

from laissez.protocol import FormVersion, NumberRange, Revocation, SignerCertificate
from laissez.storage.models import (
    SyncFormVersion,
    SyncNumberRange,
    SyncRevocation,
    SyncSetting,
    SyncSignerCertificate,
)
from laissez.storage.sync.errors import (
    NotEnrolledError,
    NumbersExhaustedError,
    SyncSchemaMissingError,
)

sync_settings = cast(Table, SyncSetting.__table__)
sync_number_ranges = cast(Table, SyncNumberRange.__table__)
sync_revocations = cast(Table, SyncRevocation.__table__)
sync_form_versions = cast(Table, SyncFormVersion.__table__)
sync_signer_certificates = cast(Table, SyncSignerCertificate.__table__)

SYNC_TABLES = (
    sync_settings,
    sync_number_ranges,
    sync_revocations,
    sync_form_versions,
    sync_signer_certificates,
)

KEY_DEVICE_ID, KEY_PRIVATE_KEY, KEY_HQ_URL = "device_id", "private_key", "hq_url"
KEY_MISSION, KEY_CURSOR, KEY_CONFIG = "mission_code", "pull_cursor", "configuration"
KEY_RANGE_REQUEST = "pending_range_request"
#: the mission's own choice (an administrator's, never headquarters'): "true" sends protection
#: details and the per-case protection kinds; absent or anything else keeps them here
KEY_SHARE_PROTECTION = "mission_share_protection_details"
#: the last closed month (``YYYY-MM``) whose protection counts were queued for headquarters
KEY_PROTECTION_COUNTS = "protection_counts_through"
KEY_BUNDLE_KEY, KEY_HQ_BUNDLE_KEY, KEY_HQ_SIGNING_KEY = (
    "bundle_key",
    "hq_bundle_key",
    "hq_signing_key",
)


def ensure_tables(engine: Engine) -> None:
    """Check that the ``sync_*`` tables exist; raises ``SyncSchemaMissingError`` when the
    database was not upgraded (``Database.open`` runs the migrations; nothing is created
    here)."""
    present = set(inspect(engine).get_table_names())
    missing = sorted(t.name for t in SYNC_TABLES if t.name not in present)
    if missing:
        raise SyncSchemaMissingError(
            f"the database has no sync tables ({', '.join(missing)}): open it with this "
            "version so its schema is upgraded"
        )


def get(session: Session, key: str) -> str | None:
    """A stored setting, or None."""
    return session.scalar(select(sync_settings.c.value).where(sync_settings.c.key == key))


def put(session: Session, key: str, value: str) -> None:
    """Store a setting (insert or replace)."""
    if get(session, key) is None:
        session.execute(sync_settings.insert().values(key=key, value=value))
    else:
        session.execute(update(sync_settings).where(sync_settings.c.key == key).values(value=value))


def delete_setting(session: Session, key: str) -> None:
    """Forget a setting."""
    session.execute(sync_settings.delete().where(sync_settings.c.key == key))


@dataclass(frozen=True)
class Identity:
    """This device's enrolment: id, raw private key, headquarters URL and mission."""

    device_id: uuid.UUID
    private_key: bytes
    hq_url: str
    mission_code: str
    #: raw X25519 private key for reply bundles, and headquarters' public keys (base64url)
    bundle_key: bytes | None = None
    hq_bundle_key: str | None = None
    hq_signing_key: str | None = None


def save_identity(session: Session, identity: Identity) -> None:
    """Remember the enrolment (in the encrypted database only)."""
    put(session, KEY_DEVICE_ID, str(identity.device_id))
    put(session, KEY_PRIVATE_KEY, identity.private_key.hex())
    put(session, KEY_HQ_URL, identity.hq_url)
    put(session, KEY_MISSION, identity.mission_code)
    if identity.bundle_key is not None:
        put(session, KEY_BUNDLE_KEY, identity.bundle_key.hex())
    if identity.hq_bundle_key and identity.hq_signing_key:
        put(session, KEY_HQ_BUNDLE_KEY, identity.hq_bundle_key)
        put(session, KEY_HQ_SIGNING_KEY, identity.hq_signing_key)


def load_identity(session: Session) -> Identity:
    """The enrolment; raises ``NotEnrolledError`` when the device was never enrolled."""
    device_id, key, url = (get(session, k) for k in (KEY_DEVICE_ID, KEY_PRIVATE_KEY, KEY_HQ_URL))
    if not device_id or not key or not url:
        raise NotEnrolledError("this installation is not enrolled with headquarters")
    bundle_key = get(session, KEY_BUNDLE_KEY)
    return Identity(
        uuid.UUID(device_id),
        bytes.fromhex(key),
        url,
        get(session, KEY_MISSION) or "",
        bytes.fromhex(bundle_key) if bundle_key else None,
        get(session, KEY_HQ_BUNDLE_KEY),
        get(session, KEY_HQ_SIGNING_KEY),
    )


def cursor(session: Session) -> int:
    """The revocation cursor of the last pull (0 before the first)."""
    return int(get(session, KEY_CURSOR) or 0)


def shares_protection_details(session: Session) -> bool:
    """Whether this mission chose to send protection details (off unless set on the mission:
    the configuration headquarters sends cannot turn it on)."""
    return get(session, KEY_SHARE_PROTECTION) == "true"


def configuration(session: Session) -> dict[str, Any]:
    """The mission configuration from the last pull (empty before the first)."""
    raw = get(session, KEY_CONFIG)
    return dict(json.loads(raw)) if raw else {}


def store_range(session: Session, number_range: NumberRange) -> bool:
    """Keep a range received from headquarters; returns False when it was already known."""
    rid = str(number_range.range_id)
    if session.scalar(
        select(sync_number_ranges.c.range_id).where(sync_number_ranges.c.range_id == rid)
    ):
        return False
    session.execute(
        sync_number_ranges.insert().values(
            range_id=rid,
            series=number_range.series,
            first=number_range.first,
            last=number_range.last,
            next_free=number_range.first,
        )
    )
    return True


def store_revocation(session: Session, revocation: Revocation) -> bool:
    """Keep a revocation; returns False when it was already known."""
    number = revocation.document_number
    if session.scalar(
        select(sync_revocations.c.document_number).where(
            sync_revocations.c.document_number == number
        )
    ):
        return False
    session.execute(
        sync_revocations.insert().values(
            document_number=number,
            reason_code=revocation.reason_code,
            source=revocation.source,
            revoked_at=revocation.revoked_at,
        )
    )
    return True


def store_form(session: Session, form: FormVersion) -> bool:
    """Keep a published form version with headquarters' signature; returns False when it was
    already known as it is. (Whether the signature verifies is checked at every use.)"""
    c = sync_form_versions.c
    where = (c.form_id == form.form_id, c.version == form.version, c.language == form.language)
    held = session.execute(select(c.content_hash, c.signature).where(*where)).first()
    values = {"content_hash": form.content_hash, "body": form.body, "signature": form.signature}
    if held is None:
        session.execute(
            sync_form_versions.insert().values(
                form_id=form.form_id, version=form.version, language=form.language, **values
            )
        )
        return True
    if tuple(held) == (form.content_hash, form.signature):
        return False
    session.execute(update(sync_form_versions).where(*where).values(**values))
    return True


def form_versions(session: Session, *, bodies: bool = True) -> list[tuple[Any, ...]]:
    """Every pulled form version: (form id, version, language, content hash, signature, body);
    without ``bodies`` the body is left out (a cheap fingerprint of what is held)."""
    c = sync_form_versions.c
    columns = [c.form_id, c.version, c.language, c.content_hash, c.signature]
    rows = session.execute(select(*columns, c.body) if bodies else select(*columns)).all()
    return sorted(tuple(r) for r in rows)


def hq_signing_key(session: Session) -> str | None:
    """Headquarters' Ed25519 key (base64url) received at enrolment, or None."""
    return get(session, KEY_HQ_SIGNING_KEY)


def store_certificate(session: Session, certificate: SignerCertificate) -> bool:
    """Keep a signer certificate; returns False when it was already known."""
    cid = str(certificate.certificate_id)
    c = sync_signer_certificates.c
    if session.scalar(select(c.certificate_id).where(c.certificate_id == cid)):
        return False
    session.execute(
        sync_signer_certificates.insert().values(
            certificate_id=cid,
            pem=certificate.pem,
            valid_from=certificate.valid_from,
            valid_until=certificate.valid_until,
        )
    )
    return True


def signer_certificates(session: Session) -> list[str]:
    """The PEM texts of every signer certificate received, oldest validity first."""
    c = sync_signer_certificates.c
    return list(session.scalars(select(c.pem).order_by(c.valid_from)).all())


def is_revoked(session: Session, document_number: str) -> bool:
    """Whether headquarters or this mission revoked the document."""
    return (
        session.scalar(
            select(sync_revocations.c.document_number).where(
                sync_revocations.c.document_number == document_number
            )
        )
        is not None
    )


def take_number(session: Session, series: str = "etd") -> int:
    """The next unused document number of ``series`` from this device's ranges.

    Run it in the transaction that uses the number: a rolled-back transaction gives the number
    back. Raises ``NumbersExhaustedError`` when every range is used up.
    """
    c = sync_number_ranges.c
    row = session.execute(
        select(c.range_id, c.next_free)
        .where(c.series == series, c.next_free <= c.last)
        .order_by(c.first)
        .limit(1)
    ).first()
    if row is None:
        raise NumbersExhaustedError(f"no unused number left in series {series}; sync to get more")
    session.execute(
        update(sync_number_ranges).where(c.range_id == row[0]).values(next_free=row[1] + 1)
    )
    return int(row[1])


def numbers_left(session: Session, series: str = "etd") -> int:
    """How many unused numbers of ``series`` this device holds."""
    c = sync_number_ranges.c
    rows = session.execute(select(c.next_free, c.last).where(c.series == series)).all()
    return sum(max(0, last - nxt + 1) for nxt, last in rows)


def aware(value: dt.datetime) -> dt.datetime:
    """``value`` with UTC attached when SQLite handed it back naive."""
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
