"""Fetch the OCR-B and Noto fonts from Debian's packages, for Windows and macOS build machines
(a Linux build machine has them from ``scripts/setup.sh``). Standard library only::

    python installers/fetch_fonts.py <folder> >> "$GITHUB_ENV"

Downloads the pinned packages (their SHA-256 checked), unpacks the fonts and prints
``LAISSEZ_OCRB=...`` and ``LAISSEZ_NOTO_DIR=...`` for ``installers/natives.py``.
"""

from __future__ import annotations

import hashlib
import io
import sys
import tarfile
import urllib.request
from pathlib import Path

POOL = "https://deb.debian.org/debian/pool/main/f"
#: (url, SHA-256 of the .deb as in Debian 12's signed package index) for each package.
PACKAGES = {
    "ocrb": (
        f"{POOL}/fonts-ocr-b/fonts-ocr-b_0.3~dfsg1-1_all.deb",
        "56e6a6bfe5d77bbb4f0a6964ce1f8ed3679d7c1a138064bcaf6cc3480c3628f3",
    ),
    "noto": (
        f"{POOL}/fonts-noto/fonts-noto-core_20201225-1_all.deb",
        "58f4f0bb6720f919f92096b3508e1412a0f1544424ade6c5b5bf1eb694dd64ba",
    ),
}


def ar_members(data: bytes) -> dict[str, bytes]:
    """The members of a Unix ``ar`` archive (a .deb is one): name -> content.

    Raises:
        ValueError: ``data`` is not an ar archive.
    """
    if not data.startswith(b"!<arch>\n"):
        raise ValueError("not an ar archive")
    members, offset = {}, 8
    while offset + 60 <= len(data):
        header = data[offset : offset + 60]
        name = header[:16].decode("ascii").strip().rstrip("/")
        size = int(header[48:58].decode("ascii").strip())
        members[name] = data[offset + 60 : offset + 60 + size]
        offset += 60 + size + (size % 2)
    return members


def deb_files(deb: bytes, wanted: tuple[str, ...]) -> dict[str, bytes]:
    """Files of a .deb's data archive whose paths end with one of ``wanted``."""
    members = ar_members(deb)
    name = next(n for n in members if n.startswith("data.tar"))
    found = {}
    with tarfile.open(fileobj=io.BytesIO(members[name])) as tar:
        for member in tar.getmembers():
            if member.isfile() and member.name.endswith(wanted):
                extracted = tar.extractfile(member)
                assert extracted is not None
                found[member.name.rsplit("/", 1)[-1]] = extracted.read()
    return found


def _download(url: str, sha256: str) -> bytes:
    with urllib.request.urlopen(url, timeout=120) as response:  # noqa: S310 (fixed https URL)
        data: bytes = response.read()
    if hashlib.sha256(data).hexdigest() != sha256:
        raise SystemExit(f"checksum mismatch for {url}")
    return data


def main(argv: list[str] | None = None) -> int:
    """Fetch, unpack, print the environment lines."""
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0] if args else "fonts").resolve()
    out.mkdir(parents=True, exist_ok=True)
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from natives import NOTO_FILES

    ocrb = deb_files(_download(*PACKAGES["ocrb"]), ("/OCRB.otf",))
    noto = deb_files(_download(*PACKAGES["noto"]), (*NOTO_FILES, "fonts-noto-core/copyright"))
    for name, content in ocrb.items():
        (out / name).write_bytes(content)
    (out / "noto").mkdir(exist_ok=True)
    for name, content in noto.items():
        (out / "noto" / ("OFL.txt" if name == "copyright" else name)).write_bytes(content)
    print(f"LAISSEZ_OCRB={out / 'OCRB.otf'}")
    print(f"LAISSEZ_NOTO_DIR={out / 'noto'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
