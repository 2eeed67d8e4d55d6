"""Interview forms on screen: every field type, live conditions, validation next to fields."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from laissez.desktop.formview import FormView
from laissez.forms import default_library, validate
from laissez.forms.schema import FieldType
from tests.support.world import IDENTITY, INTERVIEW

LIBRARY = default_library()
ANSWERS = {"identity": IDENTITY, **INTERVIEW}


def shown_view(qtbot, form_id: str, language: str = "en") -> FormView:  # type: ignore[no-untyped-def]
    view = FormView(LIBRARY.form(form_id), language=language)
    qtbot.addWidget(view)
    view.resize(760, 900)
    view.show()
    qtbot.waitExposed(view)
    return view


def visible(view: FormView, field_id: str) -> bool:
    return view.rows[field_id].container.isVisibleTo(view)


def test_every_field_type_renders_with_its_label_as_accessible_name(qtbot) -> None:
    seen: set[FieldType] = set()
    for form in LIBRARY.forms():
        view = shown_view(qtbot, form.id)
        for f in form.fields:
            seen.add(f.type)
            row = view.rows[f.id]
            label = f.label.get("en")
            assert row.label.text().strip("\u200f\u2068\u2069 *") == label
            assert row.editor.focus_widget().focusPolicy() != Qt.FocusPolicy.NoFocus, f.id
            assert row.editor.accessibleName() == label, f.id
            if f.type not in (FieldType.YES_NO_UNKNOWN, FieldType.CHOICE, FieldType.MULTI_CHOICE):
                assert row.editor.focus_widget().accessibleName() == label, f.id
    assert seen == set(FieldType)


@pytest.mark.parametrize("form_id", sorted(ANSWERS))
def test_answers_of_a_filled_form_pass_validation(qtbot, form_id: str) -> None:
    view = shown_view(qtbot, form_id)
    view.set_answers(ANSWERS[form_id])
    assert view.answers() == ANSWERS[form_id]
    assert validate(view.form, view.answers()) == ()
    assert view.check() == ()
    assert not any(r.issue.isVisibleTo(view) for r in view.rows.values())


def test_conditions_show_and_hide_questions_as_answers_change(qtbot) -> None:
    view = shown_view(qtbot, "family")
    assert not visible(view, "dependants_count") and not visible(view, "dependants_travelling")
    view.findChild(object, "field_has_dependants_yes").click()
    assert visible(view, "dependants_count") and visible(view, "dependants_here")
    assert not visible(view, "dependants_travelling")
    view.findChild(object, "field_dependants_here_yes").click()
    assert visible(view, "dependants_travelling")
    qtbot.keyClicks(view.findChild(object, "edit_dependants_count"), "2")
    assert view.answers()["dependants_count"] == 2
    # answering "no" hides the follow-up questions and drops their answers
    view.findChild(object, "field_has_dependants_no").click()
    assert not visible(view, "dependants_count") and not visible(view, "dependants_travelling")
    assert "dependants_count" not in view.answers()
    assert "dependants_here" not in view.answers()
    # any_of conditions: fear "unknown" asks for the reasons too
    fear = shown_view(qtbot, "fear_of_return")
    assert not visible(fear, "fear_reasons")
    fear.findChild(object, "field_fears_return_unknown").click()
    assert visible(fear, "fear_reasons") and visible(fear, "fear_account")


def test_an_impossible_date_is_explained_next_to_the_field_and_focused(qtbot) -> None:
    view = shown_view(qtbot, "identity")
    view.set_answers({**IDENTITY, "date_of_birth": None})
    view.activateWindow()
    edit = view.findChild(object, "edit_date_of_birth")
    qtbot.keyClicks(edit, "1990-13-xx")
    assert edit.text() == "1990-13-XX"
    issues = view.check()
    assert [(i.field, i.code) for i in issues] == [("date_of_birth", "date")]
    issue = view.rows["date_of_birth"].issue
    assert issue.isVisibleTo(view)
    assert "not a possible date" in issue.text() and "YYYY-MM-DD" in issue.text()
    assert not view.rows["primary_name"].issue.isVisibleTo(view)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is edit)
    assert edit.accessibleDescription() == issue.text()[2:]
    # correcting the answer removes the sentence
    edit.clear()
    qtbot.keyClicks(edit, "1990")
    assert not issue.isVisibleTo(view)
    assert view.answers()["date_of_birth"] == "1990-XX-XX"
    assert view.check() == ()


def test_missing_answers_are_flagged_on_each_required_question(qtbot) -> None:
    view = shown_view(qtbot, "travel_route")
    issues = view.check()
    flagged = {i.field for i in issues}
    assert flagged == {f.id for f in view.form.fields if f.required}
    for field_id in flagged - {"person_signature"}:
        assert "required" in view.rows[field_id].issue.text()
    assert "how the person signed" in view.rows["person_signature"].issue.text()
    assert view.first_issue_field() == "destination_country"


def test_country_language_integer_and_signature_editors(qtbot) -> None:
    view = shown_view(qtbot, "identity")
    country = view.findChild(object, "edit_nationality")
    qtbot.keyClicks(country.lineEdit(), "bgd")
    country.lineEdit().editingFinished.emit()
    assert view.answers()["nationality"] == "BGD"
    view.set_answer("nationality", "XXA")
    assert "Stateless" in country.currentText()
    language = view.findChild(object, "edit_languages_spoken")
    language.setCurrentIndex(view.editor("languages_spoken").codes.index("bn"))
    assert view.answers()["languages_spoken"] == "bn"
    assert "Bangla" in language.currentText() or "Bengali" in language.currentText()
    language.setEditText("bn-BD")
    assert view.answers()["languages_spoken"] == "bn-BD"

    travel = shown_view(qtbot, "travel_route")
    kind = travel.findChild(object, "edit_person_signature")
    kind.setCurrentIndex(kind.findData("declined"))
    assert travel.answers()["person_signature"] == {"kind": "declined"}
    assert [i.code for i in travel.issues() if i.field == "person_signature"] == ["required"]
    qtbot.keyClicks(travel.findChild(object, "edit_person_signature_detail"), "cannot write")
    assert travel.answers()["person_signature"] == {"kind": "declined", "reason": "cannot write"}

    family = shown_view(qtbot, "family")
    family.set_answers({"has_dependants": "yes"})
    qtbot.keyClicks(family.findChild(object, "edit_dependants_count"), "31")
    assert [i.code for i in family.issues(partial=True)] == ["range"]
    family.check(partial=True)
    assert "0 to 30" in family.rows["dependants_count"].issue.text()


def test_labels_follow_the_form_language_with_english_fallback(qtbot) -> None:
    view = shown_view(qtbot, "fear_of_return", language="fr")
    assert view.rows["fears_return"].label.text().startswith("La personne craint-elle")
    view.retranslate("ar")
    form = view.form
    # Arabic words when the form has them, English otherwise
    assert view.rows["fears_return"].label.text().strip("\u200f\u2068\u2069 *") == form.field(
        "fears_return"
    ).label.get("ar")
    titles = [w.text() for w in view.findChildren(QLabel) if w.objectName() == "form_title"]
    assert form.title.get("ar") in titles[0]
