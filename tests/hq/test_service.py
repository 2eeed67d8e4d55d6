"""The headquarters API on real PostgreSQL: enrolment, signatures, replays, idempotent push,
conflicts kept and shown, data minimisation, configuration and published data in pull."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import select

from laissez.hq import admin
from laissez.hq.models import ChangeRecord, EnrolmentCode
from laissez.protocol import Change, EnrolRequest, kinds
from laissez.protocol.kinds import CaseStatus, Kind
from laissez.protocol.signing import generate_device_key, public_key_text
from tests.support.hq import Dev, batch, call, change, make_mission, new_code
from tests.support.pg import ADMIN_TOKEN, unique_code
from tests.support.publications import new_form_version

JSON = {"content-type": "application/json"}


def test_enrolment_code_works_once(env) -> None:
    client, sessions = env
    code = unique_code()
    make_mission(sessions, code)
    enrolment = new_code(sessions, code)
    body = EnrolRequest(enrolment_code=enrolment, public_key=public_key_text(generate_device_key()))
    first = client.post("/v1/enrol", headers=JSON, content=body.to_bytes())
    assert first.status_code == 200
    assert first.json()["mission_code"] == code
    again = EnrolRequest(
        enrolment_code=enrolment, public_key=public_key_text(generate_device_key())
    )
    second = client.post("/v1/enrol", headers=JSON, content=again.to_bytes())
    assert second.status_code == 403
    assert second.json()["code"] == "enrolment.refused"


def test_expired_or_unknown_codes_and_bad_keys_are_refused(env) -> None:
    client, sessions = env
    code = unique_code()
    make_mission(sessions, code)
    enrolment = new_code(sessions, code)
    with sessions() as s:
        for row in s.scalars(select(EnrolmentCode).where(EnrolmentCode.used_at.is_(None))):
            row.expires_at = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)
        s.commit()
    key = public_key_text(generate_device_key())
    expired = client.post(
        "/v1/enrol",
        headers=JSON,
        content=EnrolRequest(enrolment_code=enrolment, public_key=key).to_bytes(),
    )
    assert expired.status_code == 403
    unknown = client.post(
        "/v1/enrol",
        headers=JSON,
        content=EnrolRequest(enrolment_code="AAAA-BBBB-CCCC", public_key=key).to_bytes(),
    )
    assert unknown.status_code == 403
    bad_key = client.post(
        "/v1/enrol",
        headers=JSON,
        content=EnrolRequest(
            enrolment_code=new_code(sessions, code), public_key="A" * 44
        ).to_bytes(),
    )
    assert (bad_key.status_code, bad_key.json()["code"]) == (400, "key.invalid")


def test_unsigned_tampered_stale_and_replayed_requests_are_refused(env, dev: Dev) -> None:
    client, _ = env
    body = batch(change())
    assert client.post("/v1/push", headers=JSON, content=body).json()["code"] == "auth.header"

    headers_ok = call(client, dev, "GET", "/v1/pull")
    assert headers_ok.status_code == 200

    from laissez.protocol.signing import sign_request

    headers = sign_request(dev.key, dev.device_id, "POST", "/v1/push", body)
    tampered = client.post(
        "/v1/push", content=body.replace(b"draft", b"drafu"), headers=headers | JSON
    )
    assert (tampered.status_code, tampered.json()["code"]) == (401, "auth.signature")

    stale = call(client, dev, "GET", "/v1/pull", now=dt.datetime.now().timestamp() - 600)
    assert (stale.status_code, stale.json()["code"]) == (401, "auth.stale")

    nonce = uuid.uuid4().hex
    assert call(client, dev, "GET", "/v1/pull", nonce=nonce).status_code == 200
    replay = call(client, dev, "GET", "/v1/pull", nonce=nonce)
    assert (replay.status_code, replay.json()["code"]) == (401, "auth.replay")

    stranger = Dev(str(uuid.uuid4()), dev.key, dev.mission_code)
    assert call(client, stranger, "GET", "/v1/pull").json()["code"] == "auth.device"


def test_a_revoked_device_is_refused(env, dev: Dev) -> None:
    client, sessions = env
    with sessions() as s:
        admin.revoke_device(s, uuid.UUID(dev.device_id))
        s.commit()
    resp = call(client, dev, "POST", "/v1/push", batch(change()))
    assert (resp.status_code, resp.json()["code"]) == (403, "device.revoked")


def test_push_is_idempotent_and_a_different_content_is_a_kept_conflict(env, dev: Dev) -> None:
    client, sessions = env
    first = change({"status": "draft"})
    other = change({"status": "advised"})
    resp = call(client, dev, "POST", "/v1/push", batch(first, other))
    assert [a["status"] for a in resp.json()["acks"]] == ["accepted", "accepted"]

    again = call(client, dev, "POST", "/v1/push", batch(first, other))
    assert [a["status"] for a in again.json()["acks"]] == ["duplicate", "duplicate"]

    clash = change({"status": "closed"}, change_id=first.change_id, entity_id=first.entity_id)
    resp = call(client, dev, "POST", "/v1/push", batch(clash))
    assert resp.json()["acks"][0]["status"] == "conflict"
    with sessions() as s:
        versions = s.scalars(
            select(ChangeRecord.payload).where(ChangeRecord.change_id == first.change_id)
        ).all()
    assert sorted(v["status"] for v in versions) == ["closed", "draft"]

    listed = client.get(
        "/v1/admin/conflicts", headers={"Authorization": f"Bearer {ADMIN_TOKEN}"}
    ).json()
    assert str(first.change_id) in {c["change_id"] for c in listed}
    assert client.get("/v1/admin/conflicts").status_code == 401

    stored = call(client, dev, "GET", "/v1/changes").json()
    assert len(stored) == 3


def test_a_damaged_change_is_rejected_not_stored(env, dev: Dev) -> None:
    client, sessions = env
    good = change({"status": "draft"})
    damaged = good.model_copy(update={"payload": {"status": "other"}})
    resp = call(client, dev, "POST", "/v1/push", batch(damaged))
    ack = resp.json()["acks"][0]
    assert (ack["status"], ack["reason"]) == ("rejected", "hash_mismatch")
    with sessions() as s:
        assert (
            s.scalar(select(ChangeRecord).where(ChangeRecord.change_id == good.change_id)) is None
        )


def test_protection_details_and_unconsented_identity_stay_on_the_mission(env, dev: Dev) -> None:
    """An older client that left a name or a fear detail in a payload: headquarters drops
    them and keeps what the contract allows; with sharing switched on, the contract still
    has no place for them, so the change is refused rather than stored with them."""
    client, sessions = env
    interview = kinds.kind("case", "record_interview")
    allowed = {"status": "interviewed", "version": 2, "form": "fear_of_return"}
    extra = {"primary_name": "ESPERANZA", "fear_details": "threatened"}
    leaky = Change.build(
        change_id=uuid.uuid4(), entity=interview.entity, entity_id=str(uuid.uuid4()),
        operation=interview.operation, schema_version=interview.version, payload=allowed | extra,
    )  # fmt: skip
    resp = call(client, dev, "POST", "/v1/push", batch(leaky))
    ack = resp.json()["acks"][0]
    assert (ack["status"], ack["stripped"]) == ("accepted", ["fear_details", "primary_name"])
    stored = call(client, dev, "GET", "/v1/changes").json()[-1]
    assert stored["payload"] == allowed
    assert "ESPERANZA" not in str(stored) and "threatened" not in str(stored)

    with sessions() as s:
        admin.set_config(s, dev.mission_code, "share_protection_details", True)
        s.commit()
    consented = Change.build(
        change_id=uuid.uuid4(), entity=interview.entity, entity_id=str(uuid.uuid4()),
        operation=interview.operation, schema_version=interview.version,
        payload=allowed | extra | {"data_sharing_consent": ["headquarters"]},
    )  # fmt: skip
    ack = call(client, dev, "POST", "/v1/push", batch(consented)).json()["acks"][0]
    assert (ack["status"], ack["reason"]) == ("rejected", "payload.invalid")
    assert "ESPERANZA" not in str(call(client, dev, "GET", "/v1/changes").json())


def test_each_change_the_contract_does_not_allow_is_refused_alone(env, dev: Dev) -> None:
    client, sessions = env
    teleport = Kind("case", "teleport", {1: CaseStatus})  # a kind no mission may send
    consent = kinds.kind("case", "record_consent")
    good = change()
    unknown = teleport.change(uuid.uuid4(), {"status": "draft", "version": 1})
    ahead = change().model_copy(update={"schema_version": 2})
    ahead = Change.build(
        change_id=ahead.change_id, entity=ahead.entity, entity_id=ahead.entity_id,
        operation=ahead.operation, payload=ahead.payload, schema_version=2,
    )  # fmt: skip
    wrong = Change.build(
        change_id=uuid.uuid4(), entity=consent.entity, entity_id="c", operation=consent.operation,
        schema_version=consent.version,
        payload={"status": "advised", "version": 3, "scope": "everything", "decision": "granted"},
    )  # fmt: skip
    acks = call(client, dev, "POST", "/v1/push", batch(unknown, good, ahead, wrong)).json()
    assert [(a["status"], a["reason"]) for a in acks["acks"]] == [
        ("rejected", "kind.unknown"),
        ("accepted", None),
        ("rejected", "kind.version_ahead"),
        ("rejected", "payload.invalid"),
    ]
    with sessions() as s:
        kept = s.scalars(
            select(ChangeRecord.change_id).where(
                ChangeRecord.change_id.in_([c.change_id for c in (unknown, good, ahead, wrong)])
            )
        ).all()
    assert kept == [good.change_id]


def test_wrong_protocol_version_and_invalid_bodies_get_coded_errors(env, dev: Dev) -> None:
    client, _ = env
    body = batch(change()).replace(b'"protocol_version":1', b'"protocol_version":9')
    resp = call(client, dev, "POST", "/v1/push", body)
    assert (resp.status_code, resp.json()["code"]) == (400, "protocol.version")
    secret = b'{"batch_id":"nope","changes":[{"payload":{"name":"SECRET-NAME"}}]}'
    resp = call(client, dev, "POST", "/v1/push", secret)
    assert resp.status_code == 422
    assert "SECRET-NAME" not in resp.text


def test_pull_brings_forms_certificates_configuration_and_revocations(env, dev: Dev) -> None:
    client, sessions = env
    now = dt.datetime.now(dt.UTC)
    with sessions() as s:
        key, _digest = admin.publish_form(s, new_form_version())
        admin.add_signer_certificate(s, "-----BEGIN CERTIFICATE-----", now, now, dev.mission_code)
        admin.set_config(s, dev.mission_code, "retention_days", 30)
        admin.revoke_document(s, dev.mission_code, "E1234567", "consent_withdrawn")
        s.commit()
    pulled = call(client, dev, "GET", "/v1/pull").json()
    assert pulled["configuration"] == {"retention_days": 30, "share_protection_details": False}
    assert [r["document_number"] for r in pulled["revocations"]] == ["E1234567"]
    published = {f"{f['form_id']}@{f['version']}": f["signature"] for f in pulled["form_versions"]}
    assert published[key]  # with headquarters' signature
    assert len(pulled["signer_certificates"]) >= 1
    cursor = pulled["cursor"]
    assert call(client, dev, "GET", f"/v1/pull?since={cursor}").json()["revocations"] == []


def test_a_mission_revocation_change_lands_in_the_revocation_list(env, dev: Dev) -> None:
    client, _ = env
    revoke = change(
        {"travel_document_id": str(uuid.uuid4()), "document_number": "E7654321",
         "reason": "consent_withdrawn", "revoked_at": "2026-03-01T09:00:00+00:00"},
        kind=kinds.DOCUMENT_REVOKED,
    )  # fmt: skip
    assert call(client, dev, "POST", "/v1/push", batch(revoke)).json()["acks"][0]["status"] == (
        "accepted"
    )
    pulled = call(client, dev, "GET", "/v1/pull").json()
    assert [(r["document_number"], r["source"]) for r in pulled["revocations"]] == [
        ("E7654321", "mission")
    ]
    assert pulled["revocations"][0]["revoked_at"].startswith("2026-03-01T09:00")


def test_accountability_report_counts_without_personal_data(env, dev: Dev) -> None:
    client, _ = env
    month = dt.datetime(2026, 2, 10, tzinfo=dt.UTC)
    fear = kinds.kind("case", "record_fear_expressed")
    opened = [
        kinds.CASE_OPENED.change(uuid.uuid4(), {"status": "draft"}, created_at=month)
        for _ in range(6)
    ]
    flagged = fear.change(opened[0].entity_id, {"status": "interviewed", "version": 3},
                          created_at=month)  # fmt: skip
    counts = kinds.PROTECTION_COUNTS.change(
        "2026-02", {"month": "2026-02", "raised": 1, "cleared": 0}, created_at=month
    )
    acks = call(client, dev, "POST", "/v1/push", batch(*opened, flagged, counts)).json()["acks"]
    # the fear about one case is acknowledged but not kept (the mission shares no protection
    # details): only the month's counts are
    assert [a["status"] for a in acks] == ["accepted"] * 8
    auth = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
    data = client.get("/v1/admin/report", headers=auth).json()
    mine = [r for r in data["rows"] if r["mission_code"] == dev.mission_code]
    assert [r["month"] for r in mine] == ["2026-02", "total"]
    # six cases opened are shown; one red flag is too few to show
    assert (mine[0]["cases_opened"], mine[0]["fear_of_return_flags"]) == (6, 0)
    assert (mine[0]["protection_flags_raised"], mine[0]["protection_flags_cleared"]) == (None, 0)
    csv_text = client.get("/v1/admin/report?format=csv", headers=auth).text
    assert csv_text.startswith("mission_code,month,cases_opened")
    assert f"{dev.mission_code},2026-02,6," in csv_text
    assert client.get("/v1/admin/report").status_code == 401


def test_an_oversized_body_is_refused_before_it_is_read(env, dev: Dev, monkeypatch) -> None:
    import laissez.hq.app as app_module

    client, _ = env
    monkeypatch.setattr(app_module, "MAX_BODY_BYTES", 2000)
    body = batch(*(change() for _ in range(20)))
    resp = call(client, dev, "POST", "/v1/push", body)
    assert (resp.status_code, resp.json()["code"]) == (413, "request.too_large")
