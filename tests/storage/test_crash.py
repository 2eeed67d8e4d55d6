"""Crash safety: a child process writing cases is killed with SIGKILL at random moments.

After every kill the database must open, pass ``PRAGMA integrity_check`` and
``cipher_integrity_check``, its audit chain must verify, and every transaction the child
reported as committed must be there. The child is forked (fast: modules already imported) and
reports each committed case id through a pipe right after its commit returned.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import select
import signal
import time
import uuid
from pathlib import Path

import pytest
from sqlalchemy import func
from sqlalchemy import select as sql_select

from laissez.protocol import kinds
from laissez.storage import audit, outbox
from laissez.storage.database import Database
from laissez.storage.models import Case, IdentityDocument, Person
from laissez.storage.repository import name_key
from tests.support.storage import ADMIN, ADMIN_PASS

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        "fork" not in multiprocessing.get_all_start_methods() or not hasattr(signal, "SIGKILL"),
        reason="needs fork() and SIGKILL (POSIX)",
    ),
]

KILLS = 55
REKEY_KILLS = 20
MAX_RUN_S = 0.2


def _writer(path: str, fd: int, seed: int) -> None:
    """Child: open the database and write cases until killed; report each committed id."""
    rng = random.Random(seed)
    try:
        db = Database.open(Path(path), username=ADMIN, passphrase=ADMIN_PASS)
        os.write(fd, b"R" * 16)  # ready
        while True:
            with db.session() as session:
                person = Person(primary_name_latin="CRASH", search_name=name_key("CRASH"))
                session.add(person)
                session.flush()
                session.add(IdentityDocument(person_id=person.id, document_number="C1",
                                             mrz_lines="X" * rng.randint(10, 3000)))  # fmt: skip
                case = Case(person_id=person.id, created_by=db.user.id)
                session.add(case)
                session.flush()
                audit.record(session, db.user.id, "case.created", "case", case.id)
                outbox.enqueue(session, kinds.CASE_OPENED, case.id, {"status": "draft"},
                               case_id=case.id)  # fmt: skip
                if rng.random() < 0.2:  # some deletions, so freed pages get zeroed too
                    session.query(IdentityDocument).filter(
                        IdentityDocument.person_id == person.id
                    ).delete()
                    session.add(IdentityDocument(person_id=person.id, document_number="C2"))
            os.write(fd, case.id.bytes)
    finally:
        os._exit(0)


def _rekeyer(path: str, fd: int) -> None:
    """Child: rotate the database key over and over until killed."""
    try:
        db = Database.open(Path(path), username=ADMIN, passphrase=ADMIN_PASS)
        os.write(fd, b"R")
        while True:
            os.write(fd, b"S")  # a rotation starts
            db.rekey()
            os.write(fd, b"K")  # ... and is complete
    finally:
        os._exit(0)


def _read_available(fd: int, buffer: bytearray, timeout: float) -> None:
    ready, _, _ = select.select([fd], [], [], timeout)
    if ready:
        chunk = os.read(fd, 65536)
        buffer.extend(chunk)


def test_sigkill_while_writing_loses_nothing_committed(db: Database, db_path: Path) -> None:
    db.close()
    ctx = multiprocessing.get_context("fork")
    rng = random.Random(20261124)
    committed: set[uuid.UUID] = set()
    kills = 0
    for round_no in range(KILLS):
        read_fd, write_fd = os.pipe()
        child = ctx.Process(target=_writer, args=(str(db_path), write_fd, round_no))
        child.start()
        os.close(write_fd)
        buffer = bytearray()
        # Kill at a random moment: one round in five while the child is still opening
        # (schema check, purge, unlock event), the others in the middle of writing, counted
        # from the moment it is ready so a busy machine does not shift every kill into open.
        if rng.random() >= 0.2:
            started = time.monotonic()
            while len(buffer) < 16 and time.monotonic() - started < 30:
                _read_available(read_fd, buffer, 0.05)
        deadline = time.monotonic() + rng.uniform(0.0, MAX_RUN_S)
        while time.monotonic() < deadline:
            _read_available(read_fd, buffer, max(0.0, deadline - time.monotonic()))
        os.kill(child.pid, signal.SIGKILL)  # type: ignore[arg-type]
        child.join(5)
        assert child.exitcode == -signal.SIGKILL, "the child was killed, not finished"
        kills += 1
        while True:  # ids written before the kill are still in the pipe
            chunk = os.read(read_fd, 65536)
            if not chunk:
                break
            buffer.extend(chunk)
        os.close(read_fd)
        ids = [bytes(buffer[i : i + 16]) for i in range(0, len(buffer) - len(buffer) % 16, 16)]
        committed.update(uuid.UUID(bytes=b) for b in ids if b != b"R" * 16)

        with Database.open(db_path, username=ADMIN, passphrase=ADMIN_PASS, purge=False) as again:
            assert again.check_integrity() == [], f"round {round_no}"
            report = again.verify_audit()
            assert report.ok, f"round {round_no}: {report.problem}"
            with again.session() as session:
                present = set(session.scalars(sql_select(Case.id)))
                assert committed <= present, f"round {round_no}: committed cases lost"
                rows = session.scalar(sql_select(func.count()).select_from(Case))
                assert rows == len(present)
    assert kills >= 50
    assert len(committed) > kills, "kills landed while cases were being written"


def test_sigkill_during_key_rotation_leaves_a_database_that_opens(
    db: Database, db_path: Path
) -> None:
    with db.session() as session:
        for _ in range(200):  # enough pages that a rotation takes a moment
            session.add(Person(primary_name_latin="R" * 500, search_name="R"))
    db.close()
    ctx = multiprocessing.get_context("fork")
    rng = random.Random(7)
    rotations = mid_rotation = 0
    for round_no in range(REKEY_KILLS):
        read_fd, write_fd = os.pipe()
        child = ctx.Process(target=_rekeyer, args=(str(db_path), write_fd))
        child.start()
        os.close(write_fd)
        buffer = bytearray()
        deadline = time.monotonic() + rng.uniform(0.05, 0.5)
        while time.monotonic() < deadline:
            _read_available(read_fd, buffer, max(0.0, deadline - time.monotonic()))
        os.kill(child.pid, signal.SIGKILL)  # type: ignore[arg-type]
        child.join(5)
        while chunk := os.read(read_fd, 4096):
            buffer.extend(chunk)
        os.close(read_fd)
        rotations += buffer.count(b"K")
        mid_rotation += bytes(buffer).endswith(b"S")
        with Database.open(db_path, username=ADMIN, passphrase=ADMIN_PASS, purge=False) as again:
            assert again.check_integrity() == [], f"round {round_no}"
            assert again.verify_audit().ok, f"round {round_no}"
            with again.session() as session:
                assert session.scalar(sql_select(func.count()).select_from(Person)) == 200
    assert rotations > 0 and mid_rotation >= 3, "kills landed between and during rotations"
