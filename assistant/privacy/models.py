"""The token vault's table: token -> value, encrypted, scoped to an RM and a conversation."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Index, Integer, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from assistant.storage.db import Base


class VaultEntry(Base):
    """One issued token. ``value_hash`` is an HMAC of the scoped value (for "same value, same
    token" lookups); the value itself exists only as AES-GCM ``ciphertext``."""

    __tablename__ = "vault_entries"
    __table_args__ = (
        UniqueConstraint("rm_id", "conversation_id", "token"),
        Index("ix_vault_entries_lookup", "rm_id", "conversation_id", "value_hash"),
        Index("ix_vault_entries_expires_at", "expires_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    rm_id: Mapped[str] = mapped_column(String(32))
    conversation_id: Mapped[str] = mapped_column(String(64))
    token: Mapped[str] = mapped_column(String(32))
    entity_type: Mapped[str] = mapped_column(String(16))
    client_id: Mapped[str | None] = mapped_column(String(32))
    ciphertext: Mapped[bytes] = mapped_column(LargeBinary)
    nonce: Mapped[bytes] = mapped_column(LargeBinary(12))
    value_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
