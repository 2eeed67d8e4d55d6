"""The seal signer's private key inside a PKCS#11 token (SoftHSM2 on a developer machine and in
tests; a smart card, USB token or network HSM in production, by changing the module path and the
token label).

The key is imported or generated as a *sensitive, non-extractable* token object: it signs seals
through the token and never comes back out. The database keeps only the certificate and the
key's label (``signing_keys.token_label`` / ``key_label``). The token PIN is never stored: it is
given for the session (``TokenConfig.pin``, e.g. entered by the issuing supervisor) or, on a
developer machine and in tests, taken from ``LAISSEZ_PKCS11_PIN``.

:class:`TokenPrivateKey` behaves like the ``EllipticCurvePrivateKey`` that
``laissez.documents.seal.crypto.sign_raw`` expects (``curve``, ``sign``, ``public_key``), so the
seal code is the same for a key in a token and a throwaway test key in memory.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

from laissez.documents.seal.errors import SealKeyError

DEFAULT_MODULE = "/usr/lib/softhsm/libsofthsm2.so"
DEFAULT_TOKEN = "laissez"  # noqa: S105 - a token label, not a secret
ENV_MODULE = "LAISSEZ_PKCS11_MODULE"
ENV_TOKEN = "LAISSEZ_PKCS11_TOKEN"  # noqa: S105 - a variable name
ENV_PIN = "LAISSEZ_PKCS11_PIN"


class TokenError(SealKeyError):
    """The token is missing, locked, or does not hold the key (a sentence for the officer)."""


class TokenPinMissingError(TokenError):
    """No PIN was given for the token this session (the issuing supervisor must enter it)."""

    code = "seal.token_pin_missing"


class TokenPinWrongError(TokenError):
    """The token refused the PIN (wrong, badly formed, or locked after too many tries)."""

    code = "seal.token_pin_wrong"


@dataclass(frozen=True)
class TokenConfig:
    """Which PKCS#11 module and token hold the seal key, and the PIN for this session."""

    module: str = DEFAULT_MODULE
    token_label: str = DEFAULT_TOKEN
    pin: str | None = None
    #: a SoftHSM2 configuration file of its own (a mission-local token); None: the
    #: environment's ``SOFTHSM2_CONF``
    softhsm_conf: str | None = None

    @classmethod
    def from_env(cls, *, pin: str | None = None) -> TokenConfig:
        """The configured token (``LAISSEZ_PKCS11_MODULE``, ``LAISSEZ_PKCS11_TOKEN``); ``pin``
        if given, else ``LAISSEZ_PKCS11_PIN`` (developer machines and tests only)."""
        return cls(
            module=os.environ.get(ENV_MODULE) or DEFAULT_MODULE,
            token_label=os.environ.get(ENV_TOKEN) or DEFAULT_TOKEN,
            pin=pin if pin is not None else (os.environ.get(ENV_PIN) or None),
        )

    def with_pin(self, pin: str | None) -> TokenConfig:
        """The same token with another PIN."""
        return replace(self, pin=pin)


_LOCK = threading.Lock()
_LIBS: dict[str, tuple[Any, str | None]] = {}


def _lib(module: str, softhsm_conf: str | None = None) -> Any:
    """The loaded PKCS#11 module (once per process; initialized again when the SoftHSM2
    configuration changed: ``softhsm_conf`` if given, else ``SOFTHSM2_CONF``, as each test
    points it at its own token directory)."""
    try:
        import pkcs11
    except ImportError:  # pragma: no cover - python-pkcs11 is a dependency
        raise TokenError("the PKCS#11 support (python-pkcs11) is not installed") from None
    if not os.path.exists(module):
        raise TokenError(
            f"the PKCS#11 module {module} is not installed; install SoftHSM2 (Debian package "
            f"softhsm2) or set {ENV_MODULE} to the module of the mission's token"
        )
    conf = softhsm_conf or os.environ.get("SOFTHSM2_CONF")
    with _LOCK:
        held = _LIBS.get(module)
        if held is not None and held[1] == conf:
            return held[0]
        # SoftHSM2 reads SOFTHSM2_CONF when it is initialized only: point it there meanwhile
        before = os.environ.get("SOFTHSM2_CONF")
        if conf is not None:
            os.environ["SOFTHSM2_CONF"] = conf
        try:
            if held is None:
                lib = pkcs11.lib(module)
            else:
                lib = held[0]
                lib.reinitialize()
        finally:
            if before is None:
                os.environ.pop("SOFTHSM2_CONF", None)
            else:
                os.environ["SOFTHSM2_CONF"] = before
        _LIBS[module] = (lib, conf)
        return lib


