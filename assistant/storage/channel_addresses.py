"""Where a channel can reach an RM unprompted: one address per (channel, RM).

Teams lets a bot message a user first only through a conversation the user has already had
with it, so the bot keeps the conversation reference (service URL, conversation id, its own
and the user's channel ids) from the RM's first message. It lives in the database, keyed by
the RM, so every replica can send the morning brief and a restart loses nothing. The address
holds channel ids and the RM's own display name, never client data.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, String, Text, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column, sessionmaker

from assistant.storage.db import Base


def _now() -> datetime:
    return datetime.now(UTC)


class ChannelAddressRow(Base):
    __tablename__ = "channel_addresses"

    channel: Mapped[str] = mapped_column(String(16), primary_key=True)
    rm_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    address: Mapped[str] = mapped_column(Text)  # the channel's own JSON form
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)


class ChannelAddresses:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def save(self, channel: str, rm_id: str, address: dict[str, Any]) -> bool:
        """Keep ``address`` for ``rm_id``; True when it was new or changed (the service URL
        of a Teams conversation can move)."""
        text = json.dumps(address, sort_keys=True, ensure_ascii=False)
        for _ in range(2):  # a second replica may insert the same RM's first address at once
            try:
                with self._sessions.begin() as s:
                    row = s.get(ChannelAddressRow, (channel, rm_id))
                    if row is not None and row.address == text:
                        return False
                    if row is None:
                        s.add(ChannelAddressRow(channel=channel, rm_id=rm_id, address=text))
                    else:
                        row.address, row.updated_at = text, _now()
                return True
            except IntegrityError:
                continue
        return False

    def get(self, channel: str, rm_id: str) -> dict[str, Any] | None:
        with self._sessions() as s:
            row = s.get(ChannelAddressRow, (channel, rm_id))
            return json.loads(row.address) if row is not None else None

    def rm_ids(self, channel: str) -> set[str]:
        with self._sessions() as s:
            rows = s.scalars(
                select(ChannelAddressRow.rm_id).where(ChannelAddressRow.channel == channel)
            )
            return set(rows)
