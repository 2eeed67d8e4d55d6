"""``laissez sync``: enrol, status, numbers, pull and push from the command line; offline is
exit status 1 with a sentence, never a traceback."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from laissez.cli import main
from laissez.protocol import kinds
from laissez.storage import outbox
from laissez.storage.database import Database
from laissez.storage.keys import TEST_KDF
from tests.support.pg import HqServer, free_port
from tests.support.sync import new_mission

PASS = "admin passphrase 1"


def _run(args: list[str], monkeypatch: pytest.MonkeyPatch, capsys) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(PASS + "\n"))
    monkeypatch.setenv("LAISSEZ_USER", "admin")
    status = main(args)
    out = capsys.readouterr()
    return status, out.out, out.err


def test_enrol_push_pull_numbers_and_status(
    tmp_path: Path, pg_url: str, hq_server: HqServer, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    db_path = tmp_path / "laissez.db"
    Database.create(db_path, username="admin", passphrase=PASS, kdf=TEST_KDF).close()
    mission, code = new_mission(pg_url)
    db = ["--database", str(db_path)]

    status, out, err = _run(
        ["sync", "enrol", "--hq", hq_server.url, "--code", code, *db], monkeypatch, capsys
    )
    assert status == 0, err
    assert json.loads(out)["mission_code"] == mission

    with Database.open(db_path, username="admin", passphrase=PASS) as opened, opened.session() as s:
        for i in range(5):
            outbox.enqueue(s, kinds.CASE_OPENED, f"c{i}", {"status": "draft"})
    status, out, _ = _run(["sync", "push", *db], monkeypatch, capsys)
    assert (status, json.loads(out)["acked"]) == (0, 5)

    status, out, _ = _run(["sync", "numbers", "25", *db], monkeypatch, capsys)
    got = json.loads(out)
    assert status == 0 and got["last"] - got["first"] == 24
    assert _run(["sync", "pull", *db], monkeypatch, capsys)[0] == 0

    status, out, _ = _run(["sync", "status", *db], monkeypatch, capsys)
    shown = json.loads(out)
    assert shown["outbox"] == {"acked": 5}
    assert shown["etd_numbers_left"] == 25
    assert shown["enrolled"]["mission_code"] == mission

    offline = f"http://127.0.0.1:{free_port()}"
    with Database.open(db_path, username="admin", passphrase=PASS) as opened, opened.session() as s:
        outbox.enqueue(s, kinds.CASE_OPENED, "c9", {"status": "draft"})
    status, out, _ = _run(["sync", "push", "--hq", offline, *db], monkeypatch, capsys)
    assert status == 1 and json.loads(out)["interrupted"] is True
    status, _, err = _run(["sync", "pull", "--hq", offline, *db], monkeypatch, capsys)
    assert status == 1 and "nothing was lost" in err and "Traceback" not in err


def test_a_wrong_enrolment_code_is_explained(
    tmp_path: Path, hq_server: HqServer, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    db_path = tmp_path / "laissez.db"
    Database.create(db_path, username="admin", passphrase=PASS, kdf=TEST_KDF).close()
    args = [
        "sync",
        "enrol",
        "--hq",
        hq_server.url,
        "--code",
        "WXYZ-WXYZ-WXYZ-WXYZ",
        "--database",
        str(db_path),
    ]
    status, _, err = _run(args, monkeypatch, capsys)
    assert status == 2
    assert "enrolment.refused" in err
    status, _, err = _run(["sync", "push", "--database", str(db_path)], monkeypatch, capsys)
    assert status == 2 and "[sync.not_enrolled]" in err
