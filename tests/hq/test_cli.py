"""``laissez-hq``: the demo database, admin commands, reports and error messages."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest

from laissez.hq.cli import main
from tests.support.pg import unique_code
from tests.support.publications import new_form_version


def _json(capsys: pytest.CaptureFixture[str]) -> object:
    return json.loads(capsys.readouterr().out)


def test_demo_mode_runs_on_a_local_sqlite_file(
    capsys: pytest.CaptureFixture[str], isolated_dirs: Path
) -> None:
    assert main(["--demo", "admin", "create-mission", "DEMO1", "Demo mission"]) == 0
    capsys.readouterr()
    assert (isolated_dirs / "hq-demo.sqlite").exists()
    assert main(["--demo", "admin", "enrolment-code", "DEMO1"]) == 0
    code = _json(capsys)["enrolment_code"]  # type: ignore[index]
    assert len(code.replace("-", "")) == 16
    assert main(["--demo", "report", "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines()[1].startswith("DEMO1,total,0,")


def test_admin_commands_on_postgresql(
    pg_url: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code = unique_code()
    db = ["--database", pg_url]
    assert main([*db, "admin", "create-mission", code, "Mission"]) == 0
    assert main([*db, "admin", "set-config", code, "share_protection_details", "true"]) == 0
    capsys.readouterr()
    assert main([*db, "admin", "set-config", code, "retention_days", "30"]) == 0
    assert _json(capsys) == {"retention_days": 30, "share_protection_details": True}
    form = tmp_path / "family.yaml"
    form.write_text(new_form_version(), encoding="utf-8")
    assert main([*db, "admin", "publish-form", str(form)]) == 0
    assert len(_json(capsys)["content_hash"]) == 64  # type: ignore[index]
    draft = tmp_path / "draft.yaml"
    draft.write_text(new_form_version(status="draft"), encoding="utf-8")
    assert main([*db, "admin", "publish-form", str(draft)]) == 1
    err = capsys.readouterr().err
    assert "[publication.refused]" in err and "draft" in err and "Traceback" not in err
    assert main([*db, "admin", "revoke-document", code, "E0000001"]) == 0
    assert main([*db, "admin", "conflicts"]) == 0


def test_errors_are_one_line_with_a_code(pg_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    db = ["--database", pg_url]
    assert main([*db, "admin", "enrolment-code", "NO-SUCH-MISSION"]) == 1
    assert "[hq.not_found]" in capsys.readouterr().err
    assert main([*db, "admin", "revoke-device", str(uuid.uuid4())]) == 1
    code = unique_code()
    main([*db, "admin", "create-mission", code, "x"])
    assert main([*db, "admin", "create-mission", code, "x"]) == 1
    err = capsys.readouterr().err
    assert "[hq.duplicate]" in err and "Traceback" not in err


def test_without_a_database_it_explains_what_to_pass(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("LAISSEZ_HQ_DATABASE_URL", raising=False)
    assert main(["migrate"]) == 1
    assert "--demo" in capsys.readouterr().err
