"""Conversation memory, feedback and delivery dedupe — masked text only.

Questions and answers are stored exactly as the engines saw and wrote them (with tokens), so
the store never holds raw PII; they are restored for the owning RM on the way out.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, Text, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column, sessionmaker

from assistant.storage.db import Base


def _now() -> datetime:
    return datetime.now(UTC)


class ConversationRow(Base):
    __tablename__ = "conversations"
    conversation_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    rm_id: Mapped[str] = mapped_column(String(32), index=True)
    channel: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)


class TurnRow(Base):
    __tablename__ = "turns"
    turn_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    conversation_id: Mapped[str] = mapped_column(
        ForeignKey("conversations.conversation_id"), index=True
    )
    seq: Mapped[int] = mapped_column(Integer)
    rm_id: Mapped[str] = mapped_column(String(32), index=True)
    masked_question: Mapped[str] = mapped_column(Text)
    masked_answer: Mapped[dict] = mapped_column(JSON)  # the Answer with masked text and cards
    state: Mapped[dict] = mapped_column(JSON, default=dict)  # slots carried to follow-ups
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)


class FeedbackRow(Base):
    __tablename__ = "feedback"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    turn_id: Mapped[str] = mapped_column(ForeignKey("turns.turn_id"), index=True)
    rm_id: Mapped[str] = mapped_column(String(32))
    channel: Mapped[str] = mapped_column(String(16))
    rating: Mapped[str] = mapped_column(String(8))
    masked_comment: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)


class DeliveryRow(Base):
    __tablename__ = "deliveries"
    key: Mapped[str] = mapped_column(String(300), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)


class ReplyRow(Base):
    """A message the bot posted on a chat platform and the turn it carried: Teams' built-in
    feedback buttons report only the message id, on whichever replica receives them."""

    __tablename__ = "channel_replies"
    channel: Mapped[str] = mapped_column(String(16), primary_key=True)
    message_id: Mapped[str] = mapped_column(String(300), primary_key=True)
    turn_id: Mapped[str] = mapped_column(ForeignKey("turns.turn_id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)


class ConversationStore:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def owner(self, conversation_id: str) -> str | None:
        with self._sessions() as s:
            row = s.get(ConversationRow, conversation_id)
            return row.rm_id if row else None

    def last_language(self, rm_id: str) -> str | None:
        """The language of the RM's most recent answer (what they last wrote in), if any."""
        with self._sessions() as s:
            row = s.scalars(
                select(TurnRow)
                .where(TurnRow.rm_id == rm_id)
                .order_by(TurnRow.created_at.desc())
                .limit(1)
            ).first()
            language = (row.masked_answer or {}).get("language") if row else None
            return language if isinstance(language, str) else None

    def history(self, conversation_id: str, limit: int = 6) -> list[TurnRow]:
        """The last ``limit`` turns, oldest first."""
        with self._sessions() as s:
            rows = s.scalars(
                select(TurnRow)
                .where(TurnRow.conversation_id == conversation_id)
                .order_by(TurnRow.seq.desc())
                .limit(limit)
            )
            return list(reversed(list(rows)))

    def append(
        self,
        *,
        conversation_id: str,
        rm_id: str,
        channel: str,
        turn_id: str,
        masked_question: str,
        masked_answer: dict,
        state: dict,
    ) -> None:
        with self._sessions.begin() as s:
            if s.get(ConversationRow, conversation_id) is None:
                s.add(
                    ConversationRow(conversation_id=conversation_id, rm_id=rm_id, channel=channel)
                )
                s.flush()
            last = s.scalar(
                select(TurnRow.seq)
                .where(TurnRow.conversation_id == conversation_id)
                .order_by(TurnRow.seq.desc())
                .limit(1)
            )
            s.add(
                TurnRow(
                    turn_id=turn_id,
                    conversation_id=conversation_id,
                    seq=(last or 0) + 1,
                    rm_id=rm_id,
                    masked_question=masked_question,
                    masked_answer=masked_answer,
                    state=state,
                )
            )

    def turns(self, conversation_id: str) -> list[TurnRow]:
        with self._sessions() as s:
            return list(
                s.scalars(
                    select(TurnRow)
                    .where(TurnRow.conversation_id == conversation_id)
                    .order_by(TurnRow.seq)
                )
            )

    def add_feedback(
        self,
        *,
        rm_id: str,
        conversation_id: str,
        turn_id: str,
        channel: str,
        rating: str,
        masked_comment: str | None,
    ) -> bool:
        with self._sessions.begin() as s:
            turn = s.get(TurnRow, turn_id)
            if turn is None or turn.rm_id != rm_id or turn.conversation_id != conversation_id:
                return False
            s.add(
                FeedbackRow(
                    turn_id=turn_id,
                    rm_id=rm_id,
                    channel=channel,
                    rating=rating,
                    masked_comment=masked_comment,
                )
            )
            return True

    def feedback(self, rating: str | None = None) -> list[tuple[FeedbackRow, TurnRow]]:
        with self._sessions() as s:
            q = select(FeedbackRow, TurnRow).join(TurnRow, FeedbackRow.turn_id == TurnRow.turn_id)
            if rating:
                q = q.where(FeedbackRow.rating == rating)
            return [(f, t) for f, t in s.execute(q.order_by(FeedbackRow.id))]

    def link_replies(self, channel: str, message_ids: list[str], turn_id: str) -> None:
        """Remember which turn each posted message carried (a re-sent id keeps its turn)."""
        with self._sessions.begin() as s:
            known = set(
                s.scalars(
                    select(ReplyRow.message_id).where(
                        ReplyRow.channel == channel, ReplyRow.message_id.in_(message_ids)
                    )
                )
            )
            for message_id in dict.fromkeys(message_ids):
                if message_id and message_id not in known:
                    s.add(ReplyRow(channel=channel, message_id=message_id[:300], turn_id=turn_id))

    def turn_of_reply(self, channel: str, message_id: str) -> tuple[str, str] | None:
        """(conversation_id, turn_id) of the turn a posted message carried, if known."""
        with self._sessions() as s:
            row = s.execute(
                select(TurnRow.conversation_id, TurnRow.turn_id)
                .join(ReplyRow, ReplyRow.turn_id == TurnRow.turn_id)
                .where(ReplyRow.channel == channel, ReplyRow.message_id == message_id[:300])
            ).first()
            return (row[0], row[1]) if row else None

    def first_delivery(self, key: str) -> bool:
        """Insert-or-fail on the primary key: exactly one replica wins, even without Redis."""
        try:
            with self._sessions.begin() as s:
                s.add(DeliveryRow(key=key[:300]))
            return True
        except IntegrityError:
            return False
