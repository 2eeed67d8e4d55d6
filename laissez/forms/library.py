"""Load forms, rights-advisal texts and consent scopes from their data files, check them
against their JSON Schemas, and enforce that a published version never changes.

Layout under the data root (``laissez/forms/data`` by default)::

    forms/<form_id>/<version>.yaml
    advisal/<text_id>/<version>/<language>.yaml
    consent/<set_id>/<version>.yaml
    schema/{form,advisal,consent}.schema.json
    published.json   {"forms/<id>@<version>": sha256, "advisal/<id>@<version>/<lang>": ...}

The content hash is SHA-256 over the canonical JSON form of the parsed file (sorted keys, no
insignificant white space, UTF-8), so re-indenting a YAML file does not change it but changing
a word does. ``publish`` computes the hashes to put in ``published.json``.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from laissez.forms.advisal import AdvisalText, advisal_from_data
from laissez.forms.consent import ConsentScopeSet, scopes_from_data
from laissez.forms.errors import (
    DefinitionError,
    PublishedContentChangedError,
    UnknownDefinitionError,
    UnpublishedDefinitionError,
)
from laissez.forms.schema import Form, form_from_data

DEFAULT_ROOT = Path(__file__).resolve().parent / "data"
MANIFEST = "published.json"
_VERSION = re.compile(r"^[0-9]+(\.[0-9]+)*$")


def canonical_json(data: Any) -> bytes:
    """The canonical JSON bytes of ``data`` (sorted keys, compact, UTF-8)."""
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode(
        "utf-8"
    )


def content_hash(data: Any) -> str:
    """SHA-256 (hex) of the canonical JSON form of ``data``."""
    return hashlib.sha256(canonical_json(data)).hexdigest()


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(p) for p in version.split("."))


@cache
def _schema(root: Path, name: str) -> dict[str, Any]:
    path = root / "schema" / f"{name}.schema.json"
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(data)
    return data


class Library:
    """The forms, advisal texts and consent scopes under one data root.

    Every load validates the file against its JSON Schema and, for a published version,
    checks its content hash against ``published.json``. Loaded objects are frozen.
    """

    def __init__(self, root: Path | None = None) -> None:
        self.root = (root or DEFAULT_ROOT).resolve()
        # path -> (file identity, parsed data, hash): a file is read again when it changes
        self._cache: dict[Path, tuple[tuple[int, int, int], dict[str, Any], str]] = {}

    # --- plumbing ------------------------------------------------------------------------

    def manifest(self) -> dict[str, str]:
        """The published hashes: key -> SHA-256 (an empty mapping when there is no manifest)."""
        path = self.root / MANIFEST
        if not path.is_file():
            return {}
        data: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))
        return data

    def _read(self, path: Path, schema: str, key: str) -> tuple[dict[str, Any], str]:
        if not path.is_file():
            raise UnknownDefinitionError(f"no {schema} definition {key}")
        stat = path.stat()
        manifest_path = self.root / MANIFEST
        manifest_mtime = manifest_path.stat().st_mtime_ns if manifest_path.exists() else 0
        identity = (stat.st_mtime_ns, stat.st_size, manifest_mtime)
        cached = self._cache.get(path)
        if cached is not None and cached[0] == identity:
            return cached[1], cached[2]
        data, digest = self._read_uncached(path, schema, key)
        self._cache[path] = (identity, data, digest)
        return data, digest

    def _read_uncached(self, path: Path, schema: str, key: str) -> tuple[dict[str, Any], str]:
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f" at line {mark.line + 1}" if mark is not None else ""
            raise DefinitionError(f"{key}: the file is not valid YAML{where}") from None
        validator = jsonschema.Draft202012Validator(_schema(self.root, schema))
        errors = list(validator.iter_errors(data))
        if errors:
            # the deepest error names the most precise place
            first = max(errors, key=lambda e: len(e.absolute_path))
            where = "/".join(str(p) for p in first.absolute_path) or "(top)"
            raise DefinitionError(
                f"{key}: {len(errors)} schema error(s); first at {where}: {first.validator} "
                f"rule failed"
            )
        digest = content_hash(data)
        published = self.manifest().get(key)
        if published is not None and published != digest:
            raise PublishedContentChangedError(
                f"{key} was published with another content hash; a published version is "
                "immutable, give the change a new version number"
            )
        if published is None and data.get("status") == "published":
            raise UnpublishedDefinitionError(
                f"{key} says it is published but its hash is not in {MANIFEST}"
            )
        return data, digest

    @staticmethod
    def _latest(directory: Path, what: str) -> str:
        versions = (
            [
                p.stem if p.is_file() else p.name
                for p in directory.iterdir()
                if _VERSION.match(p.stem if p.is_file() else p.name)
            ]
            if directory.is_dir()
            else []
        )
        if not versions:
            raise UnknownDefinitionError(f"no version of {what}")
        return max(versions, key=_version_key)

    # --- forms -----------------------------------------------------------------------------

    def form_ids(self) -> list[str]:
        """The ids of every form, sorted."""
        return sorted(p.name for p in (self.root / "forms").iterdir() if p.is_dir())

    def form_versions(self, form_id: str) -> list[str]:
        """Every version of a form, oldest first."""
        directory = self.root / "forms" / form_id
        if not directory.is_dir():
            raise UnknownDefinitionError(f"no form {form_id}")
        return sorted((p.stem for p in directory.glob("*.yaml")), key=_version_key)

    def form(self, form_id: str, version: str | None = None) -> Form:
        """A form at ``version`` (the newest when None), checked and frozen."""
        version = version or self._latest(self.root / "forms" / form_id, f"form {form_id}")
        key = f"forms/{form_id}@{version}"
        data, digest = self._read(self.root / "forms" / form_id / f"{version}.yaml", "form", key)
        if data["id"] != form_id or str(data["version"]) != version:
            raise DefinitionError(f"{key}: id or version inside the file does not match its path")
        form = form_from_data(data, digest)
        _check_form_rules(form, key)
        return form

    def forms(self) -> list[Form]:
        """The newest version of every form."""
        return [self.form(form_id) for form_id in self.form_ids()]

    # --- advisal texts ---------------------------------------------------------------------

    def advisal_languages(self, text_id: str = "rights", version: str | None = None) -> list[str]:
        """The languages an advisal text version exists in."""
        version = version or self._latest(self.root / "advisal" / text_id, f"advisal {text_id}")
        directory = self.root / "advisal" / text_id / version
        return sorted(p.stem for p in directory.glob("*.yaml"))

    def advisal(
        self, language: str, text_id: str = "rights", version: str | None = None
    ) -> AdvisalText:
        """The advisal text in ``language`` at ``version`` (the newest when None).

        Raises ``UnknownDefinitionError`` when that language does not exist: an advisal is never
        silently shown in another language than the one asked for.
        """
        version = version or self._latest(self.root / "advisal" / text_id, f"advisal {text_id}")
        key = f"advisal/{text_id}@{version}/{language}"
        path = self.root / "advisal" / text_id / version / f"{language}.yaml"
        data, digest = self._read(path, "advisal", key)
        if (data["id"], str(data["version"]), data["language"]) != (text_id, version, language):
            raise DefinitionError(f"{key}: id, version or language does not match its path")
        return advisal_from_data(data, digest)

    # --- consent scopes --------------------------------------------------------------------

    def consent_scopes(
        self, set_id: str = "standard", version: str | None = None
    ) -> ConsentScopeSet:
        """The consent scopes of a set at ``version`` (the newest when None)."""
        version = version or self._latest(self.root / "consent" / set_id, f"consent {set_id}")
        key = f"consent/{set_id}@{version}"
        data, digest = self._read(
            self.root / "consent" / set_id / f"{version}.yaml", "consent", key
        )
        return scopes_from_data(data, digest)

    # --- publishing ------------------------------------------------------------------------

    def compute_manifest(self) -> dict[str, str]:
        """Hashes of every file whose status is ``published`` (what ``published.json`` holds).

        Existing entries are kept as they are: publishing never rewrites a published hash.
        """
        result = dict(self.manifest())
        for path in sorted(self.root.glob("forms/*/*.yaml")):
            key = f"forms/{path.parent.name}@{path.stem}"
            _add_published(result, key, path)
        for path in sorted(self.root.glob("advisal/*/*/*.yaml")):
            key = f"advisal/{path.parent.parent.name}@{path.parent.name}/{path.stem}"
            _add_published(result, key, path)
        for path in sorted(self.root.glob("consent/*/*.yaml")):
            key = f"consent/{path.parent.name}@{path.stem}"
            _add_published(result, key, path)
        return dict(sorted(result.items()))


def _add_published(result: dict[str, str], key: str, path: Path) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if isinstance(data, Mapping) and data.get("status") == "published" and key not in result:
        result[key] = content_hash(data)


def _check_form_rules(form: Form, key: str) -> None:
    """Rules JSON Schema cannot express: unique ids, conditions pointing at earlier fields."""
    seen: dict[str, int] = {}
    for index, f in enumerate(form.fields):
        if f.id in seen:
            raise DefinitionError(f"{key}: field id {f.id} appears twice")
        if f.when is not None:
            for name in f.when.fields():
                if name not in seen:
                    raise DefinitionError(
                        f"{key}: field {f.id} has a condition on {name}, which is not an "
                        "earlier field of the form"
                    )
        if f.pattern is not None:
            try:
                re.compile(f.pattern)
            except re.error:
                raise DefinitionError(f"{key}: field {f.id} has an invalid pattern") from None
        seen[f.id] = index
    for section in form.sections:
        if len({f.id for f in section.fields}) != len(section.fields):
            raise DefinitionError(f"{key}: section {section.id} repeats a field id")


@cache
def default_library() -> Library:
    """The library of the texts shipped with Laissez."""
    return Library()
