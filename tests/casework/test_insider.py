"""Insider attacks (issue 15): someone who can unlock the database tries to make the gate trust
what nobody decided, or to seal a document around casework. Each test plays the insider
against the real encrypted database and a real SoftHSM2 token, and asserts that no sealed
document results and that the forgery is named."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from sqlalchemy import inspect, select

from laissez.casework import signatures
from laissez.casework.errors import GateBlockedError, TokenPinRequiredError, TokenPinWrongError
from laissez.casework.seal_token import token_config
from laissez.casework.signing import active_signer
from laissez.casework.states import CaseState
from laissez.documents.seal import TAG_MRZ_TD2, decode_seal
from laissez.documents.seal.token import TokenConfig, TokenError, TokenPrivateKey
from laissez.storage import audit
from laissez.storage.ids import utcnow
from laissez.storage.models import (
    Approval,
    AuditEvent,
    Case,
    Screening,
    SigningKey,
    TravelDocument,
    User,
)
from tests.support.world import TEST_SIGNER, World

S = CaseState


#: interview answers in which the person says they fear return
FEAR = {
    "fear_of_return": {
        "fears_return": "yes",
        "in_detention": "no",
        "prefers_return_to_detention": "no",
        "pressure_reported": "no",
    }
}


def _user_id(world: World, name: str) -> uuid.UUID:
    return world.handles[name].user.id


def _documents(world: World) -> int:
    with world.admin.read_session() as session:
        return len(session.scalars(select(TravelDocument)).all())


def _forge_approval(world: World, case_id: uuid.UUID, *, as_: str, signed_by: str | None) -> None:
    """Oscar (an officer) writes an approval in ``as_``'s name straight through SQLAlchemy,
    with a matching audit event and the case moved to approved, as casework would."""
    db = world.handles["oscar"]
    with db.session() as session:
        row = Approval(case_id=case_id, approver_id=_user_id(world, as_), role="supervisor",
                       decision="approved", subject="issue", decided_at=utcnow())  # fmt: skip
        if signed_by is not None:  # signed, but with the forger's own personal key
            row.signature = world.handles[signed_by].sign(signatures.approval_payload(row))
        session.add(row)
        case = session.get(Case, case_id)
        assert case is not None
        case.status = S.APPROVED.value
        audit.record(session, _user_id(world, as_), "case.approve", "case", case_id,
                     {"from_state": "consent_recorded", "to_state": "approved"})  # fmt: skip


# --- 1. the seal key -------------------------------------------------------------------------


def test_the_seal_key_is_in_the_token_not_in_the_database(world: World) -> None:
    with world.admin.read_session() as session:
        columns = {c["name"] for c in inspect(session.connection()).get_columns("signing_keys")}
        row = session.scalars(select(SigningKey)).one()
        key_label, key_id = row.key_label, row.id
    assert "private_key_pem" not in columns
    assert key_label == f"laissez-seal-{key_id}"
    # the whole database, as bytes, holds no trace of the private scalar
    key = TEST_SIGNER.key_pem
    from cryptography.hazmat.primitives import serialization

    private = serialization.load_pem_private_key(key, password=TEST_SIGNER.password)
    scalar = private.private_numbers().private_value.to_bytes(32, "big")  # type: ignore[union-attr]
    raw = world.path.read_bytes()
    assert scalar not in raw
    # and the token refuses to hand it out: sensitive and non-extractable
    import pkcs11
    from pkcs11 import Attribute, ObjectClass

    config = TokenConfig.from_env()
    lib = pkcs11.lib(config.module)
    with lib.get_token(token_label=config.token_label).open(user_pin=config.pin) as tok:
        held = tok.get_key(object_class=ObjectClass.PRIVATE_KEY, label=key_label)
        assert held[Attribute.SENSITIVE] is True and held[Attribute.EXTRACTABLE] is False
        with pytest.raises(pkcs11.exceptions.AttributeSensitive):
            held[Attribute.VALUE]


def test_without_the_token_pin_nothing_is_sealed(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    case_id = world.new_case(S.APPROVED)
    monkeypatch.delenv("LAISSEZ_PKCS11_PIN")
    with pytest.raises(TokenPinRequiredError, match="needs its PIN"):
        world["oscar"].decisions.issue_document(case_id)
    assert _documents(world) == 0
    # an insider calling the internals holds no PIN either: the token will not sign
    with world.handles["oscar"].session() as session:
        _key_id, signer = active_signer(session, token_config(world["oscar"].context))
    assert isinstance(signer.key, TokenPrivateKey)
    with pytest.raises(TokenError, match="needs its PIN"):
        signer.key.sign(b"anything", __import__("cryptography.hazmat.primitives.asymmetric.ec",
                        fromlist=["ECDSA"]).ECDSA(__import__("cryptography.hazmat.primitives.hashes",
                        fromlist=["SHA256"]).SHA256()))  # fmt: skip
    # the supervisor enters it for the session: the same case is then issued
    world["oscar"].signing.use_token_pin("123456")
    etd = world["oscar"].decisions.issue_document(case_id)
    assert etd.seal and decode_seal(etd.seal).feature(TAG_MRZ_TD2)


def test_a_wrong_token_pin_seals_nothing(world: World) -> None:
    case_id = world.new_case(S.APPROVED)
    world["oscar"].signing.use_token_pin("000000")
    with pytest.raises(TokenPinWrongError, match="wrong PIN"):
        world["oscar"].decisions.issue_document(case_id)
    assert _documents(world) == 0


# --- 2. signed decisions ---------------------------------------------------------------------


def test_an_approval_written_in_a_supervisors_name_is_refused(world: World) -> None:
    case_id = world.new_case(S.CONSENT_RECORDED)
    _forge_approval(world, case_id, as_="sam", signed_by=None)
    with pytest.raises(GateBlockedError) as refused:
        world["oscar"].decisions.issue_document(case_id)
    assert "decision.unsigned" in refused.value.codes
    assert _documents(world) == 0


def test_an_approval_signed_with_someone_elses_key_is_refused(world: World) -> None:
    case_id = world.new_case(S.CONSENT_RECORDED)
    _forge_approval(world, case_id, as_="sam", signed_by="oscar")
    with pytest.raises(GateBlockedError) as refused:
        world["olga"].decisions.issue_document(case_id)
    assert "decision.unsigned" in refused.value.codes
    assert _documents(world) == 0


def test_an_altered_signed_approval_is_refused(world: World) -> None:
    case_id = world.new_case(S.CONSENT_RECORDED)
    world["sam"].decisions.reject_approval(case_id, "missing_evidence")
    with world.handles["oscar"].session() as session:  # flip the rejection into an approval
        row = session.scalars(select(Approval).where(Approval.case_id == case_id)).one()
        row.decision = "approved"
        case = session.get(Case, case_id)
        assert case is not None
        case.status = S.APPROVED.value
    with pytest.raises(GateBlockedError) as refused:
        world["oscar"].decisions.issue_document(case_id)
    assert "decision.unsigned" in refused.value.codes


def test_a_protection_decision_written_around_casework_blocks_the_case(world: World) -> None:
    case_id = world.new_case(S.CONSENT_RECORDED, interview=FEAR)
    with world.handles["oscar"].session() as session:  # "no protection need", in Pat's name
        screening = session.scalars(
            select(Screening).where(Screening.case_id == case_id,
                                    Screening.kind == "fear_of_return")
        ).one()  # fmt: skip
        screening.referral_outcome = "no_protection_need"
        screening.outcome = "cleared"
        screening.decided_by = _user_id(world, "pat")
        screening.decided_at = utcnow()
    with pytest.raises(GateBlockedError) as refused:
        world["sam"].decisions.approve(case_id)
    assert "decision.unsigned" in refused.value.codes


def test_genuine_decisions_verify(world: World) -> None:
    case_id = world.new_case(S.CONSENT_RECORDED, interview=FEAR)
    world["pat"].decisions.record_referral_outcome(case_id, "no_protection_need")
    world["sam"].decisions.approve(case_id)
    with world.admin.read_session() as session:
        assert signatures.problems(session, case_id) == ()
    etd = world["oscar"].decisions.issue_document(case_id)
    assert etd.seal


def test_a_replaced_public_key_does_not_make_a_forgery_pass(world: World) -> None:
    """Registering one's own key in the supervisor's name is the one way to forge: it leaves
    a key row the supervisor never made, which the audit names (see test_audit_verify)."""
    case_id = world.new_case(S.CONSENT_RECORDED)
    _forge_approval(world, case_id, as_="sam", signed_by="oscar")
    with world.admin.read_session() as session:
        assert signatures.problems(session, case_id)
        assert session.get(User, _user_id(world, "sam")) is not None


def test_the_internal_write_path_runs_the_gate(world: World) -> None:
    case_id = world.new_case(S.CONSENT_RECORDED)
    cw = world["oscar"]
    with pytest.raises(Exception) as refused, cw.db.session() as session:
        case = session.get(Case, case_id)
        assert case is not None
        case.status = S.APPROVED.value  # and skip the approval altogether
        cw.decisions._write_document(session, case, 30)
    assert "approval.missing" in getattr(refused.value, "codes", ())
    assert _documents(world) == 0


def test_signing_a_decision_is_cheap(world: World) -> None:
    """Not a timing test: the signature is 64 bytes and verifies with the registered key."""
    case_id = world.new_case(S.APPROVED)
    with world.admin.read_session() as session:
        row = session.scalars(select(Approval).where(Approval.case_id == case_id)).one()
        assert row.signature is not None and len(row.signature) == 64
        assert row.decided_at <= dt.datetime.now(dt.UTC)
        events = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "user.signing_key_added")
        ).all()
        assert len(events) >= 7  # the administrator and six staff


# --- 3. the audit trail ----------------------------------------------------------------------


def _rehash_after_deleting(world: World, action: str) -> None:
    """The insider drops the append-only triggers, deletes the last ``action`` event and
    re-hashes every later event and the head, so that the plain chain check passes."""
    from sqlalchemy import text

    from laissez.storage.models import AuditHead

    db = world.handles["oscar"]
    with db.session() as session:
        session.execute(text("DROP TRIGGER IF EXISTS audit_events_no_update"))
        session.execute(text("DROP TRIGGER IF EXISTS audit_events_no_delete"))
        victim = session.scalars(
            select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.seq.desc())
        ).first()
        assert victim is not None
        cut = victim.seq
        session.delete(victim)
        session.flush()
        prev = session.scalars(select(AuditEvent).where(AuditEvent.seq == cut - 1)).one().hash
        later = session.scalars(
            select(AuditEvent).where(AuditEvent.seq > cut).order_by(AuditEvent.seq)
        ).all()
        rows = [(e.seq, e) for e in later]
        for seq, event in rows:  # move each event one place down, re-linked and re-hashed
            session.execute(text("DELETE FROM audit_events WHERE seq = :s"), {"s": seq})
        session.flush()
        for seq, event in rows:
            session.expunge(event)
            from sqlalchemy.orm import make_transient

            make_transient(event)
            event.seq = seq - 1
            event.prev_hash = prev
            event.hash = audit.event_hash(event)
            prev = event.hash
            session.add(event)
            session.flush()
        head = session.get(AuditHead, 1)
        assert head is not None
        head.count -= 1
        head.last_hash = prev


def test_a_genuine_trail_verifies(world: World) -> None:
    case_id = world.new_case(S.APPROVED)
    world["oscar"].decisions.issue_document(case_id)
    assert world.admin.verify_audit().ok
    assert world.admin.verify_trust() == []


def test_a_trail_rehashed_after_deleting_an_event_is_named(world: World) -> None:
    world.new_case(S.APPROVED)
    world["olga"].intake.open_case()  # other staff keep working afterwards
    _rehash_after_deleting(world, "case.approve")
    assert world.admin.verify_audit().ok  # the bare chain is fooled
    problems = world.admin.verify_trust()
    assert any(p.kind == "forged_event" for p in problems)
    assert all("Rahman" not in p.message for p in problems)


def test_a_document_written_without_an_approval_is_named(world: World) -> None:
    case_id = world.new_case(S.CONSENT_RECORDED)
    with world.handles["oscar"].session() as session:
        oscar = _user_id(world, "oscar")
        session.add(TravelDocument(case_id=case_id, document_number="X0000001",
                                   status="issued", issued_by=oscar))  # fmt: skip
    kinds = {p.kind for p in world.admin.verify_trust()}
    assert "document_without_approval" in kinds


def test_an_event_in_an_unknown_or_another_users_name_is_named(world: World) -> None:
    case_id = world.new_case(S.CONSENT_RECORDED)
    _forge_approval(world, case_id, as_="sam", signed_by=None)  # its audit event names Sam
    with world.handles["oscar"].session() as session:
        audit.record(session, uuid.uuid4(), "case.note", "case", case_id)
    kinds = {p.kind for p in world.admin.verify_trust()}
    assert {"unsigned_event", "unknown_actor"} <= kinds


# --- 4. restores never roll back -------------------------------------------------------------


def test_an_older_backup_does_not_undo_a_revocation_or_reuse_a_number(world: World) -> None:
    from laissez.storage.backup import restore
    from laissez.storage.errors import PermissionDeniedError, RollbackRefusedError
    from laissez.storage.models import Revocation
    from tests.support.world import ADMIN_PASSPHRASE, PASSPHRASE

    first = world.new_case(S.APPROVED)
    etd = world["oscar"].decisions.issue_document(first)
    backup = world.admin.backup(world.path.parent / "backups-by-hand")
    second = world.new_case(S.APPROVED)
    later = world["oscar"].decisions.issue_document(second)
    world["oscar"].consent.withdraw_consent(first)  # voids and revokes the first ETD
    world.close()

    with pytest.raises(PermissionDeniedError):  # an officer cannot restore
        restore(backup, world.path, username="oscar", passphrase=PASSPHRASE.format(name="oscar"))
    with pytest.raises(RollbackRefusedError) as refused:
        restore(backup, world.path, username="admin", passphrase=ADMIN_PASSPHRASE)
    assert "1 revocation(s)" in str(refused.value) and "used document number" in str(refused.value)

    db = restore(backup, world.path, username="admin", passphrase=ADMIN_PASSPHRASE, reapply=True)
    try:
        with db.read_session() as session:
            doc = session.get(TravelDocument, etd.document_id)
            assert doc is not None and doc.status == "voided"
            assert session.scalars(select(Revocation.travel_document_id)).all() == [doc.id]
        from laissez.casework.service import Casework

        with db.session() as session:  # the number the lost document used is not given again
            from laissez.storage.sync import state as sync_state

            number = sync_state.take_number(session)
        assert number == 3  # 1 and 2 went to the two documents; the backup held 2 as next
        assert later.document_number != etd.document_number
        assert Casework(db).db.verify_audit().ok
    finally:
        db.close()


# --- 6. verifying a genuine document needs no hand-written certificate list -----------------


def test_etd_verify_finds_the_missions_own_certificates(
    world: World, monkeypatch: pytest.MonkeyPatch, tmp_path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    from laissez.cli import main

    etd = world["oscar"].decisions.issue_document(world.new_case(S.APPROVED))
    pdf = tmp_path / "etd.pdf"
    pdf.write_bytes(etd.pdf or b"")
    monkeypatch.setenv("LAISSEZ_DATA_DIR", str(world.path.parent))
    capsys.readouterr()
    status = main(["etd", "verify", str(pdf)])
    verdict = json.loads(capsys.readouterr().out)
    assert status == 0, verdict
    assert verdict["certificates"].endswith("certificates.json")
