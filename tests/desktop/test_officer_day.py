"""Issue 17: the officer's day through the real window, with key presses."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from laissez.casework.states import CaseState
from laissez.casework.views import approval as av
from laissez.storage.sync import state
from tests.support.desktop import open_case_in_window
from tests.support.world import IDENTITY, PASSPHRASE


def approval_step(window, case_id):  # type: ignore[no-untyped-def]
    """The approval step of ``case_id``, opened in the window."""
    page = open_case_in_window(window, case_id)
    page.go_to("approval")
    return page.current_step()


def test_enter_after_typing_the_supervisor_passphrase_signs_in(qtbot, officer_app, world) -> None:
    case_id = world.new_case(CaseState.CONSENT_RECORDED)
    window = officer_app.window
    window.activateWindow()
    step = approval_step(window, case_id)
    step.buttons[av.APPROVE].setFocus()
    qtbot.keyClick(step.buttons[av.APPROVE], Qt.Key.Key_Space)
    dialog = step.dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.username)
    qtbot.keyClicks(dialog.username, "sam")
    qtbot.keyClick(dialog.username, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is dialog.passphrase
    qtbot.keyClicks(dialog.passphrase, PASSPHRASE.format(name="sam"))
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    assert dialog.isVisible()  # Enter does not close the dialog while the check runs
    qtbot.waitUntil(lambda: not dialog.busy_now, timeout=10000)
    assert dialog.isVisible()
    assert dialog.stack.currentWidget() is dialog.decision_page
    assert "sam" in dialog.signed_in_as.text()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # the first choice, Enter
    dialog.radios["approved"].click()
    qtbot.keyClick(dialog.radios["approved"], Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert window.case_view.case.status == "approved"


def test_the_approval_button_says_who_may_and_a_refused_person_learns_it_before_choosing(
    qtbot, officer_app, world
) -> None:
    case_id = world.new_case(CaseState.CONSENT_RECORDED)
    step = approval_step(officer_app.window, case_id)
    # oscar interviewed: the line beside the button says he may not approve himself
    explanation = step.explanations[av.APPROVE].text()
    assert explanation.startswith("A supervisor who took no part in the interview approves")
    assert "You may not take this decision yourself" in explanation
    step.buttons[av.APPROVE].click()
    dialog = step.dialog
    qtbot.keyClicks(dialog.username, "oscar")
    qtbot.keyClicks(dialog.passphrase, PASSPHRASE.format(name="oscar"))
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.busy_now, timeout=10000)
    # refused on the sign-in page, before any choice is shown
    assert dialog.stack.currentWidget() is dialog.sign_in_page
    assert dialog.error.isVisibleTo(dialog)
    assert dialog.error.text() == (
        "Your account may not do this. Ask your administrator for the right role."
    )
    assert dialog._db is None
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert world["oscar"].state(case_id) is CaseState.CONSENT_RECORDED


def test_a_new_mission_gets_numbers_by_syncing(
    qtbot,
    officer_app,
    world,
    pg_url,
    hq_server,
) -> None:
    from tests.support.day import enrol as _enrol

    window = officer_app.window
    with world.admin.session() as session:  # a new mission: no numbers on this computer yet
        session.execute(state.sync_number_ranges.delete())
    case_id = world.new_case(CaseState.APPROVED)
    page = open_case_in_window(window, case_id)
    page.go_to("issue")
    step = page.current_step()
    window.sync_controller.refresh()
    assert "0 document numbers left" in window.sync_status.numbers_label.text()
    assert "No document numbers are left" in step.numbers_line.text()
    assert not step.issue_button.isEnabled()
    _enrol(world, pg_url, hq_server.url)
    window.activateWindow()
    with qtbot.waitSignal(window.sync_controller.numbers_topped_up, timeout=30000) as got:
        qtbot.keyClick(step, Qt.Key.Key_F5)  # Sync now, by keyboard
    assert got.args[0].received == 100 and got.args[0].error is None
    assert window.sync_status.numbers_label.text() == ("100 document numbers left (100 received)")
    # the issue step follows at once (it is no longer stale)
    assert step.numbers_line.text() == "100 document numbers are left on this computer."
    assert step.issue_button.isEnabled()
    step.issue_button.setFocus()
    qtbot.keyClick(step.issue_button, Qt.Key.Key_Return)
    assert page.case.status == "document_issued"
    # the next sync asks for no more (100 left is above the threshold)
    with qtbot.waitSignal(window.sync_controller.numbers_topped_up, timeout=30000) as got:
        window.sync_action.trigger()
    assert got.args[0].received == 0


def test_first_run_by_keyboard_enter_creates_then_installs_the_key(
    qtbot, isolated_dirs, tmp_path
) -> None:
    from laissez.casework.signing import make_test_signer
    from laissez.desktop.app import create_application
    from laissez.storage.keys import TEST_KDF

    application = create_application(kdf=TEST_KDF)
    window = application.window
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    page = window.first_run_page
    assert window.pages.currentWidget() is page
    secret = "a long enough passphrase"
    for field, text in (
        (page.mission_code, "uto"),
        (page.mission_name, "Utopia consulate"),
        (page.mission_state, "bgd"),
        (page.username, "farid"),
        (page.display_name, "Farid B."),
        (page.passphrase, secret),
    ):
        qtbot.keyClicks(field, text)
        qtbot.keyClick(field, Qt.Key.Key_Return)  # not ready yet: Enter goes on
        assert page.steps.currentWidget() is page.account_step
    assert window.focusWidget() is page.repeat
    qtbot.keyClicks(page.repeat, secret)
    qtbot.keyClick(page.repeat, Qt.Key.Key_Return)  # ready: Enter creates the database
    qtbot.waitUntil(lambda: page.steps.currentWidget() is page.signer_step, timeout=10000)
    intro = page.signer_intro.text()
    assert "Headquarters makes it for your mission" in intro and "PEM files" in intro
    assert window.focusWidget() is page.key_file
    qtbot.keyClick(page.key_file, Qt.Key.Key_Return)  # no files yet: said, nothing installed
    assert page.signer_error.isVisibleTo(page)
    assert page.signer_error.text() == "Choose the three files, or skip this step."
    files = make_test_signer(signer_identifier="UTCL", country="UT", mission="Keyboard test")
    key, cert, root = files.write(tmp_path / "pem")
    for field, path in (
        (page.key_file, key),
        (page.certificate_file, cert),
        (page.root_file, root),
    ):
        qtbot.keyClicks(field, str(path))
    qtbot.keyClicks(page.key_password, files.password.decode())
    qtbot.keyClick(page.key_password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.work_area, timeout=20000)
    application.session.sign_out()


def test_enter_in_the_withdraw_dialog_keeps_consent(qtbot, officer_app, world) -> None:
    from PySide6.QtCore import QTimer

    from laissez.desktop.flow.withdraw import WithdrawDialog

    window = officer_app.window
    case_id = world.new_case(CaseState.APPROVED)
    page = open_case_in_window(window, case_id)
    seen: list[bool] = []

    def press_enter() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, WithdrawDialog)
        seen.append(dialog.cancel_button.isDefault() and not dialog.confirm_button.isDefault())
        qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)

    QTimer.singleShot(0, press_enter)
    page.withdraw_button.click()
    assert seen == [True]
    assert page.case.status == "approved"  # Enter cancelled: nothing withdrawn

    def press_escape() -> None:
        qtbot.keyClick(QApplication.activeModalWidget(), Qt.Key.Key_Escape)

    QTimer.singleShot(0, press_escape)
    page.withdraw_button.click()
    assert page.case.status == "approved"


STEPS = ("overview", "identity", "advisal", "interview", "consent", "approval", "issue")


def test_no_two_alt_letters_clash_on_any_page_in_english_or_arabic(
    qtbot, officer_app, world
) -> None:
    from laissez.desktop.keyboard import clashes

    window = officer_app.window
    found: dict[str, object] = {}
    try:
        for language in ("en", "ar"):
            officer_app.language.apply(language)
            window.show_case_list()
            found[f"{language}/list"] = clashes(window)
            page = open_case_in_window(window, world.new_case(CaseState.CONSENT_RECORDED))
            for step_id in STEPS:
                page.go_to(step_id)
                found[f"{language}/{step_id}"] = clashes(window)
    finally:
        officer_app.language.apply("en")
    assert {k: v for k, v in found.items() if v} == {}


def test_the_language_menu_is_reached_by_keyboard_in_arabic(qtbot, officer_app) -> None:
    window = officer_app.window
    try:
        officer_app.language.apply("ar")
        assert window.language_menu.title() == "اللغة (&L)"
        window.activateWindow()
        qtbot.waitActive(window)
        qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(window.language_menu.isVisible)
        window.language_menu.close()
    finally:
        officer_app.language.apply("en")
    assert window.language_menu.title() == "&Language"


def test_a_case_made_in_the_application_is_found_by_name_etd_and_reference(
    qtbot, officer_app, world
) -> None:
    from laissez.desktop.cases.model import ID_COLUMN

    window = officer_app.window
    eriksson = {**IDENTITY, "primary_name": "Eriksson", "secondary_name": "Anna"}
    case_id = world.new_case(CaseState.APPROVED, identity=eriksson)
    etd = world["oscar"].decisions.issue_document(case_id)
    arabic = {**IDENTITY, "primary_name": "حداد", "secondary_name": "ليلى"}
    arabic_id = world.new_case(CaseState.IDENTIFIED, identity=arabic)  # passport: RAHMAN
    unread_id = world.new_case(CaseState.IDENTIFIED, identity=arabic, mrz=False)
    page = open_case_in_window(window, case_id)
    title = page.title.text()
    assert "DAC-20" in title and str(case_id) not in title  # a readable case number
    ref = page.case.reference
    assert ref.startswith("DAC-") and ref.count("-") == 2
    window.show_case_list()
    search = window.case_list.search
    window.activateWindow()
    qtbot.waitActive(window)
    model = window.case_model

    def find(text: str) -> list:
        search.selectAll()
        with qtbot.waitSignal(window.case_list.query_changed, timeout=3000):
            if text.isascii():
                qtbot.keyClicks(search, text)
            else:  # QTest types Latin-1 only: an Arabic keyboard's text is inserted
                search.insert(text)
        return [r.case_id for r in model.rows]

    for text in ("ERIKSSON", "eriksson", "Eriks", "eriksson anna"):
        assert find(text) == [case_id], text
    assert find(etd.document_number) == [case_id]
    assert find(etd.document_number[:6].lower()) == [case_id]
    assert find(ref) == [case_id]
    assert find(ref.lower()) == [case_id]
    assert _plain(model.data(model.index(0, ID_COLUMN))) == ref
    # an Arabic name: in its script; in Latin, the passport's name, or without a passport
    # read, the Doc 9303 transliteration of what was typed
    assert set(find("حداد")) == {arabic_id, unread_id}
    assert arabic_id in find("rahman")
    assert find("xhdad") == [unread_id]


def _plain(text: str) -> str:
    return text.replace("\u2066", "").replace("\u2069", "")


OTHER_MRZ = [
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
    "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
]


def _identity_with_fear_answer(world):  # type: ignore[no-untyped-def]
    from tests.support.world import INTERVIEW

    case_id = world.new_case(CaseState.IDENTIFIED)
    fear = {**INTERVIEW["fear_of_return"], "fears_return": "yes", "fear_reasons": ["persecution"],
            "fear_account": "Threatened."}  # fmt: skip
    world["oscar"].intake.record_interview(case_id, "fear_of_return", fear)
    return case_id


def _save_with(qtbot, step, answer) -> list[object]:  # type: ignore[no-untyped-def]
    """Press Ctrl+Return (save) and let ``answer(dialog)`` act on the confirmation."""
    from PySide6.QtCore import QTimer

    from laissez.desktop.flow.identity_change import IdentityChangeDialog

    seen: list[object] = []

    def act() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, IdentityChangeDialog)
        seen.append(dialog)
        answer(dialog)

    QTimer.singleShot(0, act)
    step.save_button.click()
    return seen


def test_another_passport_in_an_identified_case_is_confirmed_and_drops_the_answers(
    qtbot, officer_app, world
) -> None:
    from tests.support.desktop import type_mrz

    case_id = _identity_with_fear_answer(world)
    page = open_case_in_window(officer_app.window, case_id)
    page.go_to("identity")
    step = page.current_step()
    type_mrz(step, OTHER_MRZ)
    # Enter on the confirmation cancels: nothing changes
    seen = _save_with(qtbot, step, lambda d: qtbot.keyClick(d, Qt.Key.Key_Return))
    dialog = seen[0]
    assert dialog.windowTitle() == "Replace the person in this case?"
    assert dialog.summary.text() == (
        "Saving changes what is recorded in this case: the name, the date of birth, "
        "the nationality, the identity document."
    )
    assert dialog.keep.isVisibleTo(dialog) and not dialog.keep.isChecked()
    assert "Keep the 1 interview form already answered" in dialog.keep.text()
    assert step.message.text() == "Nothing was saved: the recorded identity is unchanged."
    assert "Rahman" in page.name.text() or "RAHMAN" in page.name.text()
    # confirmed without keeping: the first person's answers go
    type_mrz(step, OTHER_MRZ)
    _save_with(qtbot, step, lambda d: d.confirm_button.click())
    assert step.message.text() == "Identity saved.", step.message.text()
    assert "ERIKSSON" in page.name.text()
    from laissez.casework.views.answers import case_answers

    assert case_answers(world.handles["oscar"], case_id).answers("fear_of_return") == {}


def test_a_passport_of_another_open_case_is_refused_in_the_window(
    qtbot, officer_app, world
) -> None:
    from tests.support.desktop import fill, type_mrz
    from tests.support.world import mrz_lines

    world.new_case(CaseState.IDENTIFIED)  # holds passport BX1234567
    case_id = world.new_case(CaseState.DRAFT)
    page = open_case_in_window(officer_app.window, case_id)
    page.go_to("identity")
    step = page.current_step()
    type_mrz(step, mrz_lines())
    fill(qtbot, step.form, {"languages_spoken": "bn", "stateless_claim": "no",
                            "refugee_status": "no"})  # fmt: skip
    step.save_button.click()
    assert step.message.error
    text = step.message.text()
    assert text.startswith("This document belongs to the person of open case") and "DAC-" in text
    assert page.case.status == "draft"


#: a 1366×768 laptop less a 40 px desktop panel
SMALL = (1366, 768 - 40)


def test_the_window_fits_a_small_laptop_with_a_case_open_on_every_step(
    qtbot, officer_app, world
) -> None:
    window = officer_app.window
    window.resize(*SMALL)
    case_id = world.new_case(CaseState.APPROVED)
    page = open_case_in_window(window, case_id)
    try:
        for language in ("en", "ar"):
            officer_app.language.apply(language)
            for step_id in STEPS:
                page.go_to(step_id)
                qtbot.wait(10)
                hint = window.minimumSizeHint()
                assert hint.width() <= SMALL[0] and hint.height() <= SMALL[1], (
                    language, step_id, hint,
                )  # fmt: skip
                assert window.height() <= SMALL[1], (language, step_id, window.height())
                bar = window.statusBar()
                assert bar.isVisible() and bar.geometry().bottom() < window.height()
                assert window.sync_status.sync_button.isVisible()
        # the identity form is usable: a good part of it shows once scrolled to
        page.go_to("identity")
        step = page.current_step()
        assert step.form.height() >= 300
    finally:
        officer_app.language.apply("en")


def _answer_unsaved(qtbot, page, choose: str) -> list[str]:  # type: ignore[no-untyped-def]
    """Click "← Case list" and answer the unsaved-changes question with ``choose``
    (``enter``, ``discard`` or ``save``); returns the question's text."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    seen: list[str] = []

    def act() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append(box.text())
        if choose == "enter":
            qtbot.keyClick(box, Qt.Key.Key_Return)
            return
        label = {"discard": "&Discard the changes", "save": "&Save"}[choose]
        next(b for b in box.buttons() if b.text() == label).click()

    QTimer.singleShot(0, act)
    qtbot.mouseClick(page.back_button, Qt.MouseButton.LeftButton)
    return seen