def reload_token(module: str = DEFAULT_MODULE) -> None:
    """Make this process read its tokens again at the next use (after a token was erased and
    made again on disk, which a loaded SoftHSM2 would not notice)."""
    with _LOCK:
        held = _LIBS.get(module)
        if held is not None:
            _LIBS[module] = (held[0], "\0reload")


def _session(config: TokenConfig, *, write: bool = False) -> Any:
    import pkcs11
    from pkcs11 import exceptions as p11

    if not config.pin:
        raise TokenPinMissingError(
            f"the seal key's token {config.token_label!r} needs its PIN; the issuing "
            "supervisor must enter it"
        )
    lib = _lib(config.module, config.softhsm_conf)
    try:
        token = lib.get_token(token_label=config.token_label)
    except (pkcs11.NoSuchToken, pkcs11.MultipleTokensReturned):
        raise TokenError(
            f"no PKCS#11 token labelled {config.token_label!r} is present; insert the mission's "
            "token or initialize one (see laissez/documents/README.md)"
        ) from None
    try:
        return token.open(user_pin=config.pin, rw=write)
    except (p11.PinIncorrect, p11.PinLenRange, p11.ArgumentsBad):
        raise TokenPinWrongError(f"wrong PIN for the token {config.token_label!r}") from None
    except p11.PinLocked:
        raise TokenPinWrongError(
            f"the token {config.token_label!r} is locked (too many wrong PINs)"
        ) from None


def import_private_key(config: TokenConfig, key: ec.EllipticCurvePrivateKey, label: str) -> None:
    """Put ``key`` into the token as a sensitive, non-extractable signing key named ``label``.

    The caller drops its copy afterwards; the token never gives it back.
    """
    from pkcs11 import Attribute, KeyType, ObjectClass
    from pkcs11.util.ec import decode_ec_private_key

    der = key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.TraditionalOpenSSL,
        serialization.NoEncryption(),
    )
    attrs: dict[Any, Any] = decode_ec_private_key(der)
    attrs.update(
        {
            Attribute.CLASS: ObjectClass.PRIVATE_KEY,
            Attribute.KEY_TYPE: KeyType.EC,
            Attribute.LABEL: label,
            Attribute.TOKEN: True,
            Attribute.PRIVATE: True,
            Attribute.SENSITIVE: True,
            Attribute.EXTRACTABLE: False,
            Attribute.SIGN: True,
        }
    )
    with _session(config, write=True) as session:
        session.create_object(attrs)


def generate_private_key(config: TokenConfig, label: str) -> ec.EllipticCurvePublicKey:
    """Generate a P-256 key pair inside the token (private half non-extractable); returns the
    public key, for a certificate request to headquarters."""
    from pkcs11 import Attribute, KeyType
    from pkcs11.util.ec import encode_ec_public_key, encode_named_curve_parameters

    with _session(config, write=True) as session:
        params = session.create_domain_parameters(
            KeyType.EC, {Attribute.EC_PARAMS: encode_named_curve_parameters("secp256r1")},
            local=True,
        )  # fmt: skip
        public, _private = params.generate_keypair(
            store=True,
            label=label,
            private_template={Attribute.SENSITIVE: True, Attribute.EXTRACTABLE: False},
        )
        der = encode_ec_public_key(public)
    loaded = serialization.load_der_public_key(der)
    assert isinstance(loaded, ec.EllipticCurvePublicKey)
    return loaded


