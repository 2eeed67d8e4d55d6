"""Client-made identifiers and UTC times.

Primary keys are UUIDs made on the client so that missions can create records offline and sync
later without collisions. ``new_id`` makes UUIDv7-style values (RFC 9562: 48-bit Unix time in
milliseconds, then random bits), which sort by creation time and keep B-tree inserts local.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
import time
import uuid

_lock = threading.Lock()
_last_ms = 0
_last_seq = 0


def uuid7() -> uuid.UUID:
    """A new UUID version 7, monotonic within this process (a 12-bit counter breaks ties)."""
    global _last_ms, _last_seq
    with _lock:
        now_ms = time.time_ns() // 1_000_000
        if now_ms <= _last_ms:
            _last_seq += 1
            if _last_seq > 0xFFF:  # counter exhausted: borrow the next millisecond
                _last_ms += 1
                _last_seq = 0
            now_ms = _last_ms
        else:
            _last_seq = 0
        _last_ms = now_ms
        seq = _last_seq
    rand = int.from_bytes(os.urandom(8), "big") & ((1 << 62) - 1)
    value = (now_ms & ((1 << 48) - 1)) << 80
    value |= 0x7 << 76
    value |= seq << 64
    value |= 0b10 << 62
    value |= rand
    return uuid.UUID(int=value)


def new_id() -> uuid.UUID:
    """A new primary key for any record (a UUIDv7)."""
    return uuid7()


def utcnow() -> dt.datetime:
    """The current time as an aware datetime in UTC."""
    return dt.datetime.now(dt.UTC)
