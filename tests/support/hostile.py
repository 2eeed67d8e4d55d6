"""Hostile input files, generated on demand (never committed): the ones issue 18 measured.

Each maker writes one file under a folder and returns its path. They are small on disk (a few
KB to a few MB) but built to exhaust a naive reader: pixel bombs, page bombs, a recursion bomb,
a device, a FIFO, truncated and corrupt files. Used by ``tests/casework/test_hostile_files.py``
and ``bench/hostile.py``.
"""

from __future__ import annotations

import os
import struct
import zlib
from collections.abc import Callable
from pathlib import Path


def _chunk(kind: bytes, data: bytes) -> bytes:
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


def png_bomb(path: Path, side: int, *, bit_depth: int = 1) -> Path:
    """A grey PNG of ``side`` x ``side`` white pixels, streamed (never held in memory)."""
    row = b"\x00" + b"\xff" * ((side * bit_depth + 7) // 8)
    compressor = zlib.compressobj(9)
    parts = []
    block = row * 256
    for _ in range(side // 256):
        parts.append(compressor.compress(block))
    parts.append(compressor.compress(row * (side % 256)))
    parts.append(compressor.flush())
    header = struct.pack(">IIBBBBB", side, side, bit_depth, 0, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", b"".join(parts))
        + _chunk(b"IEND", b"")
    )
    return path


def _pdf(objects: list[bytes]) -> bytes:
    """A PDF file of ``objects`` (object 1 is the catalogue) with a correct xref table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def many_pages_pdf(path: Path, pages: int = 2000) -> Path:
    """A PDF of ``pages`` A4 pages sharing one small content stream (a few hundred KB)."""
    first_page = 4
    kids = b" ".join(b"%d 0 R" % (first_page + i) for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages),
        _stream(b"0 0 m 100 100 l S"),
    ]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R >>"] * pages
    path.write_bytes(_pdf(objects))
    return path


def huge_page_pdf(path: Path) -> Path:
    """A one-page PDF whose page is 14,400 points square (5 m by 5 m, the format's limit)."""
    path.write_bytes(
        _pdf(
            [
                b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 14400 14400] /Contents 4 0 R >>",
                _stream(b"0 0 m 14400 14400 l S"),
            ]
        )
    )
    return path


def nested_forms_pdf(path: Path, depth: int = 24, fan_out: int = 4) -> Path:
    """A ~2 KB PDF whose page draws a form that draws the next form ``fan_out`` times, ``depth``
    levels down: ``fan_out ** depth`` draws for a renderer that does not stop it."""
    first_form = 5
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /XObject << /X %d 0 R >> >> /Contents 4 0 R >>" % first_form,
        _stream(b"/X Do"),
    ]
    for level in range(depth):
        last = level == depth - 1
        content = b"0 0 1 1 re f" if last else b"q 0.9 0 0 0.9 1 1 cm /X Do Q " * fan_out
        resources = (
            b"" if last else b"/Resources << /XObject << /X %d 0 R >> >>" % (first_form + level + 1)
        )
        objects.append(
            _stream(content, b"/Type /XObject /Subtype /Form /BBox [0 0 595 842] " + resources)
        )
    path.write_bytes(_pdf(objects))
    return path


def fifo_pdf(path: Path) -> Path:
    """A FIFO named like a PDF: a reader that opens it blocks forever waiting for a writer."""
    os.mkfifo(path)
    return path


def truncated(path: Path, data: bytes, keep: float = 0.5) -> Path:
    """The first ``keep`` fraction of ``data``."""
    path.write_bytes(data[: max(1, int(len(data) * keep))])
    return path


def corrupt_pdf(path: Path) -> Path:
    """A PDF header followed by noise."""
    path.write_bytes(b"%PDF-1.7\n" + os.urandom(4096))
    return path


def corrupt_png(path: Path) -> Path:
    """A PNG signature and header chunk, then noise."""
    header = _chunk(b"IHDR", struct.pack(">IIBBBBB", 800, 600, 8, 2, 0, 0, 0))
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + header + os.urandom(4096))
    return path


def empty_file(path: Path) -> Path:
    """Zero bytes."""
    path.write_bytes(b"")
    return path


def specimen_pdf() -> bytes:
    """A real ETD PDF (test keys), to be cut short."""
    from laissez.printing.specimen import issue_specimen

    issued, _certificates = issue_specimen()
    return issued.pdf