def test_unsaved_form_edits_are_not_lost_without_a_word(qtbot, officer_app, world) -> None:
    from tests.support.desktop import fill
    from tests.support.world import INTERVIEW

    window = officer_app.window
    case_id = world.new_case(CaseState.IDENTIFIED)
    page = open_case_in_window(window, case_id)
    page.go_to("interview")
    step = page.current_step()
    # nothing typed: back goes straight to the list
    qtbot.mouseClick(page.back_button, Qt.MouseButton.LeftButton)
    assert window.case_pages.currentWidget() is window.case_list
    page = open_case_in_window(window, case_id)
    page.go_to("interview")
    fill(qtbot, step.pages["family"].view, INTERVIEW["family"])
    # Enter keeps the officer in the case (the safe default)
    seen = _answer_unsaved(qtbot, page, "enter")
    assert len(seen) == 1 and seen[0].startswith("What you typed in ")
    assert seen[0].endswith(" is not saved yet.")
    assert window.case_pages.currentWidget() is window.case_view
    assert step.pages["family"].view.answers() != {}
    # Save: recorded, then back to the list
    _answer_unsaved(qtbot, page, "save")
    assert window.case_pages.currentWidget() is window.case_list
    from laissez.casework.views.answers import case_answers

    assert case_answers(world.handles["oscar"], case_id).is_complete("family")
    # Discard: nothing recorded
    page = open_case_in_window(window, case_id)
    page.go_to("interview")
    fill(qtbot, step.pages["vulnerability"].view, INTERVIEW["vulnerability"])
    _answer_unsaved(qtbot, page, "discard")
    assert window.case_pages.currentWidget() is window.case_list
    assert not case_answers(world.handles["oscar"], case_id).is_complete("vulnerability")


def test_data_sharing_says_what_and_with_whom_in_the_interface_language(
    qtbot, officer_app, world
) -> None:
    case_id = world.new_case(CaseState.ADVISED)
    page = open_case_in_window(officer_app.window, case_id)
    page.go_to("consent")
    step = page.current_step()
    card = step.cards["data_sharing.host_authorities"]
    assert card.title() == "Share with the migration authority of the country I am in"
    assert card.shared.text() == "What is shared: identity, travel date."
    try:
        officer_app.language.apply("ar")
        assert card.title() == "المشاركة مع سلطة الهجرة في البلد الذي أوجد فيه"
        shared = card.shared.text()
        assert "الهوية" in shared
        assert not any(ch.isascii() and ch.isalpha() for ch in shared)
    finally:
        officer_app.language.apply("en")
