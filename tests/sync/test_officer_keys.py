"""Issue 15, end to end through the real sync client (``laissez sync push/pull``) and a real
``laissez-hq`` process on PostgreSQL: headquarters certifies every officer's signing key and
the gate trusts only certified, unrevoked keys; a key or a document revoked on device A is
refused on device B after it syncs; the audit head is anchored at each sync and a trail cut
below it is named on the device and flagged at headquarters."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from laissez.casework import staff
from laissez.casework.errors import GateBlockedError
from laissez.casework.service import Casework
from laissez.casework.states import CaseState as S
from laissez.documents.seal.etd import Finding, Verdict
from laissez.hq import admin as hq_admin
from laissez.hq.cli import main as hq_main
from laissez.hq.db import session_factory
from laissez.hq.keys import service_keys
from laissez.hq.models import AuditAnchorRecord, AuditFlag, Mission, UserKeyCertificateRecord
from laissez.protocol.signing import b64url
from laissez.storage.backup import restore
from laissez.storage.database import Database
from laissez.storage.keys import TEST_KDF
from laissez.storage.models import UserSigningKey
from laissez.storage.sync import trust
from laissez.storage.sync.enrolment import enrol_installation
from tests.support.day import enrol, sync
from tests.support.pg import HqServer
from tests.support.world import ADMIN_PASSPHRASE, PASSPHRASE, World


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    made = World(tmp_path / "a")
    try:
        yield made
    finally:
        made.close()


def _codes(world_or_db: Casework, case_id: uuid.UUID) -> list[str]:
    with pytest.raises(GateBlockedError) as refused:
        world_or_db.decisions.issue_document(case_id)
    return list(refused.value.codes)


def _certificates(hq: Session, mission_code: str) -> list[UserKeyCertificateRecord]:
    hq.expire_all()
    return list(
        hq.scalars(
            select(UserKeyCertificateRecord)
            .join(Mission, Mission.id == UserKeyCertificateRecord.mission_id)
            .where(Mission.code == mission_code)
        )
    )


def _device_b(world: World, tmp_path: Path, pg_url: str, hq_url: str, code: str) -> Path:
    """A second computer of the mission: a copy of A's database restored from a backup,
    enrolled as a device of its own. Returns its database path."""
    backup = world.admin.backup(tmp_path / "backups")
    path = tmp_path / "b" / "laissez.db"
    path.parent.mkdir()
    db = restore(backup, path, username="admin", passphrase=ADMIN_PASSPHRASE)
    try:
        engine = create_engine(pg_url)
        with session_factory(engine)() as s:
            enrolment = hq_admin.create_enrolment_code(s, code)
            s.commit()
        engine.dispose()
        enrol_installation(db.session, db.engine, hq_url, enrolment, "desk-2")
    finally:
        db.close()
    return path


def _as(path: Path, name: str) -> Database:
    return Database.open(path, username=name, passphrase=PASSPHRASE.format(name=name))


# --- 1. headquarters certifies the officers' keys --------------------------------------------


def test_a_sync_has_every_officers_key_certified_by_headquarters(
    world: World, pg_url: str, hq_server: HqServer, hq: Session
) -> None:
    code = enrol(world, pg_url, hq_server.url)
    status, _ = sync(world.path, "push")
    assert status == 0

    with world.admin.read_session() as s:
        local = {b64url(k.public_key): k.user_id for k in s.scalars(select(UserSigningKey))}
        held = trust.certificates(s)  # as stored on the device, checked against the CA
        standing = trust.standing(s)
    certified = _certificates(hq, code)
    assert {c.public_key: c.user_id for c in certified} == local
    assert all(c.revoked_at is None for c in certified)
    assert {c.public_key for c in held} == set(local)
    assert standing.strict and standing.ca == service_keys(hq).user_ca_public

    # a second sync asks for nothing new: each key has one certificate
    assert sync(world.path, "push")[0] == 0
    assert len(_certificates(hq, code)) == len(local)

    case = world.new_case(S.APPROVED)
    world["sam"].decisions.issue_document(case)  # certified supervisor: issued


def test_a_new_supervisors_decision_counts_only_once_headquarters_certified_the_key(
    world: World, pg_url: str, hq_server: HqServer
) -> None:
    enrol(world, pg_url, hq_server.url)
    assert sync(world.path, "push")[0] == 0
    world.admin.add_user("nina", PASSPHRASE.format(name="nina"), ("supervisor",), kdf=TEST_KDF)
    nina = _as(world.path, "nina")
    try:
        case = world.new_case(S.CONSENT_RECORDED)
        Casework(nina).decisions.approve(case)
        assert _codes(world["sam"], case) == ["decision.key_untrusted"]

        assert sync(world.path, "push")[0] == 0  # nina's key is certified at this sync
        world["sam"].decisions.issue_document(case)
    finally:
        nina.close()


def test_a_copied_key_cannot_be_certified_for_another_mission(
    world: World, tmp_path: Path, pg_url: str, hq_server: HqServer, hq: Session
) -> None:
    code = enrol(world, pg_url, hq_server.url)
    assert sync(world.path, "push")[0] == 0
    other = World(tmp_path / "other")
    try:
        with world.admin.read_session() as s:  # sam's public key, written into the other file
            sam_key = s.scalars(select(UserSigningKey.public_key)).first()
        with other.admin.session() as s:
            sam_id = s.scalars(select(UserSigningKey.user_id)).first()
            s.add(UserSigningKey(user_id=sam_id, public_key=sam_key))
        other_code = enrol(other, pg_url, hq_server.url)
        assert sync(other.path, "push")[0] == 0
    finally:
        other.close()
    assert b64url(sam_key) in {c.public_key for c in _certificates(hq, code)}
    assert b64url(sam_key) not in {c.public_key for c in _certificates(hq, other_code)}


# --- 4. revocation reaches every device ------------------------------------------------------


def test_an_officers_key_revoked_on_device_a_is_refused_on_device_b(
    world: World, tmp_path: Path, pg_url: str, hq_server: HqServer, hq: Session
) -> None:
    code = enrol(world, pg_url, hq_server.url)
    assert sync(world.path, "push")[0] == 0
    case = world.new_case(S.APPROVED)  # approved by sam
    b_path = _device_b(world, tmp_path, pg_url, hq_server.url, code)
    assert sync(b_path, "push")[0] == 0

    revoked = staff.revoke_signing_keys(world.admin, "sam")
    assert revoked >= 1
    # (only the decision codes: a consent scope another test published at this headquarters
    # may also ask the person again, which is beside the point here)
    decided = [c for c in _codes(world["oscar"], case) if c.startswith("decision.")]
    assert decided == ["decision.key_untrusted"]  # at once on A
    assert sync(world.path, "push")[0] == 0
    sams = [c for c in _certificates(hq, code) if c.revoked_at is not None]
    assert len(sams) == revoked and {c.reason_code for c in sams} == {"compromised"}

    sam_b = _as(b_path, "sam")
    try:
        assert sync(b_path, "pull")[0] == 0
        with pytest.raises(GateBlockedError) as refused:
            Casework(sam_b).decisions.issue_document(case)
        decided = [c for c in refused.value.codes if c.startswith("decision.")]
        assert decided == ["decision.key_untrusted"]
    finally:
        sam_b.close()


def test_a_document_revoked_on_device_a_verifies_revoked_on_device_b(
    world: World, tmp_path: Path, pg_url: str, hq_server: HqServer
) -> None:
    code = enrol(world, pg_url, hq_server.url)
    assert sync(world.path, "push")[0] == 0
    case = world.new_case(S.APPROVED)
    etd = world["sam"].decisions.issue_document(case)
    b_path = _device_b(world, tmp_path, pg_url, hq_server.url, code)
    oscar_b = _as(b_path, "oscar")
    try:
        check = Casework(oscar_b).signing.verify_printed(etd.pdf)
        assert check.verification.verdict is Verdict.VALID

        world["oscar"].consent.withdraw_consent(case)  # voids the document on A
        assert sync(world.path, "push")[0] == 0
        assert sync(b_path, "pull")[0] == 0
        check = Casework(oscar_b).signing.verify_printed(etd.pdf)
        assert check.verification.verdict is Verdict.INVALID
        assert Finding.REVOKED_DOCUMENT in check.verification.findings
    finally:
        oscar_b.close()


# --- 2. the audit head is anchored at headquarters -------------------------------------------


def test_each_sync_anchors_the_audit_head_and_a_cut_trail_is_named(
    world: World,
    tmp_path: Path,
    pg_url: str,
    hq_server: HqServer,
    hq: Session,
    capsys: pytest.CaptureFixture[str],
) -> None:
    enrol(world, pg_url, hq_server.url)
    older = world.admin.backup(tmp_path / "backups")
    assert sync(world.path, "push")[0] == 0
    world.new_case(S.APPROVED)
    assert sync(world.path, "push")[0] == 0  # a longer trail extends the anchored head
    with world.admin.read_session() as s:
        device_id = uuid.UUID(trust.state.get(s, trust.state.KEY_DEVICE_ID) or "")
    hq.expire_all()
    anchored = hq.get(AuditAnchorRecord, device_id)
    assert anchored is not None and anchored.count > 0
    world.close()

    # the file is replaced by an older copy (an administrator's restore, or by hand)
    db = restore(older, world.path, username="admin", passphrase=ADMIN_PASSPHRASE, reapply=True)
    db.close()
    capsys.readouterr()
    status, _ = sync(world.path, "push")
    err = capsys.readouterr().err
    assert status == 2
    assert "no longer extends what headquarters anchored" in err and "[sync.audit_rewritten]" in err
    assert "Traceback" not in err
    hq.expire_all()
    flags = hq.scalars(select(AuditFlag).where(AuditFlag.device_id == device_id)).all()
    assert [f.code for f in flags] in (["audit.rewound"], ["audit.rewritten"])
    assert flags[0].held_count == anchored.count
    assert hq.get(AuditAnchorRecord, device_id).count == anchored.count  # not moved back

    # headquarters checked the device: its next head is anchored afresh
    assert hq_main(["--database", pg_url, "admin", "reset-audit-anchor", str(device_id)]) == 0
    assert sync(world.path, "push")[0] == 0


def test_headquarters_flags_a_trail_head_signed_with_a_revoked_key(
    world: World, pg_url: str, hq_server: HqServer, hq: Session
) -> None:
    enrol(world, pg_url, hq_server.url)
    assert sync(world.path, "push")[0] == 0
    with world.admin.read_session() as s:
        device_id = uuid.UUID(trust.state.get(s, trust.state.KEY_DEVICE_ID) or "")
    hq.expire_all()
    assert hq.scalars(select(AuditFlag).where(AuditFlag.device_id == device_id)).all() == []

    # the administrator's own key is revoked here; the next sync's head is signed with it
    staff.revoke_signing_keys(world.admin, "admin")
    assert sync(world.path, "push")[0] == 0  # anchored (it extends), but flagged
    hq.expire_all()
    flags = hq.scalars(select(AuditFlag).where(AuditFlag.device_id == device_id)).all()
    assert [f.code for f in flags] == ["audit.uncertified_signer"]


def test_a_trail_cut_in_place_is_named_by_audit_verify_and_refused_at_headquarters(
    world: World, pg_url: str, hq_server: HqServer, hq: Session
) -> None:
    from sqlalchemy import delete, text

    from laissez.storage.models import AuditEvent
    from laissez.storage.models import AuditHead as Head

    enrol(world, pg_url, hq_server.url)
    assert sync(world.path, "push")[0] == 0
    assert world.admin.verify_trust() == []
    with world.admin.read_session() as s:
        anchored = (s.get(Head, 1) or Head()).count
    # the insider drops the append-only triggers and cuts the last ten events with the head
    with world.admin.session() as s:
        s.execute(text("DROP TRIGGER IF EXISTS audit_events_no_delete"))
        keep = anchored - 10
        s.execute(delete(AuditEvent).where(AuditEvent.seq > keep))
        last = s.scalar(select(AuditEvent.hash).where(AuditEvent.seq == keep))
        head = s.get(Head, 1)
        assert head is not None
        head.count, head.last_hash = keep, last
    assert world.admin.verify_audit().ok  # the bare chain is fooled
    kinds = {p.kind for p in world.admin.verify_trust()}
    assert "below_anchor" in kinds
    status, _ = sync(world.path, "push")
    assert status == 2  # and headquarters refuses the head
