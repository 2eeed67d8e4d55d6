"""The evidence keys of a case's person: what the person match compares (pure, no database).

Each key is a kind and a normalised value; only its SHA-256 digest is stored
(``person_match_keys``), and two cases match on a kind when their digests are equal, so a
match is an indexed lookup, never a scan of the cases. Kinds, and what a shared key means:

* ``doc`` / ``doc_unverified``: the issuing State and the document number (``UTO:L898902C3``),
  read with every MRZ check digit right, or typed or misread. The same number on both sides,
  read right on both, is the same passport: the same person (exact). Otherwise uncertain.
* ``name_birth``: the name, a complete date of birth and the nationality (exact).
* ``name``: the name and the nationality, whatever the date of birth (uncertain: the same
  name, another or a partly unknown date of birth).
* ``skeleton_birth``: the name's consonant skeleton and a complete date of birth (uncertain:
  a similar name, the same birthday; ``Mohammed`` and ``Muhammad`` share ``MD``).
* ``photo``: the photograph's bytes (uncertain: the same picture in two cases).

A name is folded by the ICAO Doc 9303 transliteration (``laissez.documents.transliteration``:
``Müller`` and ``MUELLER``, ``محمد`` and ``MOHAMMED`` agree), then its parts are sorted, so a
surname and a given name recorded the other way round still match. A name in another script
also gives the transliteration of the original script.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from laissez.documents.errors import TransliterationError
from laissez.documents.transliteration import transliterate
from laissez.storage.text import name_key

DOC = "doc"
DOC_UNVERIFIED = "doc_unverified"
NAME_BIRTH = "name_birth"
NAME = "name"
SKELETON_BIRTH = "skeleton_birth"
PHOTO = "photo"
#: kinds whose values are compared with each other (a typed number against a read one)
_GROUP = {DOC: "doc", DOC_UNVERIFIED: "doc"}
#: the reason an uncertain match is proposed, by the kind of key both cases share
PROPOSAL_REASONS: dict[str, str] = {
    DOC_UNVERIFIED: "same_document_unverified",
    NAME: "same_name_other_birth",
    SKELETON_BIRTH: "similar_name_same_birth",
    PHOTO: "same_photograph",
}
_FULL_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_VOWELS = set("AEIOUYHW")
_SAME_SOUND = str.maketrans({"C": "K", "Q": "K", "Z": "S", "V": "F", "P": "F"})


@dataclass(frozen=True)
class Evidence:
    """What a case recorded about the person, as the match reads it.

    ``names``: (primary, secondary) pairs in any script; ``documents``: (issuing State,
    number, read right) triples; ``photos``: the photographs' bytes.
    """

    names: tuple[tuple[str | None, str | None], ...] = ()
    date_of_birth: str | None = None
    nationality: str | None = None
    documents: tuple[tuple[str | None, str | None, bool], ...] = ()
    photos: tuple[bytes, ...] = ()


def _fold_part(text: str) -> list[str]:
    try:
        folded = transliterate(text)
    except TransliterationError:
        folded = name_key(text)
    return [t for t in re.split(r"[^A-Z]+", folded.upper()) if t]


def fold_name(primary: str | None, secondary: str | None) -> str:
    """The name as the match compares it: Doc 9303 transliteration, upper-case A-Z words,
    sorted (``("Müller", "José")`` -> ``"JOSE MUELLER"``); "" for no name."""
    words = _fold_part(primary or "") + _fold_part(secondary or "")
    return " ".join(sorted(words))


def skeleton(folded: str) -> str:
    """The consonant skeleton of a folded name: each word keeps its first letter, drops
    vowels, H, W and Y, maps letters that sound alike (C/Q to K, Z to S, V/P to F) and
    collapses repeats; words sorted (``MOHAMMED`` and ``MUHAMMAD`` -> ``MD``; the Doc 9303
    transliteration of ``حداد``, ``XHDAD``, and ``HADDAD`` -> ``HD``)."""
    out = []
    for word in folded.split():
        # Doc 9303 writes Arabic letters without a Latin one as X-digraphs (XH, XAY ...)
        mapped = re.sub(r"X(?=[A-Z])", "", word).translate(_SAME_SOUND)
        letters = [mapped[0]] + [c for c in mapped[1:] if c not in _VOWELS]
        collapsed = [c for i, c in enumerate(letters) if i == 0 or c != letters[i - 1]]
        out.append("".join(collapsed))
    return " ".join(sorted(out))


def complete_date(value: str | None) -> str | None:
    """The date of birth when every part is known (``1990-03-04``), else None."""
    text = (value or "").strip()
    return text if _FULL_DATE.fullmatch(text) else None


def digest(kind: str, value: str) -> str:
    """The stored form of a key: SHA-256 (hex) of its comparison group and value."""
    group = _GROUP.get(kind, kind)
    return hashlib.sha256(f"{group}\x1f{value}".encode()).hexdigest()


def _normalise_number(number: str) -> str:
    return re.sub(r"[\s<]+", "", number).upper()


def keys(evidence: Evidence) -> set[tuple[str, str]]:
    """Every (kind, digest) key of ``evidence``."""
    found: set[tuple[str, str]] = set()
    for state, number, read_right in evidence.documents:
        value = _normalise_number(number or "")
        if value:
            kind = DOC if read_right else DOC_UNVERIFIED
            found.add((kind, digest(kind, f"{(state or '').upper()}:{value}")))
    nationality = (evidence.nationality or "").upper()
    born = complete_date(evidence.date_of_birth)
    names = {fold_name(p, s) for p, s in evidence.names} - {""}
    for name in names:
        if nationality:
            found.add((NAME, digest(NAME, f"{name}|{nationality}")))
            if born:
                found.add((NAME_BIRTH, digest(NAME_BIRTH, f"{name}|{born}|{nationality}")))
        if born:
            found.add((SKELETON_BIRTH, digest(SKELETON_BIRTH, f"{skeleton(name)}|{born}")))
    for photo in evidence.photos:
        found.add((PHOTO, hashlib.sha256(b"photo\x1f" + photo).hexdigest()))
    return found


def verdict(mine: Iterable[str], theirs: Iterable[str]) -> tuple[str | None, str | None]:
    """How two cases match, from the kinds of the keys they share (``mine``: this case's kind
    of each shared key, ``theirs``: the other case's): ``(exact reason, None)`` for the same
    person, ``(None, proposal reason)`` for an uncertain match, ``(None, None)`` for none."""
    shared_mine, shared_theirs = set(mine), set(theirs)
    if DOC in shared_mine and DOC in shared_theirs:
        return "document", None
    if NAME_BIRTH in shared_mine:
        return "name_and_birth", None
    for kind in (DOC_UNVERIFIED, DOC, SKELETON_BIRTH, NAME, PHOTO):
        if kind in shared_mine or kind in shared_theirs:
            return None, PROPOSAL_REASONS.get(kind, PROPOSAL_REASONS[DOC_UNVERIFIED])
    return None, None
