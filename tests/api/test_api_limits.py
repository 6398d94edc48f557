"""Every limit of the edge: body size, message length, JSON, content type, rate."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import httpx
import pytest

from assistant.config import Settings
from integrations.api import ApiLimits, InMemoryRateLimiter, RateDecision, create_app
from tests.api.conftest import RM2_TOKEN, auth, make_client
from tests.api.fakes import api_core

CHAT_ROUTES = ["/v1/chat", "/v1/chat/stream"]


async def test_when_declared_body_over_64kib_then_413(client: httpx.AsyncClient) -> None:
    body = json.dumps({"message": "x" * (64 * 1024)})
    response = await client.post(
        "/v1/chat", content=body, headers=auth(**{"Content-Type": "application/json"})
    )
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "payload_too_large"


async def test_when_chunked_body_without_length_grows_over_limit_then_413(
    client: httpx.AsyncClient,
) -> None:
    async def chunks() -> AsyncIterator[bytes]:
        yield b'{"message": "'
        for _ in range(80):
            yield b"y" * 1024
        yield b'"}'

    response = await client.post(
        "/v1/chat", content=chunks(), headers=auth(**{"Content-Type": "application/json"})
    )
    assert response.status_code == 413


async def test_when_body_under_limit_then_it_reaches_the_route(client: httpx.AsyncClient) -> None:
    body = json.dumps({"message": "ok", "pad": "z" * 60_000})
    response = await client.post(
        "/v1/chat", content=body, headers=auth(**{"Content-Type": "application/json"})
    )
    assert response.status_code == 200


async def test_body_limit_is_configurable(api_settings: Settings) -> None:
    app = create_app(api_core(), api_settings, limits=ApiLimits(max_body_bytes=100))
    async with make_client(app) as c:
        response = await c.post("/v1/chat", json={"message": "q" * 200}, headers=auth())
    assert response.status_code == 413


@pytest.mark.parametrize("path", CHAT_ROUTES)
@pytest.mark.parametrize(("length", "status"), [(4000, 200), (4001, 422)])
async def test_message_length_limit(
    client: httpx.AsyncClient, path: str, length: int, status: int
) -> None:
    response = await client.post(path, json={"message": "问" * length}, headers=auth())
    assert response.status_code == status
    if status == 422:
        assert response.json()["error"]["code"] == "message_too_long"


@pytest.mark.parametrize("path", CHAT_ROUTES)
@pytest.mark.parametrize("message", ["", "   ", "\n\t"])
async def test_when_message_empty_then_422(
    client: httpx.AsyncClient, path: str, message: str
) -> None:
    response = await client.post(path, json={"message": message}, headers=auth())
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "empty_message"


@pytest.mark.parametrize("path", [*CHAT_ROUTES, "/v1/feedback"])
@pytest.mark.parametrize("raw", [b"{", b'{"message": }', b"\xff\xfe", b"", b"[" * 5000])
async def test_when_json_malformed_then_400_json_error(
    client: httpx.AsyncClient, path: str, raw: bytes
) -> None:
    response = await client.post(
        path, content=raw, headers=auth(**{"Content-Type": "application/json"})
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "malformed_json"


@pytest.mark.parametrize(
    "body",
    [
        {"conversation_id": "c1"},
        {"message": 42},
        {"message": "hi", "language": "fr"},
        {"message": "hi", "conversation_id": "c" * 200},
        ["message", "hi"],
        "hi",
    ],
)
async def test_when_body_has_wrong_shape_then_422(client: httpx.AsyncClient, body: object) -> None:
    response = await client.post("/v1/chat", json=body, headers=auth())
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid_request"


@pytest.mark.parametrize("path", [*CHAT_ROUTES, "/v1/feedback"])
@pytest.mark.parametrize(
    "content_type", ["text/plain", "application/x-www-form-urlencoded", "application/xml", None]
)
async def test_when_content_type_not_json_then_415(
    client: httpx.AsyncClient, path: str, content_type: str | None
) -> None:
    headers = auth()
    if content_type:
        headers["Content-Type"] = content_type
    response = await client.post(path, content=b'{"message": "hi"}', headers=headers)
    assert response.status_code == 415
    assert response.json()["error"]["code"] == "unsupported_media_type"


async def test_json_with_charset_is_accepted(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/v1/chat",
        content='{"message": "你好"}'.encode(),
        headers=auth(**{"Content-Type": "application/json; charset=utf-8"}),
    )
    assert response.status_code == 200


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def test_when_burst_spent_then_429_with_retry_after_and_refill_restores(
    api_settings: Settings,
) -> None:
    clock = FakeClock()
    limiter = InMemoryRateLimiter(rate_per_minute=30, burst=10, clock=clock)
    app = create_app(api_core(), api_settings, rate_limiter=limiter)
    async with make_client(app) as c:
        statuses = [
            (await c.get("/v1/conversations/x", headers=auth())).status_code for _ in range(11)
        ]
        assert statuses == [404] * 10 + [429]
        limited = await c.post("/v1/chat", json={"message": "hi"}, headers=auth())
        assert limited.status_code == 429
        assert limited.headers["retry-after"] == "2"  # one token per 2 s at 30/min
        assert limited.json()["error"]["code"] == "rate_limited"
        assert (
            await c.post("/v1/chat", json={"message": "hi"}, headers=auth(RM2_TOKEN))
        ).status_code == 200
        clock.now += 2.0
        assert (await c.post("/v1/chat", json={"message": "hi"}, headers=auth())).status_code == 200
        assert (await c.post("/v1/chat", json={"message": "hi"}, headers=auth())).status_code == 429


async def test_token_bucket_refills_at_rate_up_to_burst() -> None:
    clock = FakeClock()
    limiter = InMemoryRateLimiter(rate_per_minute=60, burst=2, clock=clock)
    assert [(await limiter.hit("a")).allowed for _ in range(3)] == [True, True, False]
    clock.now += 3600
    assert [(await limiter.hit("a")).allowed for _ in range(3)] == [True, True, False]
    assert (await limiter.hit("a")).retry_after_s == pytest.approx(1.0)


class DenyEveryone:
    """Another RateLimiter implementation, as a Redis-backed one would plug in."""

    def __init__(self) -> None:
        self.keys: list[str] = []

    async def hit(self, key: str) -> RateDecision:
        self.keys.append(key)
        return RateDecision(allowed=False, retry_after_s=42.2)


async def test_rate_limiter_is_pluggable(api_settings: Settings) -> None:
    limiter = DenyEveryone()
    app = create_app(api_core(), api_settings, rate_limiter=limiter)
    async with make_client(app) as c:
        response = await c.post("/v1/chat", json={"message": "hi"}, headers=auth())
    assert (response.status_code, response.headers["retry-after"]) == (429, "43")
    assert limiter.keys == ["RM001"]


async def test_unauthenticated_requests_do_not_spend_a_callers_budget(
    api_settings: Settings,
) -> None:
    limiter = DenyEveryone()
    app = create_app(api_core(), api_settings, rate_limiter=limiter)
    async with make_client(app) as c:
        assert (await c.post("/v1/chat", json={"message": "hi"})).status_code == 401
    assert limiter.keys == []
