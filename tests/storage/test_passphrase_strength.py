"""Passphrase strength: the minimum length stays, and zxcvbn refuses guessable ones."""

from __future__ import annotations

import pytest

from laissez.casework.accounts import passphrase_problems
from laissez.storage.errors import WeakPassphraseError
from laissez.storage.keys import check_passphrase, passphrase_weakness


@pytest.mark.parametrize(
    ("passphrase", "problem"),
    [
        ("short", "too_short"),
        ("aaaaaaaaaa", "too_guessable"),
        ("password123", "too_guessable"),
        ("qwertyuiop1", "too_guessable"),
        ("1234567890", "too_guessable"),
        ("correct horse battery", None),
        ("lamp orbit velvet seventeen", None),
    ],
)
def test_weakness(passphrase: str, problem: str | None) -> None:
    assert passphrase_weakness(passphrase) == problem


def test_the_user_name_counts_as_guessable() -> None:
    assert passphrase_weakness("olga.petrova2026", ("olga.petrova",)) == "too_guessable"


def test_a_weak_passphrase_error_says_why() -> None:
    with pytest.raises(WeakPassphraseError) as caught:
        check_passphrase("aaaaaaaaaa")
    assert caught.value.reason == "too_guessable" and caught.value.code == "storage.weak_passphrase"
    with pytest.raises(WeakPassphraseError) as caught:
        check_passphrase("short")
    assert caught.value.reason == "too_short"


def test_the_setup_and_staff_forms_see_the_same_rule() -> None:
    assert passphrase_problems("aaaaaaaaaa", "aaaaaaaaaa") == ("too_guessable",)
    assert passphrase_problems("lamp orbit velvet seventeen", "x") == ("mismatch",)
