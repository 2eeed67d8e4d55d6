"""Device authentication: every request except enrolment is signed with the device's key.

``authenticate`` checks, in order: the signing headers are present, the device exists and is
not revoked, the timestamp is inside the skew window, the signature covers this exact method,
path, body, timestamp and nonce, and the nonce was never used by this device. The nonce is
committed on its own, before the request's work, so even a request that fails later cannot
be replayed.
"""

from __future__ import annotations

import datetime as dt
import hmac
import time
import uuid

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from laissez.hq.errors import AdminAuthError, DeviceRevokedError, UnknownDeviceError
from laissez.hq.models import Device, RequestNonce, utcnow
from laissez.protocol import ReplayError
from laissez.protocol.signing import (
    NONCE_TTL_S,
    load_public_key,
    parse_headers,
    verify_request,
)


def authenticate(
    session: Session,
    method: str,
    path: str,
    body: bytes,
    headers: dict[str, str],
    *,
    now: float | None = None,
) -> Device:
    """The device that signed this request, or a typed error (``AuthError`` subclasses from
    the protocol, ``UnknownDeviceError``, ``DeviceRevokedError``). Commits the nonce."""
    signed = parse_headers(headers)
    try:
        device_id = uuid.UUID(signed.device_id)
    except ValueError as exc:
        raise UnknownDeviceError("the device id header is not a UUID") from exc
    device = session.get(Device, device_id)
    if device is None:
        raise UnknownDeviceError(f"device {device_id} is not enrolled")
    if device.revoked_at is not None:
        raise DeviceRevokedError(f"device {device_id} was revoked")
    current = time.time() if now is None else now
    verify_request(load_public_key(device.public_key), signed, method, path, body, now=current)
    cutoff = dt.datetime.fromtimestamp(current - NONCE_TTL_S, dt.UTC)
    session.execute(
        delete(RequestNonce).where(
            RequestNonce.device_id == device.id, RequestNonce.seen_at < cutoff
        )
    )
    session.add(RequestNonce(device_id=device.id, nonce=signed.nonce, seen_at=utcnow()))
    try:
        session.commit()
    except IntegrityError as exc:
        session.rollback()
        raise ReplayError("this request's nonce was already used") from exc
    return device


def check_admin_token(given: str | None, expected: str | None) -> None:
    """Raise ``AdminAuthError`` unless an admin token is configured and ``given`` equals it
    (compared in constant time)."""
    if not expected or not given or not hmac.compare_digest(given.encode(), expected.encode()):
        raise AdminAuthError("admin endpoints need the Authorization: Bearer <admin token>")
