"""API, Slack and eval-style turns in-process against PostgreSQL, Redis and a Chroma server;
the shared rate limiters; traces; Chroma server parity with the embedded store; doctor."""

from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path

import httpx
import pytest
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from sqlalchemy import select

from assistant.audit import AuditLog
from assistant.core.types import Turn
from assistant.storage.conversations import TurnRow
from assistant.storage.db import make_engine, make_sessionmaker
from assistant.wiring import Frontline
from integrations.api.ratelimit import DatabaseRateLimiter, RedisRateLimiter
from integrations.server import build_app, rate_limiter_for
from knowledge.ingest import Ingestor, default_playbook_dir
from knowledge.retrieval import Retriever
from knowledge.store import ChromaStore
from testkit.embeddings import HashingEmbeddings
from testkit.stack import Stack
from tests.conftest import make_settings
from tests.slack.fakes import FakeSlackApi
from tests.slack.harness import SIGNING_SECRET, load, sign
from tests.support.recording import wait_for

pytestmark = pytest.mark.postgres

TOKEN = "tok-prod-rm001"


def api_client(app) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app, raise_app_exceptions=False)
    return httpx.AsyncClient(transport=transport, base_url="http://frontline.test", timeout=60)


def turn_ids_in_db(fl: Frontline, ids: list[str]) -> set[str]:
    with fl.sessions() as s:
        return set(s.scalars(select(TurnRow.turn_id).where(TurnRow.turn_id.in_(ids))))


async def test_when_api_turns_run_on_postgres_then_stored_audited_and_continued(
    fl, monkeypatch
) -> None:
    monkeypatch.setattr(
        fl, "settings", fl.settings.model_copy(update={"api_tokens": {TOKEN: "RM001"}})
    )
    async with api_client(build_app(fl)) as http:
        first = await http.post(
            "/v1/chat",
            json={"message": "战略客户的服务标准是什么？"},
            headers={"Authorization": f"Bearer {TOKEN}"},
        )
        assert first.status_code == 200, first.text
        body = first.json()
        second = await http.post(
            "/v1/chat",
            json={"message": "那核心客户呢？", "conversation_id": body["conversation_id"]},
            headers={"Authorization": f"Bearer {TOKEN}"},
        )
        assert second.status_code == 200, second.text
        history = await http.get(
            f"/v1/conversations/{body['conversation_id']}",
            headers={"Authorization": f"Bearer {TOKEN}"},
        )
    assert body["citations"], "retrieval over the Chroma server returned nothing"
    assert [t["turn_id"] for t in history.json()["turns"]] == [
        body["turn_id"],
        second.json()["turn_id"],
    ]
    assert turn_ids_in_db(fl, [body["turn_id"], second.json()["turn_id"]]) == {
        body["turn_id"],
        second.json()["turn_id"],
    }
    assert AuditLog(fl.sessions).verify().ok


async def test_when_slack_event_is_retried_then_answered_once(fl, truth, monkeypatch) -> None:
    slack = FakeSlackApi()
    slack.server.start()
    try:
        monkeypatch.setattr(
            fl,
            "settings",
            fl.settings.model_copy(
                update={
                    "slack_bot_token": "xoxb-prod",
                    "slack_signing_secret": SIGNING_SECRET,
                    "slack_api_url": f"{slack.server.url}/api/",
                }
            ),
        )
        payload = load("message_im.json")
        payload["event"] |= {
            "user": truth["slack_users"]["RM001"],
            "ts": f"{time.time():.6f}",
            "text": "战略客户的服务标准是什么？",
        }
        body = json.dumps(payload, ensure_ascii=False)
        async with api_client(build_app(fl)) as http:
            for retry in ("", "1"):
                headers = {"Content-Type": "application/json", **sign(body)}
                if retry:
                    headers |= {"X-Slack-Retry-Num": retry, "X-Slack-Retry-Reason": "http_timeout"}
                assert (
                    await http.post("/slack/events", content=body.encode(), headers=headers)
                ).status_code == 200
            await wait_for(lambda: len(slack.calls("chat.update")) >= 1, timeout=60)
            await asyncio.sleep(1.0)  # room for a duplicate to show up
        assert len(slack.calls("chat.postMessage")) == 1
        assert len(slack.calls("chat.update")) == 1
    finally:
        slack.server.stop()


