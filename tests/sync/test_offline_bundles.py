"""Offline transfer: ``laissez sync export`` -> ``laissez-hq import`` -> ``laissez sync import``,
each a separate process, and the ways a bundle can be wrong."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from laissez.hq import admin
from laissez.hq.bundles import import_bundle
from laissez.hq.db import make_engine
from laissez.protocol import BundleError
from laissez.storage.sync import state
from laissez.storage.sync.offline import export_bundle, import_reply
from tests.support.pg import ROOT, HqServer
from tests.support.sync import Installation, hq_counts, install, legacy_entry

PASSPHRASE = "admin passphrase 1"


@pytest.fixture
def site(tmp_path: Path, pg_url: str, hq_server: HqServer) -> Iterator[Installation]:
    inst = install(tmp_path / "site", pg_url, hq_server.url)
    inst.engine.close()  # from now on the mission has no link
    yield inst
    inst.db.close()


def _run(*cmd: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, LAISSEZ_USER="admin")
    return subprocess.run(
        [sys.executable, "-m", *cmd], input=stdin, capture_output=True, text=True, cwd=ROOT,
        env=env, timeout=60,
    )  # fmt: skip


def test_a_round_trip_by_file_between_separate_processes(
    site: Installation, pg_url: str, tmp_path: Path
) -> None:
    site.write(40)
    legacy_entry(site.db, "case", "record_interview",
                 {"status": "interviewed", "version": 2,
                  "fear_details": "SECRET-FEAR"})  # fmt: skip
    with Session(create_engine(pg_url)) as s:
        admin.revoke_document(s, site.mission_code, "E5550001", "consent_withdrawn")
        s.commit()
    path, reply = tmp_path / "to-hq.laissez", tmp_path / "from-hq.laissez"
    db_path = str(site.db.path)
    site.db.close()

    out = _run(
        "laissez", "sync", "export", str(path), "--database", db_path, stdin=PASSPHRASE + "\n"
    )
    assert out.returncode == 0, out.stderr
    raw = path.read_bytes()
    assert b"SECRET" not in raw and b"draft" not in raw  # encrypted, and minimised before

    out = _run("laissez.hq.cli", "--database", pg_url, "import", str(path), "--reply", str(reply))
    assert out.returncode == 0, out.stderr
    assert hq_counts(pg_url, site.mission_code) == (41, 41, 0)
    # a second delivery of the same file stores nothing new
    assert (
        _run(
            "laissez.hq.cli", "--database", pg_url, "import", str(path), "--reply", str(reply)
        ).returncode
        == 0
    )
    assert hq_counts(pg_url, site.mission_code) == (41, 41, 0)

    out = _run(
        "laissez", "sync", "import", str(reply), "--database", db_path, stdin=PASSPHRASE + "\n"
    )
    assert out.returncode == 0, out.stderr
    from laissez.storage.database import Database

    site.db = Database.open(Path(db_path), username="admin", passphrase=PASSPHRASE)
    assert site.statuses() == {"acked": 41}
    with site.db.session() as s:
        assert state.is_revoked(s, "E5550001")


def test_a_changed_or_misdirected_bundle_is_refused(
    site: Installation, pg_url: str, tmp_path: Path, hq_server: HqServer
) -> None:
    site.write(3)
    path = tmp_path / "b.laissez"
    export_bundle(site.db.session, path)
    data = bytearray(path.read_bytes())
    i = data.index(b'"ciphertext": "') + 20
    data[i] = ord("A") if data[i] != ord("A") else ord("B")
    engine = make_engine(pg_url)
    try:
        with Session(engine) as s:
            with pytest.raises(BundleError):
                import_bundle(s, bytes(data))
            with pytest.raises(BundleError):
                import_bundle(s, b"not a bundle")
            good = import_bundle(s, path.read_bytes())
            s.commit()
    finally:
        engine.dispose()
    assert good.changes == 3
    # the reply is for this device only: a reply to another installation is refused here
    reply = tmp_path / "r.laissez"
    reply.write_bytes(good.reply)
    other = install(tmp_path / "other", pg_url, hq_server.url)
    try:
        with pytest.raises(BundleError):
            import_reply(other.db.session, reply)
    finally:
        other.engine.close()
        other.db.close()
    pushed, _ = import_reply(site.db.session, reply)
    assert pushed.acked == 3
    assert site.statuses() == {"acked": 3}


def test_a_bundle_has_the_officers_keys_certified_and_the_audit_head_anchored(
    site: Installation, pg_url: str, tmp_path: Path
) -> None:
    from sqlalchemy import select

    from laissez.hq.models import AuditAnchorRecord, UserKeyCertificateRecord
    from laissez.protocol.signing import b64url
    from laissez.storage.models import UserSigningKey
    from laissez.storage.sync import trust

    site.write(2)
    path, reply = tmp_path / "out.laissez", tmp_path / "in.laissez"
    export_bundle(site.db.session, path)
    engine = make_engine(pg_url)
    try:
        with Session(engine) as s:
            reply.write_bytes(import_bundle(s, path.read_bytes()).reply)
            s.commit()
        import_reply(site.db.session, reply)
        with site.db.read_session() as local:
            device_id = state.load_identity(local).device_id
            keys = {b64url(k) for k in local.scalars(select(UserSigningKey.public_key))}
            held = {c.public_key for c in trust.certificates(local)}
            anchored = trust.held_anchor(local)
        with Session(engine) as s:
            at_hq = s.get(AuditAnchorRecord, device_id)
            certified = set(s.scalars(select(UserKeyCertificateRecord.public_key)))
    finally:
        engine.dispose()
    assert keys and keys <= held and keys <= certified
    assert at_hq is not None and anchored.count == at_hq.count > 0
