"""``HqClient``: blocking HTTP calls to headquarters, every one signed with the device key.

Run it in a worker thread (STYLE: no asyncio in the desktop). It turns transport failures and
server errors into ``HqUnreachableError`` and refusals into ``HqRefusedError``; it never
retries by itself: the sync engine decides.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, TypeVar

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pydantic import BaseModel, ValidationError

from laissez.protocol import (
    EnrolRequest,
    EnrolResponse,
    NumberRange,
    NumberRangeRequest,
    PullResponse,
    PushAck,
    PushBatch,
)
from laissez.protocol.bundle import MAX_BUNDLE_BYTES
from laissez.protocol.canonical import canonical_json
from laissez.protocol.signer import SignerRequest, SignerRequestStatus
from laissez.protocol.signing import public_key_text, sign_request
from laissez.protocol.trust import AuditAnchor, AuditHead, KeyAnswer, KeyRequests
from laissez.storage.sync.errors import (
    HqNumbersPausedError,
    HqRefusedError,
    HqUnreachableError,
    InsecureUrlError,
)

DEFAULT_TIMEOUT_S = 30.0
#: the largest answer read from headquarters (as large as the largest bundle it may send): a
#: broken or hostile server that sends more is cut off, not read into memory
MAX_ANSWER_BYTES = MAX_BUNDLE_BYTES
if TYPE_CHECKING:  # httpx is imported where it is used: the desktop starts without it
    import httpx

_M = TypeVar("_M", bound=BaseModel)
_JSON = {"content-type": "application/json"}


def _send_bounded(http: httpx.Client, request: httpx.Request) -> httpx.Response:
    """Send ``request`` and read the answer, at most ``MAX_ANSWER_BYTES`` of it.

    Raises:
        HqUnreachableError: the link failed, or the answer is larger than any headquarters sends.
    """
    import httpx

    try:
        response = http.send(request, stream=True)
        try:
            declared = int(response.headers.get("content-length", "0") or 0)
            if declared > MAX_ANSWER_BYTES:
                raise _too_large()
            body = bytearray()
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > MAX_ANSWER_BYTES:
                    raise _too_large()
        finally:
            response.close()
    except httpx.TransportError as exc:
        raise HqUnreachableError(f"headquarters is unreachable ({type(exc).__name__})") from exc
    except ValueError:  # a content-length that is not a number
        raise HqUnreachableError("headquarters sent an answer this client cannot read") from None
    # the body is decoded already (gzip from a proxy, say): the rebuilt answer must not say
    # it is still encoded, or reading it decodes it a second time and fails
    headers = [
        (name, value)
        for name, value in response.headers.multi_items()
        if name.lower() not in ("content-encoding", "content-length", "transfer-encoding")
    ]
    return httpx.Response(
        response.status_code, headers=headers, content=bytes(body), request=request
    )


def _too_large() -> HqUnreachableError:
    return HqUnreachableError(
        f"headquarters sent an answer larger than {MAX_ANSWER_BYTES // (1024 * 1024)} MiB; "
        "nothing of it was used"
    )


def _error_code(response: httpx.Response) -> str:
    """The stable error code in headquarters' error answer ("unknown" when there is none)."""
    try:
        body = response.json()
    except ValueError:
        return "unknown"
    return str(body.get("code", "unknown")) if isinstance(body, dict) else "unknown"


def _answer(response: httpx.Response, model: type[_M]) -> _M:
    if response.status_code >= 500:
        if _error_code(response) == "numbers.highwater":
            raise HqNumbersPausedError("headquarters gives no document numbers for now")
        raise HqUnreachableError(f"headquarters answered HTTP {response.status_code}")
    if response.status_code >= 400:
        code = _error_code(response)
        raise HqRefusedError(
            f"headquarters refused the request (HTTP {response.status_code}, {code})",
            status=response.status_code,
            hq_code=code,
        )
    try:
        return model.model_validate_json(response.content)
    except ValidationError as exc:
        raise HqUnreachableError("headquarters sent an answer this client cannot read") from exc


#: hosts that may be reached over plain http:// (this computer only)
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})


