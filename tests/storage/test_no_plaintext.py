"""No plaintext personal data anywhere on disk.

A whole case (a person with a distinctive name in two scripts and a distinctive document
number, a scan, an advisal, consent) goes through the storage layer with debug logging on; then
every byte of every file written (database, WAL, shm, key file, backups, temp directory, logs,
configuration) is searched for the name and the number in several encodings: zero hits.
"""

from __future__ import annotations

import io
import logging
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from laissez.cli import main
from laissez.storage import repository
from laissez.storage.database import Database
from laissez.storage.keys import TEST_KDF
from tests.support.storage import (
    ADMIN,
    ADMIN_PASS,
    DOC_NUMBER,
    ETD_NUMBER,
    GIVEN,
    GIVEN_ORIGINAL,
    OFFICER,
    OFFICER_PASS,
    SIGNATURE_MARKER,
    SURNAME,
    SURNAME_ORIGINAL,
    record_whole_case,
)


def _needles() -> list[bytes]:
    texts = [SURNAME, GIVEN, SURNAME_ORIGINAL, GIVEN_ORIGINAL, DOC_NUMBER, ETD_NUMBER]
    texts += [t.upper() for t in texts] + [t.lower() for t in texts]
    out: list[bytes] = []
    for text in texts:
        for encoding in ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le"):
            out.append(text.encode(encoding))
    out.append(SIGNATURE_MARKER)  # the drawn signature is encrypted like everything else
    return sorted(set(out))


def _files(*roots: Path) -> Iterator[Path]:
    for root in roots:
        if root.exists():
            yield from (p for p in root.rglob("*") if p.is_file())


def _hits(roots: list[Path]) -> list[str]:
    needles = _needles()
    found = []
    for path in _files(*roots):
        data = path.read_bytes()
        found += [f"{path.name}: {needle!r}" for needle in needles if needle in data]
    return found


@pytest.fixture
def app_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The temporary directory the application (and SQLite) would use."""
    directory = tmp_path / "app-tmp"
    directory.mkdir()
    monkeypatch.setenv("TMPDIR", str(directory))
    monkeypatch.setenv("SQLITE_TMPDIR", str(directory))
    monkeypatch.setattr(tempfile, "tempdir", str(directory))
    return directory


@pytest.fixture
def debug_log(db_path: Path) -> Iterator[Path]:
    """Everything logged at DEBUG, Laissez and SQLAlchemy included, goes to a file."""
    log_dir = db_path.parent / "logs"
    log_dir.mkdir(parents=True)
    handler = logging.FileHandler(log_dir / "laissez.log", encoding="utf-8")
    handler.setLevel(logging.DEBUG)
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    for name in ("sqlalchemy.engine", "sqlalchemy.pool", "alembic"):
        logging.getLogger(name).setLevel(logging.DEBUG)
    try:
        yield log_dir / "laissez.log"
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)
        handler.close()
        for name in ("sqlalchemy.engine", "sqlalchemy.pool", "alembic"):
            logging.getLogger(name).setLevel(logging.NOTSET)


def test_no_plaintext_personal_data_on_disk(
    db_path: Path,
    app_tmp: Path,
    debug_log: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    roots = [db_path.parent, app_tmp, tmp_path / "xdg-config", tmp_path / "xdg-cache",
             tmp_path / "xdg-data"]  # fmt: skip
    db = Database.create(db_path, username=ADMIN, passphrase=ADMIN_PASS, kdf=TEST_KDF)
    db.add_user(OFFICER, OFFICER_PASS, ["officer"], kdf=TEST_KDF)
    db.close()
    db = Database.open(db_path, username=OFFICER, passphrase=OFFICER_PASS)
    record_whole_case(db)
    with db.session() as session:  # the searches an officer runs, with sorting
        assert repository.search_cases_by_name_prefix(session, SURNAME[:4])
        # Fetching person rows: SQLAlchemy would log them at DEBUG if nothing stopped it.
        people = repository.search_people_by_name_prefix(session, SURNAME[:4])
        assert people[0].primary_name_latin == SURNAME
        assert repository.find_documents_by_number(session, DOC_NUMBER)[0].mrz_lines
        assert repository.search_cases_by_document_number(session, DOC_NUMBER)
    # Check while the database is open: the WAL and shm files hold the latest pages.
    assert (db_path.parent / (db_path.name + "-wal")).exists()
    assert _hits(roots) == []
    db.backup(db_path.parent / "backups" / "manual.laissez-backup")
    db.close()
    base = ["--database", str(db_path), "--user", ADMIN]
    monkeypatch.setattr("sys.stdin", io.StringIO(ADMIN_PASS + "\n"))
    assert main(["audit", "verify", *base]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO(ADMIN_PASS + "\n"))
    assert main(["database", "rekey", *base]) == 0
    assert debug_log.stat().st_size > 0, "the debug log was written"
    written = [p.name for p in _files(*roots)]
    assert "laissez.db" in written and "laissez.db.keys" in written
    assert _hits(roots) == []
