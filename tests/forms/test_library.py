"""Loading forms, advisal texts and consent scopes: schemas, hashes, immutability."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from laissez.forms import (
    REQUIRED_POINTS,
    ConsentKind,
    DefinitionError,
    Library,
    PublishedContentChangedError,
    UnknownDefinitionError,
    UnpublishedDefinitionError,
    content_hash,
    default_library,
)
from laissez.forms.library import DEFAULT_ROOT, MANIFEST

FORMS = ["family", "fear_of_return", "identity", "pending_proceedings", "travel_route",
         "vulnerability"]  # fmt: skip
LANGUAGES = ["ar", "bn", "en", "es", "fr", "ur"]


def _draft_v2(root: Path) -> dict:
    data = yaml.safe_load((root / "forms" / "family" / "1.yaml").read_text("utf-8"))
    data.update(version="2", status="draft")
    return data


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
        assert set(form.languages) == {"en", "fr", "es"}
        for f in form.fields:
            for lang in form.languages:
                assert f.label.has(lang), f"{form.ref} {f.id} has no {lang} label"
                assert not f.help.by_language or f.help.has(lang)
            for option in f.options:
                assert all(option.label.has(lang) for lang in form.languages)


def test_the_published_manifest_is_complete_and_current() -> None:
    lib = default_library()
    assert lib.compute_manifest() == lib.manifest()
    assert len(lib.manifest()) == len(FORMS) + len(LANGUAGES) + 2  # consent scopes v1 and v2


def test_every_field_type_is_used_by_some_form() -> None:
    used = {f.type.value for form in default_library().forms() for f in form.fields}
    assert used >= {"text", "date", "choice", "multi_choice", "yes_no_unknown", "country",
                    "language", "signature", "photo"}  # fmt: skip


def test_changing_a_published_form_fails_to_load(copy_root: Path) -> None:
    path = copy_root / "forms" / "fear_of_return" / "1.yaml"
    path.write_text(path.read_text("utf-8").replace("afraid", "worried"), "utf-8")
    with pytest.raises(PublishedContentChangedError) as err:
        Library(copy_root).form("fear_of_return")
    assert err.value.code == "forms.published_changed"
    assert "fear_of_return@1" in err.value.message


def test_reformatting_a_published_file_keeps_its_hash(copy_root: Path) -> None:
    path = copy_root / "forms" / "family" / "1.yaml"
    data = yaml.safe_load(path.read_text("utf-8"))
    path.write_text(yaml.safe_dump(data, allow_unicode=True, indent=4), "utf-8")
    assert (
        Library(copy_root).form("family").content_hash
        == default_library().form("family").content_hash
    )


def test_a_new_version_is_a_draft_until_registered(copy_root: Path) -> None:
    source = copy_root / "forms" / "family" / "1.yaml"
    data = yaml.safe_load(source.read_text("utf-8"))
    data["version"] = "2"
    data["sections"][0]["fields"][0]["label"]["en"] = "Civil status"
    (copy_root / "forms" / "family" / "2.yaml").write_text(yaml.safe_dump(data), "utf-8")
    lib = Library(copy_root)
    with pytest.raises(UnpublishedDefinitionError):
        lib.form("family")  # newest is 2, says published, but was never registered
    data["status"] = "draft"
    (copy_root / "forms" / "family" / "2.yaml").write_text(yaml.safe_dump(data), "utf-8")
    assert lib.form("family").version == "2" and not lib.form("family").published
    assert lib.form("family", "1").version == "1"
    assert lib.form_versions("family") == ["1", "2"]


def test_schema_errors_name_the_place_not_the_content(copy_root: Path) -> None:
    data = _draft_v2(copy_root)
    data["sections"][0]["fields"][0]["type"] = "free_text"
    (copy_root / "forms" / "family" / "2.yaml").write_text(yaml.safe_dump(data), "utf-8")
    with pytest.raises(DefinitionError) as err:
        Library(copy_root).form("family")
    assert "sections/0/fields/0/type" in err.value.message


def test_a_condition_on_a_later_field_is_refused(copy_root: Path) -> None:
    data = _draft_v2(copy_root)
    data["sections"][0]["fields"][0]["when"] = {"field": "family_notes", "equals": "x"}
    (copy_root / "forms" / "family" / "2.yaml").write_text(yaml.safe_dump(data), "utf-8")
    with pytest.raises(DefinitionError, match="not an earlier field"):
        Library(copy_root).form("family")


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
