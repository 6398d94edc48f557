"""Done / Not now on the brief's lines in Slack, through the real bolt app with real request
signing: a recorded block_actions payload (built here from the blocks the brief renders) is
stored as the RM's outcome in the demo bank, confirmed to the RM alone, and the Home tab
republished without the line. An unsigned click, an unlinked user and another RM's line store
nothing."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from assistant.wiring import Frontline
from integrations.slack import build_slack
from integrations.slack.brief_blocks import DONE_ACTION, NOT_NOW_ACTION, brief_blocks
from testkit.fake_core import FakeCore
from testkit.outcomes import demo_bank, markable, stored
from tests.conftest import make_settings
from tests.slack.fakes import FakeSlackApi
from tests.slack.harness import SIGNING_SECRET, SlackHarness, load, sign
from tests.support.recording import wait_for

pytestmark = pytest.mark.slow  # generates the full demo bank


@pytest.fixture(scope="module")
def fl(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Frontline]:
    bank = demo_bank(tmp_path_factory.mktemp("slack-outcomes"))
    yield bank
    bank.close()


@pytest.fixture
async def slack(
    tmp_path: Path, fake_slack: FakeSlackApi, fl: Frontline
) -> AsyncIterator[SlackHarness]:
    core = FakeCore(users={("slack", "URM1"): "RM001", ("slack", "URM2"): "RM002"})
    settings = make_settings(
        tmp_path / "home",
        slack_bot_token="xoxb-test-token",
        slack_signing_secret=SIGNING_SECRET,
        slack_api_url=f"{fake_slack.server.url}/api/",
    )
    app = FastAPI()
    build_slack(core, settings, briefs=lambda: fl.briefs, outcomes=lambda: fl.outcome_desk).mount(
        app
    )
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://frontline.test") as http:
        yield SlackHarness(http=http, api=fake_slack, core=core)


def controls(fl: Frontline, n: int) -> tuple[str, dict, dict]:
    """The n-th markable line's key, and its Done button and Not-now picker as rendered."""
    item = markable(fl)[n]
    assert item.action_key
    brief = fl.briefs.build("RM001", fl.outcomes.today())
    for block in brief_blocks(brief, limit=500):
        if block["type"] == "actions" and block["elements"][0]["value"] == item.action_key:
            done, later = block["elements"]
            return str(item.action_key), done, later
    raise AssertionError("the line has no Done / Not-now controls")


def click(
    element: dict,
    user: str = "URM1",
    picked: int | None = None,
    message_ts: str = "1767398400.000100",  # the DM was sent on 2026-01-03
) -> dict:
    """A block_actions payload as Slack posts it for a click in the brief's DM."""
    payload = load("block_actions_brief_draft.json")
    payload["user"]["id"] = user
    payload["container"] = {"type": "message", "channel_id": "DRM0001", "message_ts": message_ts}
    payload["channel"] = {"id": "DRM0001", "name": "directmessage"}
    payload.pop("view")
    action = {
        "action_id": element["action_id"],
        "block_id": "b1Xk",
        "action_ts": f"17673984{len(user)}.{id(element)}",
    }
    if picked is None:
        action |= {"type": "button", "value": element["value"], "text": element["text"]}
    else:
        action |= {"type": "static_select", "selected_option": element["options"][picked]}
    payload["actions"] = [action]
    return payload


async def test_when_done_is_clicked_then_the_rms_outcome_is_stored_and_confirmed_privately(
    slack: SlackHarness, fl: Frontline
) -> None:
    key, done, _ = controls(fl, 0)
    assert done["action_id"] == DONE_ACTION
    assert (await slack.post_action(click(done))).status_code == 200
    await wait_for(lambda: slack.api.calls("chat.postEphemeral"))
    [outcome] = stored(fl, key)
    assert (outcome.outcome, outcome.rm_id, outcome.channel) == ("done", "RM001", "slack")
    [note] = slack.api.calls("chat.postEphemeral")
    assert note["user"] == "URM1" and note["channel"] == "DRM0001" and "已完成" in note["text"]
    await wait_for(lambda: slack.api.calls("views.publish"))
    home = json.dumps(slack.api.calls("views.publish")[-1]["view"], ensure_ascii=False)
    assert key not in home
    assert slack.api.calls("chat.update") == []  # an earlier day's DM stays as it was sent


async def test_when_done_is_clicked_in_todays_dm_then_the_dm_is_redrawn_without_the_line(
    slack: SlackHarness, fl: Frontline
) -> None:
    key, done, _ = controls(fl, 1)
    today = f"{time.time():.6f}"  # the DM the brief went out in this morning
    await slack.post_action(click(done, message_ts=today))
    await wait_for(lambda: slack.api.calls("chat.update"))
    [update] = slack.api.calls("chat.update")
    assert (update["channel"], update["ts"]) == ("DRM0001", today)
    redrawn = json.dumps(update["blocks"], ensure_ascii=False)
    assert key not in redrawn and update["text"]
    assert [o.outcome for o in stored(fl, key)] == ["done"]


async def test_when_a_reason_is_picked_then_not_now_is_stored_with_it(
    slack: SlackHarness, fl: Frontline
) -> None:
    key, _, later = controls(fl, 0)
    assert later["action_id"] == NOT_NOW_ACTION
    code = later["options"][1]["value"].split("|", 1)[0]
    await slack.post_action(click(later, picked=1))
    await wait_for(lambda: slack.api.calls("chat.postEphemeral"))
    [outcome] = stored(fl, key)
    days = fl.outcome_policy.reasons[code].hide_days
    assert (outcome.outcome, outcome.reason) == ("not_now", code)
    assert (outcome.hide_until - outcome.day).days == days  # type: ignore[operator]


async def test_when_another_rm_clicks_the_line_then_nothing_is_stored(
    slack: SlackHarness, fl: Frontline
) -> None:
    key, done, _ = controls(fl, 0)
    await slack.post_action(click(done, user="URM2"))
    await wait_for(lambda: slack.api.calls("chat.postEphemeral"))
    assert stored(fl, key) == []
    assert "只能标记" in slack.api.calls("chat.postEphemeral")[0]["text"]


async def test_when_an_unlinked_user_clicks_then_nothing_is_stored(
    slack: SlackHarness, fl: Frontline
) -> None:
    key, done, _ = controls(fl, 0)
    await slack.post_action(click(done, user="USTRANGER"))
    await wait_for(lambda: slack.api.calls("chat.postEphemeral"))
    assert stored(fl, key) == [] and "尚未关联" in slack.api.calls("chat.postEphemeral")[0]["text"]


async def test_when_the_click_is_not_signed_by_slack_then_401_and_nothing_is_stored(
    slack: SlackHarness, fl: Frontline
) -> None:
    key, done, _ = controls(fl, 0)
    body = "payload=" + json.dumps(click(done), ensure_ascii=False)
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        **sign(body, secret="not-the-secret"),
    }
    response = await slack.http.post("/slack/events", content=body.encode(), headers=headers)
    assert response.status_code == 401
    await asyncio.sleep(0.3)
    assert stored(fl, key) == [] and slack.api.methods() == []
