"""Two (and a third, slow) ``frontline serve`` processes sharing PostgreSQL, Redis and a Chroma
server: Slack dedupe, conversations across replicas, one audit chain under concurrent load,
one rate-limit budget, and no acknowledged turn lost when a replica is stopped or killed.

The tests run in file order: the last ones stop the replicas.
"""

from __future__ import annotations

import asyncio
import json
import signal
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import httpx
import pytest
from sqlalchemy import func, select

from assistant.audit import AuditEvent, AuditLog
from assistant.storage.conversations import TurnRow
from assistant.wiring import Frontline
from testkit.fake_openai import FakeOpenAI, Reply
from testkit.stack import Replica, Stack
from tests.slack.fakes import FakeSlackApi
from tests.slack.harness import SIGNING_SECRET, load, sign

pytestmark = pytest.mark.postgres

CALLERS = [f"RM00{i}" for i in range(1, 9)]
LIMITED_RM = "RM010"
TOKENS = {f"tok-{rm.lower()}": rm for rm in [*CALLERS, LIMITED_RM]}
RATE_PER_MINUTE, BURST = 60, 20
QUESTIONS = [
    "战略客户的服务标准是什么？",
    "What is the service standard for key clients?",
    "代发工资客户怎么维护？",
    "存款流失预警怎么处理？",
    "核心客户的分层门槛是多少？",
]
SLOW_LLM_S = 3.0  # the fake model's delay; twice that for a question that says "慢慢"


def token_of(rm: str) -> str:
    return next(t for t, r in TOKENS.items() if r == rm)


@dataclass
class Cluster:
    a: Replica
    b: Replica
    slow: Replica  # configured with an LLM that takes SLOW_LLM_S to answer
    slack: FakeSlackApi
    fl: Frontline
    truth: dict

    def turns_exist(self, ids: list[str]) -> set[str]:
        with self.fl.sessions() as s:
            found: set[str] = set()
            for start in range(0, len(ids), 500):
                found |= set(
                    s.scalars(
                        select(TurnRow.turn_id).where(TurnRow.turn_id.in_(ids[start : start + 500]))
                    )
                )
            return found

    def audit_events(self) -> int:
        with self.fl.sessions() as s:
            return int(s.scalar(select(func.count()).select_from(AuditEvent)) or 0)


@pytest.fixture(scope="module")
def cluster(stack: Stack, loaded, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    slack = FakeSlackApi()
    slack.server.start()
    llm = FakeOpenAI().play(slow_reply, repeat_last=True).start()
    common = {
        "FRONTLINE_API_TOKENS": ",".join(f"{t}:{rm}" for t, rm in TOKENS.items()),
        "FRONTLINE_SLACK_BOT_TOKEN": "xoxb-prod-test",
        "FRONTLINE_SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "FRONTLINE_SLACK_API_URL": f"{slack.server.url}/api/",
        "FRONTLINE_API_RATE_PER_MINUTE": str(RATE_PER_MINUTE),
        "FRONTLINE_API_RATE_BURST": str(BURST),
    }
    root = tmp_path_factory.mktemp("replicas")
    replicas = [
        Replica(name, stack.env(root / name, **common, **extra), root / name)
        for name, extra in (
            ("a", {}),
            ("b", {}),
            ("slow", {"FRONTLINE_LLM_BASE_URL": llm.base_url, "FRONTLINE_LLM_MODEL": "fake"}),
        )
    ]
    try:
        with ThreadPoolExecutor(len(replicas)) as pool:  # start-up is model loading: overlap it
            list(pool.map(lambda r: r.wait_ready(), replicas))
        a, b, slow = replicas
        yield Cluster(a, b, slow, slack=slack, fl=loaded[0], truth=loaded[1])
    finally:
        for replica in replicas:
            replica.stop()
        llm.stop()
        slack.server.stop()


def slow_reply(body: dict) -> Reply:
    slower = "慢慢" in json.dumps(body, ensure_ascii=False)
    return Reply(
        content="您好，我可以帮您查询客户信息与服务标准。",
        delay_s=SLOW_LLM_S * (2 if slower else 1),
    )


# --- load helpers ------------------------------------------------------------------------------


@dataclass
class Load:
    acknowledged: list[str] = field(default_factory=list)  # turn ids of 200 responses
    statuses: list[int] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)  # connection errors: never acknowledged
    latencies: list[float] = field(default_factory=list)


