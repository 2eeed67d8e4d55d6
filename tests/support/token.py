"""A private SoftHSM2 token for a test or a module of tests: its own ``SOFTHSM2_CONF`` and
token directory, copied from one initialized token, with ``LAISSEZ_PKCS11_*`` pointing
casework at it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

SOFTHSM_MODULE = Path("/usr/lib/softhsm/libsofthsm2.so")
TOKEN_LABEL = "laissez-test"
TOKEN_PIN = "123456"


def use_private_token(template: Path, directory: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Copy the token ``template`` into ``directory`` and point the environment at it (undone
    with ``monkeypatch``); the copy's token directory."""
    tokens = directory / "softhsm-tokens"
    shutil.copytree(template, tokens)
    conf = directory / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {tokens}\nobjectstore.backend = file\n")
    monkeypatch.setenv("SOFTHSM2_CONF", str(conf))
    monkeypatch.setenv("LAISSEZ_PKCS11_MODULE", str(SOFTHSM_MODULE))
    monkeypatch.setenv("LAISSEZ_PKCS11_TOKEN", TOKEN_LABEL)
    monkeypatch.setenv("LAISSEZ_PKCS11_PIN", TOKEN_PIN)
    return tokens
