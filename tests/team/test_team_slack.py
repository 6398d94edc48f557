"""A team view asked in Slack: the answer in the thread and its chart uploaded as a PNG with
its text alternative to the lead's own DM — asked in a channel, still the DM — against a local
fake Web API that records what left the process."""

from __future__ import annotations

import pytest

from tests.brief.conftest import Bank
from tests.prep.test_prep_slack import fresh_ts, post, sent, slack_app, slack_user
from tests.slack.harness import load
from tests.support.recording import wait_for

pytestmark = pytest.mark.slow
LEAD = "RM008"


async def test_asked_in_the_dm_the_chart_joins_that_thread(demo_bank: Bank, tmp_path) -> None:
    fl = demo_bank.fl
    event = load("message_im.json")
    event["event"].update(
        user=slack_user(fl, LEAD), text="how is my team doing last quarter", ts=fresh_ts()
    )
    async with slack_app(fl, tmp_path / "home", with_prep=False) as (api, http):
        await post(http, event)
        await wait_for(lambda: api.calls("files.completeUploadExternal"), timeout=60)
        (asked,) = sent(api, "files.getUploadURLExternal")
        (done,) = sent(api, "files.completeUploadExternal")
        uploads = [r for r in api.server.snapshot() if r.path.startswith("/upload/")]
    assert asked["filename"].endswith(".png") and asked.get("alt_txt", "").startswith("Bar chart")
    assert len(uploads) == 1 and "PNG" in str(uploads[0].body)[:8]
    assert done["channel_id"] == event["event"]["channel"]
    assert done["thread_ts"] == event["event"]["ts"]


async def test_asked_in_a_channel_the_chart_goes_to_the_leads_dm(demo_bank: Bank, tmp_path) -> None:
    fl = demo_bank.fl
    user = slack_user(fl, LEAD)
    event = load("app_mention_channel.json")
    event["event"].update(user=user, text="<@UFRONTBOT> 上季度团队及时率", ts=fresh_ts())
    async with slack_app(fl, tmp_path / "home", with_prep=False) as (api, http):
        await post(http, event)
        await wait_for(lambda: api.calls("files.completeUploadExternal"), timeout=60)
        (opened,) = sent(api, "conversations.open")
        (done,) = sent(api, "files.completeUploadExternal")
    assert opened["users"] == user
    assert done["channel_id"] == "DNEW0001" and done["channel_id"] != event["event"]["channel"]
