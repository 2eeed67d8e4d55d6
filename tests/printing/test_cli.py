"""``laissez etd verify``: JSON verdicts and exit statuses on real files."""

from __future__ import annotations

import io
import json

import pytest

from laissez.cli import main


def _run(capsys, *args: str) -> tuple[int, dict]:
    status = main(["etd", *args])
    return status, json.loads(capsys.readouterr().out)


@pytest.mark.slow
def test_verify_pdf_and_image(issued, page, pki, tmp_path, capsys) -> None:
    certificates, _ = pki
    certs = tmp_path / "certificates.json"
    certs.write_text(certificates.to_json())
    pdf = tmp_path / "etd.pdf"
    pdf.write_bytes(issued.pdf)
    status, out = _run(capsys, "verify", str(pdf), "--certificates", str(certs),
                       "--today", "2026-11-24")  # fmt: skip
    assert status == 0 and out["verdict"] == "VALID"
    assert "sealed_mrz" not in out and issued.mrz_lines[0] not in json.dumps(out)
    png = tmp_path / "etd.png"
    buffer = io.BytesIO()
    page.save(buffer, format="PNG")
    png.write_bytes(buffer.getvalue())
    status, out = _run(capsys, "verify", str(png), "--today", "2026-11-24")
    # no certificate list in the (empty) data directory: the signer is unknown
    assert status == 1 and out["findings"] == ["UNKNOWN_SIGNER"]


def test_unusable_files_exit_2_with_a_json_error(tmp_path, capsys) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("not a document")
    status, out = _run(capsys, "verify", str(text))
    # read in the sandbox: the same typed errors as `laissez mrz read` and the desktop
    assert status == 2 and out["error"] == "image.unreadable" and out["message"]
    status, out = _run(capsys, "verify", str(tmp_path / "missing.pdf"))
    assert status == 2 and out["error"] == "image.unreadable"
    status, out = _run(capsys, "verify", str(tmp_path))
    assert status == 2 and out["error"] == "file.not_regular"


def test_image_without_a_seal_is_unreadable(tmp_path, capsys) -> None:
    from PIL import Image

    blank = tmp_path / "blank.png"
    Image.new("L", (400, 300), 255).save(blank)
    status, out = _run(capsys, "verify", str(blank))
    assert status == 3 and out["findings"] == ["SEAL_NOT_FOUND"]
    assert out["verdict"] == "UNREADABLE" and out["advice"].startswith("The seal or the printed")
