"""``laissez self-test``: check that this installation works, step by step, without a display.

Each installer's CI job runs it on the frozen build (STYLE.md §10), and a mission can run it
after installing or updating. Steps, in order:

* ``native``   the bundled (or system) tesseract runs and finds its full English data; zbar loads;
* ``qt``       the Qt application starts (offscreen unless ``--display``) and shows its main window
               (``laissez.desktop.selftest_qt``, which wires the command: this module never
               imports Qt);
* ``camera``   Qt Multimedia loads with its FFmpeg backend and a frame passes through a video
               sink, as the camera's frames do (no camera needed; how many are connected is
               only reported);
* ``database`` a temporary SQLCipher database is created (migrations run), reopened and checked;
* ``mrz``      a sample MRZ is built and parsed back, check digits valid;
* ``ocr``      an MRZ drawn in OCR-B on a generated image is read back by tesseract;
* ``pdf``      a specimen ETD PDF is written (throwaway test signer), opened again, and its
               printed seal (DataMatrix) and MRZ read back and verified;
* ``rtl``      the Arabic catalogue loads, translates and is right to left (in Qt too).

Every step reports ok or failed with a reason; a step whose component is not part of this
build fails with "not available" (it never passes silently). Exit status 0 only if all pass.
Nothing personal is involved: the sample person is invented, files live in a temporary folder
that is removed afterwards, and only step names, timings and reasons are printed.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Protocol

from laissez import bundle


class StepFailed(Exception):
    """A step did not do what it should; the message says why (never personal data)."""


class NotAvailable(StepFailed):
    """The component a step checks is not part of this build."""


@dataclass(frozen=True)
class StepResult:
    """The outcome of one step: ``ok``, and a short reason or summary in ``detail``."""

    name: str
    ok: bool
    detail: str
    seconds: float


class QtSession(Protocol):
    """The application the ``qt`` step started (see ``laissez.desktop.selftest_qt``)."""

    def check_right_to_left(self) -> None:
        """Switch the interface to Arabic and back; raise ``StepFailed`` if the layout did not
        turn right to left."""
        ...

    def close(self) -> None:
        """Close the main window."""
        ...


@dataclass
class Context:
    """What steps share: the temporary folder and whether Qt should use the real display."""

    workdir: Path
    display: bool = False
    #: the running Qt application once the ``qt`` step passed
    qt: QtSession | None = None


#: A step: does its check in ``Context`` and returns a one-line summary, or raises StepFailed.
Step = Callable[[Context], str]


#: The invented person of every sample (ICAO Doc 9303 Part 4 example, Utopia).
SAMPLE_TD3 = (
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
    "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
)


def _step_native(ctx: Context) -> str:
    import shutil

    bundle.prepare()
    exe = shutil.which("tesseract")
    if exe is None:
        raise NotAvailable("not available: tesseract is neither bundled nor installed")
    done = subprocess.run(
        [exe, "--list-langs"], capture_output=True, text=True, timeout=30, check=False
    )
    if done.returncode != 0:
        raise StepFailed(f"tesseract --list-langs failed with status {done.returncode}")
    if "eng" not in done.stdout.split():
        raise StepFailed("tesseract has no English data (eng.traineddata)")
    full = bundle.tessdata_dir() or Path(sys.prefix) / "share" / "tessdata"
    if not (full / "eng.traineddata").is_file():
        raise StepFailed("the full eng.traineddata (legacy engine) is missing")
    try:
        from PIL import Image
        from pyzbar import pyzbar

        pyzbar.decode(Image.new("L", (32, 32), 255))  # calls into libzbar
    except ImportError as exc:
        raise NotAvailable("not available: the zbar library cannot be loaded") from exc
    if bundle.is_frozen():
        inside = bundle.tesseract()
        if inside is None or Path(exe).resolve() != inside.resolve():
            raise StepFailed("the tesseract found is not the one in the bundle")
        if bundle.tessdata_dir() is None:
            raise StepFailed("the bundle has no tessdata folder")
        if sys.platform != "win32" and bundle.zbar_library() is None:
            raise StepFailed("the bundle has no zbar library")
        font = bundle.ocrb_font()
        if font is None or font.parent != bundle.root() / "fonts":  # type: ignore[operator]
            raise StepFailed("the bundle has no OCR-B font")
        missing = _missing_printing_fonts(font.parent)
        if missing:
            raise StepFailed(f"the bundle lacks the font(s) {', '.join(missing)}")
        return "bundled tesseract, tessdata, zbar, OCR-B and text fonts"
    return "system tesseract and zbar (running from source)"


def _missing_printing_fonts(folder: Path) -> list[str]:
    """The text fonts ``laissez.printing`` needs from outside its package, absent in ``folder``."""
    try:
        from laissez.printing.typefaces import FONT_FILES
    except ImportError:
        return []  # no printer in this build: the pdf step reports it
    needed = [name for name, in_package in FONT_FILES.values() if not in_package]
    return [name for name in needed if not (folder / name).is_file()]


def _step_database(ctx: Context) -> str:
    try:
        from laissez.storage import migrate
        from laissez.storage.database import Database
    except ImportError as exc:
        raise NotAvailable("not available: laissez.storage has no Database in this build") from exc
    import secrets

    path = ctx.workdir / "db" / "laissez.db"
    passphrase = secrets.token_urlsafe(24)
    db = Database.create(path, username="selftest", passphrase=passphrase)
    db.close()
    db = Database.open(path, username="selftest", passphrase=passphrase, purge=False)
    try:
        problems = db.check_integrity()
        with db.engine.connect() as connection:
            revision = migrate.current_revision(connection)
        if revision != migrate.head_revision():
            raise StepFailed("the schema is not at the newest migration after creation")
    finally:
        db.close()
    if problems:
        raise StepFailed(f"integrity check reported {len(problems)} problem(s)")
    header = path.read_bytes()[:16]
    if header.startswith(b"SQLite format 3"):
        raise StepFailed("the database file is not encrypted")
    return f"encrypted database created, reopened, schema at {revision}"


def _step_mrz(ctx: Context) -> str:
    from laissez.documents.mrz import MrzFormat, MrzInput, build, parse

    result = parse(SAMPLE_TD3)
    if not result.valid:
        raise StepFailed(f"the sample MRZ did not parse as valid ({len(result.errors)} errors)")
    sample = MrzInput(
        MrzFormat.TD3, "P", "UTO", "ERIKSSON", "ANNA MARIA", "L898902C3", "UTO",
        "740812", "F", "120415", "ZE184226B",
    )  # fmt: skip
    built = build(sample)
    if tuple(built.lines) != SAMPLE_TD3:
        raise StepFailed("building the sample MRZ gave different lines")
    return "sample TD3 built and parsed, check digits valid"


def sample_image(lines: tuple[str, ...] = SAMPLE_TD3, width: int = 1400) -> bytes:
    """A PNG of a plain document page with ``lines`` printed in OCR-B at the bottom.

    Raises:
        NotAvailable: no OCR-B font is bundled or installed.
    """
    import io

    from PIL import Image, ImageDraw, ImageFont

    font_path = bundle.ocrb_font()
    if font_path is None:
        raise NotAvailable("not available: the OCR-B font is neither bundled nor installed")
    height = int(width / 1.42)
    page = Image.new("L", (width, height), 235)
    draw = ImageDraw.Draw(page)
    size = 40
    font = ImageFont.truetype(str(font_path), size)
    while draw.textlength(lines[0], font=font) < width * 0.88:
        size += 1
        font = ImageFont.truetype(str(font_path), size)
    left = int(width * 0.05)
    draw.text((left, int(height * 0.08)), "PASSPORT  UTOPIA", fill=40, font=font)
    step = int(size * 1.5)
    top = height - step * len(lines) - int(height * 0.06)
    for number, line in enumerate(lines):
        draw.text((left, top + number * step), line, fill=15, font=font)
    out = io.BytesIO()
    page.save(out, format="PNG")
    return out.getvalue()


def _step_ocr(ctx: Context) -> str:
    bundle.prepare()
    try:
        from laissez.documents.ocr import read_mrz
    except ImportError as exc:
        raise NotAvailable(
            f"not available: laissez.documents.ocr cannot be imported ({exc.name})"
        ) from exc
    reading = read_mrz(sample_image())
    if tuple(reading.lines) != SAMPLE_TD3:
        raise StepFailed(f"the MRZ read back differs from the one drawn (valid={reading.valid})")
    if not reading.valid:
        raise StepFailed("the MRZ was read but not reported valid")
    return "MRZ read from a generated OCR-B image"


def _step_pdf(ctx: Context) -> str:
    try:
        from laissez.documents.seal import Verdict
        from laissez.printing.readback import verify_document
        from laissez.printing.specimen import issue_specimen
    except ImportError as exc:
        raise NotAvailable(
            f"not available: the ETD printer cannot be imported ({exc.name})"
        ) from exc
    import pypdfium2 as pdfium

    # a throwaway test root and signer, as ``laissez etd specimen`` uses
    issued, certificates = issue_specimen("UTST")
    data = issued.pdf
    if not data.startswith(b"%PDF-"):
        raise StepFailed("the ETD printer did not produce a PDF")
    path = ctx.workdir / "etd.pdf"
    path.write_bytes(data)
    pdf = pdfium.PdfDocument(path)
    try:
        pages = len(pdf)
    finally:
        pdf.close()
    if pages != 1:
        raise StepFailed(f"the ETD PDF has {pages} pages instead of 1")
    check = verify_document(path.read_bytes(), certificates=certificates)
    verdict = check.verification.verdict
    if verdict is not Verdict.VALID:
        raise StepFailed(f"the printed ETD does not verify ({verdict.value})")
    return f"ETD PDF written ({len(data) // 1024} KiB); its printed seal and MRZ verify"


def _step_rtl(ctx: Context) -> str:
    from laissez import i18n

    catalogue = i18n.load("ar")
    if not catalogue.rtl:
        raise StepFailed("Arabic is not reported as right to left")
    probe = "Check a machine-readable zone"
    if catalogue.gettext(probe) == probe:
        raise StepFailed("the Arabic catalogue is missing or does not translate")
    detail = "Arabic catalogue loaded, right to left"
    if ctx.qt is not None:
        ctx.qt.check_right_to_left()
        detail += " (Qt layout too)"
    return detail


#: The headless steps in the order they run: name -> function returning a one-line summary.
#: ``laissez.desktop.selftest_qt.steps()`` adds the ``qt`` and ``camera`` steps after ``native``.
STEPS: dict[str, Step] = {
    "native": _step_native,
    "database": _step_database,
    "mrz": _step_mrz,
    "ocr": _step_ocr,
    "pdf": _step_pdf,
    "rtl": _step_rtl,
}


def run_steps(
    names: list[str] | None = None,
    display: bool = False,
    steps: Mapping[str, Step] | None = None,
) -> list[StepResult]:
    """Run the named steps (all of ``steps``, default ``STEPS``, by default) in a temporary
    folder; one result per step.

    An unexpected exception fails its step with the exception's type and message (our own
    error messages never carry personal data); later steps still run.
    """
    results = []
    with tempfile.TemporaryDirectory(prefix="laissez-selftest-") as tmp:
        ctx = Context(Path(tmp), display=display)
        table = STEPS if steps is None else steps
        for name in names or list(table):
            started = time.perf_counter()
            try:
                detail, ok = table[name](ctx), True
            except StepFailed as exc:
                detail, ok = str(exc), False
            except Exception as exc:
                detail, ok = f"{type(exc).__name__}: {exc}", False
            results.append(StepResult(name, ok, detail, time.perf_counter() - started))
        if ctx.qt is not None:
            ctx.qt.close()
    return results


def register(sub: Any, name: str, help_text: str, steps: Mapping[str, Step] | None = None) -> None:
    """Add the ``self-test`` subcommand running ``steps`` (default ``STEPS``; the command is
    wired through ``laissez.desktop.selftest_qt``, which adds the ``qt`` step)."""
    table = dict(STEPS if steps is None else steps)
    parser = sub.add_parser(name, help=help_text, description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--step", action="append", choices=list(table), dest="steps",
        help="run only this step (repeatable); default: all",
    )  # fmt: skip
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument(
        "--display", action="store_true", help="use the real display instead of offscreen"
    )
    parser.set_defaults(handler=run, step_table=table)


def run(args: argparse.Namespace) -> int:
    """Run the self-test; print one line per step; 0 only when every step passed."""
    results = run_steps(args.steps, display=args.display, steps=getattr(args, "step_table", None))
    passed = sum(r.ok for r in results)
    if args.json:
        print(json.dumps({"passed": passed, "steps": [asdict(r) for r in results]}, indent=2))
    else:
        for r in results:
            status = "ok" if r.ok else "FAILED"
            print(f"{status:7}{r.name:10}{r.seconds:6.2f} s  {r.detail}")
        print(f"{passed} of {len(results)} steps passed")
    return 0 if passed == len(results) else 1
