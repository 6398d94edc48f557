"""The morning brief in Slack, through the real bolt app with real request signing against the
recording Web API: the DM the scheduler sends, the App Home tab, and "draft it" running the
draft request through the core as the RM's own turn."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from assistant.brief.channels import ChannelSink, NotDelivered
from integrations.slack import build_slack
from integrations.slack.brief import SlackBriefChannel
from integrations.slack.brief_blocks import DRAFT_ACTION, brief_blocks, home_view
from testkit.fake_briefs import SAMPLE_DRAFT as DRAFT
from testkit.fake_briefs import FakeBriefs
from testkit.fake_briefs import sample_brief as a_brief
from testkit.fake_core import FakeCore
from tests.conftest import make_settings
from tests.slack.fakes import FakeSlackApi
from tests.slack.harness import SIGNING_SECRET, SlackHarness, load, sign
from tests.support.recording import wait_for
from tools.bank.records import RMRecord


@pytest.fixture
async def slack_with_briefs(
    tmp_path: Path, fake_slack: FakeSlackApi, core: FakeCore
) -> AsyncIterator[tuple[SlackHarness, FakeBriefs]]:
    settings = make_settings(
        tmp_path / "home",
        slack_bot_token="xoxb-test-token",
        slack_signing_secret=SIGNING_SECRET,
        slack_api_url=f"{fake_slack.server.url}/api/",
    )
    briefs = FakeBriefs()
    app = FastAPI()
    build_slack(core, settings, briefs=lambda: briefs).mount(app)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://frontline.test") as http:
        yield SlackHarness(http=http, api=fake_slack, core=core), briefs


def opened_for(api: FakeSlackApi) -> list[str]:
    """Whom ``conversations.open`` was asked for (slack_sdk sends it as query parameters)."""
    opened = [r for r in api.server.snapshot() if r.path == "/api/conversations.open"]
    return [r.query.get("users") or r.body.get("users") for r in opened]


def texts(blocks: list[dict]) -> str:
    return json.dumps(blocks, ensure_ascii=False)


async def test_when_the_home_tab_opens_then_the_rms_brief_is_published_to_them(
    slack_with_briefs: tuple[SlackHarness, FakeBriefs],
) -> None:
    slack, briefs = slack_with_briefs
    response = await slack.post_event(load("app_home_opened.json"))
    assert response.status_code == 200
    await wait_for(lambda: slack.api.calls("views.publish"))
    [published] = slack.api.calls("views.publish")
    assert published["user_id"] == "URM1"
    view = (
        json.loads(published["view"]) if isinstance(published["view"], str) else published["view"]
    )
    assert view["type"] == "home"
    assert "南山制造" in texts(view["blocks"]) and "[1] signals/deposit-churn" in texts(
        view["blocks"]
    )
    [button] = [b["accessory"] for b in view["blocks"] if "accessory" in b]
    assert button["action_id"] == DRAFT_ACTION and DRAFT in button["value"]
    assert briefs.asked == [("RM001", "slack")]


async def test_when_an_unlinked_user_opens_the_home_tab_then_no_brief_is_built(
    slack_with_briefs: tuple[SlackHarness, FakeBriefs],
) -> None:
    slack, briefs = slack_with_briefs
    event = load("app_home_opened.json")
    event["event"]["user"] = "USTRANGER"
    await slack.post_event(event)
    await wait_for(lambda: slack.api.calls("views.publish"))
    view = slack.api.calls("views.publish")[0]["view"]
    assert "南山制造" not in str(view) and "尚未关联" in str(view)
    assert briefs.asked == []


async def test_when_the_messages_tab_opens_then_nothing_is_published(
    slack_with_briefs: tuple[SlackHarness, FakeBriefs],
) -> None:
    slack, briefs = slack_with_briefs
    event = load("app_home_opened.json")
    event["event"]["tab"] = "messages"
    assert (await slack.post_event(event)).status_code == 200
    await asyncio.sleep(0.3)
    assert slack.api.calls("views.publish") == [] and briefs.asked == []


def draft_click(user: str = "URM1") -> dict:
    click = load("block_actions_brief_draft.json")
    [button] = [b["accessory"] for b in home_view(a_brief())["blocks"] if "accessory" in b]
    click["actions"][0]["value"] = button["value"]
    click["user"]["id"] = user
    return click


async def test_when_draft_it_is_clicked_then_the_core_answers_the_draft_request_as_the_rm(
    slack_with_briefs: tuple[SlackHarness, FakeBriefs],
) -> None:
    slack, _ = slack_with_briefs
    response = await slack.post_action(draft_click())
    assert response.status_code == 200
    await wait_for(lambda: slack.api.calls("chat.update"))
    [turn] = slack.core.turns
    assert (turn.text, turn.rm_id, turn.channel, turn.channel_user_id) == (
        DRAFT,
        "RM001",
        "slack",
        "URM1",
    )
    assert opened_for(slack.api) == ["URM1"]
    root, placeholder = slack.api.calls("chat.postMessage")
    assert root["channel"] == "DNEW0001" and root["text"] == DRAFT
    assert placeholder["thread_ts"] and turn.conversation_id == (
        f"slack:T0001:DNEW0001:{placeholder['thread_ts']}"
    )
    assert "feedback_up" in str(slack.api.calls("chat.update")[0]["blocks"])


async def test_when_an_unlinked_user_clicks_draft_it_then_the_core_is_not_asked(
    slack_with_briefs: tuple[SlackHarness, FakeBriefs],
) -> None:
    slack, _ = slack_with_briefs
    await slack.post_action(draft_click(user="USTRANGER"))
    await wait_for(lambda: slack.api.calls("chat.postMessage"))
    assert slack.core.turns == []
    assert "尚未关联" in slack.api.calls("chat.postMessage")[0]["text"]


async def test_when_a_draft_click_is_not_signed_by_slack_then_401_and_no_turn(
    slack_with_briefs: tuple[SlackHarness, FakeBriefs],
) -> None:
    slack, _ = slack_with_briefs
    body = "payload=" + json.dumps(draft_click(), ensure_ascii=False)
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        **sign(body, secret="not-the-secret"),
    }
    response = await slack.http.post("/slack/events", content=body.encode(), headers=headers)
    assert response.status_code == 401
    await asyncio.sleep(0.2)
    assert slack.core.turns == [] and slack.api.methods() == []


RM = RMRecord("RM001", "王经理", "T1", "B1", "rm", slack_user_id="URM1")


def client_for(api: FakeSlackApi):
    from slack_sdk.web.async_client import AsyncWebClient

    return AsyncWebClient(token="xoxb-test", base_url=f"{api.server.url}/api/", timeout=5)


async def test_when_the_brief_is_sent_then_it_is_a_dm_to_the_rm_and_their_home_tab(
    fake_slack: FakeSlackApi,
) -> None:
    channel = SlackBriefChannel(client_for(fake_slack))
    await channel.send(RM, a_brief())
    assert fake_slack.methods() == ["conversations.open", "chat.postMessage", "views.publish"]
    assert opened_for(fake_slack) == ["URM1"]
    [dm] = fake_slack.calls("chat.postMessage")
    assert dm["channel"] == "DNEW0001"
    assert "南山制造" not in dm["text"]  # the notification line names no client
    assert "南山制造" in str(dm["blocks"])


async def test_when_slack_refuses_the_dm_then_the_sink_reports_it_not_delivered(
    fake_slack: FakeSlackApi,
) -> None:
    fake_slack.fail["chat.postMessage"] = "channel_not_found"
    sink = ChannelSink(
        [SlackBriefChannel(client_for(fake_slack))], lambda: [RM], asyncio.get_running_loop()
    )
    assert sink.reaches("RM001") and not sink.reaches("RM999")
    with pytest.raises(NotDelivered):
        await asyncio.to_thread(sink.deliver, a_brief())


def test_when_a_brief_is_long_then_the_blocks_stay_within_slacks_caps() -> None:
    long = a_brief(actions=120)
    message, home = brief_blocks(long), home_view(long)["blocks"]
    assert len(message) == 50 and len(home) == 100
    assert "还有" in texts(message[-2:]) and "还有" in texts(home[-2:])
    assert message[-1]["type"] == "context"  # the sources stay
    assert all(len(b["text"]["text"]) <= 3000 for b in message if b["type"] == "section")
