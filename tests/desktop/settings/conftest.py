"""Fixtures of the Settings dialog's tests."""

from __future__ import annotations

import pytest

from laissez.storage.keys import TEST_KDF


@pytest.fixture
def admin_app(qtbot, world):  # type: ignore[no-untyped-def]
    """The application signed in as the world's administrator."""
    from laissez.desktop.app import create_application
    from tests.support.world import ADMIN_PASSPHRASE

    application = create_application(kdf=TEST_KDF)
    qtbot.addWidget(application.window)
    application.window.show()
    with qtbot.waitSignal(application.session.signed_in, timeout=10000):
        application.session.sign_in("admin", ADMIN_PASSPHRASE)
    yield application
    if application.session.signed_in_now:
        application.session.sign_out()