def specimen_png() -> bytes:
    """A real PNG image, to be cut short."""
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("L", (800, 500), 200).save(out, format="PNG")
    return out.getvalue()


#: name -> maker(folder) -> path; the expected error code is what a typed refusal may carry.
HOSTILE: dict[str, Callable[[Path], Path]] = {
    "png_30000": lambda d: png_bomb(d / "bomb30k.png", 30_000),
    "png_12000": lambda d: png_bomb(d / "bomb12k.png", 12_000, bit_depth=8),
    "dev_zero": lambda _d: Path("/dev/zero"),
    "folder": lambda d: d,
    "pages_2000": lambda d: many_pages_pdf(d / "pages.pdf"),
    "huge_page": lambda d: huge_page_pdf(d / "huge.pdf"),
    "nested_forms": lambda d: nested_forms_pdf(d / "nested.pdf"),
    "fifo_pdf": lambda d: fifo_pdf(d / "fifo.pdf"),
    "truncated_pdf": lambda d: truncated(d / "cut.pdf", specimen_pdf()),
    "truncated_png": lambda d: truncated(d / "cut.png", specimen_png()),
    "corrupt_pdf": lambda d: corrupt_pdf(d / "noise.pdf"),
    "corrupt_png": lambda d: corrupt_png(d / "noise.png"),
    "empty": lambda d: empty_file(d / "empty.png"),
}


# -- archives and bundles: backup files and offline-transfer bundles someone hands over --------


def _tar_entry(name: str, data: bytes, kind: bytes = b"0") -> bytes:
    """One raw ustar entry (header and padded data) of type ``kind``."""
    import tarfile

    info = tarfile.TarInfo(name)
    info.size = len(data) if kind in (b"0", b"x") else 0
    info.type = kind
    info.mode = 0o600
    if kind in (tarfile.SYMTYPE, tarfile.LNKTYPE):
        info.linkname = "/etc/passwd"
    header = info.tobuf(tarfile.USTAR_FORMAT if kind != b"S" else tarfile.GNU_FORMAT)
    padding = b"\0" * (-len(data) % 512) if info.size else b""
    return header + (data if info.size else b"") + padding


def _manifest(**extra: object) -> bytes:
    import json

    body = {"format": "laissez-backup", "version": 1, "sha256": {}, **extra}
    return json.dumps(body).encode()


def backup_of(path: Path, entries: list[bytes]) -> Path:
    """A tar file of raw ``entries`` and the end-of-archive marker."""
    path.write_bytes(b"".join(entries) + b"\0" * 1024)
    return path


def _pax_bomb(path: Path) -> Path:
    """A PAX header that says it is 100 MiB long (a reader that trusts it reads it whole)."""
    import tarfile

    info = tarfile.TarInfo("././@PaxHeader")
    info.type = tarfile.XHDTYPE
    info.size = 100 * 1024 * 1024
    return backup_of(path, [info.tobuf(tarfile.USTAR_FORMAT) + b"\0" * 512])


def _many_entries(path: Path, count: int = 20_000) -> Path:
    """``count`` empty members: a reader that lists members first builds them all."""
    return backup_of(path, [_tar_entry(f"f{i}", b"") for i in range(count)])