async def run_load(
    urls_for: dict[str, list[str]], per_caller: int, load: Load, pause_s: float = 0.0
) -> Load:
    """Each caller asks ``per_caller`` questions in turn, round-robin over its replica URLs."""

    async def caller(http: httpx.AsyncClient, rm: str, urls: list[str]) -> None:
        for i in range(per_caller):
            url = urls[i % len(urls)]
            started = time.perf_counter()
            try:
                resp = await http.post(
                    f"{url}/v1/chat",
                    json={"message": QUESTIONS[i % len(QUESTIONS)]},
                    headers={"Authorization": f"Bearer {token_of(rm)}"},
                )
            except httpx.HTTPError as exc:
                load.failures.append(f"{url}: {type(exc).__name__}")
                continue
            load.statuses.append(resp.status_code)
            if resp.status_code == 200:
                load.acknowledged.append(resp.json()["turn_id"])
                load.latencies.append(time.perf_counter() - started)
            if pause_s:
                await asyncio.sleep(pause_s)

    limits = httpx.Limits(
        max_keepalive_connections=0
    )  # a fresh connection a request: a dead replica fails fast
    async with httpx.AsyncClient(timeout=60, limits=limits) as http:
        await asyncio.gather(*(caller(http, rm, urls) for rm, urls in urls_for.items()))
    return load


def slack_event(cluster: Cluster, rm: str, channel: str, text: str) -> tuple[str, dict]:
    payload = load("message_im.json")
    payload["event"] |= {
        "user": cluster.truth["slack_users"][rm],
        "ts": f"{time.time():.6f}",
        "channel": channel,
        "text": text,
    }
    payload["event_id"] = f"Ev{time.time_ns()}"
    return json.dumps(payload, ensure_ascii=False), payload


def slack_calls(cluster: Cluster, method: str, channel: str) -> list[dict]:
    return [
        c
        for c in cluster.slack.calls(method)
        if isinstance(c, dict) and c.get("channel") == channel
    ]


