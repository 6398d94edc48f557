"""What extract is loaded: its content hash, row counts and as-of date.

The as-of date is the first day after the latest month in ``balances.csv``: signals such as
"matures within 30 days" are computed against the extract's own date, so the demo bank tells
the same story whatever day it is loaded.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import JSON, Date, DateTime, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from assistant.storage.db import Base


def as_of_from_months(months: list[str]) -> date:
    if not months:
        return date.today()
    year, month = map(int, max(months).split("-"))
    return date(year + month // 12, month % 12 + 1, 1)


class ExtractMeta(Base):
    __tablename__ = "extract_meta"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    digest: Mapped[str] = mapped_column(String(64))
    as_of: Mapped[date] = mapped_column(Date)
    counts: Mapped[dict] = mapped_column(JSON)
    loaded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    @classmethod
    def from_extract(cls, digest: str, balances: list, counts: dict[str, int]) -> ExtractMeta:
        meta = cls(id=1)
        meta.update_from(digest, balances, counts)
        return meta

    def update_from(self, digest: str, balances: list, counts: dict[str, int]) -> None:
        self.digest = digest
        self.as_of = as_of_from_months([b.month for b in balances])
        self.counts = counts
        self.loaded_at = datetime.now(UTC)