async def test_when_eval_cases_run_on_the_production_stack_then_no_errors(
    fl, tmp_path: Path
) -> None:
    from evals.runner import run_eval_async

    golden = Path("evals/datasets/golden.jsonl").read_text(encoding="utf-8").splitlines()
    dataset = tmp_path / "subset.jsonl"
    dataset.write_text("\n".join(golden[:12]) + "\n", encoding="utf-8")
    summary = await run_eval_async(fl, dataset, tmp_path / "out", workers=2, progress=False)
    records = [
        json.loads(line) for line in (tmp_path / "out" / "results.jsonl").read_text().splitlines()
    ]
    assert summary.ran == 12 and len(records) == 12
    assert not [r["id"] for r in records if r.get("error")]
    intent_ok = [r["checks"].get("intent") for r in records if "intent" in r["checks"]]
    assert sum(bool(x) for x in intent_ok) >= 0.8 * len(intent_ok)


# --- shared rate limits ------------------------------------------------------------------------


async def test_when_replicas_share_redis_then_one_budget_is_spent(stack: Stack) -> None:
    key = f"caller-{time.time_ns()}"
    a = RedisRateLimiter.from_url(stack.redis_url, 60, 5, prefix=stack.redis_prefix)
    b = RedisRateLimiter.from_url(stack.redis_url, 60, 5, prefix=stack.redis_prefix)
    decisions = await asyncio.gather(*(lim.hit(key) for lim in [a, b] * 6))
    assert sum(d.allowed for d in decisions) == 5
    refused = [d for d in decisions if not d.allowed]
    assert all(0 < d.retry_after_s <= 1.01 for d in refused)


async def test_when_redis_is_down_then_the_limiter_lets_requests_through() -> None:
    limiter = RedisRateLimiter.from_url("redis://127.0.0.1:1/0", 60, 1)
    assert all([(await limiter.hit("x")).allowed for _ in range(3)])


async def test_when_replicas_share_postgres_without_redis_then_one_budget_is_spent(
    fl, stack: Stack, tmp_path
) -> None:
    # Two engines = two replicas' connection pools.
    engines = [
        make_engine(make_settings(tmp_path, database_url=stack.database_url)) for _ in range(2)
    ]
    try:
        limiters = [DatabaseRateLimiter.build(make_sessionmaker(e), 30, 10) for e in engines]
        key = f"caller-{time.time_ns()}"
        decisions = await asyncio.gather(*(lim.hit(key) for lim in limiters * 12))
        assert sum(d.allowed for d in decisions) == 10
        assert all(d.retry_after_s > 0 for d in decisions if not d.allowed)
    finally:
        for e in engines:
            e.dispose()


def test_when_no_redis_then_postgres_backs_the_limiter(fl, monkeypatch) -> None:
    from integrations.api.limits import ApiLimits

    monkeypatch.setattr(fl, "settings", fl.settings.model_copy(update={"redis_url": None}))
    assert isinstance(rate_limiter_for(fl, ApiLimits()), DatabaseRateLimiter)


# --- traces ------------------------------------------------------------------------------------


async def test_when_a_turn_runs_then_spans_cover_each_step_without_text(
    loaded, stack: Stack, tmp_path
) -> None:
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    shared, _ = loaded
    traced = Frontline(
        make_settings(tmp_path, **stack.settings()),
        embedder=shared.embedder,
        tracer_provider=provider,
    )
    traced.__dict__["privacy"] = shared.privacy  # the PII analyzer is the slow part to load
    question = "我该怎么服务华东精密机械有限公司？手机 13912345678"
    answer = await traced.core.answer(Turn(text=question, channel="api", rm_id="RM001"))
    spans = exporter.get_finished_spans()
    names = [s.name for s in spans]
    assert {"turn", "mask", "engine", "retrieval", "record"} <= set(names), names
    assert any(n.startswith("tool ") for n in names)
    root = next(s for s in spans if s.name == "turn")
    assert root.attributes is not None
    assert root.attributes["frontline.turn_id"] == answer.turn_id
    assert root.attributes["frontline.intent"] == answer.intent
    assert all(s.context.trace_id == root.context.trace_id for s in spans)
    dumped = json.dumps([dict(s.attributes or {}) for s in spans], ensure_ascii=False, default=str)
    for secret in ("华东精密", "13912345678", "服务"):
        assert secret not in dumped
    traced.close()


