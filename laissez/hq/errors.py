"""Typed errors of the headquarters service.

Every error carries a stable ``code`` and an HTTP ``status``; messages name ids and fields,
never personal values, because they reach logs and API answers.
"""

from __future__ import annotations


class HqError(Exception):
    """Base class of every error raised by ``laissez.hq``."""

    code = "hq"
    status = 400

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ConfigurationError(HqError):
    """The service cannot start as configured (no database URL, unreachable database)."""

    code = "hq.configuration"
    status = 500


class NotFoundError(HqError):
    """A mission, device, code or conflict named by id does not exist."""

    code = "hq.not_found"
    status = 404


class EnrolmentError(HqError):
    """An enrolment code is unknown, used or expired, or the key is already enrolled."""

    code = "enrolment.refused"
    status = 403


class DeviceRevokedError(HqError):
    """The device was revoked by an administrator and may no longer sync."""

    code = "device.revoked"
    status = 403


class UnknownDeviceError(HqError):
    """The device id in the signing headers is not enrolled."""

    code = "auth.device"
    status = 401


class AdminAuthError(HqError):
    """An admin endpoint was called without the right admin token."""

    code = "admin.auth"
    status = 401


class ProtocolVersionError(HqError):
    """The message's protocol version is not one this service speaks."""

    code = "protocol.version"
    status = 400


class DuplicateError(HqError):
    """A mission code (or other unique name) is already taken."""

    code = "hq.duplicate"
    status = 409


class BodyTooLargeError(HqError):
    """The request body is larger than the service accepts; send smaller batches."""

    code = "request.too_large"
    status = 413


class NumberQuotaError(HqError):
    """A device or its mission asked for more document numbers than its quota allows."""

    code = "numbers.quota"
    status = 403


class NumberCapacityError(HqError):
    """The range asked for would pass the capacity of the mission's number prefix."""

    code = "numbers.capacity"
    status = 409


class PublicationError(HqError):
    """A form, advisal text or consent-scope version cannot be published as given (not a valid
    definition, a draft, an advisal text leaving out a required point)."""

    code = "publication.refused"
    status = 422


class NumberHighWaterError(HqError):
    """The record of document numbers handed out (kept outside the database, so that a restore
    from an older dump cannot make headquarters give a number twice) cannot be read or
    written: no range is given until it can."""

    code = "numbers.highwater"
    status = 503


class SignerRequestError(HqError):
    """A seal-signer certificate request cannot be issued (``code`` says why)."""

    code = "csr.refused"
    status = 422

    def __init__(self, message: str, *, code: str = "csr.refused") -> None:
        super().__init__(message)
        self.code = code
