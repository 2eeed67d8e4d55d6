"""``laissez audit`` and the other storage commands from the command line (passphrases on
stdin). ``laissez users`` and ``retention``: tests/casework/test_admin_cli.py."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from laissez.cli import main


@pytest.fixture
def run(monkeypatch, db_path: Path):
    def _run(*args: str, stdin: str = "") -> int:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        return main([*args, "--database", str(db_path)])

    return _run


def test_errors_are_one_line_with_a_code(run, capsys) -> None:
    assert run("audit", "verify", "--user", "root", stdin="whatever passphrase\n") == 2
    err = capsys.readouterr().err
    assert "storage.missing" in err and "Traceback" not in err
    assert run("audit", "verify", stdin="") == 2
    assert "--user" in capsys.readouterr().err
