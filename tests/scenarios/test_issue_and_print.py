"""Story: a mission installs its seal signer, runs a safeguarded case to the end, issues the
ETD as a sealed PDF, and the printed page verifies against the mission's own trust state,
until the person withdraws consent and the same PDF verifies as revoked.

Everything runs on the real encrypted database; the PDF is rasterised and read back with
``laissez.printing.readback`` (DataMatrix decoder and MRZ OCR), which takes a few seconds.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.serialization import Encoding
from sqlalchemy import func, select

from laissez.casework.errors import (
    DocumentNotPrintableError,
    ReprintReasonRequiredError,
    RoleRequiredError,
    SignerInvalidError,
    SignerMissingError,
)
from laissez.casework.signing import make_test_signer, printed_etd
from laissez.casework.states import CaseState
from laissez.documents.seal import (
    CertificateList,
    Finding,
    Verdict,
    create_root,
    create_signer,
    decode_seal,
    decode_td2,
    verify_etd_seal,
)
from laissez.documents.seal.etd import TAG_MRZ_TD2
from laissez.printing.etd import render_etd
from laissez.printing.readback import load_pages, read_printed_mrz, read_seals, verify_document
from laissez.protocol import Revocation as PulledRevocation
from laissez.protocol import SignerCertificate
from laissez.storage.models import AuditEvent, OutboxEntry, PrintEvent, SigningKey, TravelDocument
from laissez.storage.sync import state as sync_state
from tests.support.world import World

S = CaseState


@pytest.fixture
def bare_world(isolated_dirs: Path) -> Iterator[World]:
    """A mission with staff but no signer installed yet."""
    yield from world_at_without_signer(isolated_dirs / "bare")


def world_at_without_signer(directory: Path) -> Iterator[World]:
    world = World(directory, signer=False)
    try:
        yield world
    finally:
        world.close()


def counts(world: World) -> tuple[int, int, int, int]:
    """Rows that an issue would add: documents, print events, audit events, outbox entries."""
    with world.admin.session() as session:
        return tuple(  # type: ignore[return-value]
            session.scalar(select(func.count()).select_from(model)) or 0
            for model in (TravelDocument, PrintEvent, AuditEvent, OutboxEntry)
        )


@pytest.mark.slow
def test_issue_print_verify_then_revoke(bare_world: World, tmp_path: Path) -> None:
    world = bare_world
    # 1. headquarters hands the mission its signer as PEM files; the administrator installs it
    files = make_test_signer(signer_identifier="BDDA", country="BD", mission="Dhaka test")
    key, cert, root = files.write(tmp_path / "signer")
    admin = world.admin_casework()
    signer_id = admin.signing.install_signer(
        key.read_bytes(), cert.read_bytes(), root.read_bytes(), password=files.password
    )
    assert [s.id for s in admin.signing.signers() if s.active] == [signer_id]

    # 2. the whole safeguarded flow, approved by a second supervisor, then issued
    case_id = world.new_case(S.APPROVED, officer="oscar", supervisor="sue")
    etd = world["olga"].decisions.issue_document(case_id)
    assert world["oscar"].state(case_id) is S.DOCUMENT_ISSUED
    assert etd.pdf.startswith(b"%PDF-") and len(etd.mrz_lines) == 2
    assert etd.mrz_lines[0].startswith("PUBGDRAHMAN<<AMINA")

    # 3. the database keeps what verifying and reprinting need, not the PDF
    with world.admin.session() as session:
        doc = session.get(TravelDocument, etd.document_id)
        assert doc is not None
        assert doc.mrz_lines == "\n".join(etd.mrz_lines) and doc.seal == etd.seal
        assert doc.signing_key_id == signer_id
    assert world["oscar"].signing.print_events(etd.document_id) == [("original", None)]

    # 4. read the page back: decode the DataMatrix, verify against the installed certificate,
    #    compare the printed MRZ (OCR) with the sealed one
    page = load_pages(etd.pdf)[0]
    seals, _ = read_seals(page)
    assert seals == (etd.seal,)
    printed, _, _sure = read_printed_mrz(page)
    value = decode_seal(seals[0]).feature(TAG_MRZ_TD2)
    assert value is not None
    sealed = decode_td2(value)
    assert printed == sealed == etd.mrz_lines
    installed = CertificateList.from_json(
        CertificateList((_cert(root.read_bytes()),), (_cert(cert.read_bytes()),)).to_json()
    )
    assert verify_etd_seal(seals[0], printed_mrz=printed, certificates=installed).valid
    check = verify_document(etd.pdf, certificates=installed)
    assert check.verification.verdict is Verdict.VALID
    assert world["oscar"].signing.verify_printed(etd.pdf).verification.verdict is Verdict.VALID
    scan = io.BytesIO()  # a scan of the page (an image, not the PDF) verifies too
    page.save(scan, format="PNG")
    assert (
        world["oscar"].signing.verify_printed(scan.getvalue()).verification.verdict is Verdict.VALID
    )

    # 5. the person withdraws consent: the same PDF is now revoked, and cannot be reprinted
    world["oscar"].consent.withdraw_consent(case_id)
    revoked = world["oscar"].signing.verify_printed(etd.pdf).verification
    assert revoked.verdict is Verdict.INVALID
    assert revoked.findings == (Finding.REVOKED_DOCUMENT,)
    with pytest.raises(DocumentNotPrintableError):
        world["oscar"].signing.reprint_document(etd.document_id, "damaged_copy")


def _cert(pem: bytes):  # type: ignore[no-untyped-def]
    from cryptography import x509

    return x509.load_pem_x509_certificate(pem)


def test_issuing_without_a_signer_fails_and_writes_nothing(bare_world: World) -> None:
    world = bare_world
    case_id = world.new_case(S.APPROVED)
    before = counts(world)
    with pytest.raises(SignerMissingError) as error:
        world["olga"].decisions.issue_document(case_id)
    assert "no seal signing key is installed" in error.value.message
    assert error.value.code == "casework.signer_missing"
    assert world["oscar"].state(case_id) is S.APPROVED
    assert counts(world) == before
    assert world["oscar"].decisions.documents(case_id) == []


def test_issuing_without_a_photo_is_refused_by_the_gate_and_writes_nothing(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    from laissez.casework import intake
    from laissez.casework.errors import GateBlockedError, PhotoInvalidError, PrintFailedError

    case_id = world.new_case(S.CONSENT_RECORDED, photo=None)
    gate = [i.code for i in world["olga"].gate(case_id)]
    assert gate == ["identity.photo_missing", "approval.missing"]
    before = counts(world)
    with pytest.raises(GateBlockedError):  # not even a supervisor can approve it
        world["sam"].decisions.approve(case_id)
    assert counts(world) == before
    # A photograph that is not an image is refused when it is recorded ...
    with pytest.raises(PhotoInvalidError):
        world.new_case(S.APPROVED, photo=b"\x89PNG not really")
    # ... and one stored before photographs were checked passes the gate but not the
    # printer: rolled back.
    monkeypatch.setattr(intake, "_check_photo", lambda _photo: None)
    broken = world.new_case(S.APPROVED, photo=b"\x89PNG not really")
    before = counts(world)
    with pytest.raises(PrintFailedError):
        world["olga"].decisions.issue_document(broken)
    assert counts(world) == before
    assert world["oscar"].state(broken) is S.APPROVED


def test_reprint_needs_a_reason_and_gives_the_same_seal_and_mrz(world: World) -> None:
    case_id = world.new_case(S.APPROVED)
    etd = world["olga"].decisions.issue_document(case_id)
    before = counts(world)
    for reason in (None, ""):
        with pytest.raises(ReprintReasonRequiredError):
            world["oscar"].signing.reprint_document(etd.document_id, reason)
    assert counts(world) == before
    with pytest.raises(RoleRequiredError):
        world["pat"].signing.reprint_document(etd.document_id, "printer_jam")
    pdf = world["oscar"].signing.reprint_document(etd.document_id, "printer_jam")
    assert pdf.startswith(b"%PDF-")
    page = load_pages(pdf, dpi=200)[0]
    assert read_seals(page)[0] == (etd.seal,)
    assert world["oscar"].signing.print_events(etd.document_id) == [
        ("original", None),
        ("reprint", "printer_jam"),
    ]
    with world.admin.session() as session:
        events = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "travel_document.reprinted")
        ).all()
        assert [e.details["reason"] for e in events] == ["printer_jam"]
        assert set(events[0].details) == {"print_event_id", "reason"}


@pytest.mark.slow
def test_a_pdf_altered_in_one_mrz_character_fails(world: World) -> None:
    case_id = world.new_case(S.APPROVED)
    etd = world["olga"].decisions.issue_document(case_id)
    with world.handles["oscar"].session() as session:
        doc = session.get(TravelDocument, etd.document_id)
        assert doc is not None
        page = printed_etd(session, doc)
    line = page.mrz_lines[0]
    forged = line[:5] + "B" + line[6:]  # RAHMAN -> BAHMAN; the seal still says RAHMAN
    assert forged != line
    pdf = render_etd(dataclasses.replace(page, mrz_lines=(forged, page.mrz_lines[1])))
    check = world["oscar"].signing.verify_printed(pdf).verification
    assert check.verdict is Verdict.INVALID
    assert Finding.SEAL_DOCUMENT_MISMATCH in check.findings


def test_install_signer_is_for_administrators_and_checks_the_chain(world: World) -> None:
    files = make_test_signer()
    other = make_test_signer()
    with pytest.raises(RoleRequiredError):
        world["sam"].signing.install_signer(
            files.key_pem, files.certificate_pem, files.root_pem, password=files.password
        )
    admin = world.admin_casework()
    with pytest.raises(SignerInvalidError, match="not issued by that root"):
        admin.signing.install_signer(
            files.key_pem, files.certificate_pem, other.root_pem, password=files.password
        )
    with pytest.raises(SignerInvalidError, match="does not match"):
        admin.signing.install_signer(
            other.key_pem, files.certificate_pem, files.root_pem, password=other.password
        )
    with pytest.raises(SignerInvalidError, match="wrong password"):
        admin.signing.install_signer(
            files.key_pem, files.certificate_pem, files.root_pem, password=b"x"
        )
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=3 * 365)
    with pytest.raises(SignerInvalidError, match="may be used from"):
        admin.signing.install_signer(
            files.key_pem, files.certificate_pem, files.root_pem, password=files.password,
            now=later,
        )  # fmt: skip
    new_id = admin.signing.install_signer(
        files.key_pem, files.certificate_pem, files.root_pem, password=files.password
    )
    assert [s.id for s in admin.signing.signers() if s.active] == [new_id]  # the old one retired
    with world.admin.session() as session:
        event = session.scalars(select(AuditEvent).where(AuditEvent.record_id == str(new_id))).one()
        assert (event.action, event.details) == ("signing_key.installed", {"replaced": 1})
        assert session.scalar(select(func.count()).select_from(SigningKey)) == 2
    # the private key is in the database, but the file holds no readable trace of it
    raw = world.path.read_bytes()
    assert b"PRIVATE KEY" not in raw and b"BEGIN CERTIFICATE" not in raw


def test_certificates_and_revocations_pulled_through_sync_are_used(bare_world: World) -> None:
    world = bare_world
    root = create_root("Headquarters (TEST)", "BD")
    mine = create_signer(root, "BDDA", mission="Dhaka")
    sibling = create_signer(root, "BDDB", mission="Chittagong")
    stranger = make_test_signer()
    world.admin_casework().signing.install_signer(
        mine.private_key_pem(b"pw"), mine.certificate_pem(),
        root.certificate.public_bytes(Encoding.PEM), password=b"pw",
    )  # fmt: skip
    case_id = world.new_case(S.APPROVED)
    etd = world["olga"].decisions.issue_document(case_id)
    cw = world["oscar"]
    assert not cw.signing.revocations_for(etd.seal).is_revoked("BGD", etd.document_number)
    # headquarters revokes the document and sends two more signer certificates
    now = dt.datetime.now(dt.UTC)
    sync_state.ensure_tables(world.admin.engine)
    with world.admin.session() as session:
        sync_state.store_revocation(
            session,
            PulledRevocation(seq=1, document_number=etd.document_number, revoked_at=now,
                             reason_code="fraud_suspected", source="headquarters"),
        )  # fmt: skip
        for number, pem in enumerate((sibling.certificate_pem(), stranger.certificate_pem)):
            sync_state.store_certificate(
                session,
                SignerCertificate(certificate_id=uuid.UUID(int=number + 1), pem=pem.decode(),
                                  valid_from=now, valid_until=now + dt.timedelta(days=30)),
            )  # fmt: skip
    assert cw.signing.revocations_for(etd.seal).is_revoked("BGD", etd.document_number)
    certificates = cw.signing.trusted_certificates()
    # a synced certificate is trusted only when a root this mission installed issued it
    assert certificates.find("BDDB", sibling.certificate_reference).trusted
    foreign = _cert(stranger.certificate_pem)
    lookup = certificates.find("UTTS", f"{foreign.serial_number:X}")
    assert lookup.certificate is not None and not lookup.trusted
    check = verify_etd_seal(etd.seal, printed_mrz=etd.mrz_lines, certificates=certificates,
                            revocations=cw.signing.revocations_for(etd.seal))  # fmt: skip
    assert check.findings == (Finding.REVOKED_DOCUMENT,)
