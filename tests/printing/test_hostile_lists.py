"""``laissez etd verify --certificates/--revocations FILE``: a hostile list file is refused with
exit status 2 and a sentence (never a traceback), like a hostile document."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from laissez.cli import main
from tests.support.hostile import deep_json, sparse_file, specimen_png

LISTS = {
    "deep": lambda d: _write(d / "list.json", deep_json(100_000)),
    "oversize": lambda d: sparse_file(d / "list.json", 17 * 1024 * 1024),
    "not_json": lambda d: _write(d / "list.json", b"\x00\xff" * 100),
}


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("option", ["--certificates", "--revocations"])
@pytest.mark.parametrize("name", sorted(LISTS))
def test_a_hostile_list_file_is_refused_with_a_sentence(
    tmp_path: Path, name: str, option: str, capsys: pytest.CaptureFixture[str]
) -> None:
    document = _write(tmp_path / "etd.png", specimen_png())
    status = main(["etd", "verify", option, str(LISTS[name](tmp_path)), str(document)])
    out, err = capsys.readouterr()
    assert status == 2 and "Traceback" not in out + err
    answer = json.loads(out)
    assert answer["verdict"] is None and answer["error"] and answer["message"]
