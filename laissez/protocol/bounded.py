"""JSON from outside (a bundle, a backup's manifest or key file), parsed only within bounds.

``json.loads`` is memory-safe but not resource-safe: 64 MB of ``[{},{},...]`` becomes some
twenty million Python objects (gigabytes), and ``[[[[...`` a ``RecursionError`` that escapes
every ``except ValueError``. :func:`loads_bounded` first looks at the text's skeleton (its
strings blanked out, in C speed) and refuses more bytes, more values or deeper nesting than
the caller allows, then parses. Every refusal is a :class:`JsonBoundsError` (a ``ValueError``)
whose message is a sentence naming the bound, never the content.
"""

from __future__ import annotations

import json
import re
from typing import Any

#: a JSON string once its escaped backslashes and quotes are gone (see ``_skeleton``)
_STRING = re.compile(rb'"[^"]*"')
#: an innermost container (nothing nested inside it), in the brackets-only skeleton
_INNERMOST = re.compile(rb"\[\]|\{\}")
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")


class JsonBoundsError(ValueError):
    """The JSON is larger, holds more values or is nested deeper than allowed, or is not JSON.

    Attributes:
        reason: ``bytes``, ``values``, ``depth`` or ``syntax``.
    """

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


def loads_bounded(
    data: bytes | str, *, max_bytes: int, max_values: int, max_depth: int = 32
) -> Any:
    """``json.loads(data)`` once ``data`` is shown to be at most ``max_bytes`` long, to hold at
    most ``max_values`` values (objects, arrays and members counted) and to nest at most
    ``max_depth`` levels.

    Raises:
        JsonBoundsError: over a bound, or not JSON (``reason`` says which).
    """
    raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    if len(raw) > max_bytes:
        raise JsonBoundsError("bytes", f"it is larger than {_size(max_bytes)}")
    skeleton = _skeleton(raw)
    values = skeleton.count(b",") + skeleton.count(b"[") + skeleton.count(b"{") + 1
    if values > max_values:
        raise JsonBoundsError("values", f"it holds more than {max_values:,} values")
    brackets = skeleton.translate(None, _NOT_BRACKETS)
    for _level in range(max_depth):
        if not brackets:
            break
        shorter = _INNERMOST.sub(b"", brackets)
        if shorter == brackets:  # unbalanced: left for the parser to call malformed
            break
        brackets = shorter
    else:
        if brackets:
            raise JsonBoundsError("depth", f"it is nested more than {max_depth} levels deep")
    try:
        return json.loads(raw)
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise JsonBoundsError("syntax", "it is not well-formed JSON") from None


def _skeleton(raw: bytes) -> bytes:
    """``raw`` with every string replaced by ``0``: escaped backslashes go first (left to right,
    as a parser pairs them), then escaped quotes, so what is left between quotes is a string."""
    return _STRING.sub(b"0", raw.replace(b"\\\\", b"").replace(b'\\"', b""))


def _size(count: int) -> str:
    if count >= 1024 * 1024:
        return f"{count // (1024 * 1024)} MB"
    if count >= 1024:
        return f"{count // 1024} KB"
    return f"{count} bytes"
