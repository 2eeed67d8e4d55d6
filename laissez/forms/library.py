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

Only signed versions are used (``laissez.forms.trust``): the packaged ones whose signature in
``signatures.json`` verifies against the release key, and those headquarters published and
signed, handed to the library as ``publications`` with headquarters' key. A draft, a version
nobody signed, or a file edited after signing (even with its manifest entry) is refused with
``UnpublishedDefinitionError`` or ``PublishedContentChangedError``; when no version is asked
for, the newest signed one is used, so a draft left beside a published version changes
nothing. An advisal text must also cover every required point, when published and at use.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from laissez.forms import trust
from laissez.forms.advisal import AdvisalText, advisal_from_data
from laissez.forms.consent import ConsentScopeSet, scopes_from_data
from laissez.forms.errors import (
    DefinitionError,
    IncompleteAdvisalError,
    PublishedContentChangedError,
    UnknownDefinitionError,
    UnpublishedDefinitionError,
)
from laissez.forms.schema import Form, form_from_data
from laissez.forms.trust import Publication

DEFAULT_ROOT = Path(__file__).resolve().parent / "data"
MANIFEST = "published.json"


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
    import jsonschema  # not at start-up: 0.08 s to import

    jsonschema.Draft202012Validator.check_schema(data)
    return data


class Library:
    """The forms, advisal texts and consent scopes under one data root.

    Every load validates the file against its JSON Schema and, for a published version,
    checks its content hash against ``published.json``. Loaded objects are frozen.
    """

    def __init__(
        self,
        root: Path | None = None,
        *,
        publications: Iterable[Publication] = (),
        hq_key: str | None = None,
        packaged_key: str | None = None,
    ) -> None:
        self.root = (root or DEFAULT_ROOT).resolve()
        self.packaged_key = packaged_key or trust.PACKAGED_PUBLIC_KEY
        # path -> (file identity, parsed data, hash): a file is read again when it changes
        self._cache: dict[Path, tuple[tuple[int, int, int], dict[str, Any], str]] = {}
        self._packaged: tuple[tuple[int, int], dict[str, str]] | None = None
        #: headquarters' versions whose signature verifies: key -> (parsed data, hash)
        self.published_by_hq: dict[str, tuple[dict[str, Any], str]] = {}
        for pub in publications:
            data = _parse_publication(pub)
            if data is not None and trust.verifies(
                hq_key, pub.key, pub.content_hash, pub.signature
            ):
                self.published_by_hq[pub.key] = (data, pub.content_hash)

    def signed(self) -> dict[str, str]:
        """Every version that counts as published: key -> content hash. The packaged manifest's
        entries count only when their signature verifies against the release key."""
        manifest_path, sig_path = self.root / MANIFEST, self.root / trust.SIGNATURES
        identity = tuple(
            p.stat().st_mtime_ns if p.exists() else 0 for p in (manifest_path, sig_path)
        )
        if self._packaged is None or self._packaged[0] != identity:
            signatures: dict[str, str] = (
                json.loads(sig_path.read_text(encoding="utf-8")) if sig_path.is_file() else {}
            )
            good = {
                key: digest
                for key, digest in self.manifest().items()
                if trust.verifies(self.packaged_key, key, digest, signatures.get(key))
            }
            self._packaged = ((identity[0], identity[1]), good)
        result = dict(self._packaged[1])
        result.update({k: digest for k, (_d, digest) in self.published_by_hq.items()})
        return result

    def _signed_versions(self, prefix: str, suffix: str = "") -> list[str]:
        """Signed versions whose key is ``<prefix>@<version><suffix>``, oldest first."""
        found = []
        for key in self.signed():
            head, _, tail = key.partition("@")
            if head != prefix:
                continue
            version, _, rest = tail.partition("/")
            if (f"/{rest}" if rest else "") == suffix:
                found.append(version)
        return sorted(set(found), key=_version_key)

    # --- plumbing ------------------------------------------------------------------------

    def manifest(self) -> dict[str, str]:
        """The published hashes: key -> SHA-256 (an empty mapping when there is no manifest)."""
        path = self.root / MANIFEST
        if not path.is_file():
            return {}
        data: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))
        return data

    def _read(self, path: Path, schema: str, key: str) -> tuple[dict[str, Any], str]:
        if key in self.published_by_hq:
            data, digest = self.published_by_hq[key]
            self._check_schema(data, schema, key)
            return data, digest
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
        self._check_schema(data, schema, key)
        digest = content_hash(data)
        published = self.signed().get(key)
        if published is not None and published != digest:
            raise PublishedContentChangedError(
                f"{key} was published with another content hash; a published version is "
                "immutable, give the change a new version number"
            )
        if published is None:
            raise UnpublishedDefinitionError(
                f"{key} is not a version headquarters published and signed (a draft, or a file "
                "changed on this computer): it is never used"
            )
        return data, digest

    def _check_schema(self, data: Any, schema: str, key: str) -> None:
        import jsonschema  # not at start-up: 0.08 s to import

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

    def _latest(self, prefix: str, what: str, suffix: str = "") -> str:
        """The newest signed version of ``prefix`` that exists (a file or a publication)."""
        for version in reversed(self._signed_versions(prefix, suffix)):
            key = f"{prefix}@{version}{suffix}"
            if key in self.published_by_hq or self._path(key).is_file():
                return version
        raise UnknownDefinitionError(f"no published version of {what}")

    def _path(self, key: str) -> Path:
        kind, ident, version, language = trust.split_key(key)
        if kind == "advisal":
            return self.root / "advisal" / ident / version / f"{language}.yaml"
        return self.root / kind / ident / f"{version}.yaml"

    # --- forms -----------------------------------------------------------------------------

    def form_ids(self) -> list[str]:
        """The ids of every form with a published version, sorted."""
        return sorted(
            {
                k.partition("@")[0].removeprefix("forms/")
                for k in self.signed()
                if k.startswith("forms/")
            }
        )

    def form_versions(self, form_id: str) -> list[str]:
        """Every published version of a form, oldest first."""
        versions = self._signed_versions(f"forms/{form_id}")
        if not versions:
            raise UnknownDefinitionError(f"no form {form_id}")
        return versions

    def form(self, form_id: str, version: str | None = None) -> Form:
        """A form at ``version`` (the newest published when None), checked and frozen."""
        version = version or self._latest(f"forms/{form_id}", f"form {form_id}")
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
        """The languages a published advisal text exists in (at ``version``, or in any version
        when None)."""
        found = set()
        for key in self.signed():
            head, _, tail = key.partition("@")
            ver, _, language = tail.partition("/")
            if head == f"advisal/{text_id}" and language and version in (None, ver):
                found.add(language)
        return sorted(found)

    def advisal(
        self, language: str, text_id: str = "rights", version: str | None = None
    ) -> AdvisalText:
        """The advisal text in ``language`` at ``version`` (the newest published in that
        language when None).

        Raises ``UnknownDefinitionError`` when that language does not exist: an advisal is never
        silently shown in another language than the one asked for; ``IncompleteAdvisalError``
        when the text does not cover every required point (checked again at every use).
        """
        suffix = f"/{language}"
        what = f"advisal {text_id} in {language}"
        version = version or self._latest(f"advisal/{text_id}", what, suffix)
        key = f"advisal/{text_id}@{version}/{language}"
        path = self.root / "advisal" / text_id / version / f"{language}.yaml"
        data, digest = self._read(path, "advisal", key)
        if (data["id"], str(data["version"]), data["language"]) != (text_id, version, language):
            raise DefinitionError(f"{key}: id, version or language does not match its path")
        text = advisal_from_data(data, digest)
        check_advisal(text)
        return text

    # --- consent scopes --------------------------------------------------------------------

    def consent_scopes(
        self, set_id: str = "standard", version: str | None = None
    ) -> ConsentScopeSet:
        """The consent scopes of a set at ``version`` (the newest when None)."""
        version = version or self._latest(f"consent/{set_id}", f"consent {set_id}")
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


