"""The Settings dialog's Signing key tab: an administrator resets the PIN of the
mission-local seal token (SoftHSM2) with real clicks; a token configured outside Laissez is
refused with a sentence; the new PIN must follow the rule and be typed twice alike."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from laissez.casework.errors import TokenPinWrongError
from laissez.casework.states import CaseState as S
from laissez.storage.models import AuditEvent
from tests.support.token import SOFTHSM_MODULE, TOKEN_PIN
from tests.support.world import TEST_SIGNER, World

pytestmark = pytest.mark.skipif(not SOFTHSM_MODULE.exists(), reason="SoftHSM2 is not installed")
LEFT = Qt.MouseButton.LeftButton
FORGOTTEN, NEW = "pin-forgotten-1", "pin-new-22"


def _signing_tab(application):  # type: ignore[no-untyped-def]
    application.window.settings_action.trigger()
    dialog = application.settings_dialog
    dialog.tabs.setCurrentWidget(dialog.signing_tab)
    return dialog.signing_tab


def _pem_files(directory: Path) -> tuple[Path, Path, Path]:
    s = TEST_SIGNER
    paths = (directory / "signer-key.pem", directory / "signer.pem", directory / "root.pem")
    for path, data in zip(paths, (s.key_pem, s.certificate_pem, s.root_pem), strict=True):
        path.write_bytes(data)
    return paths


def _fill(qtbot, tab, directory: Path, pin: str, repeated: str):  # type: ignore[no-untyped-def]
    qtbot.mouseClick(tab.reset_button, LEFT)
    dialog = tab.reset_dialog
    assert dialog is not None and dialog.isVisible()
    for field, path in zip(
        (dialog.key_file, dialog.certificate_file, dialog.root_file),
        _pem_files(directory),
        strict=True,
    ):
        field.setText(str(path))
    dialog.key_password.setText(TEST_SIGNER.password.decode() if TEST_SIGNER.password else "")
    qtbot.keyClicks(dialog.pin, pin)
    qtbot.keyClicks(dialog.repeated, repeated)
    return dialog


def test_a_token_configured_outside_laissez_is_refused_with_a_sentence(
    qtbot, admin_app, tmp_path
) -> None:
    tab = _signing_tab(admin_app)  # the test world names its token in LAISSEZ_PKCS11_*
    assert "managed outside Laissez" in tab.note.text()
    dialog = _fill(qtbot, tab, tmp_path, NEW, NEW)
    assert dialog.ok_button.isEnabled()
    qtbot.mouseClick(dialog.ok_button, LEFT)
    qtbot.waitUntil(lambda: dialog.error.isVisibleTo(dialog), timeout=15000)
    assert "reset its PIN with the token's own tools" in dialog.error.text()
    assert dialog.isVisible() and tab.status.text() == ""


def test_a_short_or_mismatched_pin_cannot_be_submitted(qtbot, admin_app, tmp_path) -> None:
    tab = _signing_tab(admin_app)
    dialog = _fill(qtbot, tab, tmp_path, "123", "123")
    assert "• A PIN has at least 6 characters." in dialog.rules.text()
    assert not dialog.ok_button.isEnabled()
    dialog.pin.setText(NEW)
    dialog.repeated.setText(NEW + "x")
    assert "The two PINs differ." in dialog.rules.text()
    assert "✓ A PIN has at least 6 characters." in dialog.rules.text()
    assert not dialog.ok_button.isEnabled()


def test_an_officer_cannot_reset_the_pin(qtbot, officer_app) -> None:
    tab = _signing_tab(officer_app)
    assert not tab.reset_button.isEnabled() and not tab.request_button.isEnabled()
    assert "Only an administrator" in tab.note.text()


def test_an_administrator_requests_the_signing_certificate_from_settings(qtbot, admin_app) -> None:
    tab = _signing_tab(admin_app)
    admin_app.session.remember_token_pin(TOKEN_PIN)  # given this session already
    assert tab.request_state.text() == ""
    qtbot.mouseClick(tab.request_button, LEFT)
    qtbot.waitUntil(lambda: "at the next sync" in tab.request_state.text(), timeout=15000)
    assert "made in the token" in tab.status.text()
    with admin_app.session.database().read_session() as s:
        asked = s.scalars(select(AuditEvent).where(AuditEvent.action == "signing_key.requested"))
        assert len(asked.all()) == 1


class TestMissionLocalToken:
    """A world whose signer is in the mission-local token, installed with a PIN since
    forgotten (nothing in the environment names a token)."""

    @pytest.fixture
    def world(self, isolated_dirs: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[World]:
        for name in ("LAISSEZ_PKCS11_MODULE", "LAISSEZ_PKCS11_TOKEN", "LAISSEZ_PKCS11_PIN"):
            monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv("SOFTHSM2_CONF", raising=False)
        made = World(isolated_dirs, signer=False)
        admin = made.admin_casework()
        admin.signing.use_token_pin(FORGOTTEN)
        s = TEST_SIGNER
        admin.signing.install_signer(s.key_pem, s.certificate_pem, s.root_pem, password=s.password)
        try:
            yield made
        finally:
            made.close()

    def test_an_administrator_resets_the_pin_and_issuing_works_with_the_new_one(
        self, qtbot, admin_app, world, tmp_path
    ) -> None:
        case = world.new_case(S.APPROVED)
        tab = _signing_tab(admin_app)
        assert "this computer's own token" in tab.note.text()
        dialog = _fill(qtbot, tab, tmp_path, NEW, NEW)
        with qtbot.waitSignal(tab.token_reset, timeout=30000):
            qtbot.mouseClick(dialog.ok_button, LEFT)
        assert "made again with the new PIN" in tab.status.text()
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
        world["sam"].signing.use_token_pin(FORGOTTEN)  # the old PIN opens nothing any more
        with pytest.raises(TokenPinWrongError):
            world["sam"].decisions.issue_document(case)
        world["sam"].signing.use_token_pin(NEW)
        world["sam"].decisions.issue_document(case)
        assert world["oscar"].state(case) is S.DOCUMENT_ISSUED
        with world.admin.read_session() as s:
            actions = list(s.scalars(select(AuditEvent.action)))
        assert actions.count("signer.token_reset") == 1

    def test_a_wrong_key_password_is_refused_and_the_token_is_left_as_it_was(
        self, qtbot, admin_app, world, tmp_path
    ) -> None:
        case = world.new_case(S.APPROVED)
        tab = _signing_tab(admin_app)
        dialog = _fill(qtbot, tab, tmp_path, NEW, NEW)
        dialog.key_password.setText("not the key password")
        qtbot.mouseClick(dialog.ok_button, LEFT)
        qtbot.waitUntil(lambda: dialog.error.isVisibleTo(dialog), timeout=15000)
        assert dialog.error.text().startswith("These files are not a valid mission signing key")
        assert dialog.isVisible() and tab.status.text() == ""
        world["sam"].signing.use_token_pin(FORGOTTEN)  # checked before erasing: nothing lost
        world["sam"].decisions.issue_document(case)
        assert world["oscar"].state(case) is S.DOCUMENT_ISSUED
