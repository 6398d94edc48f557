"""Referrals between departments in the application database (``assistant.referrals``): who
referred which client to whom, with the client's consent, the receiver's deadline, and where
it stands. Beside the extract, like campaigns: an import must not forget a referral.

The need is the sender's words, masked (tokens of the sender's conversation); the referred
contact is kept by title, never by name — the name is read from the extract when shown.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import UTC, date, datetime

from sqlalchemy import ColumnElement, Date, DateTime, String, Text, func, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column, sessionmaker

from assistant.storage.db import Base

OPEN = ("sent", "contacted")  # the receiver still owes the sender an outcome
CLOSED = ("won", "lost", "declined")
STATUSES = (*OPEN, *CLOSED)


class ReferralRow(Base):
    __tablename__ = "referrals"
    referral_id: Mapped[str] = mapped_column(String(16), primary_key=True)
    from_rm: Mapped[str] = mapped_column(String(32), index=True)
    to_rm: Mapped[str] = mapped_column(String(32), index=True)
    target: Mapped[str] = mapped_column(String(32))  # the policy's target key
    client_id: Mapped[str] = mapped_column(String(64), index=True)
    contact_title: Mapped[str | None] = mapped_column(String(64), nullable=True)
    need: Mapped[str] = mapped_column(Text)  # masked, in ``scope``'s tokens
    scope: Mapped[str] = mapped_column(String(160))
    consent: Mapped[str] = mapped_column(String(16))  # how the client agreed (policy's ways)
    day: Mapped[date] = mapped_column(Date)  # the bank's day it was made
    due: Mapped[date] = mapped_column(Date)  # first contact by this day
    status: Mapped[str] = mapped_column(String(16), index=True)
    channel: Mapped[str] = mapped_column(String(16))  # where the sender asked
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    contacted_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    escalated_to: Mapped[str | None] = mapped_column(String(32), nullable=True)
    escalated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    notified_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


@dataclass(frozen=True)
class Referral:
    referral_id: str
    from_rm: str
    to_rm: str
    target: str
    client_id: str
    contact_title: str | None
    need: str
    scope: str
    consent: str
    day: date
    due: date
    status: str
    channel: str
    created_at: datetime
    updated_at: datetime
    contacted_on: date | None = None
    escalated_to: str | None = None
    escalated_at: datetime | None = None
    notified_at: datetime | None = None

    @property
    def open(self) -> bool:
        return self.status in OPEN

    def on_time(self) -> bool | None:
        """First contact by the deadline; None while none was made and it is not yet late."""
        if self.contacted_on is not None:
            return self.contacted_on <= self.due
        return False if self.escalated_at is not None else None


NAMES = [f.name for f in fields(Referral)]


def _referral(row: ReferralRow) -> Referral:
    return Referral(**{n: getattr(row, n) for n in NAMES})


def _now() -> datetime:
    return datetime.now(UTC)


class ReferralStore:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def add(self, referral: Referral) -> None:
        with self._sessions.begin() as s:
            s.add(ReferralRow(**{n: getattr(referral, n) for n in NAMES}))

    def get(self, referral_id: str) -> Referral | None:
        with self._sessions() as s:
            row = s.get(ReferralRow, referral_id.upper())
            return _referral(row) if row is not None else None

    def _select(self, *where: ColumnElement[bool], limit: int = 50) -> list[Referral]:
        query = select(ReferralRow).where(*where).order_by(ReferralRow.created_at.desc())
        with self._sessions() as s:
            return [_referral(r) for r in s.scalars(query.limit(limit))]

    def sent_by(self, rm_id: str, limit: int = 50) -> list[Referral]:
        return self._select(ReferralRow.from_rm == rm_id, limit=limit)

    def received_by(self, rm_ids: Iterable[str], *, open_only: bool = False) -> list[Referral]:
        where = [ReferralRow.to_rm.in_(list(rm_ids))]
        if open_only:
            where.append(ReferralRow.status.in_(OPEN))
        return self._select(*where, limit=200)

    def of_rms(self, rm_ids: Iterable[str], start: date, end: date) -> list[Referral]:
        """Referrals made in [start, end] that an RM of ``rm_ids`` sent or received (credit)."""
        ids = list(rm_ids)
        return self._select(
            (ReferralRow.from_rm.in_(ids)) | (ReferralRow.to_rm.in_(ids)),
            ReferralRow.day >= start,
            ReferralRow.day <= end,
            limit=10_000,
        )

    def open_counts(self, rm_ids: Iterable[str]) -> dict[str, int]:
        query = (
            select(ReferralRow.to_rm, func.count())
            .where(ReferralRow.to_rm.in_(list(rm_ids)), ReferralRow.status.in_(OPEN))
            .group_by(ReferralRow.to_rm)
        )
        with self._sessions() as s:
            return {rm: n for rm, n in s.execute(query)}

    def received_client_ids(self, rm_ids: Iterable[str]) -> frozenset[str]:
        """The clients of the referrals sent to ``rm_ids``: their names may be shown to them
        (the receiver was told them when it arrived; their data stays out of reach)."""
        query = select(ReferralRow.client_id).where(ReferralRow.to_rm.in_(list(rm_ids))).distinct()
        with self._sessions() as s:
            return frozenset(s.scalars(query))

    def set_status(self, referral_id: str, status: str, day: date) -> Referral | None:
        """Move an open referral on (one conditional update: two replicas cannot both close
        it); the first contact's day is kept. None: no open referral of that id."""
        values: dict[str, object] = {"status": status, "updated_at": _now()}
        with self._sessions.begin() as s:
            row = s.get(ReferralRow, referral_id)
            if row is None or row.status not in OPEN:
                return None
            if row.contacted_on is None:
                values["contacted_on"] = day
            done = s.execute(
                update(ReferralRow)
                .where(ReferralRow.referral_id == referral_id, ReferralRow.status.in_(OPEN))
                .values(**values)
            )
            if not done.rowcount:  # type: ignore[attr-defined]
                return None
        return self.get(referral_id)

    def overdue(self, day: date) -> list[Referral]:
        """Referrals with no first contact whose deadline passed before ``day``, not yet raised."""
        return self._select(
            ReferralRow.status == "sent",
            ReferralRow.due < day,
            ReferralRow.escalated_at.is_(None),
            limit=10_000,
        )

    def unnotified(self) -> list[Referral]:
        """Open referrals whose receiver no channel has been told of yet."""
        return self._select(
            ReferralRow.status.in_(OPEN), ReferralRow.notified_at.is_(None), limit=10_000
        )

    def claim_escalation(self, referral_id: str, lead_id: str) -> bool:
        """Mark it raised to ``lead_id``; False when another run already did (one notice)."""
        with self._sessions.begin() as s:
            done = s.execute(
                update(ReferralRow)
                .where(
                    ReferralRow.referral_id == referral_id,
                    ReferralRow.escalated_at.is_(None),
                    ReferralRow.status == "sent",
                )
                .values(escalated_to=lead_id, escalated_at=_now(), updated_at=_now())
            )
            return bool(done.rowcount)  # type: ignore[attr-defined]

    def mark_notified(self, referral_id: str) -> None:
        with self._sessions.begin() as s:
            s.execute(
                update(ReferralRow)
                .where(ReferralRow.referral_id == referral_id)
                .values(notified_at=_now())
            )
