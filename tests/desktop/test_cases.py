"""The case list fetches lazily, searches names (both scripts), numbers and ids, filters by
status; the read-only case view shows the gate's sentences."""

from __future__ import annotations

from PySide6.QtCore import Qt

from laissez.casework.views.cases import CaseQuery
from laissez.desktop.cases.model import NAME_COLUMN, NUMBER_COLUMN, STATUS_COLUMN
from tests.support.cases import ARABIC_NAME, SEEDED_CASES, latin_surname


def _strip(text: str) -> str:
    return text.replace("\u2066", "").replace("\u2069", "")


def _search(qtbot, window, text: str) -> None:
    with qtbot.waitSignal(window.case_list.query_changed, timeout=2000):
        window.case_list.search.setText(text)


def test_list_fetches_pages_lazily(qtbot, signed_in) -> None:
    model = signed_in.window.case_model
    assert model.rowCount() == 200
    assert model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 400
    model.fetchMore()
    assert model.rowCount() == SEEDED_CASES
    assert not model.canFetchMore()
    ids = [r.case_id for r in model.rows]
    assert len(set(ids)) == SEEDED_CASES
    assert ids == sorted(ids, reverse=True)  # newest first by default


def test_search_by_latin_and_arabic_name_number_and_id(qtbot, signed_in, known_cases) -> None:
    window = signed_in.window
    model = window.case_model
    _search(qtbot, window, "nomaaa")
    assert {r.name_latin for r in model.rows} == {
        f"{latin_surname(i)} Given" for i in range(10) if i != 7
    }
    _search(qtbot, window, "hadd")
    assert [r.case_id for r in model.rows] == [known_cases["arabic"]]
    assert model.data(model.index(0, NAME_COLUMN)) == " ".join(ARABIC_NAME)
    align = model.data(model.index(0, NAME_COLUMN), Qt.ItemDataRole.TextAlignmentRole)
    assert align & Qt.AlignmentFlag.AlignRight
    _search(qtbot, window, ARABIC_NAME[1])
    assert [r.case_id for r in model.rows] == [known_cases["arabic"]]
    _search(qtbot, window, "x0000011")
    assert [r.case_id for r in model.rows] == [known_cases["number"]]
    assert _strip(model.data(model.index(0, NUMBER_COLUMN))) == "X0000011"
    assert model.data(model.index(0, NUMBER_COLUMN)).startswith("\u2066")
    prefix = str(known_cases["number"])[:13]
    _search(qtbot, window, prefix)
    assert known_cases["number"] in [r.case_id for r in model.rows]
    _search(qtbot, window, "nobody like this")
    assert model.rowCount() == 0


def test_search_waits_for_typing_to_pause(qtbot, signed_in) -> None:
    window = signed_in.window
    fired: list[object] = []
    window.case_list.query_changed.connect(fired.append)
    for ch in "nomab":
        qtbot.keyClick(window.case_list.search, ch)
    assert fired == []
    qtbot.waitUntil(lambda: len(fired) == 1, timeout=2000)
    assert isinstance(fired[0], CaseQuery) and fired[0].text == "nomab"


def test_status_filter_and_sort(qtbot, signed_in) -> None:
    window = signed_in.window
    model = window.case_model
    combo = window.case_list.status
    combo.setCurrentIndex(combo.findData("closed"))
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == len(range(0, SEEDED_CASES, 3))
    assert {model.data(model.index(i, STATUS_COLUMN)) for i in range(model.rowCount())} == {
        "Closed"
    }
    _search(qtbot, window, "nomaab")  # cases 10 to 19, closed: 12, 15, 18
    window.case_list.table.sortByColumn(NAME_COLUMN, Qt.SortOrder.AscendingOrder)
    names = [r.name for r in model.rows]
    assert names == sorted(names) and len(names) == 3
    window.case_list.table.sortByColumn(NAME_COLUMN, Qt.SortOrder.DescendingOrder)
    assert [r.name for r in model.rows] == sorted(names, reverse=True)


def test_case_view_shows_the_gate_checklist_with_a_way_to_each_fix(
    qtbot, signed_in, known_cases
) -> None:
    window = signed_in.window
    _search(qtbot, window, "x0000011")
    table = window.case_list.table
    table.setFocus()
    table.setCurrentIndex(window.case_model.index(0, 0))
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert window.case_pages.currentWidget() is window.case_view
    view = window.case_view
    overview = view.steps["overview"]
    assert view.current_step() is overview
    # a case without a reference (made before migration 0007 by a direct insert): the id's
    # first 16 digits, the whole id in the tooltip
    assert str(known_cases["number"])[:18] in _strip(view.title.text())
    assert str(known_cases["number"]) in _strip(view.title.toolTip())
    assert view.status.text() == "Status: Draft"
    checklist = overview.gate
    assert "identity.nationality_missing" in checklist.sentences
    assert (
        checklist.sentences["interview.incomplete"]
        .text()
        .strip("\u2068\u2069")
        .startswith("Not every interview form is complete")
    )
    # Every unmet condition has a button that goes to the step where it is fixed; this
    # computer has neither numbers nor a signing key yet: they are conditions too, with a
    # button each for this administrator (sync, install the key).
    supply = {"supply.no_numbers", "supply.no_signer"}
    assert {issue.code for issue in checklist.supply} == supply
    assert set(checklist.buttons) == {issue.code for issue in view.case.gate} | supply
    checklist.buttons["advisal.missing"].click()
    assert view.current_step() is view.steps["advisal"]
    assert view.step_list.currentRow() == 3
    documents = [
        _strip(overview.documents.item(i).text()) for i in range(overview.documents.count())
    ]
    assert documents == ["Identity document: X0000011 P UTO"]
    view.back_button.click()
    assert window.case_pages.currentWidget() is window.case_list
    assert not checklist.buttons and view.case is None
