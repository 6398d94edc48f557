"""The serving process's brief delivery end to end on the demo bank: the scheduler (fake
clock) sends each RM's real brief as a Slack DM and App Home view to the recording Web API,
once per RM and day (a second run finds every brief claimed), and each RM's view names only
clients they may read (their own book; a team lead's team)."""

from __future__ import annotations

import asyncio
import json
import re
from datetime import date, time

import pytest
from slack_sdk.web.async_client import AsyncWebClient

from integrations.server import brief_scheduler
from integrations.slack.brief import SlackBriefChannel
from tests.brief.conftest import Bank
from tests.brief.test_brief_scheduler import FakeClock, local
from tests.slack.fakes import FakeSlackApi

pytestmark = pytest.mark.slow  # generates the full demo bank

DAY = date(2026, 11, 18)
ITEM = re.compile(
    r"• (.+?)[：:]"
)  # a brief line names its client first  # a Wednesday no other brief test claims


def readable(bank: Bank, rm: dict[str, str]) -> set[str]:
    book = bank.team_book(rm["team_id"]) if rm["role"] == "team_lead" else bank.book(rm["rm_id"])
    return bank.names(book)


async def test_when_the_hour_comes_then_each_rm_gets_their_own_brief_on_slack_once(
    demo_bank: Bank, fake_slack: FakeSlackApi
) -> None:
    fl = demo_bank.fl
    assert fl.briefs.is_working_day(DAY)
    client = AsyncWebClient(token="xoxb-test", base_url=f"{fake_slack.server.url}/api/", timeout=10)
    channel = SlackBriefChannel(client)
    for _run in range(2):  # then a restart, or another replica, finds every brief claimed
        clock = FakeClock(local(DAY, time(8, 0)), local(DAY, time(9, 0)))
        scheduler = brief_scheduler(fl, [channel], clock)
        assert scheduler is not None
        task = asyncio.create_task(scheduler.run())
        await asyncio.wait_for(clock.parked.wait(), 240)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
    staff = {r["slack_user_id"]: r for r in demo_bank.rows("rms") if r["role"] != "admin"}
    views = fake_slack.calls("views.publish")
    assert sorted(v["user_id"] for v in views) == sorted(staff)
    assert len(fake_slack.calls("chat.postMessage")) == len(staff)
    seen = 0
    for call in views:
        lines = [b["text"]["text"] for b in call["view"]["blocks"] if b["type"] == "section"]
        named = {m.group(1) for line in lines if (m := ITEM.match(line))}
        assert named <= readable(demo_bank, staff[call["user_id"]])
        seen += len(named)
    assert seen > len(views)  # the briefs name clients: the check above is not vacuous
    published = json.dumps(views, ensure_ascii=False)  # once: the bank has thousands of ids
    assert not any(i in published for i in demo_bank.identifiers())