def test_when_otlp_configured_then_a_batch_exporter_is_built(tmp_path) -> None:
    from assistant.telemetry import build_tracer_provider, shutdown, traces_url

    provider = build_tracer_provider(make_settings(tmp_path, otlp_endpoint="http://127.0.0.1:4318"))
    assert type(provider).__module__.startswith("opentelemetry.sdk")
    assert traces_url("http://c:4318") == "http://c:4318/v1/traces"
    assert traces_url("http://c:4318/custom/traces") == "http://c:4318/custom/traces"
    shutdown(provider)


def test_when_the_llm_is_called_then_each_model_call_is_a_span() -> None:
    from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
    from langchain_core.messages import AIMessage

    from assistant.telemetry import ModelCallTracer

    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    model = GenericFakeChatModel(messages=iter([AIMessage("a"), AIMessage("b")]))
    model.callbacks = [ModelCallTracer(provider.get_tracer("t"))]
    model.invoke("secret question 1")
    model.invoke("secret question 2")
    spans = exporter.get_finished_spans()
    assert [s.name for s in spans] == ["llm call", "llm call"]
    assert "secret" not in json.dumps([dict(s.attributes or {}) for s in spans])


# --- Chroma server parity ------------------------------------------------------------------------


def test_when_ingested_into_the_chroma_server_then_retrieval_matches_embedded(
    stack: Stack, tmp_path
) -> None:
    embedder = HashingEmbeddings()
    server_settings = make_settings(tmp_path / "server", chroma_url=stack.chroma_url)
    local_settings = make_settings(tmp_path / "local")
    name = f"parity-{time.time_ns()}"
    results = []
    for settings in (server_settings, local_settings):
        store = ChromaStore(settings, collection=name)
        ingestor = Ingestor(settings, embedder=embedder, store=store)
        ingestor.progress = False
        first = ingestor.ingest([default_playbook_dir()])
        again = ingestor.ingest([default_playbook_dir()])
        retriever = Retriever(settings, embedder=embedder, store=store)
        hits = [
            [(p.doc_id, p.section, round(p.score, 3)) for p in retriever.search(q, k=4)]
            for q in ("战略客户的服务标准", "deposit churn rescue", "代发工资 营销话术")
        ]
        results.append(
            (
                first.summary_line().split(" in ")[0],
                again.summary_line().split(" in ")[0],
                store.count(),
                hits,
            )
        )
    assert results[0] == results[1]
    assert "0 chunk(s) added" in results[0][1]  # incremental on the server too


# --- doctor ------------------------------------------------------------------------------------


def test_when_doctor_runs_on_the_production_stack_then_every_line_is_ok(fl) -> None:
    from assistant.doctor import run_checks

    lines = list(run_checks(fl))
    names = {name for name, _, _ in lines}
    assert {"database", "vector store", "redis", "shared state"} <= names
    assert all(ok for _, ok, _ in lines), lines
    assert fl.settings.chroma_url in dict((n, d) for n, _, d in lines)["vector store"]


# --- migrations ----------------------------------------------------------------------------------


def test_when_replicas_start_together_on_an_empty_database_then_one_migrates(tmp_path) -> None:
    import threading
    import uuid

    import psycopg
    from sqlalchemy import inspect, text

    from assistant.storage.schema import head_revision, upgrade
    from testkit.stack import PG_ADMIN

    name = f"frontline_mig_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    engines = [
        make_engine(
            make_settings(tmp_path, database_url=f"postgresql://postgres@127.0.0.1:5432/{name}")
        )
        for _ in range(3)
    ]
    try:
        errors: list[BaseException] = []

        def migrate(engine) -> None:
            try:
                upgrade(engine)
            except BaseException as exc:  # collected and asserted below
                errors.append(exc)

        threads = [threading.Thread(target=migrate, args=(e,)) for e in engines]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert not errors
        assert "rate_windows" in inspect(engines[0]).get_table_names()
        with engines[0].connect() as connection:
            version = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        assert version == head_revision()
    finally:
        for e in engines:
            e.dispose()
        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