def check_definition(data: Any, root: Path | None = None) -> tuple[str, str]:
    """Check a definition about to be published: its JSON Schema, the rules of its kind, and
    for an advisal text every required point. Returns ``(key, content hash)``; raises
    ``DefinitionError`` or ``IncompleteAdvisalError`` (headquarters refuses to publish then)."""
    if not isinstance(data, dict):
        raise DefinitionError("the file is not a form, an advisal text or a consent-scope set")
    try:
        key = trust.key_of(data)
        kind = trust.split_key(key)[0]
    except ValueError as exc:
        raise DefinitionError(str(exc)) from None
    library = Library(root)
    schema = {"forms": "form", "advisal": "advisal", "consent": "consent"}[kind]
    library._check_schema(data, schema, key)
    digest = content_hash(data)
    if kind == "forms":
        _check_form_rules(form_from_data(data, digest), key)
    elif kind == "advisal":
        check_advisal(advisal_from_data(data, digest))
    else:
        scopes_from_data(data, digest)
    return key, digest


def check_advisal(text: AdvisalText) -> None:
    """Raise ``IncompleteAdvisalError`` unless ``text`` covers every required point."""
    missing = text.missing_points()
    if missing:
        raise IncompleteAdvisalError(
            f"advisal text {text.ref} does not cover every point it must "
            f"(missing: {', '.join(missing)}); it cannot be used",
            missing=missing,
        )


def _parse_publication(pub: Publication) -> dict[str, Any] | None:
    """The definition a publication carries, when it parses and matches its key and hash."""
    try:
        data = yaml.safe_load(pub.body)
    except yaml.YAMLError:
        return None
    if not isinstance(data, dict) or content_hash(data) != pub.content_hash:
        return None
    try:
        return data if trust.key_of(data) == pub.key else None
    except ValueError:
        return None


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
