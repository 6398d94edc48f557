"""The audit trail: append-only, hash-chained events (masked payloads only).

Each event's ``hash`` is ``sha256(prev_hash + canonical JSON of the event)``; a one-row
``audit_chain_head`` table holds the last seq and hash. An append first *updates* that row,
which serialises writers on both databases: PostgreSQL takes the row lock (as ``SELECT ... FOR
UPDATE`` would) and SQLite takes its write lock at that statement, as ``BEGIN IMMEDIATE`` would,
so no two writers ever read the same head. ``verify()`` walks the chain and names the first
event that does not check out.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, DateTime, Integer, String, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Mapped, Session, mapped_column, sessionmaker

from assistant.storage.db import Base, transaction

GENESIS = "0" * 64
_BATCH = 1000


class AuditEvent(Base):
    __tablename__ = "audit_events"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    ts: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    rm_id: Mapped[str | None] = mapped_column(String(32), index=True)
    channel: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(32), index=True)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditChainHead(Base):
    __tablename__ = "audit_chain_head"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    seq: Mapped[int] = mapped_column(Integer)
    hash: Mapped[str] = mapped_column(String(64))


AUDIT_TABLES = [AuditEvent.__table__, AuditChainHead.__table__]


@dataclass(frozen=True, slots=True)
class VerifyResult:
    ok: bool
    checked: int
    first_broken_seq: int | None = None
    reason: str | None = None


def _utc_iso(ts: datetime) -> str:
    # SQLite returns naive datetimes, PostgreSQL aware ones: hash the same UTC string.
    if ts.tzinfo is not None:
        ts = ts.astimezone(UTC).replace(tzinfo=None)
    return ts.isoformat(timespec="microseconds")


def event_hash(
    prev_hash: str,
    *,
    seq: int,
    ts: datetime,
    rm_id: str | None,
    channel: str,
    kind: str,
    payload: dict[str, Any],
) -> str:
    body = {
        "seq": seq,
        "ts": _utc_iso(ts),
        "rm_id": rm_id,
        "channel": channel,
        "kind": kind,
        "payload": payload,
    }
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256((prev_hash + canonical).encode()).hexdigest()


class AuditLog:
    """Append events and verify the chain. Payloads must already be masked."""

    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._sessions = session_factory

    def append(self, *, kind: str, channel: str, rm_id: str | None, payload: dict[str, Any]) -> int:
        """Add one event at the chain's end; returns its seq."""
        payload = json.loads(json.dumps(payload, ensure_ascii=False, default=str))
        with transaction(self._sessions) as session:
            seq, prev_hash = self._advance_head(session)
            ts = datetime.now(UTC)
            digest = event_hash(
                prev_hash, seq=seq, ts=ts, rm_id=rm_id, channel=channel, kind=kind, payload=payload
            )
            session.add(
                AuditEvent(
                    seq=seq,
                    ts=ts,
                    rm_id=rm_id,
                    channel=channel,
                    kind=kind,
                    payload=payload,
                    prev_hash=prev_hash,
                    hash=digest,
                )
            )
            session.execute(
                update(AuditChainHead).where(AuditChainHead.id == 1).values(hash=digest)
            )
        return seq

    def _advance_head(self, session: Session) -> tuple[int, str]:
        """Take the chain lock by bumping the head; returns (new seq, previous hash)."""
        bump = (
            update(AuditChainHead)
            .where(AuditChainHead.id == 1)
            .values(seq=AuditChainHead.seq + 1)
            .returning(AuditChainHead.seq, AuditChainHead.hash)
        )
        row = session.execute(bump).first()
        if row is None:  # first event ever: create the head (a concurrent creator may win)
            session.execute(_insert_head(session.get_bind().dialect.name))
            row = session.execute(bump).one()
        return int(row.seq), str(row.hash)

    def verify(self) -> VerifyResult:
        """Recompute every hash in seq order; report the first event that breaks the chain."""
        prev_hash, expected_seq, checked = GENESIS, 1, 0
        with self._sessions() as session:
            for event in self._events(session):
                problem = self._check(event, expected_seq, prev_hash)
                if problem:  # a gap is reported at the first missing seq
                    return VerifyResult(False, checked, min(event.seq, expected_seq), problem)
                prev_hash, expected_seq, checked = event.hash, event.seq + 1, checked + 1
            head = session.get(AuditChainHead, 1)
        head_seq, head_hash = (head.seq, head.hash) if head else (0, GENESIS)
        if head_seq != checked or head_hash != prev_hash:
            return VerifyResult(
                False, checked, checked + 1, "events missing at the end of the chain"
            )
        return VerifyResult(True, checked)

    @staticmethod
    def _events(session: Session) -> Iterable[AuditEvent]:
        last = 0
        while True:
            batch = session.scalars(
                select(AuditEvent)
                .where(AuditEvent.seq > last)
                .order_by(AuditEvent.seq)
                .limit(_BATCH)
            ).all()
            if not batch:
                return
            yield from batch
            last = batch[-1].seq

    @staticmethod
    def _check(event: AuditEvent, expected_seq: int, prev_hash: str) -> str | None:
        if event.seq != expected_seq:
            return f"seq {expected_seq} is missing"
        if event.prev_hash != prev_hash:
            return "prev_hash does not match the previous event"
        recomputed = event_hash(
            prev_hash,
            seq=event.seq,
            ts=event.ts,
            rm_id=event.rm_id,
            channel=event.channel,
            kind=event.kind,
            payload=event.payload,
        )
        return None if recomputed == event.hash else "hash does not match the event's content"


def _insert_head(dialect: str) -> Any:
    values = {"id": 1, "seq": 0, "hash": GENESIS}
    if dialect == "postgresql":
        return pg_insert(AuditChainHead).values(**values).on_conflict_do_nothing()
    return sqlite_insert(AuditChainHead).values(**values).on_conflict_do_nothing()


def audit_turn(
    log: AuditLog,
    *,
    rm_id: str,
    channel: str,
    question: str,
    answer: str,
    tool_calls: Sequence[dict[str, Any]] = (),
    doc_ids: Sequence[str] = (),
    flags: Sequence[str] = (),
    latency_ms: float,
    conversation_id: str | None = None,
) -> int:
    """Record one turn. ``question``, ``answer`` and tool-call args must be masked text."""
    payload = {
        "who": rm_id,
        "conversation_id": conversation_id,
        "question": question,
        "tool_calls": [dict(call) for call in tool_calls],
        "doc_ids": list(doc_ids),
        "answer": answer,
        "flags": list(flags),
        "latency_ms": round(latency_ms, 1),
    }
    return log.append(kind="turn", channel=channel, rm_id=rm_id, payload=payload)


def audit_guard(
    log: AuditLog, *, rm_id: str, channel: str, flag: str, detail: dict[str, Any]
) -> int:
    """Record a guard event (foreign / unknown token, PII leak caught at the edge)."""
    return log.append(kind="guard", channel=channel, rm_id=rm_id, payload={"flag": flag, **detail})