#: name -> maker(folder) -> path of a hostile backup file (``laissez restore``).
HOSTILE_BACKUPS: dict[str, Callable[[Path], Path]] = {
    "traversal": lambda d: backup_of(
        d / "b.laissez-backup",
        [
            _tar_entry("manifest.json", _manifest()),
            _tar_entry("../laissez.db", b"x" * 600),
            _tar_entry("laissez.db.keys", b"{}"),
        ],
    ),
    "absolute": lambda d: backup_of(
        d / "b.laissez-backup",
        [_tar_entry("manifest.json", _manifest()), _tar_entry("/tmp/laissez.db", b"x")],
    ),
    "symlink": lambda d: backup_of(
        d / "b.laissez-backup",
        [_tar_entry("manifest.json", _manifest()), _tar_entry("laissez.db", b"", b"2")],
    ),
    "hardlink": lambda d: backup_of(
        d / "b.laissez-backup",
        [_tar_entry("manifest.json", _manifest()), _tar_entry("laissez.db", b"", b"1")],
    ),
    "device": lambda d: backup_of(
        d / "b.laissez-backup",
        [_tar_entry("manifest.json", _manifest()), _tar_entry("laissez.db", b"", b"3")],
    ),
    "sparse": lambda d: backup_of(
        d / "b.laissez-backup",
        [_tar_entry("manifest.json", _manifest()), _tar_entry("laissez.db", b"", b"S")],
    ),
    "duplicate": lambda d: backup_of(
        d / "b.laissez-backup",
        [_tar_entry("manifest.json", _manifest()), _tar_entry("manifest.json", _manifest())],
    ),
    "many_entries": lambda d: _many_entries(d / "b.laissez-backup"),
    "pax_bomb": lambda d: _pax_bomb(d / "b.laissez-backup"),
    "huge_manifest": lambda d: backup_of(
        d / "b.laissez-backup", [_tar_entry("manifest.json", b"[" * (8 * 1024 * 1024))]
    ),
    "deep_manifest": lambda d: backup_of(
        d / "b.laissez-backup", [_tar_entry("manifest.json", b"[" * 30_000 + b"]" * 30_000)]
    ),
    "cut_short": lambda d: truncated(
        d / "b.laissez-backup", _tar_entry("manifest.json", _manifest() + b" " * 4000), 0.5
    ),
    "fifo": lambda d: fifo_pdf(d / "b.laissez-backup"),
    "dev_zero": lambda _d: Path("/dev/zero"),
    "folder": lambda d: d,
    "empty": lambda d: empty_file(d / "b.laissez-backup"),
}


def sparse_file(path: Path, size: int) -> Path:
    """A file of ``size`` bytes that takes no room on disk (a hole)."""
    with path.open("wb") as handle:
        handle.truncate(size)
    return path


def bundle_body(**fields: object) -> bytes:
    """The outer JSON of a bundle with ``fields`` replacing the real ones."""
    import json

    body: dict[str, object] = {"format": "laissez-bundle", "version": 1}
    body.update(fields)
    return json.dumps(body).encode()


def deep_json(depth: int) -> bytes:
    """``[[[ ... ]]]`` ``depth`` levels deep."""
    return b"[" * depth + b"]" * depth


def many_values_json(count: int) -> bytes:
    """An array of ``count`` empty objects (about 3 bytes each, 100 bytes each once parsed)."""
    return b"[" + b"{}," * (count - 1) + b"{}]"


#: name -> maker(folder) -> path of a hostile offline-transfer bundle file.
HOSTILE_BUNDLES: dict[str, Callable[[Path], Path]] = {
    "oversize": lambda d: sparse_file(d / "b.laissez", 65 * 1024 * 1024),
    "deep": lambda d: _write(d / "b.laissez", deep_json(200_000)),
    "deep_in_a_field": lambda d: _write(
        d / "b.laissez", bundle_body(sender=0).replace(b"0}", deep_json(50_000) + b"}")
    ),
    "many_values": lambda d: _write(d / "b.laissez", many_values_json(20_000_000)),
    "many_fields": lambda d: _write(
        d / "b.laissez", bundle_body(**{f"f{i}": i for i in range(100_000)})
    ),
    "not_json": lambda d: corrupt_png(d / "b.laissez"),
    "fifo": lambda d: fifo_pdf(d / "b.laissez"),
    "dev_zero": lambda _d: Path("/dev/zero"),
    "folder": lambda d: d,
    "empty": lambda d: empty_file(d / "b.laissez"),
}


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


# -- PDFs that hide their size in compressed streams, and hostile barcodes ---------------------


def _deflated(size: int, byte: bytes = b" ") -> bytes:
    """A zlib stream of ``size`` bytes of ``byte`` (a whole number of MB) at about 1,000 to 1,
    made in well under a second: one 1 MB block is deflated once, its compressed form (which,
    after a full flush, depends on nothing before it) repeated, and the checksum computed."""
    block = byte * (1 << 20)
    raw = zlib.compressobj(9, zlib.DEFLATED, -15)
    piece = raw.compress(block) + raw.flush(zlib.Z_FULL_FLUSH)
    end = raw.flush(zlib.Z_FINISH)
    checksum = 1
    for _ in range(size >> 20):
        checksum = zlib.adler32(block, checksum)
    return b"\x78\xda" + piece * (size >> 20) + end + struct.pack(">I", checksum)


