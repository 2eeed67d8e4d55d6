"""Typed errors of the wire protocol.

Messages name headers and fields, never values: a request body carries personal data.
"""

from __future__ import annotations


class ProtocolError(Exception):
    """Base class of every error raised by ``laissez.protocol``.

    Attributes:
        code: a stable machine-readable code (``auth.signature`` ...) that both sides map to
            an HTTP status or to words for a person.
    """

    code = "protocol"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class AuthError(ProtocolError):
    """A request could not be authenticated (missing header, bad signature, stale, replay)."""

    code = "auth"


class MissingHeaderError(AuthError):
    """A signing header is absent or malformed."""

    code = "auth.header"


class BadSignatureError(AuthError):
    """The signature does not verify with the device's public key."""

    code = "auth.signature"


class StaleRequestError(AuthError):
    """The request's timestamp lies outside the accepted clock-skew window."""

    code = "auth.stale"


class ReplayError(AuthError):
    """The nonce was already used by this device."""

    code = "auth.replay"


class BadKeyError(ProtocolError):
    """A public key is not a valid Ed25519 key."""

    code = "key.invalid"


class BundleError(ProtocolError):
    """An offline-transfer bundle cannot be opened (wrong key, tampered, unknown version)."""

    code = "bundle"


class BundleTooLargeError(BundleError):
    """A bundle is larger, holds more values or nests deeper than any bundle Laissez writes:
    refused before it is parsed (``laissez.protocol.bounded``)."""

    code = "bundle.too_large"
