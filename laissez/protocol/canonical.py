"""Canonical JSON and content hashes: the same change always hashes to the same value on the
desktop and at headquarters, whatever dictionary order or whitespace either side used.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any


def canonical_json(value: Any) -> bytes:
    """``value`` as UTF-8 JSON with sorted keys and no insignificant whitespace.

    Raises ``TypeError`` for values JSON cannot hold (the caller converts dates and UUIDs to
    strings first) and ``ValueError`` for NaN or infinity, which JSON does not define.
    """
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


def sha256_hex(data: bytes) -> str:
    """The SHA-256 digest of ``data`` as 64 lower-case hex digits."""
    return hashlib.sha256(data).hexdigest()


def change_content_hash(
    *,
    entity: str,
    entity_id: str,
    operation: str,
    schema_version: int,
    payload: Mapping[str, Any],
) -> str:
    """The content hash of one change: SHA-256 over the canonical JSON of what it says.

    The change id is deliberately left out: the hash answers "is this the same content?",
    which is how headquarters tells a duplicate delivery (same id, same hash) from a conflict
    (same id, different hash).
    """
    body = {
        "entity": entity,
        "entity_id": entity_id,
        "operation": operation,
        "schema_version": schema_version,
        "payload": dict(payload),
    }
    return sha256_hex(canonical_json(body))
