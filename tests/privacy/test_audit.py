"""The audit trail: appends chain, verify passes, any edit is caught at its seq; concurrent
writers keep one unbroken chain (SQLite here, PostgreSQL when marked)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import create_engine, text

from assistant.audit import AUDIT_TABLES, AuditEvent, AuditLog, audit_guard, audit_turn
from assistant.storage.db import Base, make_sessionmaker


@pytest.fixture
def audit(db) -> AuditLog:
    return AuditLog(db[1])


def fill(log: AuditLog, n: int) -> None:
    for i in range(n):
        log.append(
            kind="turn", channel="api", rm_id="RM001", payload={"i": i, "q": f"⟦CLIENT_{i}⟧怎么样"}
        )


def test_when_events_appended_then_seqs_consecutive_and_chain_verifies(audit):
    seqs = [
        audit.append(kind="turn", channel="slack", rm_id="RM001", payload={"n": n})
        for n in range(5)
    ]
    assert seqs == [1, 2, 3, 4, 5]
    assert audit.verify() == audit.verify().__class__(ok=True, checked=5)


def test_when_empty_then_verify_ok(audit):
    assert audit.verify().ok and audit.verify().checked == 0


@pytest.mark.parametrize(
    ("tamper_sql", "reason"),
    [
        ("UPDATE audit_events SET payload = '{\"i\": 99}' WHERE seq = 3", "content"),
        ("UPDATE audit_events SET rm_id = 'RM666' WHERE seq = 3", "content"),
        ("UPDATE audit_events SET prev_hash = hash WHERE seq = 3", "prev_hash"),
        ("DELETE FROM audit_events WHERE seq = 3", "missing"),
    ],
)
def test_when_row_tampered_then_verify_reports_its_seq(audit, db, tamper_sql, reason):
    fill(audit, 5)
    with db[1]() as session, session.begin():
        session.execute(text(tamper_sql))
    result = audit.verify()
    assert (result.ok, result.first_broken_seq, result.checked) == (False, 3, 2)
    assert reason in result.reason


def test_when_last_events_truncated_then_verify_fails(audit, db):
    fill(audit, 4)
    with db[1]() as session, session.begin():
        session.execute(text("DELETE FROM audit_events WHERE seq = 4"))
    result = audit.verify()
    assert (result.ok, result.first_broken_seq) == (False, 4)


def test_when_turn_audited_then_payload_holds_the_turn_fields(audit, db):
    seq = audit_turn(
        audit,
        rm_id="RM001",
        channel="teams",
        question="⟦CLIENT_1⟧的存款",
        answer="⟦CLIENT_1⟧存款稳定",
        tool_calls=[{"name": "client_profile", "args": {"client": "⟦CLIENT_1⟧"}}],
        doc_ids=["pb-001#3"],
        flags=["guard:foreign_token"],
        latency_ms=123.456,
        conversation_id="c1",
    )
    audit_guard(
        audit,
        rm_id="RM001",
        channel="teams",
        flag="guard:pii_leak",
        detail={"entity_type": "PHONE"},
    )
    with db[1]() as session:
        event = session.get(AuditEvent, seq)
    assert event.kind == "turn" and event.payload["latency_ms"] == 123.5
    assert set(event.payload) == {
        "who",
        "conversation_id",
        "question",
        "tool_calls",
        "doc_ids",
        "answer",
        "flags",
        "latency_ms",
    }
    assert audit.verify().checked == 2


def test_when_threads_append_concurrently_on_sqlite_then_chain_intact(audit):
    with ThreadPoolExecutor(max_workers=6) as pool:
        list(pool.map(lambda i: fill(audit, 5), range(6)))
    assert audit.verify().ok and audit.verify().checked == 30


@pytest.mark.postgres
def test_when_threads_append_concurrently_on_postgres_then_chain_intact(pg_database):
    engine = create_engine(
        pg_database.replace("postgresql://", "postgresql+psycopg://"), pool_size=8
    )
    Base.metadata.create_all(engine, tables=AUDIT_TABLES)
    try:
        log = AuditLog(make_sessionmaker(engine))
        with ThreadPoolExecutor(max_workers=8) as pool:
            seqs = [
                s for batch in pool.map(lambda i: _append_many(log, 10), range(8)) for s in batch
            ]
        assert sorted(seqs) == list(range(1, 81))
        result = log.verify()
        assert (result.ok, result.checked) == (True, 80)
    finally:
        Base.metadata.drop_all(engine, tables=AUDIT_TABLES)
        engine.dispose()


def _append_many(log: AuditLog, n: int) -> list[int]:
    return [
        log.append(kind="turn", channel="api", rm_id="RM001", payload={"n": i}) for i in range(n)
    ]
