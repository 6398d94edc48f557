"""A referral's round trip across two RMs in two channels, on PostgreSQL: the sender refers a
client in a Slack DM (signed events through the real bolt app), the receiver is told in their
Teams personal chat (a proactive message through the real Agents SDK to the recording Bot
Connector) and answers there; a second referral nobody contacts is raised to the receiver's
team lead in Slack once its deadline has passed — and no message carries a full identifier."""

from __future__ import annotations

import asyncio
import json
import re
from datetime import date
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from slack_sdk.web.async_client import AsyncWebClient

from assistant.brief.channels import ChannelNotifier
from assistant.storage.referrals import ReferralStore
from integrations.slack.brief import SlackBriefChannel
from tests.conftest import demo_bank_on
from tests.slack.fakes import FakeSlackApi
from tests.slack.harness import slack_thread
from tests.teams.harness import FakeBotService, load, make_token, signed_teams

pytestmark = [pytest.mark.slow, pytest.mark.postgres]

SENDER = "RM002"  # 上海分行: private banking is T02's in the demo policy


async def _wait(predicate, seconds: float = 30.0) -> None:  # type: ignore[no-untyped-def]
    for _ in range(int(seconds * 10)):
        if predicate():
            return
        await asyncio.sleep(0.1)
    raise AssertionError("timed out")


async def test_slack_sender_teams_receiver_and_the_late_one_raised(
    tmp_path: Path, fake_slack: FakeSlackApi
) -> None:
    bot = FakeBotService()
    bot.server.start()
    with demo_bank_on("postgres", tmp_path / "home", "frontline_referrals") as (fl, _):
        try:
            await _round_trip(fl, bot, fake_slack, tmp_path)
        finally:
            bot.server.stop()


async def _round_trip(fl, bot: FakeBotService, lead_slack: FakeSlackApi, tmp: Path) -> None:  # type: ignore[no-untyped-def]
    assert fl.engine.dialect.name == "postgresql"
    sender = fl.bank.get_rm(SENDER)
    receiver = fl.referrals.route(sender, "private_banking").rm
    lead = next(
        r for r in fl.bank.all_rms() if r.team_id == receiver.team_id and r.role == "team_lead"
    )
    client = next(
        c for c in fl.bank.all_clients() if c.rm_id == SENDER and c.client_type == "corporate"
    )
    contacts = fl.bank.client_data([client.client_id])[0].contacts
    contact = contacts[0]

    # -- Teams: the receiver has written to the bot once (the reference Teams requires) ----------
    teams, _, _ = signed_teams(fl.core, tmp / "teams", bot, addresses=fl.channel_addresses)
    app = FastAPI()
    teams.mount(app)
    service_url = f"{bot.server.url}/teams/"

    async def in_teams(http: httpx.AsyncClient, text: str, n: int) -> None:
        activity = load("personal_message.json", service_url)
        activity["from"]["aadObjectId"] = receiver.teams_aad_id
        activity.update(id=f"17673785{n:05d}", text=text)
        body = activity | {"entities": []}
        headers = {"Authorization": f"Bearer {make_token(service_url=service_url)}"}
        resp = await http.post("/api/messages", json=body, headers=headers)
        assert resp.status_code in (200, 202)

    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://frontline.test") as http:
        await in_teams(http, "你好", 1)
        await _wait(lambda: fl.channel_addresses.get("teams", receiver.rm_id) is not None)
        slack_lead = SlackBriefChannel(
            AsyncWebClient(token="xoxb-test", base_url=f"{lead_slack.server.url}/api/")
        )
        channel = teams.brief_channel()
        assert channel is not None
        fl.referrals.notifier = ChannelNotifier([channel, slack_lead], asyncio.get_running_loop())
        before = len(bot.messages())

        # -- Slack: the sender refers the client's contact, consent given on being asked ----------
        texts = [f"把{client.name}的{contact.title}转介给私行，想做家族信托", "客户口头同意了"]
        async with slack_thread(fl.core, tmp / "slack", texts, user=sender.slack_user_id) as api:
            answers = [json.dumps(c, ensure_ascii=False) for c in api.calls("chat.update")]
        assert "同意" in answers[0] and "已转介" in answers[1], answers
        ref = re.search(r"R[0-9A-F]{8}", answers[1]).group(0)  # type: ignore[union-attr]

        await _wait(lambda: any(ref in (m.get("text") or "") for m in bot.messages()[before:]))
        notice = next(m["text"] for m in bot.messages()[before:] if ref in (m.get("text") or ""))
        assert client.name in notice and contact.title in notice and contact.name in notice
        assert sender.name in notice and "2026-11-04" in notice
        store = ReferralStore(fl.sessions)
        await _wait(lambda: store.get(ref).notified_at is not None)  # type: ignore[union-attr]

        # -- Teams: the receiver's word on it ------------------------------------------------
        seen = len(bot.messages())
        await in_teams(http, f"转介 {ref} 已联系", 2)
        await _wait(lambda: store.get(ref).status == "contacted")  # type: ignore[union-attr]
        await _wait(lambda: any("已更新" in (m.get("text") or "") for m in bot.messages()[seen:]))

        # -- a second referral nobody contacts: raised to the receiver's lead, once ----------
        other = next(
            c for c in fl.bank.all_clients()
            if c.rm_id == SENDER and c.client_id != client.client_id
        )  # fmt: skip
        async with slack_thread(
            fl.core, tmp / "slack2", [f"把{other.client_id}转介给私行，客户已书面同意"],
            user=sender.slack_user_id,
        ) as api:  # fmt: skip
            [made] = [json.dumps(c, ensure_ascii=False) for c in api.calls("chat.update")]
        late = re.search(r"R[0-9A-F]{8}", made).group(0)  # type: ignore[union-attr]
        swept = await asyncio.to_thread(fl.referrals.sweep, date(2026, 11, 5))
        assert swept["escalated"] == [late]

        def raised() -> list[dict]:
            return [
                c for c in lead_slack.calls("chat.postMessage")
                if late in c.get("text", "") and "逾期" in c["text"]
            ]  # fmt: skip

        await _wait(lambda: bool(raised()))
        [notice_to_lead] = raised()
        second = fl.referrals.store.get(late)
        # the least-loaded RM of the side got it (the first receiver has one open); its lead hears
        assert second.to_rm != receiver.rm_id and second.escalated_to == lead.rm_id
        to_rm = fl.bank.get_rm(second.to_rm)
        assert to_rm.name in notice_to_lead["text"] and other.name not in notice_to_lead["text"]
        again = await asyncio.to_thread(fl.referrals.sweep, date(2026, 11, 6))
        assert again["escalated"] == []

    # -- no full identifier went anywhere -------------------------------------------------------
    sent = [m.get("text") or "" for m in bot.messages()] + [
        c.get("text", "") for c in lead_slack.calls("chat.postMessage")
    ]
    for value in (
        client.phone,
        client.email,
        client.registration_id,
        contact.phone,
        contact.id_number,
    ):
        assert not value or all(value not in text for text in sent)
