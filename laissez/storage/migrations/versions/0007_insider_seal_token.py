"""move the seal signer's private key out of the database into a PKCS#11 token

``signing_keys`` keeps the certificate and the token and key labels only. A key already in the
database (plaintext PKCS#8, from an earlier version) is imported into the configured token as a
non-extractable object and erased from the table. With no token configured and SoftHSM2
installed, that is the mission-local token beside the database (``<folder>/token/``, made now
with ``LAISSEZ_PKCS11_PIN``), the one casework then signs with. When no token PIN is
configured the upgrade stops with a sentence telling the administrator what to do; the
automatic backup keeps the file as it was.

Revision ID: 0007_insider_token
Revises: 0006
Create Date: 2026-12-07 06:45:00
"""

from __future__ import annotations

import uuid
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0007_insider_token"
down_revision = "0006"
branch_labels = None
depends_on = None

REFUSAL = (
    "this database holds the mission's seal signing key in plaintext, which this version "
    "no longer allows: the key must move into the mission's PKCS#11 token. Set "
    "LAISSEZ_PKCS11_PIN to the token's PIN (and LAISSEZ_PKCS11_MODULE and "
    "LAISSEZ_PKCS11_TOKEN if the token is not SoftHSM2's 'laissez') and open the database "
    "again: the key is then moved into the token and erased from the database. Or ask "
    "headquarters for a new signer and install it after upgrading"
)


def _token(bind: sa.Connection) -> Any:
    """The token the key moves into: the one the environment configures, else (SoftHSM2
    installed) the mission-local token beside the database, ``<folder>/token/``, as
    ``laissez.casework.seal_token`` uses it; made now with ``LAISSEZ_PKCS11_PIN`` when there
    is none yet (its security officer PIN random and thrown away)."""
    import os
    import secrets
    from pathlib import Path

    from laissez.documents.seal.token import (
        DEFAULT_MODULE,
        DEFAULT_TOKEN,
        ENV_MODULE,
        ENV_PIN,
        ENV_TOKEN,
        TokenConfig,
        init_softhsm_token,
    )

    configured = any(os.environ.get(n) for n in (ENV_MODULE, ENV_TOKEN, "SOFTHSM2_CONF"))
    if configured or not os.path.exists(DEFAULT_MODULE):
        return TokenConfig.from_env()
    main = [row for row in bind.execute(sa.text("PRAGMA database_list")) if row[1] == "main"]
    if not main or not main[0][2]:
        return TokenConfig.from_env()
    directory = Path(main[0][2]).parent / "token"  # casework.seal_token.TOKEN_DIRECTORY
    conf = directory / "softhsm2.conf"  # casework.seal_token.CONF_NAME
    pin = os.environ.get(ENV_PIN) or None
    tokens = directory / "tokens"
    if pin and not (conf.exists() and tokens.is_dir() and any(tokens.iterdir())):
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        init_softhsm_token(directory, label=DEFAULT_TOKEN, pin=pin, so_pin=secrets.token_hex(16))
    return TokenConfig(DEFAULT_MODULE, DEFAULT_TOKEN, pin, str(conf))


def upgrade() -> None:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    from laissez.documents.seal.token import TokenError, import_private_key
    from laissez.storage.errors import MigrationError

    with op.batch_alter_table("signing_keys", schema=None) as batch_op:
        batch_op.add_column(sa.Column("token_label", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("key_label", sa.String(length=64), nullable=True))
    bind = op.get_bind()
    rows = bind.execute(sa.text("SELECT id, private_key_pem FROM signing_keys")).all()
    if rows:
        config = _token(bind)
        if not config.pin:
            raise MigrationError(REFUSAL)
        for key_id, pem in rows:
            key = serialization.load_pem_private_key(pem.encode("ascii"), password=None)
            assert isinstance(key, ec.EllipticCurvePrivateKey)
            ident = uuid.UUID(bytes=key_id) if isinstance(key_id, bytes) else uuid.UUID(key_id)
            label = f"laissez-seal-{ident}"
            try:
                import_private_key(config, key, label)
            except TokenError as exc:
                raise MigrationError(f"{REFUSAL} ({exc})") from None
            bind.execute(
                sa.text("UPDATE signing_keys SET token_label = :t, key_label = :k WHERE id = :i"),
                {"t": config.token_label, "k": label, "i": key_id},
            )
    with op.batch_alter_table("signing_keys", schema=None) as batch_op:
        batch_op.drop_column("private_key_pem")
        batch_op.alter_column("token_label", existing_type=sa.String(length=64), nullable=False)
        batch_op.alter_column("key_label", existing_type=sa.String(length=64), nullable=False)


def downgrade() -> None:
    # The key cannot come back out of the token (non-extractable): a downgraded database has
    # signers without keys, which an administrator installs again.
    with op.batch_alter_table("signing_keys", schema=None) as batch_op:
        batch_op.add_column(sa.Column("private_key_pem", sa.Text(), nullable=False,
                                      server_default=""))  # fmt: skip
        batch_op.drop_column("key_label")
        batch_op.drop_column("token_label")
