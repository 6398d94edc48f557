"""Who has had today's brief: one row per (RM, day), claimed before sending.

The unique constraint is the whole mechanism: every replica (and every restart) tries to
insert the row, the database lets exactly one succeed, and only that one sends. A failed
delivery releases the claim so a later run may try again; a process that dies between claim
and delivery leaves the claim in place (at most once: a brief lost beats a brief twice).
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import Date, DateTime, Integer, String, UniqueConstraint, delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column, sessionmaker

from assistant.storage.db import Base


def _now() -> datetime:
    return datetime.now(UTC)


class BriefClaimRow(Base):
    __tablename__ = "brief_claims"
    __table_args__ = (UniqueConstraint("rm_id", "brief_date"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    rm_id: Mapped[str] = mapped_column(String(32))
    brief_date: Mapped[date] = mapped_column(Date)
    claimed_by: Mapped[str] = mapped_column(String(128))  # host:pid of the sender, for operators
    sink: Mapped[str] = mapped_column(String(32))
    claimed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class BriefClaims:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def claim(self, rm_id: str, day: date, *, claimed_by: str, sink: str) -> bool:
        """True for the one caller that gets to send ``rm_id``'s brief for ``day``."""
        try:
            with self._sessions.begin() as s:
                s.add(BriefClaimRow(rm_id=rm_id, brief_date=day, claimed_by=claimed_by, sink=sink))
            return True
        except IntegrityError:
            return False

    def mark_sent(self, rm_id: str, day: date) -> None:
        with self._sessions.begin() as s:
            s.execute(
                update(BriefClaimRow)
                .where(BriefClaimRow.rm_id == rm_id, BriefClaimRow.brief_date == day)
                .values(sent_at=_now())
            )

    def release(self, rm_id: str, day: date) -> None:
        """Give the claim back after a failed delivery (never after a sent one)."""
        with self._sessions.begin() as s:
            s.execute(
                delete(BriefClaimRow).where(
                    BriefClaimRow.rm_id == rm_id,
                    BriefClaimRow.brief_date == day,
                    BriefClaimRow.sent_at.is_(None),
                )
            )

    def claimed(self, day: date) -> dict[str, datetime | None]:
        """RM id -> when the brief was sent (None: claimed, not yet delivered)."""
        with self._sessions() as s:
            rows = s.execute(
                select(BriefClaimRow.rm_id, BriefClaimRow.sent_at).where(
                    BriefClaimRow.brief_date == day
                )
            )
            return {rm_id: sent for rm_id, sent in rows}
