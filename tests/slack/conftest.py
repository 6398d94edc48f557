"""Slack fixtures: the fake Web API on a random port, a fake core, the real FastAPI app with the
real bolt app mounted, and a helper that signs requests the way Slack does."""

from __future__ import annotations

import copy
import hashlib
import hmac
import json
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import httpx
import pytest
from fastapi import FastAPI

from integrations.slack import build_slack
from tests.conftest import make_settings
from tests.slack.fakes import FakeCore, FakeSlackApi

SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
FIXTURES = Path(__file__).parent / "fixtures"


def load(name: str) -> dict:
    return copy.deepcopy(json.loads((FIXTURES / name).read_text(encoding="utf-8")))


def sign(body: str, timestamp: int | None = None, secret: str = SIGNING_SECRET) -> dict[str, str]:
    ts = str(timestamp if timestamp is not None else int(time.time()))
    digest = hmac.new(secret.encode(), f"v0:{ts}:{body}".encode(), hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": f"v0={digest}"}


@dataclass
class SlackHarness:
    http: httpx.AsyncClient
    api: FakeSlackApi
    core: FakeCore

    async def post_event(self, payload: dict, **headers: str) -> httpx.Response:
        body = json.dumps(payload, ensure_ascii=False)
        all_headers = {"Content-Type": "application/json", **sign(body), **headers}
        return await self.http.post("/slack/events", content=body.encode(), headers=all_headers)

    async def post_action(self, payload: dict) -> httpx.Response:
        body = urlencode({"payload": json.dumps(payload, ensure_ascii=False)})
        headers = {"Content-Type": "application/x-www-form-urlencoded", **sign(body)}
        return await self.http.post("/slack/events", content=body.encode(), headers=headers)


@pytest.fixture
def fake_slack() -> Iterator[FakeSlackApi]:
    api = FakeSlackApi()
    api.server.start()
    yield api
    api.server.stop()


@pytest.fixture
def core() -> FakeCore:
    return FakeCore(users={("slack", "URM1"): "RM001"})


@pytest.fixture
async def slack(tmp_path: Path, fake_slack: FakeSlackApi, core: FakeCore) -> AsyncIterator[SlackHarness]:
    settings = make_settings(
        tmp_path / "home",
        slack_bot_token="xoxb-test-token",
        slack_signing_secret=SIGNING_SECRET,
        slack_api_url=f"{fake_slack.server.url}/api/",
    )
    app = FastAPI()
    build_slack(core, settings).mount(app)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://frontline.test") as http:
        yield SlackHarness(http=http, api=fake_slack, core=core)
