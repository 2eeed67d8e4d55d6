"""Refuse a request before reading its body: the ASGI layer in front of every endpoint.

Order of concern, as the answers say it: a request whose framing is wrong gets 400; a device
request whose signing headers, device, revocation or clock do not hold gets 401 (or 403 for a
revoked device) *before a byte of its body is read*; a body over its limit gets 413 as soon as
the declared length or the bytes received pass it (never buffered past the limit); then the
signature is checked over the streamed body (401); only then does the endpoint parse the body
(422 for a body that is not the expected JSON). Enrolment (one-time code) and admin requests
get a small body limit; admin requests are refused without their token before their body.

Memory: at most ``max_body`` bytes of one request are ever held, and unauthenticated requests
none; the rest of an oversized body is never read (the connection is closed after the answer).
"""

from __future__ import annotations

import hmac
import json
import time
import uuid
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

import anyio

from laissez.hq.errors import HqError
from laissez.protocol import AuthError, ProtocolError
from laissez.protocol.signing import MAX_SKEW_S, load_public_key, parse_headers, verify_request

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

#: body limit of requests that are not signed by a device (enrolment, admin)
SMALL_BODY_BYTES = 64 * 1024
#: paths a device signs (everything under /v1/ but enrolment and admin)
UNSIGNED_PATHS = ("/v1/enrol",)
ADMIN_PREFIX = "/v1/admin/"

#: (public key text, revoked) of a device id, or None when it is not enrolled
KeyLookup = Callable[[uuid.UUID], tuple[str, bool] | None]


class RequestGuard:
    """ASGI middleware applying the order of concern above.

    ``lookup`` finds a device's key (run in a worker thread: it touches the database);
    ``max_body`` gives the limit of signed bodies (read at each request); ``admin_token`` the
    token admin requests need; ``clock`` the time (tests).
    """

    def __init__(
        self,
        app: ASGIApp,
        *,
        lookup: KeyLookup | None,
        max_body: Callable[[], int],
        admin_token: str | None,
        clock: Callable[[], float] = time.time,
        docs_paths: tuple[str, ...] = (),
    ) -> None:
        self.app = app
        self.lookup = lookup
        self.max_body = max_body
        self.admin_token = admin_token
        self.clock = clock
        self.docs_paths = docs_paths

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        headers = {
            key.decode("latin-1").lower(): value.decode("latin-1")
            for key, value in scope.get("headers", ())
        }
        declared = headers.get("content-length")
        if declared is not None and not declared.isdigit():
            await _answer(send, 400, "request.framing", "the Content-Length header is not a number")
            return
        signed_path = path.startswith("/v1/") and not (
            path in UNSIGNED_PATHS or path.startswith(ADMIN_PREFIX)
        )
        if path.startswith(ADMIN_PREFIX) or path in self.docs_paths:
            if not self._admin_ok(headers):
                await _answer(
                    send, 401, "admin.auth", "this needs the Authorization: Bearer <admin token>"
                )
                return
        key = None
        if signed_path:
            try:
                key = await self._device_key(headers)
            except HqError as exc:
                await _answer(send, exc.status, exc.code, exc.message)
                return
            except ProtocolError as exc:
                await _answer(
                    send, 401 if isinstance(exc, AuthError) else 400, exc.code, exc.message
                )
                return
        limit = self.max_body() if signed_path else SMALL_BODY_BYTES
        if declared is not None and int(declared) > limit:
            await _too_large(send, limit)
            return
        chunks: list[bytes] = []
        total = 0
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            total += len(chunk)
            if total > limit:
                await _too_large(send, limit)
                return
            chunks.append(chunk)
            more = bool(message.get("more_body", False))
        body = b"".join(chunks)
        del chunks
        if key is not None:
            try:
                _verify(key, headers, scope, body, self.clock())
            except ProtocolError as exc:
                await _answer(send, 401, exc.code, exc.message)
                return
        await self.app(scope, _replay(body, receive), send)

    def _admin_ok(self, headers: dict[str, str]) -> bool:
        given = headers.get("authorization", "").removeprefix("Bearer ").strip()
        expected = self.admin_token
        return bool(expected and given) and hmac.compare_digest(
            given.encode(), (expected or "").encode()
        )

    async def _device_key(self, headers: dict[str, str]) -> Any:
        """The device's public key, after the checks that need no body (or a typed error)."""
        from laissez.hq.errors import DeviceRevokedError, UnknownDeviceError
        from laissez.protocol.errors import StaleRequestError

        signed = parse_headers(headers)
        try:
            device_id = uuid.UUID(signed.device_id)
        except ValueError:
            raise UnknownDeviceError("the device id header is not a UUID") from None
        if abs(self.clock() - signed.timestamp) > MAX_SKEW_S:
            raise StaleRequestError("the request timestamp is outside the accepted window")
        if self.lookup is None:
            raise UnknownDeviceError("the service has no database configured")
        found = await anyio.to_thread.run_sync(self.lookup, device_id)
        if found is None:
            raise UnknownDeviceError(f"device {device_id} is not enrolled")
        public_key, revoked = found
        if revoked:
            raise DeviceRevokedError(f"device {device_id} was revoked")
        return load_public_key(public_key)


def _verify(key: Any, headers: dict[str, str], scope: Scope, body: bytes, now: float) -> None:
    query = scope.get("query_string", b"").decode("latin-1")
    path = scope["path"] + (f"?{query}" if query else "")
    verify_request(key, parse_headers(headers), scope["method"], path, body, now=now)


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


async def _too_large(send: Send, limit: int) -> None:
    await _answer(send, 413, "request.too_large", f"request bodies are limited to {limit} bytes")


async def _answer(send: Send, status: int, code: str, message: str) -> None:
    body = json.dumps({"code": code, "message": message}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
