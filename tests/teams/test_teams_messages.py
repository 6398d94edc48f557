"""Teams through the real FastAPI app and the real Agents SDK, against a local JWKS and a local
fake Bot Connector."""

from __future__ import annotations

import json
import logging

import pytest

from testkit.fake_core import SECRET_FACT
from tests.teams.harness import APP_ID, KID, OUTBOUND_TOKEN, TeamsHarness, make_token, new_key

PERSONAL_CONV = "a:17NditBRO5pbPlIimLiU0g7vfMqIYTPwqILZJq-TOhzzKiAmv2i6Oerr"
CARD = "application/vnd.microsoft.card.adaptive"


def _final(teams: TeamsHarness) -> dict:
    [final] = [m for m in teams.bot.messages() if m.get("attachments")]
    return final


async def test_valid_token_is_accepted(teams: TeamsHarness) -> None:
    response = await teams.post(teams.activity("personal_message.json"))
    assert response.status_code == 202
    assert teams.bot.outbound()


@pytest.mark.parametrize(
    "case",
    [
        "missing",
        "not_bearer",
        "wrong_audience",
        "expired",
        "foreign_key",
        "foreign_key_same_kid",
        "untrusted_issuer",
        "garbage",
    ],
)
async def test_when_token_is_not_valid_then_401_and_no_outbound_call(
    teams: TeamsHarness, case: str
) -> None:
    activity = teams.activity("personal_message.json")
    tokens = {
        "missing": None,
        "not_bearer": None,
        "wrong_audience": make_token(aud="22222222-0000-0000-0000-000000000000"),
        "expired": make_token(expires_in=-3600),
        "foreign_key": make_token(key=new_key(), kid="someone-elses-key"),
        "foreign_key_same_kid": make_token(key=new_key(), kid=KID),
        "untrusted_issuer": make_token(iss="https://evil.example.com"),
        "garbage": "not.a.jwt",
    }
    if case == "not_bearer":
        body = json.dumps(activity).encode()
        headers = {"Content-Type": "application/json", "Authorization": f"Basic {make_token()}"}
        response = await teams.http.post("/api/messages", content=body, headers=headers)
    else:
        response = await teams.post(activity, token=tokens[case])
    assert response.status_code == 401
    assert teams.bot.outbound() == []
    assert teams.core.turns == []


async def test_when_service_url_differs_from_the_token_claim_then_401(teams: TeamsHarness) -> None:
    activity = teams.activity("personal_message.json")
    token = make_token(service_url="https://smba.trafficmanager.net/emea/")
    response = await teams.post(activity, token=token)
    assert response.status_code == 401
    assert teams.bot.outbound() == []


@pytest.mark.parametrize(
    "service_url",
    [
        "https://evil.example.com/teams/",
        "https://smba.trafficmanager.net.evil.com/",
        "http://smba.trafficmanager.net/amer/",
        None,
    ],
)
async def test_when_service_url_host_is_not_allowed_then_rejected_without_outbound_call(
    teams: TeamsHarness, service_url: str | None
) -> None:
    activity = teams.activity("personal_message.json")
    activity["serviceUrl"] = service_url
    response = await teams.post(activity, token=make_token())
    assert response.status_code == 403
    assert teams.bot.outbound() == []
    assert teams.core.turns == []


async def test_personal_chat_streams_progress_then_replies_with_an_adaptive_card(
    teams: TeamsHarness,
) -> None:
    await teams.post(teams.activity("personal_message.json"))

    outbound = teams.bot.outbound()
    assert all(
        r.path == f"/teams/v3/conversations/{PERSONAL_CONV}/activities/1767378504354"
        for r in outbound
    )
    assert all(r.headers["authorization"] == f"Bearer {OUTBOUND_TOKEN}" for r in outbound)
    first = outbound[0].body
    assert first["type"] == "typing" and first["entities"][0]["streamType"] == "informative"

    final = _final(teams)
    assert final["replyToId"] == "1767378504354"
    assert final["text"].startswith("**华东精密**是战略客户")
    assert final["channelData"]["feedbackLoop"] == {"type": "default"}  # Teams thumbs up/down
    [attachment] = final["attachments"]
    assert attachment["contentType"] == CARD
    card = json.dumps(attachment["content"], ensure_ascii=False)
    assert (
        SECRET_FACT in card and "[1] 服务标准 › 战略客户 > 服务频次" in card and "本周回访" in card
    )
    assert [a["data"]["rating"] for a in attachment["content"]["actions"]] == ["up", "down"]

    [turn] = teams.core.turns
    assert turn.text == "我该怎么服务华东精密？"  # <at>…</at> stripped
    assert turn.rm_id == "RM001" and turn.channel == "teams"
    assert turn.conversation_id == f"teams:a1b2c3d4-e5f6-7890-abcd-ef1234567890:{PERSONAL_CONV}"


