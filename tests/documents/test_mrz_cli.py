"""``laissez mrz check`` and ``laissez mrz build`` as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

TD3 = [
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
    "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
]


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "laissez", "mrz", *args],
        input=stdin, capture_output=True, text=True, timeout=60,
    )  # fmt: skip


def test_check_valid_specimen_exit_0() -> None:
    out = run("check", *TD3)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["valid"] is True and data["format"] == "TD3"
    assert data["fields"]["document_number"] == "L898902C3"
    assert {c["name"] for c in data["checks"]} == {
        "document_number",
        "date_of_birth",
        "date_of_expiry",
        "optional_data",
        "composite",
    }
    assert all(c["ok"] for c in data["checks"])


@pytest.mark.parametrize("position", [1, 10, 15, 20, 26, 44])
def test_check_one_changed_character_exit_1_and_names_it(position: int) -> None:
    line = TD3[1]
    original = line[position - 1]
    replacement = "7" if original != "7" else "8"
    mutated = line[: position - 1] + replacement + line[position:]
    out = run("check", TD3[0], mutated)
    assert out.returncode == 1
    data = json.loads(out.stdout)
    assert data["valid"] is False
    failing = [c for c in data["checks"] if not c["ok"]]
    named = any(
        e["line"] == 2 and e["position"] <= position <= e["end"] for e in data["errors"]
    ) or any(
        any(ln == 2 and s <= position <= e for ln, s, e in c["covers"]) or c["position"] == position
        for c in failing
    )
    assert named


def test_check_reads_standard_input() -> None:
    out = run("check", stdin="\n".join(TD3) + "\n")
    assert out.returncode == 0
    assert json.loads(out.stdout)["valid"] is True


@pytest.mark.parametrize("stdin", ["", "hello\n", "P<UTO\nL898\n", "\x00\xff garbage\n"])
def test_check_unusable_input_exit_2(stdin: str) -> None:
    out = run("check", stdin=stdin)
    assert out.returncode == 2
    data = json.loads(out.stdout)
    assert data["valid"] is False and data["error"]["code"] == "mrz.layout"
    assert "Traceback" not in out.stderr


def test_build_from_json() -> None:
    fields = {
        "format": "TD3", "document_code": "P", "issuing_state": "UTO",
        "primary_identifier": "Eriksson", "secondary_identifier": "Anna María",
        "document_number": "L898902C3", "nationality": "UTO", "date_of_birth": "1974-08-12",
        "sex": "F", "date_of_expiry": "2012-04-15", "optional_data": "ZE184226B",
    }  # fmt: skip
    out = run("build", stdin=json.dumps(fields))
    assert out.returncode == 0, out.stdout
    data = json.loads(out.stdout)
    assert data["lines"] == TD3
    assert data["name_truncated"] is False
    assert data["transliteration"].startswith("icao9303:")


@pytest.mark.parametrize(
    ("stdin", "code"),
    [
        ("not json", "input"),
        ("[1, 2]", "input"),
        ('{"format": "TD9"}', "mrz.build"),
        ('{"format": "TD3", "colour": "red"}', "mrz.build"),
    ],
)
def test_build_bad_input_exit_2(stdin: str, code: str) -> None:
    out = run("build", stdin=stdin)
    assert out.returncode == 2
    assert json.loads(out.stdout)["error"]["code"] == code
    assert "Traceback" not in out.stderr
