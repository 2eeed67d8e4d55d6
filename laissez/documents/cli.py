"""``laissez mrz``: check, build and read (from an image) machine-readable zones.

Output is JSON on standard output. Exit status: 0 valid, 1 not valid, 2 unusable input.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from typing import Any

from laissez.documents.errors import DocumentError, MrzError

EXIT_VALID, EXIT_INVALID, EXIT_UNUSABLE = 0, 1, 2


def register(sub: Any, name: str, help_text: str) -> None:
    """Add the ``mrz`` subcommand and its own subcommands to ``sub``."""
    parser = sub.add_parser(name, help=help_text, description=help_text)
    mrz_sub = parser.add_subparsers(dest="mrz_command", metavar="ACTION")
    check = mrz_sub.add_parser(
        "check",
        help="validate MRZ lines (arguments, or standard input one line per line)",
        description="Validate an MRZ. Prints JSON: valid, format, fields, checks, errors. "
        "Exit 0 when valid, 1 when not, 2 on unusable input.",
    )
    check.add_argument("lines", nargs="*", metavar="LINE", help="MRZ lines")
    check.add_argument(
        "--today", type=dt.date.fromisoformat, default=None,
        help="reference date (YYYY-MM-DD) for centuries and expiry; default today",
    )  # fmt: skip
    check.set_defaults(handler=run_check)
    build_p = mrz_sub.add_parser(
        "build",
        help="turn fields given as JSON into MRZ lines",
        description="Read a JSON object of fields (file or standard input) and print JSON "
        "with the MRZ lines. Keys: format (TD1, TD2, TD3, MRV-A, MRV-B), document_code, "
        "issuing_state, primary_identifier, secondary_identifier, document_number, "
        "nationality, date_of_birth, sex, date_of_expiry, optional_data, optional_data_2, "
        "transliteration, truncation.",
    )
    build_p.add_argument("file", nargs="?", help="JSON file (default: standard input)")
    build_p.set_defaults(handler=run_build)
    read = mrz_sub.add_parser(
        "read",
        help="read the MRZ in an image (JPEG, PNG, TIFF, PDF page)",
        description="Read an MRZ from an image and print JSON: format, lines, valid, fields, "
        "checks, corrections, confidence, uncertain, seconds. Exit 0 when a valid MRZ was "
        "read, 1 when only a doubtful one (or none), 2 on unusable input.",
    )
    read.add_argument("image", help="image file (JPEG, PNG, TIFF) or PDF")
    read.add_argument(
        "--json", action="store_true", help="print JSON (the default; kept for scripts)"
    )
    read.add_argument(
        "--today", type=dt.date.fromisoformat, default=None,
        help="reference date (YYYY-MM-DD) for centuries and plausible dates; default today",
    )  # fmt: skip
    read.set_defaults(handler=run_read)
    parser.set_defaults(handler=lambda _args: (parser.print_help(), EXIT_UNUSABLE)[1])


def _print(data: dict[str, object]) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def run_check(args: argparse.Namespace) -> int:
    """``laissez mrz check``."""
    from laissez.documents.mrz import parse  # lazy: ``mrz read`` does not need it

    lines: list[str] = list(args.lines) or sys.stdin.read().splitlines()
    try:
        result = parse(lines, today=args.today)
    except MrzError as exc:
        _print({"valid": False, "format": None, "error": exc.as_dict()})
        return EXIT_UNUSABLE
    _print(result.as_dict())
    return EXIT_VALID if result.valid else EXIT_INVALID


def run_build(args: argparse.Namespace) -> int:
    """``laissez mrz build``."""
    from laissez.documents.mrz import MrzInput, build  # lazy: ``mrz read`` does not need it

    try:
        if args.file:
            with open(args.file, encoding="utf-8") as handle:
                text = handle.read()
        else:
            text = sys.stdin.read()
        data = json.loads(text)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        _print(
            {"error": {"code": "input", "message": f"cannot read JSON input: {type(exc).__name__}"}}
        )
        return EXIT_UNUSABLE
    if not isinstance(data, dict):
        _print({"error": {"code": "input", "message": "input must be a JSON object of fields"}})
        return EXIT_UNUSABLE
    try:
        built = build(MrzInput.from_mapping(data))
    except MrzError as exc:
        _print({"error": exc.as_dict()})
        return EXIT_UNUSABLE
    except TypeError:
        _print({"error": {"code": "input", "message": "a field has the wrong type"}})
        return EXIT_UNUSABLE
    _print(
        {
            "lines": list(built.lines),
            "name_truncated": built.name.truncated,
            "name_possibly_truncated": built.name.possibly_truncated,
            "document_number_truncated": built.document_number_truncated,
            "transliteration": built.name.transliteration,
        }
    )
    return EXIT_VALID


def run_read(args: argparse.Namespace) -> int:
    """``laissez mrz read``."""
    from laissez.documents import sandbox  # lazy: the readers load in the sandbox's server

    # one read, then the process ends: the sandbox's MRZ server loads only what it needs, and
    # the reading comes back as plain data, so this process never imports the OCR code
    sandbox.one_shot()
    try:
        # the file is opened, decoded and read in the sandbox's child process, under limits
        reading = sandbox.read_mrz_record(args.image, today=args.today)
    except DocumentError as exc:
        _print({"valid": False, "format": None, "error": {"code": exc.code, "message": str(exc)}})
        return EXIT_UNUSABLE
    _print(reading)
    return EXIT_VALID if reading["valid"] is True else EXIT_INVALID
