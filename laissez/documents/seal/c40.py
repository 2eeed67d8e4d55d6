"""C40 text, dates and DER-TLV lengths as Doc 9303 Part 13 §2 encodes them.

>>> c40_encode("VISA01").hex().upper()
'DE515826'
>>> c40_decode(bytes.fromhex("DE515826"))
'VISA01'
"""

from __future__ import annotations

import datetime as dt

from laissez.documents.seal.errors import SealEncodeError, SealFormatError

#: the byte that announces one trailing ASCII character (ISO/IEC 16022 "unlatch" rule)
_UNLATCH = 0xFE
_SHIFT1 = 0  # C40 value used to pad the last triple


def _value(char: str) -> int:
    if char == " ":
        return 3
    if "0" <= char <= "9":
        return ord(char) - ord("0") + 4
    if "A" <= char <= "Z":
        return ord(char) - ord("A") + 14
    raise SealEncodeError("a character outside C40 (A-Z, 0-9, space, <) cannot be encoded")


def _char(value: int) -> str:
    if value == 3:
        return " "
    if 4 <= value <= 13:
        return chr(ord("0") + value - 4)
    if 14 <= value <= 39:
        return chr(ord("A") + value - 14)
    raise SealFormatError("C40 value outside the basic set (space, 0-9, A-Z)")


def c40_encode(text: str) -> bytes:
    """Encode ``text`` (A-Z, 0-9, space; ``<`` is written as space) as C40.

    The result has the smallest even length holding the text: two characters left over are
    padded with Shift 1, one left over is written as ``0xFE`` + its ASCII code + 1.

    Raises:
        SealEncodeError: a character outside the C40 basic set.
    """
    text = text.replace("<", " ")
    out = bytearray()
    full = len(text) - len(text) % 3
    for i in range(0, full, 3):
        u1, u2, u3 = (_value(c) for c in text[i : i + 3])
        number = 1600 * u1 + 40 * u2 + u3 + 1
        out += number.to_bytes(2, "big")
    rest = text[full:]
    if len(rest) == 2:
        number = 1600 * _value(rest[0]) + 40 * _value(rest[1]) + _SHIFT1 + 1
        out += number.to_bytes(2, "big")
    elif len(rest) == 1:
        _value(rest)  # validates
        out += bytes((_UNLATCH, ord(rest) + 1))
    return bytes(out)


def c40_decode(data: bytes) -> str:
    """Decode C40 bytes to text (spaces stay spaces; Shift 1 padding is dropped).

    Raises:
        SealFormatError: an odd length or a value outside the basic set.
    """
    if len(data) % 2:
        raise SealFormatError("C40 data has an odd number of bytes")
    chars: list[str] = []
    for i in range(0, len(data), 2):
        b1, b2 = data[i], data[i + 1]
        if b1 == _UNLATCH:
            chars.append(chr(b2 - 1))
            continue
        number = (b1 << 8 | b2) - 1
        values = (number // 1600, (number // 40) % 40, number % 40)
        for j, value in enumerate(values):
            if value == _SHIFT1 and j > 0:
                break  # padding of the last triple
            chars.append(_char(value))
    return "".join(chars)


def c40_length(chars: int) -> int:
    """The number of bytes :func:`c40_encode` writes for ``chars`` characters."""
    return 2 * ((chars + 2) // 3)


def encode_date(date: dt.date) -> bytes:
    """A date as the 3-byte integer MMDDYYYY (25 Mar 1957 -> ``31 9E F5``)."""
    return int(f"{date.month:02d}{date.day:02d}{date.year:04d}").to_bytes(3, "big")


def decode_date(data: bytes) -> dt.date:
    """The inverse of :func:`encode_date`.

    Raises:
        SealFormatError: not 3 bytes, or not a calendar date.
    """
    if len(data) != 3:
        raise SealFormatError("a seal date takes 3 bytes")
    digits = f"{int.from_bytes(data, 'big'):08d}"
    try:
        return dt.date(int(digits[4:]), int(digits[:2]), int(digits[2:4]))
    except ValueError:
        raise SealFormatError("a seal date is not a calendar date") from None


def encode_length(length: int) -> bytes:
    """A DER-TLV length: one byte below 128, else ``0x81``/``0x82``/... and big-endian bytes."""
    if length < 0:
        raise SealEncodeError("a length cannot be negative")
    if length < 0x80:
        return bytes((length,))
    body = length.to_bytes((length.bit_length() + 7) // 8, "big")
    return bytes((0x80 | len(body),)) + body


def decode_length(data: bytes, offset: int) -> tuple[int, int]:
    """Read a DER-TLV length at ``offset``; returns (length, offset after it).

    Raises:
        SealFormatError: the data ends inside the length or uses more than 4 length bytes.
    """
    if offset >= len(data):
        raise SealFormatError("the seal ends where a length was expected")
    first = data[offset]
    if first < 0x80:
        return first, offset + 1
    count = first & 0x7F
    if count == 0 or count > 4 or offset + 1 + count > len(data):
        raise SealFormatError("a DER length in the seal is malformed")
    return int.from_bytes(data[offset + 1 : offset + 1 + count], "big"), offset + 1 + count
