"""ICAO Doc 9303 machine-readable zones: parse, validate and build.

>>> from laissez.documents.mrz import parse
>>> parse(["I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<",
...        "D231458907UTO7408122F1204159<<<<<<<6"]).valid
True
"""

from laissez.documents.mrz.build import BuiltMrz, MrzInput, build
from laissez.documents.mrz.charset import check_digit
from laissez.documents.mrz.dates import DateRole, MrzDate, resolve_century
from laissez.documents.mrz.layouts import LAYOUTS, MrzFormat, detect_layout, split_lines
from laissez.documents.mrz.names import MrzName, decode_name, encode_name
from laissez.documents.mrz.parse import CheckResult, MrzFields, MrzResult, parse

__all__ = [
    "LAYOUTS",
    "BuiltMrz",
    "CheckResult",
    "DateRole",
    "MrzDate",
    "MrzFields",
    "MrzFormat",
    "MrzInput",
    "MrzName",
    "MrzResult",
    "build",
    "check_digit",
    "decode_name",
    "detect_layout",
    "encode_name",
    "parse",
    "resolve_century",
    "split_lines",
]