def check_url(base_url: str, transport: httpx.BaseTransport | None = None) -> None:
    """Refuse a headquarters address that is not ``https://``, unless it names this computer
    (or ``transport`` is an in-process one: no network is crossed).

    Raises:
        InsecureUrlError: ``http://`` to another computer, or another scheme.
    """
    import httpx

    url = httpx.URL(base_url)
    if url.scheme == "https" or transport is not None:
        return
    if url.scheme == "http" and url.host in LOCAL_HOSTS:
        return
    raise InsecureUrlError(
        "the headquarters address must start with https:// (plain http:// only to this computer)"
    )


def enrol(
    base_url: str,
    enrolment_code: str,
    key: Ed25519PrivateKey,
    device_name: str = "",
    *,
    bundle_public_key: str | None = None,
    timeout: float = DEFAULT_TIMEOUT_S,
    transport: httpx.BaseTransport | None = None,
) -> EnrolResponse:
    """Enrol this device's public keys with a one-time code; returns the device id and
    headquarters' bundle keys."""
    body = EnrolRequest(
        enrolment_code=enrolment_code,
        public_key=public_key_text(key),
        device_name=device_name,
        bundle_public_key=bundle_public_key,
    ).to_bytes()
    check_url(base_url, transport)
    import httpx

    with httpx.Client(base_url=base_url, timeout=timeout, transport=transport) as http:
        request = http.build_request("POST", "/v1/enrol", content=body, headers=_JSON)
        response = _send_bounded(http, request)
    return _answer(response, EnrolResponse)


class HqClient:
    """A signed-request client for one enrolled device. Close it (or use ``with``)."""

    def __init__(
        self,
        base_url: str,
        device_id: uuid.UUID | str,
        key: Ed25519PrivateKey,
        *,
        timeout: float = DEFAULT_TIMEOUT_S,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        check_url(base_url, transport)
        import httpx

        self.device_id = str(device_id)
        self._key = key
        self._http = httpx.Client(base_url=base_url, timeout=timeout, transport=transport)

    def close(self) -> None:
        """Close the connection pool."""
        self._http.close()

    def __enter__(self) -> HqClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _send(self, method: str, path: str, body: bytes = b"") -> httpx.Response:
        request = self._http.build_request(method, path, content=body or None)
        signed_path = request.url.raw_path.decode("ascii")
        request.headers.update(sign_request(self._key, self.device_id, method, signed_path, body))
        if body:
            request.headers.update(_JSON)
        return _send_bounded(self._http, request)

    def push(self, batch: PushBatch) -> PushAck:
        """Send one batch; returns headquarters' acknowledgement (sent after its commit)."""
        return _answer(self._send("POST", "/v1/push", batch.to_bytes()), PushAck)

    def pull(self, since: int = 0) -> PullResponse:
        """What headquarters has for this device's mission; revocations after ``since``."""
        return _answer(self._send("GET", f"/v1/pull?since={since}"), PullResponse)

    def request_range(self, request: NumberRangeRequest) -> NumberRange:
        """A document-number range (the same one again for the same ``request_id``)."""
        return _answer(self._send("POST", "/v1/number-ranges", request.to_bytes()), NumberRange)

    def keys(self, request: KeyRequests) -> KeyAnswer:
        """Ask for officers' key certificates and revocations; every certificate back."""
        return _answer(self._send("POST", "/v1/keys", request.to_bytes()), KeyAnswer)

    def signer_request(self, request: SignerRequest) -> SignerRequestStatus:
        """Send the seal-signer certificate request; its state at headquarters."""
        body = canonical_json(request.model_dump(mode="json"))
        return _answer(self._send("POST", "/v1/signer-requests", body), SignerRequestStatus)

    def audit_anchor(self) -> AuditAnchor:
        """The audit head headquarters holds for this device."""
        return _answer(self._send("GET", "/v1/audit/anchor"), AuditAnchor)

    def audit_head(self, head: AuditHead) -> AuditAnchor:
        """Send this device's audit head; ``HqRefusedError`` (409) when it does not extend
        the one headquarters holds."""
        return _answer(self._send("POST", "/v1/audit/head", head.to_bytes()), AuditAnchor)
