"""The seal key's PIN at the desktop, with no token configured (as ``make run`` on a fresh
machine): the first signer installation makes a mission-local SoftHSM2 token with the PIN the
administrator chose, and the Issue step asks for the PIN in a small dialog, refusing a wrong
one without issuing anything. Real SoftHSM2 throughout."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from laissez.casework import accounts
from laissez.casework.states import CaseState
from laissez.desktop.app import create_application
from laissez.desktop.flow.issue import IssueStep
from laissez.desktop.flow.token_pin import TokenPinDialog
from laissez.documents.seal.token import TokenConfig, has_key
from laissez.storage.keys import TEST_KDF
from laissez.storage.models import SigningKey, TravelDocument
from tests.support.desktop import open_case_in_window, when_modal
from tests.support.token import SOFTHSM_MODULE
from tests.support.world import PASSPHRASE, TEST_SIGNER, World

PIN = "pin-27182818"

pytestmark = pytest.mark.skipif(not SOFTHSM_MODULE.exists(), reason="SoftHSM2 is not installed")


@pytest.fixture
def no_token_configured(monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing in the environment names a token or its PIN (the autouse fixture set them)."""
    for name in ("LAISSEZ_PKCS11_MODULE", "LAISSEZ_PKCS11_TOKEN", "LAISSEZ_PKCS11_PIN"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("SOFTHSM2_CONF", raising=False)


def _files_under(directory: Path) -> list[Path]:
    return [p for p in directory.rglob("*") if p.is_file()]


def test_first_run_installs_the_signer_into_a_mission_token_with_the_pin(
    qtbot, isolated_dirs: Path, no_token_configured: None, tmp_path: Path
) -> None:
    key, certificate, root = TEST_SIGNER.write(tmp_path / "signer")
    application = create_application(kdf=TEST_KDF)
    window = application.window
    qtbot.addWidget(window)
    window.show()
    page = window.first_run_page
    page.mission_code.setText("uto")
    page.mission_state.setText("BGD")
    page.username.setText("farid")
    page.passphrase.setText("a long enough passphrase")
    page.repeat.setText("a long enough passphrase")
    page.create_button.click()
    qtbot.waitUntil(lambda: page.steps.currentWidget() is page.signer_step, timeout=10000)
    # the PIN is asked, masked, with a sentence saying what it is
    assert page.token_pin.echoMode() == page.token_pin.EchoMode.Password
    assert "never stored" in page.token_pin_note.text()
    page.key_file.setText(str(key))
    page.certificate_file.setText(str(certificate))
    page.root_file.setText(str(root))
    page.key_password.setText(TEST_SIGNER.password.decode())
    # without a PIN nothing is installed, and the step says why
    page.install_button.click()
    qtbot.waitUntil(lambda: page.signer_error.isVisibleTo(page), timeout=20000)
    assert "PIN is needed" in page.signer_error.text()
    assert not (isolated_dirs / "token").exists()
    page.key_password.setText(TEST_SIGNER.password.decode())
    page.token_pin.setText(PIN)
    with qtbot.waitSignal(application.session.signer_installed, timeout=20000):
        page.install_button.click()
    assert page.token_pin.text() == ""
    # the key is in the mission's own token, beside the database; the PIN is written nowhere
    conf = isolated_dirs / "token" / "softhsm2.conf"
    assert conf.exists()
    db = application.session.database()
    with db.session() as session:
        label = session.scalar(select(SigningKey.key_label))
    assert label and has_key(TokenConfig(pin=PIN, softhsm_conf=str(conf)), label)
    assert not any(PIN.encode() in p.read_bytes() for p in _files_under(isolated_dirs))
    assert application.session.token_pin is None
    application.session.sign_out()


def test_issue_asks_for_the_pin_refuses_a_wrong_one_and_forgets_it_on_lock(
    qtbot, isolated_dirs: Path, no_token_configured: None, tmp_path: Path
) -> None:
    world = World(isolated_dirs, signer=False)
    try:
        key, certificate, root = TEST_SIGNER.write(tmp_path / "signer")
        paths = accounts.SignerPaths(
            key, certificate, root, TEST_SIGNER.password.decode(), token_pin=PIN
        )
        accounts.install_signer_files(world.admin, paths)
        assert (isolated_dirs / "token" / "softhsm2.conf").exists()
        case_id = world.new_case(CaseState.APPROVED)
        application = create_application(kdf=TEST_KDF)
        window = application.window
        qtbot.addWidget(window)
        window.show()
        with qtbot.waitSignal(application.session.signed_in, timeout=10000):
            application.session.sign_in("oscar", PASSPHRASE.format(name="oscar"))
        qtbot.waitUntil(lambda: window.pages.currentWidget() is window.work_area, timeout=10000)
        case_page = open_case_in_window(window, case_id)
        case_page.go_to("issue")
        step = case_page.current_step()
        assert isinstance(step, IssueStep)

        def type_pin(pin: str):  # type: ignore[no-untyped-def]
            def action(dialog) -> None:  # type: ignore[no-untyped-def]
                assert isinstance(dialog, TokenPinDialog)
                assert dialog.field.echoMode() == dialog.field.EchoMode.Password
                dialog.field.setText(pin)
                dialog.ok.click()

            return action

        # a wrong PIN: a clear sentence, nothing issued, the PIN forgotten
        when_modal(type_pin("000000"))
        step.issue_button.click()
        assert step.message.error and "did not accept this PIN" in step.message.text()
        with world.admin.session() as session:
            assert session.scalar(select(func.count()).select_from(TravelDocument)) == 0
        assert application.session.token_pin is None
        # cancelling the dialog issues nothing either
        when_modal(lambda dialog: dialog.reject())
        step.issue_button.click()
        assert step.message.error and "PIN is needed" in step.message.text()
        # the right PIN: issued
        when_modal(type_pin(PIN))
        step.issue_button.click()
        assert not step.message.error and "issued" in step.message.text()
        assert case_page.case.status == "document_issued"
        assert application.session.token_pin == PIN
        # locking forgets it
        window.lock()
        assert application.session.token_pin is None
        application.session.sign_out()
    finally:
        world.close()
