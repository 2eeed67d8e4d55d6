"""PDFs whose danger shows only once a stream is inflated or a page drawn (a 1 GB content stream
deflated to 1 MB, a 3.6 GB image on an A4 page, arrays nested 200,000 deep, a page tree that
loops), and barcodes that carry what no seal holds, fed to the readers that open a printed ETD
(``etd verify`` / ``case verify``) and an MRZ image (``mrz read``, the desktop). Each answers
within 10 seconds with the reading child under 1 GB: a typed error, or a verdict that is never
"valid". The seal decoder itself, which runs outside the box on the barcode's bytes, is fuzzed.

pdfminer (pulled in by passporteye) is never what parses a PDF: pages are drawn by pypdfium2 in
the box, and passporteye only ever sees a PNG; a test below proves it in the child.
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from laissez.documents import sandbox
from laissez.documents.errors import DocumentError
from laissez.documents.seal import CertificateList, SealVerification, Verdict, verify_etd_seal
from laissez.printing.errors import PrintingError
from laissez.printing.readback import verify_document
from tests.support.hostile import HOSTILE_BARCODES, HOSTILE_STREAMS

SECONDS = 10.0
GB = 1024**3


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    sandbox.warm_up()  # the readers' fork server, started once (as the desktop does at sign-in)
    folder = tmp_path_factory.mktemp("hostile-streams")
    made = {}
    for name, make in {**HOSTILE_STREAMS, **HOSTILE_BARCODES}.items():
        (folder / name).mkdir()
        made[name] = make(folder / name)
    return made


def _answers(call: Callable[[], Any]) -> Any:
    """``call()``'s result or typed error, checked to come within the time and memory caps."""
    sandbox.last_run = None
    started = time.monotonic()
    try:
        outcome: Any = call()
    except (DocumentError, PrintingError) as error:
        assert error.code.startswith(("image", "file", "printing")) and str(error)
        outcome = error
    assert time.monotonic() - started < SECONDS
    assert sandbox.last_run is not None and sandbox.last_run.peak_rss_bytes < GB
    return outcome


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(HOSTILE_STREAMS))
def test_verifying_a_pdf_with_a_hostile_stream_answers_within_the_limits(
    files: dict[str, Path], name: str
) -> None:
    outcome = _answers(lambda: verify_document(files[name], certificates=CertificateList()))
    if not isinstance(outcome, Exception):
        assert outcome.verification.verdict is not Verdict.VALID


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(HOSTILE_STREAMS))
def test_reading_an_mrz_from_a_pdf_with_a_hostile_stream_answers_within_the_limits(
    files: dict[str, Path], name: str
) -> None:
    _answers(lambda: sandbox.read_mrz(files[name]))


@pytest.mark.parametrize("name", sorted(HOSTILE_BARCODES))
def test_a_barcode_that_is_no_seal_is_never_a_valid_document(
    files: dict[str, Path], name: str
) -> None:
    outcome = _answers(lambda: verify_document(files[name], certificates=CertificateList()))
    if not isinstance(outcome, Exception):
        assert outcome.verification.verdict is not Verdict.VALID
        if name != "many_seals":  # the QR codes are found, their 0xDC byte makes them seals
            assert outcome.verification.verdict is Verdict.INVALID


def test_the_seal_decoder_never_raises_on_bytes_a_barcode_can_carry() -> None:
    from laissez.printing.specimen import issue_specimen

    issued, certificates = issue_specimen()
    genuine = issued.seal
    assert verify_etd_seal(genuine, printed_mrz=issued.mrz_lines,
                           certificates=certificates).verdict is Verdict.VALID  # fmt: skip
    rng = random.Random(18)
    candidates = [b"\xdc" + rng.randbytes(rng.randrange(0, 1600)) for _ in range(1500)]
    for _ in range(1500):  # the genuine seal cut short, lengthened or with bytes changed
        mutated = bytearray(genuine[: rng.randrange(1, len(genuine) + 1)])
        for _flip in range(rng.randrange(1, 4)):
            if mutated:
                mutated[rng.randrange(len(mutated))] = rng.randrange(256)
        candidates.append(bytes(mutated) + rng.randbytes(rng.choice((0, 0, 5, 300))))
    for data in candidates:
        result = verify_etd_seal(data, printed_mrz=issued.mrz_lines, certificates=certificates)
        assert isinstance(result, SealVerification)
        assert result.verdict is not Verdict.VALID or data == genuine


def _pdf_read_without_pdfminer(data: bytes) -> bool:
    """In the box: make pdfminer unusable, then read a real ETD PDF as ``etd verify`` does."""
    import passporteye.mrz.image
    import passporteye.util.pdf

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("pdfminer was asked to parse a PDF")

    passporteye.util.pdf.extract_first_jpeg_in_pdf = refuse
    passporteye.mrz.image.extract_first_jpeg_in_pdf = refuse  # type: ignore[attr-defined]
    from laissez.printing.readback import read_document

    reading = read_document(data)
    return reading is not None and bool(reading.seals) and "pdfminer" in sys.modules


def test_pdfminer_never_parses_a_pdf() -> None:
    from laissez.printing.specimen import issue_specimen

    issued, _certificates = issue_specimen()
    limits = sandbox.Limits(wall_seconds=60.0, cpu_seconds=60)
    assert sandbox.run_boxed(_pdf_read_without_pdfminer, issued.pdf, limits=limits) is True
