"""The forms, advisal texts and consent scopes this mission may use: the versions packaged
with Laissez and those headquarters published, as far as their signatures verify.

Headquarters' versions arrive by sync (``sync_form_versions``, with headquarters' signature);
they are checked here, at every use, against the headquarters key the device received at
enrolment (``laissez.forms.trust``). A row edited in the database, a draft, or a version
signed by anyone else is simply not there for the library.
"""

from __future__ import annotations

from pathlib import Path
from threading import Lock

from sqlalchemy.orm import Session

from laissez.forms import Library, Publication, default_library
from laissez.storage.database import Database
from laissez.storage.sync import state

_cache: dict[Path, tuple[object, Library]] = {}
_lock = Lock()


def _key(form_id: str, version: str, language: str) -> str:
    return f"{form_id}@{version}" + (f"/{language}" if language else "")


def library_in(session: Session, path: Path) -> Library:
    """The library of the database behind ``session`` (``path`` names it for the cache)."""
    held = state.form_versions(session)
    if not held:
        return default_library()
    hq_key = state.hq_signing_key(session)
    fingerprint = (hq_key, tuple(held))  # bodies included: an edited row is seen at once
    with _lock:
        cached = _cache.get(path)
        if cached is not None and cached[0] == fingerprint:
            return cached[1]
    publications = [
        Publication(_key(form_id, version, language), digest, signature, body)
        for form_id, version, language, digest, signature, body in held
    ]
    library = Library(publications=publications, hq_key=hq_key)
    with _lock:
        _cache[path] = (fingerprint, library)
    return library


def published_library(db: Database) -> Library:
    """The library of ``db``'s mission: packaged versions plus headquarters' signed ones."""
    with db.read_session() as session:
        return library_in(session, db.path)
