"""SQLAlchemy 2 models of the local database (one SQLCipher file per installation).

Conventions:

* Primary keys are UUIDs made on the client (``ids.new_id``, UUIDv7), except the audit log,
  whose integer ``seq`` is the position in the hash chain.
* Every time is an aware ``datetime`` stored in UTC (``types.UtcDateTime``).
* Status and kind columns are plain text; the casework layer owns their values and the state
  machine. The storage layer only knows the roles and the outbox statuses.
* Columns that hold personal data are listed in ``PERSONAL_COLUMNS``; retention purges them.
* Migrations never import this module; ``tests/storage/test_migrations.py`` checks that the
  head revision builds exactly these tables.

The models are split by area; every name is importable from ``laissez.storage.models``:

* ``base``: ``Base``, ``Role``, ``PERSONAL_COLUMNS``, ``PERSONAL_TABLES``;
* ``users``: ``Mission``, ``Installation``, ``User``, ``UserRole``;
* ``people``: ``Person``, ``IdentityDocument``, ``DocumentImage``;
* ``persons``: ``PersonRecord``, ``PersonCaseLink``, ``PersonMatchKey``,
  ``PersonMatchProposal`` (the person across cases);
* ``cases``: ``Case``, ``InterviewAnswers``, ``Screening``, ``LegalProceeding``,
  ``RightsAdvisal``, ``ConsentDecision``, ``ConsentWithdrawal``, ``Approval``;
* ``documents``: ``TravelDocument``, ``PrintEvent``, ``Revocation``, ``SigningKey``;
* ``records``: ``AuditEvent``, ``AuditHead``, ``OutboxEntry``, ``RetentionRule``;
* ``sync``: the ``Sync*`` tables of the sync client.
"""

from laissez.storage.models.base import (
    NAMING_CONVENTION,
    PERSONAL_COLUMNS,
    PERSONAL_TABLES,
    Base,
    Role,
)
from laissez.storage.models.cases import (
    Approval,
    Case,
    CaseFlag,
    ConsentDecision,
    ConsentWithdrawal,
    InterviewAnswers,
    InterviewAnswerVersion,
    LegalProceeding,
    RightsAdvisal,
    Screening,
)
from laissez.storage.models.documents import PrintEvent, Revocation, SigningKey, TravelDocument
from laissez.storage.models.people import DocumentImage, IdentityDocument, Person
from laissez.storage.models.persons import (
    PersonCaseLink,
    PersonMatchKey,
    PersonMatchProposal,
    PersonRecord,
)
from laissez.storage.models.records import AuditEvent, AuditHead, OutboxEntry, RetentionRule
from laissez.storage.models.sync import (
    SyncFormVersion,
    SyncNumberRange,
    SyncRevocation,
    SyncSetting,
    SyncSignerCertificate,
)
from laissez.storage.models.users import (
    Installation,
    Mission,
    RoleGrant,
    User,
    UserRole,
    UserSigningKey,
)

__all__ = [
    "NAMING_CONVENTION",
    "PERSONAL_COLUMNS",
    "PERSONAL_TABLES",
    "Approval",
    "AuditEvent",
    "AuditHead",
    "Base",
    "Case",
    "CaseFlag",
    "ConsentDecision",
    "ConsentWithdrawal",
    "DocumentImage",
    "IdentityDocument",
    "Installation",
    "InterviewAnswerVersion",
    "InterviewAnswers",
    "LegalProceeding",
    "Mission",
    "OutboxEntry",
    "Person",
    "PersonCaseLink",
    "PersonMatchKey",
    "PersonMatchProposal",
    "PersonRecord",
    "PrintEvent",
    "RetentionRule",
    "Revocation",
    "RightsAdvisal",
    "Role",
    "RoleGrant",
    "Screening",
    "SigningKey",
    "SyncFormVersion",
    "SyncNumberRange",
    "SyncRevocation",
    "SyncSetting",
    "SyncSignerCertificate",
    "TravelDocument",
    "User",
    "UserRole",
    "UserSigningKey",
]
