"""Issue 15, item 3: the ICAO PKI flow through the real sync client and a real ``laissez-hq``
on PostgreSQL. A mission's administrator makes the seal signer's key in the SoftHSM2 token
and a certificate request; headquarters' country signing CA (its key in an encrypted file,
not in the database) issues the certificate on an administrator's approval; the next pull
installs it and a document sealed with it verifies VALID with ``laissez etd verify`` and the
files the pull wrote. A changed request is refused with its reason; a certificate that is not
for the token's key is refused by the device, which keeps its signer."""

from __future__ import annotations

import base64
import contextlib
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from laissez.casework.states import CaseState as S
from laissez.cli import main as laissez_main
from laissez.documents.seal.csr import sign_certificate
from laissez.documents.seal.pki import signer_builder, signer_identifier_of
from laissez.hq import csca
from laissez.hq.bundles import import_bundle
from laissez.hq.cli import main as hq_main
from laissez.hq.models import Mission, SignerRequestRecord
from laissez.storage.models import AuditEvent, SigningKey
from laissez.storage.sync import signer as sync_signer
from laissez.storage.sync import state as sync_state
from laissez.storage.sync.offline import export_bundle, import_reply
from tests.support import own_hq
from tests.support.day import enrol, sync
from tests.support.pg import HqServer
from tests.support.token import SOFTHSM_MODULE
from tests.support.world import World

# this module changes what headquarters hands out: its own database and process
pg_url = own_hq.pg_url
hq_process = own_hq.hq_process

pytestmark = pytest.mark.skipif(not SOFTHSM_MODULE.exists(), reason="SoftHSM2 is not installed")


