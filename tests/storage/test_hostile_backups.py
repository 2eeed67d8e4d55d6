"""Every hostile backup file fed to ``laissez restore``: a typed refusal with a sentence, within
seconds and bounded memory, and the database it would replace left as it was."""

from __future__ import annotations

import io
import resource
import sys
import time
from pathlib import Path

import pytest

from laissez.cli import main
from laissez.storage import backup
from laissez.storage.database import Database
from laissez.storage.errors import BackupError
from tests.support.hostile import HOSTILE_BACKUPS
from tests.support.storage import ADMIN, ADMIN_PASS, record_whole_case

SECONDS = 10.0


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("hostile-backups")
    made = {}
    for name, make in HOSTILE_BACKUPS.items():
        (folder / name).mkdir()
        made[name] = make(folder / name)
    return made


@pytest.mark.parametrize("name", sorted(HOSTILE_BACKUPS))
def test_restoring_a_hostile_backup_is_refused_and_changes_nothing(
    db: Database, db_path: Path, hostile: dict[str, Path], name: str
) -> None:
    record_whole_case(db)
    db.close()
    before = db_path.read_bytes()
    grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.monotonic()
    with pytest.raises(BackupError) as caught:
        backup.restore(hostile[name], db_path, username=ADMIN, passphrase=ADMIN_PASS)
    assert time.monotonic() - started < SECONDS
    # nothing was read whole: the test process grew by less than 50 MB (the PAX header alone
    # claims 100 MB, the huge manifest 8 MB of nesting, 20,000 members)
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - grown < 50 * 1024
    message = str(caught.value)
    assert caught.value.code == "storage.backup" and message and "Traceback" not in message
    assert db_path.read_bytes() == before
    assert not list(db_path.parent.glob(".restore-*"))
    assert not (db_path.parent.parent / "laissez.db").exists()  # no path escaped the folder
    with Database.open(db_path, username=ADMIN, passphrase=ADMIN_PASS) as again:
        assert again.check_integrity() == []


@pytest.mark.parametrize("name", ["traversal", "fifo", "pax_bomb", "sparse"])
def test_the_restore_command_says_why_in_a_sentence(
    db: Database,
    db_path: Path,
    hostile: dict[str, Path],
    name: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    db.close()
    monkeypatch.setattr(sys, "stdin", io.StringIO(ADMIN_PASS + "\n"))
    status = main(["restore", str(hostile[name]), "--database", str(db_path), "--user", ADMIN])
    _out, err = capsys.readouterr()
    assert status != 0
    assert "Traceback" not in err and hostile[name].name in err


def test_a_genuine_backup_still_restores(db: Database, db_path: Path, tmp_path: Path) -> None:
    record_whole_case(db)
    made = db.backup(tmp_path / "good.laissez-backup")
    db.close()
    assert backup.read_manifest(made)["format"] == "laissez-backup"
    with backup.restore(made, tmp_path / "other" / "laissez.db", username=ADMIN,
                        passphrase=ADMIN_PASS) as restored:  # fmt: skip
        assert restored.check_integrity() == []
