"""``laissez users`` and ``laissez retention`` from the command line (passphrases on stdin):
the rules of ``casework.staff`` and ``casework.settings`` hold here as on the Settings screen."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from sqlalchemy import select

from laissez.cli import main
from laissez.storage.database import DATABASE_NAME, Database, keys_path
from laissez.storage.keys import DEFAULT_KDF, TEST_KDF, KeyFile
from laissez.storage.models import Mission

ADMIN_PASS = "cli admin passphrase"
BOB_PASS = "cli bob passphrase"


@pytest.fixture
def db_path(isolated_dirs: Path) -> Path:
    isolated_dirs.mkdir(parents=True, exist_ok=True)
    return isolated_dirs / DATABASE_NAME


@pytest.fixture
def mission(db_path: Path) -> Path:
    """A database with ``root`` (administrator) and ``bob`` (officer), cheap key slots."""
    with Database.create(db_path, username="root", passphrase=ADMIN_PASS, kdf=TEST_KDF,
                         mission_code="BER") as db:  # fmt: skip
        db.add_user("bob", BOB_PASS, ["officer"], kdf=TEST_KDF)
    return db_path


@pytest.fixture
def run(monkeypatch, db_path: Path):
    def _run(*args: str, stdin: str = "") -> int:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        return main([*args, "--database", str(db_path)])

    return _run


def test_users_lifecycle(run, db_path: Path, capsys) -> None:
    # a mission needs its own State, an ICAO State code
    for bad in ([], ["--country-code", "XXX"], ["--country-code", "EUE"]):
        assert run("users", "init", "--user", "root", "--mission-code", "BER", *bad,
                   stdin=f"{ADMIN_PASS}\n") == 2  # fmt: skip
        assert "--country-code" in capsys.readouterr().err
    assert not db_path.exists()
    assert run("users", "init", "--user", "root", "--mission-code", "BER",
               "--country-code", "deu", stdin=f"{ADMIN_PASS}\n") == 0  # fmt: skip
    with Database.open(db_path, username="root", passphrase=ADMIN_PASS) as db, db.session() as s:
        assert s.scalars(select(Mission.country_code)).one() == "DEU"
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
    assert "casework.role_required" in capsys.readouterr().err
    # a role is the administrator's signed decision, never the grantee's own
    assert run("users", "roles", "bob", "--role", "officer", "--user", "root",
               stdin=f"{ADMIN_PASS}\n") == 0  # fmt: skip
    assert run("users", "roles", "root", "--role", "administrator", "--role", "supervisor",
               "--user", "root", stdin=f"{ADMIN_PASS}\n") == 2  # fmt: skip
    capsys.readouterr()
    assert run("users", "list", "--user", "bob", stdin=f"{BOB_PASS}\n") == 0
    assert "bob\tofficer\n" in capsys.readouterr().out
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
    assert run("users", "init", "--user", "root", stdin="short\n") == 2
    err = capsys.readouterr().err
    assert "storage.weak_passphrase" in err and "Traceback" not in err
    assert run("users", "list", stdin="") == 2
    assert "--user" in capsys.readouterr().err


def test_an_administrator_cannot_remove_their_own_account(run, mission, capsys) -> None:
    assert run("users", "remove", "root", "--user", "root", stdin=f"{ADMIN_PASS}\n") == 2
    err = capsys.readouterr().err
    assert "cannot remove their own account [casework.staff_request]" in err
    assert "own_account" in err and "Traceback" not in err
    with Database.open(mission, username="root", passphrase=ADMIN_PASS) as db:
        assert [u[0] for u in db.usernames() if u[2]] == ["bob", "root"]


def test_removing_a_user_without_rotating_the_key_is_refused(run, mission, capsys) -> None:
    assert run("users", "remove", "bob", "--no-rekey", "--user", "root",
               stdin=f"{ADMIN_PASS}\n") == 2  # fmt: skip
    err = capsys.readouterr().err
    assert "--no-rekey is refused" in err and "[casework.cli]" in err
    with pytest.raises(SystemExit):
        main(["users", "remove", "--help"])
    assert "--no-rekey" not in capsys.readouterr().out
    with Database.open(mission, username="bob", passphrase=BOB_PASS) as db:
        assert db.user.username == "bob"  # still there, same key


def test_only_an_administrator_removes_staff(run, mission, capsys) -> None:
    assert run("users", "remove", "root", "--user", "bob", stdin=f"{BOB_PASS}\n") == 2
    assert "casework.role_required" in capsys.readouterr().err
    assert run("users", "reset", "root", "--user", "bob", stdin=f"{BOB_PASS}\n") == 2
    assert "casework.role_required" in capsys.readouterr().err


def test_retention_rules_need_an_administrator(run, mission, capsys) -> None:
    assert run("retention", "set", "closed", "30", "--user", "bob", stdin=f"{BOB_PASS}\n") == 2
    assert "casework.role_required" in capsys.readouterr().err
    assert run("retention", "set", "closed", "30", "--user", "root",
               stdin=f"{ADMIN_PASS}\n") == 0  # fmt: skip
    assert "cases in closed: personal data kept 30 days" in capsys.readouterr().out
    assert run("retention", "show", "--user", "bob", stdin=f"{BOB_PASS}\n") == 0
    assert "closed\t30 days" in capsys.readouterr().out
    assert run("retention", "remove", "closed", "--user", "bob", stdin=f"{BOB_PASS}\n") == 2
    assert "casework.role_required" in capsys.readouterr().err
    assert run("retention", "remove", "closed", "--user", "root", stdin=f"{ADMIN_PASS}\n") == 0
    assert "rule for closed removed" in capsys.readouterr().out
    assert run("retention", "show", "--user", "root", stdin=f"{ADMIN_PASS}\n") == 0
    assert "no retention rules" in capsys.readouterr().out


def test_users_revoke_keys_refuses_a_users_signatures_here_at_once(
    run, mission: Path, capsys
) -> None:
    from laissez.storage.sync import trust

    assert run("users", "revoke-keys", "bob", "--user", "bob", stdin=f"{BOB_PASS}\n") == 2
    assert "administrator" in capsys.readouterr().err
    assert run("users", "revoke-keys", "bob", "--user", "root", stdin=f"{ADMIN_PASS}\n") == 0
    assert "revoked 1 signing key(s) of bob" in capsys.readouterr().out
    with Database.open(mission, username="root", passphrase=ADMIN_PASS) as db:
        with db.read_session() as s:
            standing = trust.standing(s)
            from laissez.storage.models import User, UserSigningKey

            bob = s.query(User).filter_by(username="bob").one()
            keys = [k.public_key for k in s.query(UserSigningKey).filter_by(user_id=bob.id)]
    assert keys and not any(standing.trusted(k) for k in keys)
