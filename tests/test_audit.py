"""``make audit`` (scripts/audit.py): an offline OSV database is matched honestly, and no
database at all is reported as "not audited", never as "no known vulnerabilities"."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
import audit


def test_ranges_and_versions_match() -> None:
    entry = {
        "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "1.0"}, {"fixed": "1.5"}]}],
        "versions": ["0.9"],
    }
    assert audit._affected(entry, "1.2") and audit._affected(entry, "0.9")
    assert not audit._affected(entry, "1.5") and not audit._affected(entry, "0.8")


def test_an_offline_database_names_an_installed_vulnerable_package(tmp_path: Path) -> None:
    name, version = next(iter(sorted(audit.installed().items())))
    (tmp_path / "X-1.json").write_text(json.dumps({
        "id": "X-1",
        "affected": [{"package": {"ecosystem": "PyPI", "name": name}, "versions": [version]}],
    }))  # fmt: skip
    assert audit.offline_osv(tmp_path) == [(name, version, "X-1")]


def test_nothing_reachable_is_not_a_clean_bill(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(audit, "pip_audit", lambda: (0, 120, []))
    monkeypatch.delenv("LAISSEZ_AUDIT_OSV_DIR", raising=False)
    assert audit.main() == audit.NOT_AUDITED
    out = capsys.readouterr().out
    assert "NOT AUDITED" in out and "No known vulnerabilities" not in out
