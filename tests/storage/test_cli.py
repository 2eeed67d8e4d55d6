"""``laissez users`` and ``laissez database`` from the command line (passphrases on stdin)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from laissez.cli import main
from laissez.storage.database import Database, keys_path
from laissez.storage.keys import DEFAULT_KDF, KeyFile

ADMIN_PASS = "cli admin passphrase"
BOB_PASS = "cli bob passphrase"


@pytest.fixture
def run(monkeypatch, db_path: Path):
    def _run(*args: str, stdin: str = "") -> int:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        return main([*args, "--database", str(db_path)])

    return _run


def test_users_lifecycle(run, db_path: Path, capsys) -> None:
    assert run("users", "init", "--user", "root", "--mission-code", "BER",
               stdin=f"{ADMIN_PASS}\n") == 0  # fmt: skip
    # The real installation uses the default Argon2id parameters.
    key_file = KeyFile.load(keys_path(db_path))
    slot = key_file.to_dict()["slots"][key_file.slot_id("root")]
    assert slot["kdf"]["memory_cost_kib"] == DEFAULT_KDF.memory_cost_kib
    assert run("users", "add", "bob", "--role", "officer", "--role", "supervisor",
               "--user", "root", stdin=f"{ADMIN_PASS}\n{BOB_PASS}\n") == 0  # fmt: skip
    assert run("users", "list", "--user", "bob", stdin=f"{BOB_PASS}\n") == 0
    out = capsys.readouterr().out
    assert "bob\tofficer,supervisor" in out and "root\tadministrator" in out
    # bob is no administrator
    assert run("users", "add", "eve", "--role", "officer", "--user", "bob",
               stdin=f"{BOB_PASS}\n") == 2  # fmt: skip
    assert "storage.permission" in capsys.readouterr().err
    assert run("users", "passwd", "--user", "bob",
               stdin=f"{BOB_PASS}\nbob second passphrase\n") == 0  # fmt: skip
    assert run("database", "check", "--user", "bob", stdin="bob second passphrase\n") == 0
    assert "ok: file intact" in capsys.readouterr().out
    assert run("users", "remove", "bob", "--user", "root", stdin=f"{ADMIN_PASS}\n") == 0
    assert "database key rotated" in capsys.readouterr().out
    assert run("database", "check", "--user", "bob", stdin="bob second passphrase\n") == 2
    err = capsys.readouterr().err
    assert "storage.wrong_passphrase" in err and "Traceback" not in err
    with Database.open(db_path, username="root", passphrase=ADMIN_PASS) as db:
        assert db.verify_audit().ok


def test_errors_are_one_line_with_a_code(run, capsys) -> None:
    assert run("audit", "verify", "--user", "root", stdin="whatever passphrase\n") == 2
    err = capsys.readouterr().err
    assert "storage.missing" in err and "Traceback" not in err
    assert run("users", "init", "--user", "root", stdin="short\n") == 2
    assert "storage.weak_passphrase" in capsys.readouterr().err
    assert run("audit", "verify", stdin="") == 2
    assert "--user" in capsys.readouterr().err