@pytest.fixture(scope="module")
def csca_key(pg_url: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Headquarters' CSCA (country BD, the test world's State), made once per module with
    its key in a passphrase-encrypted file outside the database."""
    path = tmp_path_factory.mktemp("hq-csca") / "csca.key.pem"
    engine = create_engine(pg_url)
    with Session(engine) as s:
        if csca.current_certificate(s) is None:
            csca.init_csca(s, "BD", "Test CSCA of BD", key_path=path)
            s.commit()
    engine.dispose()
    return path


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    made = World(tmp_path / "a")
    try:
        yield made
    finally:
        made.close()


def _hq_request(hq: Session, mission_code: str) -> SignerRequestRecord:
    hq.expire_all()
    row = hq.scalar(
        select(SignerRequestRecord)
        .join(Mission, Mission.id == SignerRequestRecord.mission_id)
        .where(Mission.code == mission_code)
    )
    assert row is not None
    return row


def _active(world: World) -> SigningKey:
    """The one active signer (detached, its columns loaded)."""
    with world.admin.read_session() as s:
        rows = s.scalars(select(SigningKey).where(SigningKey.active.is_(True))).all()
        assert len(rows) == 1
        s.expunge(rows[0])
        return rows[0]


def _state(world: World) -> dict:
    with world.admin.read_session() as s:
        held = sync_signer.held(s)
    assert held is not None
    return held


def test_a_requested_certificate_is_approved_pulled_installed_and_its_seals_verify(
    world: World, pg_url: str, hq_server: HqServer, csca_key: Path, hq: Session, tmp_path: Path
) -> None:
    code = enrol(world, pg_url, hq_server.url)
    old = _active(world)
    request_id = world.admin_casework().certificates.request_certificate()
    assert _state(world)["status"] == "queued"

    assert sync(world.path, "push")[0] == 0  # the request goes with the push
    assert _state(world)["status"] == "pending"
    row = _hq_request(hq, code)
    assert (row.request_id, row.status) == (request_id, "pending")

    assert hq_main(["--database", pg_url, "admin", "approve-signer-request", str(row.id),
                    "--key-file", str(csca_key)]) == 0  # fmt: skip
    assert sync(world.path, "pull")[0] == 0
    assert _state(world)["status"] == "issued"
    new = _active(world)
    assert new.id != old.id and new.key_label == f"laissez-seal-{request_id}"
    cert = x509.load_pem_x509_certificate(new.certificate_pem.encode())
    issuer = x509.load_pem_x509_certificate(new.root_certificate_pem.encode())
    assert cert.issuer == issuer.subject and issuer.subject.rfc4514_string().endswith("C=BD")
    assert signer_identifier_of(cert).startswith("BD")
    with world.admin.read_session() as s:
        events = {e.action: e for e in s.scalars(select(AuditEvent))}
        asked, installed = events["signing_key.requested"], events["signing_key.installed"]
        assert asked.record_id == str(request_id) and asked.actor_id == new.created_by
        assert installed.details["request_id"] == str(request_id)

    etd = world["sam"].decisions.issue_document(world.new_case(S.APPROVED))
    pdf = tmp_path / "etd.pdf"
    pdf.write_bytes(etd.pdf)
    out = io.StringIO()
    files = world.path.parent
    with contextlib.redirect_stdout(out):
        status = laissez_main(["etd", "verify", str(pdf),
                               "--certificates", str(files / "certificates.json"),
                               "--revocations", str(files / "revocations.json")])  # fmt: skip
    verdict = json.loads(out.getvalue())
    assert (status, verdict["verdict"]) == (0, "VALID"), verdict


def _tampered(pem: str) -> str:
    """The request with one character of its subject changed (its signature no longer
    covers what it says)."""
    der = bytearray(x509.load_pem_x509_csr(pem.encode()).public_bytes(serialization.Encoding.DER))
    at = der.find(b" seal signer")
    der[at + 1] ^= 0x20  # "seal" -> "Seal"
    body = base64.encodebytes(bytes(der)).decode("ascii")
    return f"-----BEGIN CERTIFICATE REQUEST-----\n{body}-----END CERTIFICATE REQUEST-----\n"


def test_a_changed_request_is_refused_by_headquarters_with_its_reason(
    world: World, pg_url: str, hq_server: HqServer, csca_key: Path, hq: Session
) -> None:
    code = enrol(world, pg_url, hq_server.url)
    old = _active(world)
    world.admin_casework().certificates.request_certificate()
    with world.admin.session() as s:
        held = sync_signer.held(s)
        assert held is not None
        held["csr_pem"] = _tampered(held["csr_pem"])
        sync_state.put(s, sync_signer.KEY_SIGNER_REQUEST, json.dumps(held))

    assert sync(world.path, "push")[0] == 0
    row = _hq_request(hq, code)
    assert (row.status, row.reason_code) == ("refused", "csr.signature_invalid")
    held = _state(world)
    assert (held["status"], held["reason_code"]) == ("refused", "csr.signature_invalid")
    assert world.admin_casework().certificates.request_state().reason_code == (
        "csr.signature_invalid"
    )
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        refused = hq_main(["--database", pg_url, "admin", "approve-signer-request",
                           str(row.id), "--key-file", str(csca_key)])  # fmt: skip
    assert refused == 1 and "csr.signature_invalid" in err.getvalue()
    assert _active(world).id == old.id


def test_a_certificate_for_another_key_is_refused_and_the_signer_in_use_stays(
    world: World, pg_url: str, hq_server: HqServer, csca_key: Path, hq: Session, tmp_path: Path
) -> None:
    """By offline bundles this time: the request goes in the bundle, the certificate comes
    back in the reply."""
    code = enrol(world, pg_url, hq_server.url)
    old = _active(world)
    world.admin_casework().certificates.request_certificate()
    to_hq, reply = tmp_path / "to-hq.laissez", tmp_path / "from-hq.laissez"
    export_bundle(world.admin.session, to_hq)
    reply.write_bytes(import_bundle(hq, to_hq.read_bytes()).reply)
    hq.commit()
    import_reply(world.admin.session, reply)
    assert _state(world)["status"] == "pending"
    row = _hq_request(hq, code)
    csca.approve(hq, row.id, key_path=csca_key)
    # a certificate the CSCA really signed, but for another key than the token's
    ca = csca.load_csca(hq, key_path=csca_key)
    other = ec.generate_private_key(ec.SECP256R1()).public_key()
    ca_public = ca.certificate.public_key()
    assert isinstance(ca_public, ec.EllipticCurvePublicKey)
    wrong = sign_certificate(signer_builder(ca.certificate.subject, ca_public, other, "BDZZ",
                                            mission=code), ca.key, ca.certificate)  # fmt: skip
    row.certificate_pem = wrong.public_bytes(serialization.Encoding.PEM).decode("ascii")
    hq.commit()

    export_bundle(world.admin.session, to_hq)
    reply.write_bytes(import_bundle(hq, to_hq.read_bytes()).reply)
    hq.commit()
    import_reply(world.admin.session, reply, trust_dir=world.path.parent)

    held = _state(world)
    assert (held["status"], held["reason_code"]) == ("refused", "certificate.key_mismatch")
    assert _active(world).id == old.id
    case = world.new_case(S.APPROVED)
    assert world["sam"].decisions.issue_document(case).document_number  # the old signer seals
