"""An API app around a fake core, and an httpx client that drives it through ASGI."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from assistant.config import Settings
from integrations.api import ApiLimits, create_app
from testkit.fake_core import FakeCore
from tests.api.fakes import api_core
from tests.conftest import make_settings

RM1_TOKEN, RM2_TOKEN = "tok-rm1-7f3a", "tok-rm2-91c4"
ALLOWED_ORIGIN = "https://intranet.bank.example"


def auth(token: str = RM1_TOKEN, **extra: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}", **extra}


@pytest.fixture
def api_settings(tmp_path: Path) -> Settings:
    return make_settings(
        tmp_path / "home",
        api_tokens=f"{RM1_TOKEN}:RM001,{RM2_TOKEN}:RM002",
        cors_origins=ALLOWED_ORIGIN,
        api_docs=True,
    )


@pytest.fixture
def core() -> FakeCore:
    return api_core()


@pytest.fixture
def limits() -> ApiLimits:
    return ApiLimits()


@pytest.fixture
def app(core: FakeCore, api_settings: Settings, limits: ApiLimits) -> FastAPI:
    return create_app(core, api_settings, demo_token=RM1_TOKEN, limits=limits)


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with make_client(app) as c:
        yield c


def make_client(app: FastAPI) -> httpx.AsyncClient:
    # raise_app_exceptions=False: a 500 must reach the test as a response, as it would a caller.
    transport = httpx.ASGITransport(app, raise_app_exceptions=False)
    return httpx.AsyncClient(transport=transport, base_url="http://frontline.test")


def parse_sse(body: str) -> list[tuple[str, str]]:
    """(event, data) pairs of a server-sent-events body; comment lines (pings) skipped."""
    events = []
    for block in body.replace("\r\n", "\n").split("\n\n"):
        name, data = "message", []
        for line in block.split("\n"):
            if line.startswith(":") or not line:
                continue
            field, _, value = line.partition(":")
            value = value.removeprefix(" ")
            if field == "event":
                name = value
            elif field == "data":
                data.append(value)
        if data:
            events.append((name, "\n".join(data)))
    return events