async def test_channel_mention_gets_a_note_in_the_thread_and_no_client_data(
    teams: TeamsHarness,
) -> None:
    activity = teams.activity("channel_mention.json")
    response = await teams.post(activity)
    assert response.status_code == 202
    [note] = teams.bot.messages()
    assert note["replyToId"] == activity["id"]
    assert "私聊" in note["text"] and "<at>" not in note["text"]
    assert not note.get("attachments")
    assert SECRET_FACT not in json.dumps(teams.bot.messages(), ensure_ascii=False)
    assert teams.core.turns == []


async def test_native_feedback_invoke_is_recorded(teams: TeamsHarness) -> None:
    await teams.post(teams.activity("personal_message.json"))
    final = _final(teams)
    turn = teams.core.turns[0]

    invoke = teams.activity("submit_action_feedback.json")
    # Teams gives the streamed message the stream's id, which its feedback invoke cites
    invoke["replyToId"] = next(
        e["streamId"] for e in final["entities"] if e["type"] == "streaminfo"
    )
    response = await teams.post(invoke)
    assert response.status_code == 200

    [(rm_id, feedback, channel)] = teams.core.feedback
    assert (rm_id, channel, feedback.rating, feedback.comment) == (
        "RM001",
        "teams",
        "down",
        "话术太长了",
    )
    assert (feedback.conversation_id, feedback.turn_id) == (turn.conversation_id, turn.turn_id)


async def test_card_submit_feedback_is_recorded_and_thanked(teams: TeamsHarness) -> None:
    await teams.post(teams.activity("personal_message.json"))
    submit_data = _final(teams)["attachments"][0]["content"]["actions"][0]["data"]

    click = teams.activity("personal_message.json")
    click.update(id="1767378600000", text=None, value=submit_data)
    response = await teams.post(click)
    assert response.status_code == 202

    [(rm_id, feedback, _)] = teams.core.feedback
    assert rm_id == "RM001" and feedback.rating == "up"
    assert "感谢" in teams.bot.messages()[-1]["text"]


async def test_when_user_is_not_an_rm_then_refused_without_data(teams: TeamsHarness) -> None:
    activity = teams.activity("personal_message.json")
    activity["from"]["aadObjectId"] = "99999999-0000-0000-0000-000000000000"
    await teams.post(activity)
    [reply] = teams.bot.messages()
    assert "尚未关联客户经理" in reply["text"] and not reply.get("attachments")
    assert teams.core.turns == []


async def test_when_redelivered_then_answered_once(teams: TeamsHarness) -> None:
    activity = teams.activity("personal_message.json")
    await teams.post(activity)
    await teams.post(activity)
    assert len(teams.core.turns) == 1


async def test_members_added_gets_a_welcome(teams: TeamsHarness) -> None:
    response = await teams.post(teams.activity("members_added.json"))
    assert response.status_code == 202
    [welcome] = teams.bot.messages()  # one: the bot's own arrival is not welcomed
    assert "Frontline" in welcome["text"]


async def test_when_core_fails_then_generic_apology_without_exception_text(
    teams: TeamsHarness, caplog: pytest.LogCaptureFixture
) -> None:
    teams.core.fail = True
    with caplog.at_level(logging.ERROR):
        await teams.post(teams.activity("personal_message.json"))
    posted = json.dumps([r.body for r in teams.bot.outbound()], ensure_ascii=False)
    assert "出错" in posted and "hunter2" not in posted


async def test_anonymous_mode_accepts_unsigned_requests_and_warns(
    anonymous_teams: TeamsHarness, caplog: pytest.LogCaptureFixture
) -> None:
    response = await anonymous_teams.post(
        anonymous_teams.activity("personal_message.json"), token=None
    )
    assert response.status_code == 202
    assert _final(anonymous_teams)["attachments"][0]["contentType"] == CARD
    assert all("authorization" not in r.headers for r in anonymous_teams.bot.outbound())


def test_app_id_is_the_audience() -> None:
    from assistant.config import TeamsSettings
    from integrations.teams.auth import TeamsAuthConfig

    config = TeamsAuthConfig.from_settings(TeamsSettings(app_id=APP_ID, tenant_id="t-1"))
    assert config.app_id == APP_ID and not config.anonymous
    assert "https://api.botframework.com" in config.issuers
    assert "https://login.microsoftonline.com/t-1/v2.0" in config.issuers
