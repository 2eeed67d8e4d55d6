"""Loading forms, advisal texts and consent scopes: schemas, hashes, immutability."""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import pytest
import yaml
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from laissez.forms import (
    REQUIRED_POINTS,
    ConsentKind,
    DefinitionError,
    IncompleteAdvisalError,
    Library,
    PublishedContentChangedError,
    UnknownDefinitionError,
    UnpublishedDefinitionError,
    content_hash,
    default_library,
    trust,
)
from laissez.forms.library import DEFAULT_ROOT, MANIFEST
from laissez.forms.schema import Field, Option, Text
from laissez.forms.trust import Publication

FORMS = ["family", "fear_of_return", "identity", "pending_proceedings", "travel_route",
         "vulnerability"]  # fmt: skip
LANGUAGES = ["ar", "bn", "en", "es", "fr", "ur"]
#: the newest shipped version of every form (version 2 added Arabic) and the next free one
LATEST, NEXT = "2", "3"


def _draft_next(root: Path) -> dict:
    data = yaml.safe_load((root / "forms" / "family" / f"{LATEST}.yaml").read_text("utf-8"))
    data.update(version=NEXT, status="draft")
    return data


def _signed_by_hq(root: Path, data: dict) -> Library:
    """A library holding ``data`` as a version headquarters signed (checks still apply)."""
    hq = Ed25519PrivateKey.generate()
    key, digest = f"forms/{data['id']}@{data['version']}", content_hash(data)
    pub = Publication(key, digest, trust.sign(hq, key, digest), yaml.safe_dump(data))
    return Library(root, publications=[pub], hq_key=trust.public_text(hq))