def has_key(config: TokenConfig, label: str) -> bool:
    """Whether the token holds a private key named ``label``."""
    from pkcs11 import Attribute, ObjectClass

    template = {Attribute.LABEL: label, Attribute.CLASS: ObjectClass.PRIVATE_KEY}
    with _session(config) as session:
        return any(True for _ in session.get_objects(template))


class TokenPrivateKey:
    """A seal key held in the token, used like ``ec.EllipticCurvePrivateKey`` for signing.

    Each ``sign`` opens a token session, logs in with the PIN, signs and logs out.
    """

    def __init__(self, config: TokenConfig, label: str, public: ec.EllipticCurvePublicKey):
        self.config = config
        self.label = label
        self._public = public

    @property
    def curve(self) -> ec.EllipticCurve:
        """The key's curve (from its certificate)."""
        return self._public.curve

    @property
    def key_size(self) -> int:
        """The curve's size in bits."""
        return self._public.curve.key_size

    def public_key(self) -> ec.EllipticCurvePublicKey:
        """The public half (from the certificate)."""
        return self._public

    def sign(self, data: bytes, algorithm: ec.EllipticCurveSignatureAlgorithm) -> bytes:
        """Sign in the token; returns a DER signature as ``cryptography`` does."""
        from pkcs11 import KeyType, Mechanism, ObjectClass
        from pkcs11 import exceptions as p11

        algo = algorithm.algorithm if isinstance(algorithm, ec.ECDSA) else None
        expected: dict[int, type[hashes.SHA256 | hashes.SHA384 | hashes.SHA512]] = {
            256: hashes.SHA256,
            384: hashes.SHA384,
            521: hashes.SHA512,
        }
        wanted = expected.get(self.key_size)
        if wanted is None or not isinstance(algo, wanted):
            raise TokenError("the token signs ECDSA seals with the curve's own hash only")
        # plain CKM_ECDSA over the digest: every token has it (SoftHSM2 lacks ECDSA_SHA256)
        digest = hashes.Hash(wanted())
        digest.update(data)
        data = digest.finalize()
        mechanism = Mechanism.ECDSA
        with _session(self.config) as session:
            try:
                key = session.get_key(
                    object_class=ObjectClass.PRIVATE_KEY, key_type=KeyType.EC, label=self.label
                )
            except (p11.NoSuchKey, p11.MultipleObjectsReturned):
                raise TokenError(
                    f"the token {self.config.token_label!r} does not hold the seal key "
                    f"{self.label!r}; an administrator must install the signer again"
                ) from None
            raw = key.sign(data, mechanism=mechanism)
        half = len(raw) // 2
        return encode_dss_signature(
            int.from_bytes(raw[:half], "big"), int.from_bytes(raw[half:], "big")
        )


def init_softhsm_token(
    directory: Path, *, label: str = DEFAULT_TOKEN, pin: str, so_pin: str
) -> dict[str, str]:
    """Make a private SoftHSM2 token store in ``directory`` with one token ``label`` (developer
    machines, tests and benchmarks; production tokens are initialized by their own tools).
    Returns the environment that points SoftHSM2 and casework at it (``SOFTHSM2_CONF``,
    ``LAISSEZ_PKCS11_MODULE``, ``LAISSEZ_PKCS11_TOKEN``; the PIN is not included)."""
    import shutil
    import subprocess

    tool = shutil.which("softhsm2-util")
    if tool is None or not os.path.exists(DEFAULT_MODULE):
        raise TokenError("SoftHSM2 is not installed (Debian package softhsm2)")
    tokens = directory / "tokens"
    tokens.mkdir(parents=True, exist_ok=True)
    conf = directory / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {tokens}\nobjectstore.backend = file\n")
    env = {"SOFTHSM2_CONF": str(conf), ENV_MODULE: DEFAULT_MODULE, ENV_TOKEN: label}
    subprocess.run(
        [tool, "--init-token", "--free", "--label", label, "--pin", pin, "--so-pin", so_pin],
        check=True, capture_output=True, env={**os.environ, **env},
    )  # fmt: skip
    return env