async def wait_for(predicate, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        await asyncio.sleep(0.1)


async def post_slack(http: httpx.AsyncClient, url: str, body: str, retry: int = 0) -> int:
    headers = {"Content-Type": "application/json", **sign(body)}
    if retry:
        headers |= {"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"}
    return (
        await http.post(f"{url}/slack/events", content=body.encode(), headers=headers)
    ).status_code


# --- the tests, in order -----------------------------------------------------------------------


async def test_when_one_slack_event_reaches_both_replicas_and_is_retried_then_answered_once(
    cluster: Cluster,
) -> None:
    channel = "DREPLICA1"
    body, _ = slack_event(cluster, "RM001", channel, "战略客户的服务标准是什么？")
    async with httpx.AsyncClient(timeout=30) as http:
        first = await asyncio.gather(
            post_slack(http, cluster.a.url, body), post_slack(http, cluster.b.url, body)
        )
        retries = await asyncio.gather(
            post_slack(http, cluster.b.url, body, 1), post_slack(http, cluster.a.url, body, 2)
        )
    assert first == [200, 200] and retries == [200, 200]
    await wait_for(lambda: slack_calls(cluster, "chat.update", channel), 60)
    await asyncio.sleep(2.0)  # a duplicate answer would arrive in this window
    assert len(slack_calls(cluster, "chat.postMessage", channel)) == 1
    assert len(slack_calls(cluster, "chat.update", channel)) == 1
    assert not slack_calls(cluster, "chat.postEphemeral", channel)


async def test_when_a_conversation_moves_to_the_other_replica_then_it_continues(
    cluster: Cluster,
) -> None:
    auth = {"Authorization": f"Bearer {token_of('RM001')}"}
    async with httpx.AsyncClient(timeout=60) as http:
        first = (
            await http.post(
                f"{cluster.a.url}/v1/chat",
                json={"message": "我该怎么服务华东精密机械有限公司？"},
                headers=auth,
            )
        ).json()
        second = await http.post(
            f"{cluster.b.url}/v1/chat",
            headers=auth,
            json={"message": "给他们起草一条微信提醒", "conversation_id": first["conversation_id"]},
        )
        assert second.status_code == 200, second.text
        history = (
            await http.get(
                f"{cluster.a.url}/v1/conversations/{first['conversation_id']}", headers=auth
            )
        ).json()
        foreign = await http.get(
            f"{cluster.b.url}/v1/conversations/{first['conversation_id']}",
            headers={"Authorization": f"Bearer {token_of('RM002')}"},
        )
    assert [t["turn_id"] for t in history["turns"]] == [first["turn_id"], second.json()["turn_id"]]
    # The follow-up resolved "them" from state written by the other replica, vault tokens included.
    assert second.json()["client_ids"] == first["client_ids"] != []
    assert "华东精密" in history["turns"][0]["question"]
    assert foreign.status_code == 404


async def test_when_many_callers_hit_both_replicas_then_the_audit_chain_stays_one(
    cluster: Cluster,
) -> None:
    before = cluster.audit_events()
    both = [cluster.a.url, cluster.b.url]
    load = await run_load(
        {rm: both[i % 2 :] + both[: i % 2] for i, rm in enumerate(CALLERS)}, 5, Load()
    )
    assert load.statuses == [200] * 40 and not load.failures
    assert cluster.turns_exist(load.acknowledged) == set(load.acknowledged)
    assert cluster.audit_events() - before >= 40
    result = AuditLog(cluster.fl.sessions).verify()
    assert result.ok, result


async def test_when_one_caller_spreads_over_replicas_then_one_rate_budget_applies(
    cluster: Cluster,
) -> None:
    # An empty message costs a token and is refused (422) without running a turn: cheap probes.
    auth = {"Authorization": f"Bearer {token_of(LIMITED_RM)}"}
    started = time.monotonic()
    async with httpx.AsyncClient(timeout=30) as http:
        codes = await asyncio.gather(
            *(
                http.post(f"{url}/v1/chat", json={"message": ""}, headers=auth)
                for url in [cluster.a.url, cluster.b.url] * 20
            )
        )
    elapsed = time.monotonic() - started
    granted = sum(r.status_code == 422 for r in codes)
    assert {r.status_code for r in codes} <= {422, 429}
    # Separate budgets would grant 2 x BURST = 40; the shared one grants BURST plus the refill.
    assert BURST <= granted <= BURST + elapsed * RATE_PER_MINUTE / 60 + 1
    assert "Retry-After" in next(r for r in codes if r.status_code == 429).headers


async def test_when_sigterm_arrives_during_a_slow_turn_then_the_answer_is_still_delivered(
    cluster: Cluster,
) -> None:
    slow, channel = cluster.slow, "DSLOWTURN1"
    # The Slack turn outlasts the API one: uvicorn waits for the request, then the lifespan
    # drains the Slack listener that answers after the acknowledgement.
    body, _ = slack_event(cluster, "RM002", channel, "你好，慢慢帮我看看今天该做什么")
    async with httpx.AsyncClient(timeout=60) as http:
        api = asyncio.create_task(
            http.post(
                f"{slow.url}/v1/chat",
                json={"message": "你好，帮我看看今天该做什么"},
                headers={"Authorization": f"Bearer {token_of('RM002')}"},
            )
        )
        assert (
            await post_slack(http, slow.url, body) == 200
        )  # acknowledged; answered in the background
        await asyncio.sleep(SLOW_LLM_S / 3)
        slow.signal(signal.SIGTERM)
        response = await api
    assert response.status_code == 200, response.text
    assert cluster.turns_exist([response.json()["turn_id"]])
    await wait_for(lambda: slack_calls(cluster, "chat.update", channel), 30)  # posted after SIGTERM
    # uvicorn re-raises SIGTERM once it has shut down cleanly, so the exit reads as -15.
    assert await asyncio.to_thread(slow.proc.wait, 40) in (0, -signal.SIGTERM)
    assert (
        "shutdown: finishing" in slow.log()
    )  # the drain ran and the Slack answer left after it began


async def test_when_a_replica_is_stopped_mid_load_then_no_acknowledged_turn_is_lost(
    cluster: Cluster,
) -> None:
    both = [cluster.a.url, cluster.b.url]
    load = Load()
    task = asyncio.create_task(run_load({rm: both for rm in CALLERS}, 6, load, pause_s=0.05))
    await wait_for(lambda: len(load.acknowledged) >= 8, 120)
    cluster.a.signal(signal.SIGTERM)
    await task
    assert await asyncio.to_thread(cluster.a.proc.wait, 40) in (0, -signal.SIGTERM)
    assert load.acknowledged and cluster.turns_exist(load.acknowledged) == set(load.acknowledged)
    assert len(load.acknowledged) > 8  # replica B kept answering
    assert AuditLog(cluster.fl.sessions).verify().ok


async def test_when_a_replica_is_killed_mid_load_then_no_acknowledged_turn_is_lost(
    cluster: Cluster,
) -> None:
    load = Load()
    task = asyncio.create_task(run_load({rm: [cluster.b.url] for rm in CALLERS}, 6, load))
    await wait_for(lambda: len(load.acknowledged) >= 8, 120)
    cluster.b.signal(signal.SIGKILL)
    await task
    assert load.failures, "the kill should have cut some requests"
    assert cluster.turns_exist(load.acknowledged) == set(load.acknowledged)
    # A killed writer never leaves half an audit event: each is one transaction with its head bump.
    assert AuditLog(cluster.fl.sessions).verify().ok