@pytest.fixture
def copy_root(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    shutil.copytree(DEFAULT_ROOT, root)
    return root


def test_every_shipped_form_loads_published_and_translated() -> None:
    lib = default_library()
    assert lib.form_ids() == FORMS
    for form in lib.forms():
        assert form.published
        assert form.version == LATEST
        assert set(form.languages) == {"en", "fr", "es", "ar"}
        for f in form.fields:
            for lang in form.languages:
                assert f.label.has(lang), f"{form.ref} {f.id} has no {lang} label"
                assert not f.help.by_language or f.help.has(lang)
            for option in f.options:
                assert all(option.label.has(lang) for lang in form.languages)


def test_the_published_manifest_is_complete_and_current() -> None:
    lib = default_library()
    assert lib.compute_manifest() == lib.manifest()
    # two versions of each form, the advisal in each language, consent scopes v1 and v2
    assert len(lib.manifest()) == 2 * len(FORMS) + len(LANGUAGES) + 2


def _rules(field: Field) -> Field:
    """``field`` without its words: what decides whether an answer is valid."""
    blank = Text({})
    options = tuple(Option(o.value, blank) for o in field.options)
    return dataclasses.replace(field, label=blank, help=blank, options=options)


def test_version_2_only_adds_arabic_so_answers_to_version_1_still_fit() -> None:
    lib = default_library()
    for form_id in FORMS:
        old, new = lib.form(form_id, "1"), lib.form(form_id)
        assert old.published and old.content_hash == lib.manifest()[f"forms/{form_id}@1"]
        assert set(old.languages) == {"en", "fr", "es"}
        assert [s.id for s in old.sections] == [s.id for s in new.sections]
        for before, after in zip(old.fields, new.fields, strict=True):
            assert _rules(before) == _rules(after)  # same question, same checks
            for lang in ("en", "fr", "es"):
                assert before.label.get(lang) == after.label.get(lang)


def test_an_arabic_interface_shows_arabic_labels_and_falls_back_to_english() -> None:
    form = default_library().form("fear_of_return")
    fears = form.field("fears_return")
    assert fears.label.has("ar") and fears.label.get("ar") != fears.label.get("en")
    assert fears.label.get("ar-EG") == fears.label.get("ar")  # a regional tag: its base language
    assert fears.label.get("bn") == fears.label.get("en")  # no Bengali: English
    assert all(o.label.has("ar") for f in form.fields for o in f.options)
    assert all(s.title.has("ar") for s in form.sections) and form.title.has("ar")
    assert form.description.has("ar")
    # version 1, which old cases were answered with, has no Arabic: it shows English
    old = default_library().form("fear_of_return", "1").field("fears_return")
    assert old.label.get("ar") == old.label.get("en")


def test_every_field_type_is_used_by_some_form() -> None:
    used = {f.type.value for form in default_library().forms() for f in form.fields}
    assert used >= {"text", "date", "choice", "multi_choice", "yes_no_unknown", "country",
                    "language", "signature", "photo"}  # fmt: skip


def test_changing_a_published_form_fails_to_load(copy_root: Path) -> None:
    for version in ("1", LATEST):  # an older published version is just as immutable
        path = copy_root / "forms" / "fear_of_return" / f"{version}.yaml"
        path.write_text(path.read_text("utf-8").replace("afraid", "worried"), "utf-8")
        with pytest.raises(PublishedContentChangedError) as err:
            Library(copy_root).form("fear_of_return", version)
        assert err.value.code == "forms.published_changed"
        assert f"fear_of_return@{version}" in err.value.message


def test_reformatting_a_published_file_keeps_its_hash(copy_root: Path) -> None:
    path = copy_root / "forms" / "family" / "1.yaml"
    data = yaml.safe_load(path.read_text("utf-8"))
    path.write_text(yaml.safe_dump(data, allow_unicode=True, indent=4), "utf-8")
    assert (
        Library(copy_root).form("family").content_hash
        == default_library().form("family").content_hash
    )


def test_a_new_version_counts_only_once_signed(copy_root: Path) -> None:
    source = copy_root / "forms" / "family" / f"{LATEST}.yaml"
    data = yaml.safe_load(source.read_text("utf-8"))
    data["version"] = NEXT
    data["sections"][0]["fields"][0]["label"]["en"] = "Civil status"
    for status in ("published", "draft"):  # says published, or a draft: nobody signed it
        data["status"] = status
        (copy_root / "forms" / "family" / f"{NEXT}.yaml").write_text(yaml.safe_dump(data), "utf-8")
        lib = Library(copy_root)
        assert lib.form("family").version == LATEST  # the case runs on the published one
        with pytest.raises(UnpublishedDefinitionError):
            lib.form("family", NEXT)
        assert lib.form_versions("family") == ["1", LATEST]


def test_a_text_and_its_manifest_edited_on_disk_are_refused(copy_root: Path) -> None:
    path = copy_root / "advisal" / "rights" / "1" / "en.yaml"
    data = yaml.safe_load(path.read_text("utf-8"))
    data["points"][0]["body"] = "You have no right to anything."
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    manifest = json.loads((copy_root / MANIFEST).read_text("utf-8"))
    manifest["advisal/rights@1/en"] = content_hash(data)
    (copy_root / MANIFEST).write_text(json.dumps(manifest), "utf-8")
    with pytest.raises(UnknownDefinitionError, match="no published version"):
        Library(copy_root).advisal("en")
    with pytest.raises(UnpublishedDefinitionError, match="never used"):
        Library(copy_root).advisal("en", version="1")
    assert Library(copy_root).advisal("fr").language == "fr"  # the others stay signed


def test_a_headquarters_publication_counts_only_with_its_signature(copy_root: Path) -> None:
    hq = Ed25519PrivateKey.generate()
    data = yaml.safe_load((copy_root / "forms" / "family" / f"{LATEST}.yaml").read_text("utf-8"))
    data["version"] = NEXT
    key, digest = f"forms/family@{NEXT}", content_hash(data)
    body = yaml.safe_dump(data, allow_unicode=True)
    signed = Publication(key, digest, trust.sign(hq, key, digest), body)
    lib = Library(copy_root, publications=[signed], hq_key=trust.public_text(hq))
    assert lib.form("family").version == NEXT
    forged = Publication(key, digest, trust.sign(Ed25519PrivateKey.generate(), key, digest), body)
    other = Library(copy_root, publications=[forged], hq_key=trust.public_text(hq))
    assert other.form("family").version == LATEST
    edited = Publication(key, digest, signed.signature, body.replace("Single", "Alone"))
    assert (
        Library(copy_root, publications=[edited], hq_key=trust.public_text(hq))
        .form("family")
        .version
        == LATEST
    )


def test_an_advisal_missing_a_point_is_refused_at_use(copy_root: Path) -> None:
    hq = Ed25519PrivateKey.generate()
    data = yaml.safe_load((copy_root / "advisal" / "rights" / "1" / "en.yaml").read_text("utf-8"))
    data.update(version="2", points=[p for p in data["points"] if p["code"] != "fear_of_return"])
    key, digest = "advisal/rights@2/en", content_hash(data)
    pub = Publication(key, digest, trust.sign(hq, key, digest), yaml.safe_dump(data))
    lib = Library(copy_root, publications=[pub], hq_key=trust.public_text(hq))
    with pytest.raises(IncompleteAdvisalError) as err:
        lib.advisal("en")
    assert err.value.missing == ("fear_of_return",)


def test_schema_errors_name_the_place_not_the_content(copy_root: Path) -> None:
    data = _draft_next(copy_root)
    data["sections"][0]["fields"][0]["type"] = "free_text"
    with pytest.raises(DefinitionError) as err:
        _signed_by_hq(copy_root, data).form("family")
    assert "sections/0/fields/0/type" in err.value.message


def test_a_condition_on_a_later_field_is_refused(copy_root: Path) -> None:
    data = _draft_next(copy_root)
    data["sections"][0]["fields"][0]["when"] = {"field": "family_notes", "equals": "x"}
    with pytest.raises(DefinitionError, match="not an earlier field"):
        _signed_by_hq(copy_root, data).form("family")


def test_unknown_form_version_or_language() -> None:
    lib = default_library()
    with pytest.raises(UnknownDefinitionError):
        lib.form("no_such_form")
    with pytest.raises(UnknownDefinitionError):
        lib.form("family", "9")
    with pytest.raises(UnknownDefinitionError):
        lib.advisal("de")  # never silently shown in another language


@pytest.mark.parametrize("language", LANGUAGES)
def test_advisal_covers_every_point_and_says_who_reviewed_it(language: str) -> None:
    text = default_library().advisal(language)
    assert text.point_codes == REQUIRED_POINTS
    assert text.missing_points() == ()
    assert text.ref == f"rights@1/{language}"
    assert text.rtl is (language in ("ar", "ur"))
    assert text.review.translated_by
    assert text.review.legally_reviewed is False
    assert text.not_legally_reviewed_notice  # the application shows this mark
    assert text.not_legally_reviewed_notice in text.plain_text()
    assert len(text.content_hash) == 64
    assert text.content_hash == default_library().manifest()[f"advisal/rights@1/{language}"]


def test_advisal_translations_are_in_their_own_script() -> None:
    lib = default_library()
    scripts = {"ar": (0x0600, 0x06FF), "ur": (0x0600, 0x06FF), "bn": (0x0980, 0x09FF)}
    for language, (lo, hi) in scripts.items():
        body = " ".join(p.body for p in lib.advisal(language).points)
        letters = [c for c in body if c.isalpha()]
        share = sum(lo <= ord(c) <= hi for c in letters) / len(letters)
        assert share > 0.95, language


def test_a_changed_advisal_translation_fails_to_load(copy_root: Path) -> None:
    path = copy_root / "advisal" / "rights" / "1" / "ur.yaml"
    path.write_text(path.read_text("utf-8").replace("وکیل", "مشیر"), "utf-8")
    with pytest.raises(PublishedContentChangedError):
        Library(copy_root).advisal("ur")
    assert Library(copy_root).advisal("en").language == "en"


def test_consent_scopes_are_separate_and_data_sharing_never_required() -> None:
    scopes = default_library().consent_scopes()
    assert [s.code for s in scopes.required] == ["return", "travel_document"]
    assert len(scopes.recipients()) == len(set(scopes.recipients())) == 5
    for scope in scopes.data_sharing:
        assert scope.kind is ConsentKind.DATA_SHARING
        assert scope.required_for_issue is False
        assert scope.recipient and scope.data
    for scope in scopes.scopes:  # the person reads these: every advisal language
        assert set(LANGUAGES) <= set(scope.label.by_language)
        assert set(LANGUAGES) <= set(scope.explanation.by_language)
    assert scopes.version == "2"
    assert default_library().consent_scopes(version="1").scopes[0].label.get("ar") == (
        "Consent to return"
    )


def test_content_hash_is_canonical() -> None:
    assert content_hash({"b": 1, "a": "é"}) == content_hash({"a": "é", "b": 1})
    assert content_hash({"a": 1}) != content_hash({"a": 2})
    manifest = json.loads((DEFAULT_ROOT / MANIFEST).read_text("utf-8"))
    assert all(len(v) == 64 for v in manifest.values())
