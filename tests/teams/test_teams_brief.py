"""The morning brief in Teams through the real Agents SDK: the personal chat's conversation
reference is saved in the database when the RM writes to the bot, the brief goes out as a
proactive Adaptive Card to the recording Bot Connector on loopback, and a card's "draft it"
runs the draft request through the core as the RM's turn."""

from __future__ import annotations

import asyncio
import dataclasses
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from assistant.brief.channels import ChannelSink, NotDelivered
from assistant.storage import schema
from assistant.storage.channel_addresses import ChannelAddresses
from assistant.storage.db import make_engine, make_sessionmaker
from integrations.teams import TeamsAuthConfig, TeamsIntegration, build_teams
from integrations.teams.auth import BOT_FRAMEWORK_ISSUER, DEFAULT_SERVICE_HOSTS
from integrations.teams.brief import NoConversation
from integrations.teams.brief_card import DRAFT_ACTION, brief_card
from testkit.fake_briefs import SAMPLE_DRAFT as DRAFT
from testkit.fake_briefs import sample_brief as a_brief
from testkit.fake_core import FakeCore
from tests.conftest import make_settings
from tests.teams.harness import OUTBOUND_TOKEN, FakeBotService, FakeTokenProvider, TeamsHarness
from tools.bank.records import RMRecord

RM = RMRecord(
    "RM001", "王经理", "T1", "B1", "rm", teams_aad_id="00000000-1111-2222-3333-444444444444"
)
PERSONAL_CONV = "a:17NditBRO5pbPlIimLiU0g7vfMqIYTPwqILZJq-TOhzzKiAmv2i6Oerr"
CARD = "application/vnd.microsoft.card.adaptive"


@dataclass
class Setup:
    teams: TeamsHarness
    integration: TeamsIntegration
    addresses: ChannelAddresses


@pytest.fixture
async def setup(
    tmp_path: Path, bot_service: FakeBotService, core: FakeCore
) -> AsyncIterator[Setup]:
    settings = make_settings(
        tmp_path / "home",
        teams_app_id="11111111-2222-3333-4444-555555555555",
        teams_app_password="app-secret",
        teams_tenant_id="a1b2c3d4-e5f6-7890-abcd-ef1234567890",
    )
    engine = make_engine(settings)
    schema.upgrade(engine)
    addresses = ChannelAddresses(make_sessionmaker(engine))
    auth = dataclasses.replace(
        TeamsAuthConfig.from_settings(settings.teams),
        issuers={BOT_FRAMEWORK_ISSUER: f"{bot_service.server.url}/keys"},
        allowed_service_hosts=(*DEFAULT_SERVICE_HOSTS, "127.0.0.1"),
    )
    integration = build_teams(
        core, settings, auth=auth, token_provider=FakeTokenProvider(), addresses=addresses
    )
    app = FastAPI()
    integration.mount(app)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://frontline.test") as http:
        yield Setup(TeamsHarness(http=http, bot=bot_service, core=core), integration, addresses)
    engine.dispose()


async def test_when_an_rm_writes_in_personal_chat_then_the_reference_is_kept_by_rm(
    setup: Setup,
) -> None:
    assert setup.addresses.get("teams", "RM001") is None
    response = await setup.teams.post(setup.teams.activity("personal_message.json"))
    assert response.status_code == 202
    saved = setup.addresses.get("teams", "RM001")
    assert saved is not None
    assert saved["serviceUrl"] == setup.teams.service_url
    assert saved["conversation"]["id"] == PERSONAL_CONV
    assert setup.addresses.rm_ids("teams") == {"RM001"}
    # the same chat again changes nothing; the address holds no question text
    assert not setup.addresses.save("teams", "RM001", saved)
    assert "华东精密" not in json.dumps(saved, ensure_ascii=False)


@pytest.mark.parametrize("case", ["channel_mention", "unknown_user"])
async def test_when_not_an_rms_personal_chat_then_no_reference_is_kept(
    setup: Setup, case: str
) -> None:
    if case == "channel_mention":
        activity = setup.teams.activity("channel_mention.json")
    else:
        activity = setup.teams.activity("personal_message.json")
        activity["from"]["aadObjectId"] = "99999999-0000-0000-0000-000000000000"
    await setup.teams.post(activity)
    assert setup.addresses.rm_ids("teams") == set()


async def test_when_the_brief_is_sent_then_a_card_reaches_the_saved_personal_chat(
    setup: Setup,
) -> None:
    await setup.teams.post(setup.teams.activity("personal_message.json"))
    before = len(setup.teams.bot.outbound())
    channel = setup.integration.brief_channel()
    assert channel is not None and channel.reaches(RM)
    await channel.send(RM, a_brief())
    [sent] = setup.teams.bot.outbound()[before:]
    assert sent.path == f"/teams/v3/conversations/{PERSONAL_CONV}/activities"
    assert sent.headers["authorization"] == f"Bearer {OUTBOUND_TOKEN}"
    [attachment] = sent.body["attachments"]
    assert attachment["contentType"] == CARD
    assert attachment["content"] == brief_card(a_brief())
    assert "南山制造" in json.dumps(attachment, ensure_ascii=False)
    assert "南山制造" not in sent.body.get("summary", "") and sent.body["summary"]


async def test_when_the_rm_never_wrote_to_the_bot_then_teams_does_not_reach_them(
    setup: Setup,
) -> None:
    channel = setup.integration.brief_channel()
    assert channel is not None and not channel.reaches(RM)
    with pytest.raises(NoConversation):
        await channel.send(RM, a_brief())
    assert setup.teams.bot.outbound() == []


async def test_when_draft_it_is_submitted_then_the_core_answers_the_request_as_the_rm(
    setup: Setup,
) -> None:
    activity = setup.teams.activity("personal_message.json")
    [action] = [
        a
        for element in brief_card(a_brief())["body"]
        if element["type"] == "ActionSet"
        for a in element["actions"]
    ]
    assert action["data"]["action"] == DRAFT_ACTION
    activity.update(id="1767378509999", text=None, value=action["data"])
    assert (await setup.teams.post(activity)).status_code == 202
    [turn] = setup.teams.core.turns
    assert (turn.text, turn.rm_id, turn.channel) == (DRAFT, "RM001", "teams")


async def test_when_the_connector_fails_then_the_sink_reports_it_not_delivered(
    setup: Setup,
) -> None:
    await setup.teams.post(setup.teams.activity("personal_message.json"))
    channel = setup.integration.brief_channel()
    assert channel is not None
    keys = setup.teams.bot.server.responder
    setup.teams.bot.server.responder = lambda r: keys(r) if r.path == "/keys" else (503, "down")
    sink = ChannelSink([channel], lambda: [RM], asyncio.get_running_loop(), timeout_s=20)
    with pytest.raises(NotDelivered):
        await asyncio.to_thread(sink.deliver, a_brief())
