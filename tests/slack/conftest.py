"""Slack fixtures: the fake Web API on a random port, a fake core, the real FastAPI app with the
real bolt app mounted."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from integrations.slack import build_slack
from testkit.fake_core import FakeCore
from tests.conftest import make_settings
from tests.slack.fakes import FakeSlackApi
from tests.slack.harness import SIGNING_SECRET, SlackHarness


@pytest.fixture
def core() -> FakeCore:
    return FakeCore(users={("slack", "URM1"): "RM001"})


@pytest.fixture
async def slack(
    tmp_path: Path, fake_slack: FakeSlackApi, core: FakeCore
) -> AsyncIterator[SlackHarness]:
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
