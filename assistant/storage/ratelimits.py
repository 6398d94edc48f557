"""Per-caller request counters in the application database: the rate limit's shared state when
several replicas run without Redis.

A fixed window per key: one row per (key, window start), bumped with a single atomic upsert
(``INSERT ... ON CONFLICT DO UPDATE ... RETURNING``), so concurrent replicas never lose a hit.
Old windows are swept now and then by whichever replica notices them.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from sqlalchemy import BigInteger, Integer, String, delete
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Mapped, Session, mapped_column, sessionmaker

from assistant.storage.db import Base


class RateWindowRow(Base):
    __tablename__ = "rate_windows"
    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    window_start: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    hits: Mapped[int] = mapped_column(Integer)


class RateCounters:
    """Count hits per key in fixed windows of ``window_s`` seconds."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        window_s: float,
        *,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._sessions = sessions
        self.window_s = window_s
        self._clock = clock
        self._last_sweep = 0.0

    def hit(self, key: str) -> tuple[int, float]:
        """Add one hit to ``key``'s current window; returns (hits so far, seconds left in it)."""
        now = self._clock()
        start = int(now // self.window_s * self.window_s)
        with self._sessions.begin() as session:
            hits = session.execute(self._upsert(session, key[:200], start)).scalar_one()
            if now - self._last_sweep > self.window_s:
                self._last_sweep = now
                session.execute(
                    delete(RateWindowRow).where(RateWindowRow.window_start < start - self.window_s)
                )
        return int(hits), start + self.window_s - now

    @staticmethod
    def _upsert(session: Session, key: str, start: int):  # -> ReturningInsert
        dialect = session.get_bind().dialect.name
        insert = pg_insert if dialect == "postgresql" else sqlite_insert
        stmt = insert(RateWindowRow).values(key=key, window_start=start, hits=1)
        return stmt.on_conflict_do_update(
            index_elements=[RateWindowRow.key, RateWindowRow.window_start],
            set_={"hits": RateWindowRow.hits + 1},
        ).returning(RateWindowRow.hits)
