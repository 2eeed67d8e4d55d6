"""move the seal signer's private key out of the database into a PKCS#11 token

``signing_keys`` keeps the certificate and the token and key labels only. A key already in the
database (plaintext PKCS#8, from an earlier version) is imported into the configured token as a
non-extractable object and erased from the table. When no token PIN is configured the upgrade
stops with a sentence telling the administrator what to do; the automatic backup keeps the file
as it was.

Revision ID: 0007_insider_token
Revises: 0006
Create Date: 2026-12-07 06:45:00
"""

from __future__ import annotations

import uuid

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


def upgrade() -> None:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    from laissez.documents.seal.token import TokenConfig, TokenError, import_private_key
    from laissez.storage.errors import MigrationError

    with op.batch_alter_table("signing_keys", schema=None) as batch_op:
        batch_op.add_column(sa.Column("token_label", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("key_label", sa.String(length=64), nullable=True))
    bind = op.get_bind()
    rows = bind.execute(sa.text("SELECT id, private_key_pem FROM signing_keys")).all()
    if rows:
        config = TokenConfig.from_env()
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
