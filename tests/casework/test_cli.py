"""``laissez case ...`` end to end on a real encrypted database (passphrases on stdin)."""

from __future__ import annotations

import io
import json
import stat
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from laissez.casework.states import CaseState
from laissez.cli import main
from tests.support.world import (
    ADVISAL,
    IDENTITY,
    INTERVIEW,
    PASSPHRASE,
    PHOTO,
    World,
    mrz_lines,
)


def run(world: World, user: str, *args: str, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:  # fmt: skip
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSPHRASE.format(name=user) + "\n"))
    action, *rest = args
    status = main(["case", action, "--database", str(world.path), "--user", user, *rest])
    out, err = capsys.readouterr()
    return status, out.strip(), err.strip()


def test_a_case_driven_end_to_end_from_the_command_line(
    world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    def cli(user: str, *args: str) -> tuple[int, str, str]:
        return run(world, user, *args, monkeypatch=monkeypatch, capsys=capsys)

    def answers(name: str, data: object) -> str:
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        return str(path)

    status, case, _ = cli("oscar", "open")
    assert status == 0
    mrz = tmp_path / "mrz.txt"
    mrz.write_text("\n".join(mrz_lines()), encoding="utf-8")
    photo = tmp_path / "photo.png"
    photo.write_bytes(PHOTO)
    status, out, _ = cli("oscar", "identity", case, "--answers", answers("id", IDENTITY),
                         "--mrz-file", str(mrz), "--photo", str(photo))  # fmt: skip
    assert (status, out) == (0, "identified")
    for form_id, data in INTERVIEW.items():
        assert cli("olga", "interview", case, form_id, "--answers", answers(form_id, data))[0] == 0
    questions = tmp_path / "q.txt"
    questions.write_text(ADVISAL["questions"], encoding="utf-8")
    status, _, err = cli("oscar", "advise", case, "--language", "bn", "--understood",
                         "--interpreter-needed", "--interpreter-used", "--counsel-offered",
                         "--interpreter-name", "INT-7",
                         "--questions-file", str(questions))  # fmt: skip
    assert status == 0 and "not legally reviewed" in err
    status, out, err = cli("sam", "approve", case)
    assert status == 2 and "casework.invalid_transition" in err
    for recipient in world.library.consent_scopes().recipients():
        assert cli("oscar", "share", case, recipient, "declined")[0] == 0
    assert cli("oscar", "consent", case, "return", "granted")[1] == "advised"
    assert cli("oscar", "consent", case, "travel_document", "granted")[1] == "consent_recorded"
    status, out, _ = cli("oscar", "gate", case)
    assert (status, out.splitlines()[1].split(":")[0].strip()) == (3, "approval.missing")
    assert cli("oscar", "approve", case)[0] == 2  # not a supervisor
    assert cli("sam", "approve", case)[1] == "approved"
    status, out, _ = cli("olga", "issue", case)
    assert status == 0 and out.startswith("DAC000001 ")
    assert cli("oscar", "withdraw", case)[1] == "consent_withdrawn"
    assert world["oscar"].decisions.revocation_list() == [("DAC000001", "consent_withdrawn")]


def test_a_blocked_issue_lists_every_condition_and_exits_3(
    world: World, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from laissez.casework.states import CaseState

    fear = {**INTERVIEW["fear_of_return"], "fears_return": "yes"}
    case = world.new_case(CaseState.CONSENT_RECORDED, interview={"fear_of_return": fear})
    status, _, err = run(world, "sam", "approve", str(case), monkeypatch=monkeypatch,
                         capsys=capsys)  # fmt: skip
    assert status == 3
    assert "fear.unresolved: The person expressed fear of return" in err
    assert "Traceback" not in err


def test_wrong_passphrase_and_bad_answers_are_reported_without_traceback(
    world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    monkeypatch.setattr(sys, "stdin", io.StringIO("wrong passphrase\n"))
    assert main(["case", "list", "--database", str(world.path), "--user", "oscar"]) == 2
    assert "storage.wrong_passphrase" in capsys.readouterr().err
    case = world["oscar"].intake.open_case()
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({**IDENTITY, "date_of_birth": "1990-13-01"}), encoding="utf-8")
    status, _, err = run(world, "oscar", "identity", str(case), "--answers", str(bad),
                         monkeypatch=monkeypatch, capsys=capsys)  # fmt: skip
    assert status == 2
    assert "date_of_birth: date" in err and "1990" not in err


def test_codes_and_advisal_need_no_database() -> None:
    out = subprocess.run([sys.executable, "-m", "laissez", "case", "advisal", "ur"],
                         capture_output=True, text=True, check=True).stdout  # fmt: skip
    assert out.startswith("rights@1/ur sha256:")
    assert "قانونی طور پر جانچا نہیں گیا" in out


@pytest.mark.slow
def test_install_signer_issue_reprint_and_verify_from_the_command_line(
    world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    from laissez.casework.signing import make_test_signer
    from laissez.casework.states import CaseState
    from tests.support.world import ADMIN_PASSPHRASE

    files = make_test_signer(signer_identifier="BDCL", country="BD", mission="CLI test")
    key, cert, root = files.write(tmp_path / "pem")
    args = ["--key", str(key), "--certificate", str(cert), "--root", str(root)]
    stdin = f"{ADMIN_PASSPHRASE}\n{files.password.decode()}\n"
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    db = ["--database", str(world.path)]
    assert main(["case", "install-signer", *db, "--user", "admin", *args]) == 0
    signer_id = capsys.readouterr().out.strip()
    assert [str(s.id) for s in world["oscar"].signing.signers() if s.active] == [signer_id]
    # an officer may not install one
    status, _, err = run(world, "oscar", "install-signer", *args, monkeypatch=monkeypatch,
                         capsys=capsys)  # fmt: skip
    assert status == 2 and "casework.role_required" in err

    def cli(user: str, *cli_args: str) -> tuple[int, str, str]:
        return run(world, user, *cli_args, monkeypatch=monkeypatch, capsys=capsys)

    case = str(world.new_case(CaseState.APPROVED))
    pdf = tmp_path / "out" / "etd.pdf"
    assert cli("olga", "issue", case, "--output", str(pdf))[0] == 2  # no such directory
    assert world["oscar"].state(uuid.UUID(case)) is CaseState.APPROVED
    pdf.parent.mkdir()
    status, out, _ = cli("olga", "issue", case, "--output", str(pdf))
    assert status == 0 and out.startswith("DAC000001 ")
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert stat.S_IMODE(pdf.stat().st_mode) == 0o600
    copy = tmp_path / "copy.pdf"
    status, _, err = cli("oscar", "reprint", case, "--output", str(copy))
    assert status == 2 and "casework.reprint_reason_required" in err and not copy.exists()
    assert cli("oscar", "reprint", case, "--reason", "printer_jam", "--output", str(copy))[0] == 0
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    status, out, _ = cli("oscar", "verify", str(pdf))
    assert status == 0 and json.loads(out)["verdict"] == "VALID"
    assert cli("oscar", "withdraw", case)[0] == 0
    status, out, _ = cli("oscar", "verify", str(pdf))
    assert (status, json.loads(out)["findings"]) == (1, ["REVOKED_DOCUMENT"])
    assert "RAHMAN" not in out
    status, _, err = cli("oscar", "reprint", case, "--reason", "printer_jam", "-o", str(copy))
    assert status == 2 and "no issued document" in err


def test_a_protection_officer_clears_a_flag_and_closing_needs_departure(
    world: World, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from laissez.casework.states import CaseState

    indicators = {**INTERVIEW["vulnerability"], "trafficking_indicators": ["threats"]}
    case_id = str(
        world.new_case(CaseState.CONSENT_RECORDED, interview={"vulnerability": indicators})
    )
    status, out, err = run(world, "oscar", "clear-flag", case_id, "trafficking",
                           "assessed_no_risk", monkeypatch=monkeypatch, capsys=capsys)  # fmt: skip
    assert status == 2 and "casework.role_required" in err
    status, out, _ = run(world, "pat", "clear-flag", case_id, "trafficking", "assessed_no_risk",
                         monkeypatch=monkeypatch, capsys=capsys)  # fmt: skip
    assert (status, out) == (0, "1 flag(s) cleared; case consent_recorded")
    world["sam"].decisions.approve(uuid.UUID(case_id))
    world["olga"].decisions.issue_document(uuid.UUID(case_id))
    status, _, err = run(world, "oscar", "close", case_id, monkeypatch=monkeypatch, capsys=capsys)
    assert status == 2 and "departure" in err
    status, out, _ = run(world, "oscar", "close", case_id, "--departure-evidence",
                         "boarding_confirmed", monkeypatch=monkeypatch, capsys=capsys)  # fmt: skip
    assert (status, out) == (0, "closed")


def test_a_lost_document_is_reported_and_a_match_decided_from_the_command_line(
    world: World, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    case_id = world.new_case(CaseState.APPROVED)
    etd = world["oscar"].decisions.issue_document(case_id)
    status, out, _ = run(world, "olga", "report-lost", str(case_id), "stolen",
                         monkeypatch=monkeypatch, capsys=capsys)  # fmt: skip
    assert (status, out) == (0, f"{etd.document_number} revoked")
    assert world["oscar"].decisions.revocation_list() == [(etd.document_number, "reported_stolen")]
    status, _out, err = run(world, "olga", "report-lost", str(case_id), "lost",
                            monkeypatch=monkeypatch, capsys=capsys)  # fmt: skip
    assert status != 0 and "no valid document" in err
    # another case of someone with the same name: proposed, then told apart
    other = world["olga"].intake.open_case()
    world["olga"].intake.record_identity(other, IDENTITY)  # no passport read this time
    status, out, _ = run(world, "olga", "matches", str(other), monkeypatch=monkeypatch,
                         capsys=capsys)  # fmt: skip
    proposal, _ref, reason, decision = out.split()
    assert (reason, decision) == ("same_name_other_birth", "undecided")
    status, out, _ = run(world, "olga", "decide-match", str(other), proposal, "not_same_person",
                         monkeypatch=monkeypatch, capsys=capsys)  # fmt: skip
    assert (status, out) == (0, "not_same_person")
