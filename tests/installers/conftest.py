"""Fixtures: the build scripts ``natives``, ``common`` and the Linux ``build`` module."""

from __future__ import annotations

from types import ModuleType

import pytest

from tests.support.installers import INSTALLERS, load


@pytest.fixture(scope="session")
def natives() -> ModuleType:
    return load("natives", INSTALLERS / "natives.py")


@pytest.fixture(scope="session")
def common() -> ModuleType:
    return load("common", INSTALLERS / "common.py")


@pytest.fixture(scope="session")
def linux_build() -> ModuleType:
    return load("laissez_linux_build", INSTALLERS / "linux" / "build.py")