def _page_drawing(content: bytes, resources: bytes = b"") -> list[bytes]:
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] %s /Contents 4 0 R >>" % resources,
        content,
    ]


def flate_bomb_pdf(path: Path, megabytes: int = 1024) -> Path:
    """An A4 page whose content stream is ``megabytes`` MB of spaces deflated to about 1 MB:
    a reader that inflates the stream whole needs all of it in memory."""
    objects = _page_drawing(_stream(_deflated(megabytes << 20), b"/Filter /FlateDecode"))
    path.write_bytes(_pdf(objects))
    return path


def image_bomb_pdf(path: Path, side: int = 60_000) -> Path:
    """An A4 page drawing one grey image declared ``side`` x ``side`` pixels (3.6 GB at the
    default) whose deflated data is a small part of that: the page passes every header check
    and the image is found only when the page is drawn."""
    image = _stream(
        _deflated(64 << 20),
        b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Filter /FlateDecode" % (side, side),
    )
    objects = _page_drawing(
        _stream(b"q 595 0 0 842 0 0 cm /Im Do Q"),
        b"/Resources << /XObject << /Im 5 0 R >> >>",
    )
    path.write_bytes(_pdf([*objects, image]))
    return path


def nested_arrays_pdf(path: Path, depth: int = 200_000) -> Path:
    """An A4 page whose dictionary holds an array nested ``depth`` levels deep (a recursive
    parser without a depth limit overflows its stack)."""
    objects = _page_drawing(_stream(b"0 0 m 1 1 l S"), b"/Nested " + b"[" * depth + b"]" * depth)
    path.write_bytes(_pdf(objects))
    return path


def xref_loop_pdf(path: Path) -> Path:
    """Page tree nodes that are each other's kids: a reader that walks the tree without
    remembering where it has been never ends."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Parent 2 0 R /Count 1 >>",
    ]
    path.write_bytes(_pdf(objects))
    return path


#: name -> maker(folder) -> path of a PDF whose danger shows only once it is decompressed or
#: drawn; each reader must answer (a typed error, or a verdict) within the limits.
HOSTILE_STREAMS: dict[str, Callable[[Path], Path]] = {
    "flate_bomb": lambda d: flate_bomb_pdf(d / "flate.pdf"),
    "image_bomb": lambda d: image_bomb_pdf(d / "image.pdf"),
    "nested_arrays": lambda d: nested_arrays_pdf(d / "nested-arrays.pdf"),
    "xref_loop": lambda d: xref_loop_pdf(d / "loop.pdf"),
}


def barcode_png(path: Path, payloads: list[tuple[str, bytes]], per_row: int = 8) -> Path:
    """A PNG of barcodes (``(format, payload)``: ``DataMatrix``, ``QRCode`` ...) in a grid."""
    import numpy as np
    import zxingcpp
    from PIL import Image

    tiles = []
    for name, payload in payloads:
        code = zxingcpp.create_barcode(payload, getattr(zxingcpp.BarcodeFormat, name))
        tiles.append(np.array(zxingcpp.write_barcode_to_image(code, scale=3)))
    side = max(max(t.shape) for t in tiles) + 40
    rows = (len(tiles) + per_row - 1) // per_row
    canvas = np.full((rows * side, min(per_row, len(tiles)) * side), 255, dtype=np.uint8)
    for i, tile in enumerate(tiles):
        y, x = (i // per_row) * side + 20, (i % per_row) * side + 20
        canvas[y : y + tile.shape[0], x : x + tile.shape[1]] = tile
    Image.fromarray(canvas).save(path)
    return path


#: name -> maker(folder) -> path of an image whose barcodes carry what no seal holds.
HOSTILE_BARCODES: dict[str, Callable[[Path], Path]] = {
    # the seal's magic byte, then noise: the seal decoder must call it malformed, not crash
    "garbage_seal": lambda d: barcode_png(
        d / "garbage.png", [("DataMatrix", b"\xdc" + os.urandom(900))]
    ),
    # a seal header claiming far more bytes than follow
    "short_seal": lambda d: barcode_png(
        d / "short.png", [("DataMatrix", b"\xdc\x03" + b"\xff" * 40)]
    ),
    # a page of 96 codes, each a would-be seal
    "many_seals": lambda d: barcode_png(
        d / "many.png", [("QRCode", b"\xdc" + os.urandom(200)) for _ in range(96)], per_row=12
    ),
}
