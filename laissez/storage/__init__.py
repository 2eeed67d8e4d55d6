"""Encrypted local storage: SQLAlchemy models on SQLCipher, keys, audit chain, sync outbox.

Stable API (casework and the desktop build on these names; they only grow):

``laissez.storage.database``
    ``Database.create(path, *, username, passphrase, display_name="", mission_code=None,
    mission_name="", kdf=DEFAULT_KDF)`` makes a new encrypted file with a first administrator.
    ``Database.open(path, *, username, passphrase, migrate_schema=True, purge=True,
    backup_dir=None, now=None)`` unlocks it (wrong passphrase: ``WrongPassphraseError``, nothing
    written), backs up and migrates an old schema, runs the retention purge.
    ``db.session()`` is a context manager giving a ``Session`` in ONE transaction (commit on
    success, rollback on exception; ``BEGIN IMMEDIATE``). One session per thread or job.
    ``db.read_session()`` is a read-only snapshot (deferred ``BEGIN``, always rolled back).
    ``db.user`` (``CurrentUser``: ``id``, ``username``, ``display_name``, ``roles``,
    ``has_role``), ``db.require_role(role)``, ``db.close()``.
    Users and keys: ``add_user``, ``remove_user``, ``change_passphrase``, ``reset_passphrase``,
    ``rekey``, ``usernames``. Checks: ``check_integrity``, ``verify_audit``.
    ``backup(dest)``, ``purge(now=None, dry_run=False)``; ``backup.restore(source, path, *,
    username, passphrase)``. ``DATABASE_NAME``, ``keys_path(path)``, ``default_path()``.
    Tests use ``kdf=keys.TEST_KDF`` for speed; real installations keep ``DEFAULT_KDF``.
``laissez.storage.models``
    Typed declarative models: ``Mission``, ``Installation``, ``User``, ``UserRole``, ``Role``,
    ``Person``, ``IdentityDocument``, ``DocumentImage``, ``Case``, ``InterviewAnswers``,
    ``Screening``, ``LegalProceeding``, ``RightsAdvisal``, ``ConsentDecision``,
    ``ConsentWithdrawal``, ``Approval``, ``TravelDocument``, ``PrintEvent``, ``Revocation``,
    ``SigningKey`` (the mission's seal signer), ``AuditEvent``,
    ``AuditHead``, ``OutboxEntry``, ``RetentionRule``. UUID primary keys made on the client
    (``ids.new_id``, set when the object is built); aware UTC datetimes; status columns are
    text owned by casework (setting ``Case.status`` stamps ``status_changed_at``); foreign keys
    are checked at commit, so one transaction may write related rows in any order.
``laissez.storage.audit``
    ``record(session, actor_id, action, record_type, record_id, details=None)`` appends a
    hash-chained event in the caller's transaction; details hold ids, codes and counts only
    (else ``AuditDetailsError``). ``verify(session) -> ChainReport`` (``ok``, ``events``,
    ``problem``: ``ChainProblem(kind, seq, event_id, message)``).
``laissez.storage.outbox``
    ``enqueue(session, kind, entity_id, payload, *, case_id=None) -> OutboxEntry`` in the
    caller's transaction, for a change kind of ``laissez.protocol.kinds`` whose payload
    schema the payload matches (``ChangeKindError`` otherwise); ``pending``,
    ``reset_in_flight``; statuses ``PENDING``, ``SENT``, ``ACKED``, ``FAILED``.
``laissez.storage.repository``
    ``name_key``, ``search_people_by_name_prefix``, ``search_cases_by_name_prefix``,
    ``find_documents_by_number``, ``search_cases_by_document_number``, ``get_case``.
``laissez.storage.retention``
    ``rules``, ``set_rule``, ``remove_rule``, ``due_cases``, ``purge`` -> ``PurgeReport``.
``laissez.storage.text``
    ``name_key(*parts)``: the folded search key (``Person.search_name`` is kept up to date).
``laissez.storage.backup``
    ``write_backup``, ``restore``, ``read_manifest``, ``prune_automatic``; one tar file with the
    encrypted copy, the key slots and a manifest of SHA-256 sums.
    The file format lives in ``laissez.storage.archive`` (which ``Database`` uses), the names
    of a database's files (``keys_path``, ``sidecars``) in ``laissez.storage.files``.
``laissez.storage.cli``
    ``laissez database|audit|backup|restore|purge`` (``users`` and ``retention``: casework).
``laissez.storage.errors``
    ``StorageError`` (``code``, ``message``) and its subclasses, each with a stable code.
``laissez.storage.ids``
    ``new_id()``, ``uuid7()``, ``utcnow()``.
"""

from laissez.storage.database import DATABASE_NAME, CurrentUser, Database, keys_path
from laissez.storage.errors import StorageError

__all__ = ["DATABASE_NAME", "CurrentUser", "Database", "StorageError", "keys_path"]
