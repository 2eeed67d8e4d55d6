"""Issue 15: a forgotten or locked PIN of the mission-local seal token (SoftHSM2, no token
configured) is mended by an administrator, who remakes the token with a new PIN and installs
the signer again from headquarters' files; audited. A token configured outside Laissez is
refused with its own error."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from laissez.casework.errors import (
    RoleRequiredError,
    TokenNotResettableError,
    TokenPinWrongError,
)
from laissez.casework.states import CaseState as S
from laissez.desktop.messages.errors import describe_error
from laissez.storage.models import AuditEvent, SigningKey
from tests.support.token import SOFTHSM_MODULE
from tests.support.world import TEST_SIGNER, World

pytestmark = pytest.mark.skipif(not SOFTHSM_MODULE.exists(), reason="SoftHSM2 is not installed")
FORGOTTEN, NEW = "pin-forgotten-1", "pin-new-2"


@pytest.fixture
def world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[World]:
    """A world whose signer is in the mission-local token, installed with a PIN since
    forgotten (nothing in the environment names a token)."""
    for name in ("LAISSEZ_PKCS11_MODULE", "LAISSEZ_PKCS11_TOKEN", "LAISSEZ_PKCS11_PIN"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("SOFTHSM2_CONF", raising=False)
    made = World(tmp_path / "w", signer=False)
    admin = made.admin_casework()
    admin.signing.use_token_pin(FORGOTTEN)
    s = TEST_SIGNER
    admin.signing.install_signer(s.key_pem, s.certificate_pem, s.root_pem, password=s.password)
    try:
        yield made
    finally:
        made.close()


def _reset(world: World, who: str = "admin") -> object:
    s = TEST_SIGNER
    cw = world.admin_casework() if who == "admin" else world[who]
    return cw.signing.reset_token(NEW, s.key_pem, s.certificate_pem, s.root_pem,
                                  password=s.password)  # fmt: skip


def test_an_administrator_resets_the_pin_and_the_seal_works_with_the_new_one(
    world: World,
) -> None:
    case = world.new_case(S.APPROVED)
    world["sam"].signing.use_token_pin("a guess")
    with pytest.raises(TokenPinWrongError) as refused:
        world["sam"].decisions.issue_document(case)
    assert "an administrator resets the seal key's token" in describe_error(refused.value)

    with pytest.raises(RoleRequiredError):
        _reset(world, "sam")
    new_signer = _reset(world)

    world["sam"].signing.use_token_pin(FORGOTTEN)  # the old PIN opens nothing any more
    with pytest.raises(TokenPinWrongError):
        world["sam"].decisions.issue_document(case)
    world["sam"].signing.use_token_pin(NEW)
    etd = world["sam"].decisions.issue_document(case)
    with world.admin.read_session() as session:
        active = list(session.scalars(select(SigningKey.id).where(SigningKey.active.is_(True))))
        actions = list(session.scalars(select(AuditEvent.action)))
    assert active == [new_signer]
    assert actions.count("signer.token_reset") == 1
    assert world["oscar"].signing.verify_printed(etd.pdf).verification.verdict == "VALID"


def test_a_token_configured_outside_laissez_is_not_reset_here(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LAISSEZ_PKCS11_TOKEN", "a-smart-card")
    with pytest.raises(TokenNotResettableError) as refused:
        _reset(world)
    assert "with the token's own tools" in describe_error(refused.value)
