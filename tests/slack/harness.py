"""Helpers the Slack tests import: signing requests the way Slack does, loading fixtures, and the
harness around the real FastAPI app (kept out of conftest so there is one module instance)."""

from __future__ import annotations

import asyncio
import copy
import hashlib
import hmac
import json
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import httpx
from fastapi import FastAPI

from assistant.core.types import AssistantCore
from integrations.slack import build_slack
from testkit.fake_core import FakeCore
from tests.conftest import make_settings
from tests.slack.fakes import FakeSlackApi

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


@asynccontextmanager
async def slack_dm(
    core: AssistantCore, home: Path, text: str, user: str = "U001"
) -> AsyncIterator[FakeSlackApi]:
    """A signed direct message with ``text`` through the real bolt app over ``core``; yields
    the fake Slack Web API once the answer has been posted (``chat.update``)."""
    async with slack_thread(core, home, [text], user) as api:
        yield api


@asynccontextmanager
async def slack_thread(
    core: AssistantCore, home: Path, texts: list[str], user: str = "U001"
) -> AsyncIterator[FakeSlackApi]:
    """A direct message and its replies in the message's thread (one conversation), each sent
    once the previous one is answered; yields the fake Slack Web API after the last answer."""
    api = FakeSlackApi()
    api.server.start()
    try:
        settings = make_settings(
            home,
            slack_bot_token="xoxb-test",
            slack_signing_secret=SIGNING_SECRET,
            slack_api_url=f"{api.server.url}/api/",
        )
        app = FastAPI()
        build_slack(core, settings).mount(app)
        transport = httpx.ASGITransport(app=app)
        root = f"{time.time():.6f}"
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as http:
            for n, text in enumerate(texts):
                event = load("message_im.json")
                ts = root if n == 0 else f"{float(root) + n:.6f}"
                event["event"].update(user=user, text=text, ts=ts)
                if n:
                    event["event"]["thread_ts"] = root
                event["event_id"] = f"Ev0DM{n:04d}"
                body = json.dumps(event, ensure_ascii=False)
                headers = {"Content-Type": "application/json", **sign(body)}
                resp = await http.post("/slack/events", content=body.encode(), headers=headers)
                assert resp.status_code == 200
                for _ in range(300):
                    if len(api.calls("chat.update")) > n:
                        break
                    await asyncio.sleep(0.1)
        yield api
    finally:
        api.server.stop()
