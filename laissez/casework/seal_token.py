"""Which PKCS#11 token holds the mission's seal key, and what its refusals mean to casework.

A token configured in the environment (``LAISSEZ_PKCS11_MODULE``, ``LAISSEZ_PKCS11_TOKEN`` or
``SOFTHSM2_CONF``: a smart card, USB token or network HSM, or SoftHSM2 on a developer machine)
is used as configured. Without one, when SoftHSM2 is installed, the mission uses a SoftHSM2
token of its own in ``<data directory>/token/`` beside the database (its own
``softhsm2.conf``), made by the first signer installation with the PIN the administrator
chose. Its security officer PIN is random and thrown away: SoftHSM2 needs one to make a token,
but nothing here ever uses it; a forgotten or locked user PIN is mended by installing the
signer again from headquarters' files into a fresh token, not by an SO PIN someone must keep.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from laissez.casework.base import CaseContext
from laissez.casework.errors import (
    CaseworkError,
    SignerInvalidError,
    TokenPinRequiredError,
    TokenPinWrongError,
)
from laissez.documents.seal.token import (
    DEFAULT_MODULE,
    DEFAULT_TOKEN,
    ENV_MODULE,
    ENV_TOKEN,
    TokenConfig,
    TokenError,
    TokenPinMissingError,
    init_softhsm_token,
)
from laissez.documents.seal.token import TokenPinWrongError as _PinRefused

TOKEN_DIRECTORY = "token"  # noqa: S105 - a folder name
CONF_NAME = "softhsm2.conf"


def configured_by_environment() -> bool:
    """Whether the environment names the seal token (then no mission-local token is used)."""
    return any(os.environ.get(name) for name in (ENV_MODULE, ENV_TOKEN, "SOFTHSM2_CONF"))


def mission_token_directory(ctx: CaseContext) -> Path:
    """The mission-local token's folder, beside the database."""
    return ctx.db.path.parent / TOKEN_DIRECTORY


def uses_mission_token() -> bool:
    """No token is configured and SoftHSM2 is installed: the mission keeps its own token."""
    return not configured_by_environment() and os.path.exists(DEFAULT_MODULE)


def token_config(ctx: CaseContext) -> TokenConfig:
    """The mission's token, with the PIN given for this session (if any)."""
    if uses_mission_token():
        conf = mission_token_directory(ctx) / CONF_NAME
        return TokenConfig(DEFAULT_MODULE, DEFAULT_TOKEN, ctx.token_pin, str(conf))
    return TokenConfig.from_env(pin=ctx.token_pin)


def mission_token_ready(ctx: CaseContext) -> bool:
    """Whether the mission-local token was made already (always True for a configured one)."""
    if not uses_mission_token():
        return True
    directory = mission_token_directory(ctx)
    tokens = directory / "tokens"
    return (directory / CONF_NAME).exists() and tokens.is_dir() and any(tokens.iterdir())


def token_for_installation(ctx: CaseContext) -> TokenConfig:
    """The token a new signer goes into; the mission-local token is made first if there is
    none yet, with the session's PIN as its user PIN.

    Raises:
        TokenPinRequiredError: no PIN was given. SignerInvalidError: SoftHSM2 failed.
    """
    config = token_config(ctx)
    if not config.pin:
        raise TokenPinRequiredError(
            "the seal key's token needs a PIN: the administrator chooses it when installing "
            "the first signer, the issuing supervisor enters it to issue"
        )
    if not mission_token_ready(ctx):
        directory = mission_token_directory(ctx)
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        try:
            init_softhsm_token(
                directory, label=DEFAULT_TOKEN, pin=config.pin, so_pin=secrets.token_hex(16)
            )
        except (TokenError, OSError) as exc:
            raise SignerInvalidError(f"the mission's token could not be made: {exc}") from None
        except Exception as exc:  # subprocess.CalledProcessError: softhsm2-util refused
            raise SignerInvalidError(
                f"the mission's token could not be made ({type(exc).__name__})"
            ) from None
    return config


def token_failure(exc: TokenError, fallback: type[CaseworkError]) -> CaseworkError:
    """The casework error for a token's refusal: a missing or wrong PIN is its own typed
    error (the desktop asks for the PIN again); anything else becomes ``fallback``."""
    if isinstance(exc, TokenPinMissingError):
        return TokenPinRequiredError(str(exc))
    if isinstance(exc, _PinRefused):
        return TokenPinWrongError(str(exc))
    return fallback(str(exc))
