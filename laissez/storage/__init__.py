"""Encrypted local storage: SQLAlchemy models on SQLCipher, keys, audit chain, sync outbox."""
