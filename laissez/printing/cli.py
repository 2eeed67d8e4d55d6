"""``laissez etd``: verify a printed emergency travel document; make a specimen.

``laissez etd verify FILE`` reads a PDF or image, decodes the seal, reads the printed MRZ and
prints a JSON verdict and one sentence of advice (no personal data unless ``--show-data``).
Exit status: 0 VALID, 1 INVALID (the seal or the data are wrong), 3 UNREADABLE (the seal or the
printed MRZ not read: scan again), 4 UNCERTAIN (the printed MRZ read with doubt: compare by eye),
2 unusable input.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from pathlib import Path
from typing import Any

from laissez.documents.errors import DocumentError
from laissez.documents.seal import (
    CertificateList,
    RevocationList,
    SealError,
    Verdict,
)
from laissez.printing.errors import PrintingError

EXIT_VALID, EXIT_INVALID, EXIT_UNUSABLE, EXIT_UNREADABLE, EXIT_UNCERTAIN = 0, 1, 2, 3, 4
EXIT_STATUS = {
    Verdict.VALID: EXIT_VALID,
    Verdict.INVALID: EXIT_INVALID,
    Verdict.UNREADABLE: EXIT_UNREADABLE,
    Verdict.UNCERTAIN: EXIT_UNCERTAIN,
}
CERTIFICATES_FILE = "certificates.json"
REVOCATIONS_FILE = "revocations.json"


def register(sub: Any, name: str, help_text: str) -> None:
    """Add the ``etd`` subcommand and its actions to ``sub``."""
    parser = sub.add_parser(name, help=help_text, description=help_text)
    actions = parser.add_subparsers(dest="etd_command", metavar="ACTION")
    verify = actions.add_parser(
        "verify",
        help="verify the digital seal and MRZ of a printed ETD (PDF or image)",
        description="Rasterise the document, decode its seal, read the printed MRZ and check "
        "signature, certificate, revocation and MRZ agreement offline. Prints JSON with a "
        "sentence of advice. Exit 0 VALID, 1 INVALID, 3 UNREADABLE (scan again), "
        "4 UNCERTAIN (compare by eye), 2 unusable input.",
    )
    verify.add_argument("file", type=Path, help="PDF or image of the document")
    verify.add_argument(
        "--certificates", type=Path, default=None,
        help=f"certificate list JSON (default: {CERTIFICATES_FILE} in the data directory)",
    )  # fmt: skip
    verify.add_argument(
        "--revocations", type=Path, default=None,
        help=f"revocation list JSON (default: {REVOCATIONS_FILE} in the data directory)",
    )  # fmt: skip
    verify.add_argument(
        "--today", type=dt.date.fromisoformat, default=None, help="verification date"
    )
    verify.add_argument(
        "--show-data", action="store_true",
        help="also print the sealed and printed MRZ (personal data)",
    )  # fmt: skip
    verify.set_defaults(handler=run_verify)
    specimen = actions.add_parser(
        "specimen",
        help="write a specimen ETD with a throwaway test root and signer",
        description="Write a specimen ETD PDF and the certificate list that verifies it "
        "(test keys made on the spot; never for real documents).",
    )
    specimen.add_argument("output", type=Path, help="PDF to write")
    specimen.add_argument(
        "--certificates", type=Path, required=True, help="certificate list JSON to write"
    )
    specimen.set_defaults(handler=run_specimen)
    parser.set_defaults(handler=lambda _args: (parser.print_help(), EXIT_UNUSABLE)[1])


def _data_dir() -> Path:
    explicit = os.environ.get("LAISSEZ_DATA_DIR")
    if explicit:
        return Path(explicit)
    import platformdirs

    # the same directory as the database (``storage.database.default_path``), where
    # installing a signer writes the mission's certificates.json
    return Path(platformdirs.user_data_dir("Laissez", False))


def _print(data: dict[str, object]) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _error(code: str, message: str) -> int:
    _print({"verdict": None, "error": code, "message": message})
    return EXIT_UNUSABLE


#: the largest certificate or revocation list read (16 MB holds some 240,000 revocations;
#: a mission's list is a few KB)
MAX_LIST_BYTES = 16 * 1024 * 1024


def _list_file(path: Path) -> bytes:
    """A certificate or revocation list file: a regular file of at most ``MAX_LIST_BYTES``."""
    from laissez.documents.sandbox import read_untrusted

    return read_untrusted(path, max_bytes=MAX_LIST_BYTES)


def run_verify(args: argparse.Namespace) -> int:
    """``laissez etd verify``."""
    from laissez.printing.readback import verify_document

    cert_path = args.certificates or _data_dir() / CERTIFICATES_FILE
    revocation_path = args.revocations or _data_dir() / REVOCATIONS_FILE
    try:
        certificates = (
            CertificateList.from_json(_list_file(cert_path))
            if cert_path.is_file()
            else CertificateList()
        )
        revocations = (
            RevocationList.from_json(_list_file(revocation_path))
            if revocation_path.is_file()
            else None
        )
        # the file is opened and parsed in the sandbox's child process, under limits
        check = verify_document(
            args.file, certificates=certificates, revocations=revocations, today=args.today
        )
    except (SealError, PrintingError, DocumentError) as error:
        return _error(error.code, error.message)
    out = check.as_dict(include_data=args.show_data)
    out["certificates"] = str(cert_path) if cert_path.is_file() else None
    _print(out)
    return EXIT_STATUS[check.verification.verdict]


def run_specimen(args: argparse.Namespace) -> int:
    """``laissez etd specimen``."""
    from laissez.printing.specimen import issue_specimen

    issued, certs = issue_specimen()
    try:
        args.output.write_bytes(issued.pdf)
        args.certificates.write_text(certs.to_json(), encoding="utf-8")
    except OSError:
        return _error("file", "cannot write the output files")
    _print({"pdf": str(args.output), "certificates": str(args.certificates)})
    return EXIT_VALID
