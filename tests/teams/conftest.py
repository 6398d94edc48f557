"""Teams fixtures: the local JWKS + fake Bot Connector, a fake core, and the real FastAPI app
with the real Agents SDK behind Frontline's inbound checks."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from integrations.teams import TeamsAuthConfig, build_teams
from integrations.teams.auth import BOT_FRAMEWORK_ISSUER
from testkit.fake_core import FakeCore
from tests.conftest import make_settings
from tests.teams.harness import (
    AAD_USER,
    APP_ID,
    EMULATOR_USER,
    FakeBotService,
    TeamsHarness,
    signed_teams_app,
    teams_app,
)


@pytest.fixture
def bot_service() -> Iterator[FakeBotService]:
    service = FakeBotService()
    service.server.start()
    yield service
    service.server.stop()


@pytest.fixture
def core() -> FakeCore:
    return FakeCore(users={("teams", AAD_USER): "RM001", ("teams", EMULATOR_USER): "RM001"})


@pytest.fixture
async def teams(
    tmp_path: Path, bot_service: FakeBotService, core: FakeCore
) -> AsyncIterator[TeamsHarness]:
    app, _, _ = signed_teams_app(core, tmp_path / "home", bot_service)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://frontline.test") as http:
        yield TeamsHarness(http=http, bot=bot_service, core=core)


@pytest.fixture
async def anonymous_teams(
    tmp_path: Path, bot_service: FakeBotService, core: FakeCore
) -> AsyncIterator[TeamsHarness]:
    settings = make_settings(tmp_path / "home")  # no app id: exactly what a developer runs
    app = FastAPI()
    build_teams(core, settings).mount(app)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://frontline.test"
    ) as http:
        yield TeamsHarness(http=http, bot=bot_service, core=core)


@pytest.fixture
async def configured_teams(
    tmp_path: Path, bot_service: FakeBotService, core: FakeCore
) -> AsyncIterator[TeamsHarness]:
    """An app id configured and the allow-list exactly as the settings make it; only the JWKS
    is local, so a token minted here is valid."""
    settings = make_settings(tmp_path / "home", teams_app_id=APP_ID, teams_app_password="s")
    auth = dataclasses.replace(
        TeamsAuthConfig.from_settings(settings.teams),
        issuers={BOT_FRAMEWORK_ISSUER: f"{bot_service.server.url}/keys"},
    )
    transport = httpx.ASGITransport(app=teams_app(core, settings, auth))
    async with httpx.AsyncClient(transport=transport, base_url="http://frontline.test") as http:
        yield TeamsHarness(http=http, bot=bot_service, core=core)
