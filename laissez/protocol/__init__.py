"""The sync wire protocol, shared by the desktop's sync client and the headquarters service.

A leaf package: it imports nothing else from ``laissez`` and no SQLAlchemy or Qt, so both
deployables can depend on it. ``signing`` authenticates requests with Ed25519 device keys,
``messages`` defines what travels, ``kinds`` the one list of change kinds (payload schemas,
versions, what headquarters does with each), ``canonical`` makes content hashes stable and
``minimise`` decides which fields may leave a mission.
"""

from laissez.protocol.canonical import canonical_json, change_content_hash, sha256_hex
from laissez.protocol.errors import (
    AuthError,
    BadKeyError,
    BadSignatureError,
    BundleError,
    BundleTooLargeError,
    MissingHeaderError,
    ProtocolError,
    ReplayError,
    StaleRequestError,
)
from laissez.protocol.messages import (
    DURABLE_STATUSES,
    MAX_BATCH_CHANGES,
    PROTOCOL_VERSION,
    AckStatus,
    Change,
    ChangeAck,
    EnrolRequest,
    EnrolResponse,
    ErrorBody,
    FormVersion,
    NumberRange,
    NumberRangeRequest,
    PullResponse,
    PushAck,
    PushBatch,
    PushBundleContent,
    ReplyBundleContent,
    Revocation,
    SignerCertificate,
)

__all__ = [
    "DURABLE_STATUSES",
    "MAX_BATCH_CHANGES",
    "PROTOCOL_VERSION",
    "AckStatus",
    "AuthError",
    "BadKeyError",
    "BadSignatureError",
    "BundleError",
    "BundleTooLargeError",
    "Change",
    "ChangeAck",
    "EnrolRequest",
    "EnrolResponse",
    "ErrorBody",
    "FormVersion",
    "MissingHeaderError",
    "NumberRange",
    "NumberRangeRequest",
    "ProtocolError",
    "PullResponse",
    "PushAck",
    "PushBatch",
    "PushBundleContent",
    "ReplayError",
    "ReplyBundleContent",
    "Revocation",
    "SignerCertificate",
    "StaleRequestError",
    "canonical_json",
    "change_content_hash",
    "sha256_hex",
]
