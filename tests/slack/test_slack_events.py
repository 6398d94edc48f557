"""Slack through the real FastAPI app and the real bolt app, against a local fake Web API."""

from __future__ import annotations

import json
import logging
import time

import pytest

from integrations.slack.blocks import feedback_value
from testkit.fake_core import SECRET_FACT
from tests.slack.fakes import BOT_USER_ID
from tests.slack.harness import SlackHarness, load, sign
from tests.support.recording import wait_for

MENTION_TS = "1767326125.870439"


def _text_of(call: dict) -> str:
    return json.dumps(call, ensure_ascii=False)


async def test_url_verification_returns_the_challenge(slack: SlackHarness) -> None:
    payload = load("url_verification.json")
    response = await slack.post_event(payload)
    assert response.status_code == 200
    assert payload["challenge"] in response.text


@pytest.mark.parametrize("tamper", ["bad_signature", "stale_timestamp", "tampered_body"])
async def test_when_request_is_not_signed_by_slack_then_401_and_no_web_api_call(
    slack: SlackHarness, tamper: str
) -> None:
    body = json.dumps(load("app_mention_channel.json"), ensure_ascii=False)
    headers = {"Content-Type": "application/json", **sign(body)}
    if tamper == "bad_signature":
        headers.update(sign(body, secret="not-the-secret"))
    elif tamper == "stale_timestamp":
        headers.update(sign(body, timestamp=int(time.time()) - 6 * 60))
    else:
        body = body.replace("华东精密", "别人的客户")
    response = await slack.http.post("/slack/events", content=body.encode(), headers=headers)
    assert response.status_code == 401
    assert slack.core.turns == []
    assert slack.api.methods() == []


async def test_when_core_is_slow_then_ack_is_under_three_seconds_and_answer_follows(
    slack: SlackHarness,
) -> None:
    slack.core.delay_s = 5.0
    started = time.monotonic()
    response = await slack.post_event(load("app_mention_channel.json"))
    elapsed = time.monotonic() - started
    assert response.status_code == 200
    assert elapsed < 3.0
    await wait_for(lambda: slack.api.calls("chat.postEphemeral"), timeout=15)


async def test_channel_mention_answers_in_thread_and_keeps_client_data_out_of_the_channel(
    slack: SlackHarness,
) -> None:
    await slack.post_event(load("app_mention_channel.json"))
    await wait_for(lambda: slack.api.calls("chat.update"))

    [placeholder] = slack.api.calls("chat.postMessage")
    assert placeholder["channel"] == "C0CHAN1" and placeholder["thread_ts"] == MENTION_TS
    assert "正在查询" in placeholder["text"]
    [note] = slack.api.calls("chat.update")
    assert "私信" in note["text"]
    [private] = slack.api.calls("chat.postEphemeral")
    assert private["user"] == "URM1" and private["thread_ts"] == MENTION_TS

    public = [
        _text_of(c) for c in slack.api.calls("chat.postMessage") + slack.api.calls("chat.update")
    ]
    assert all(SECRET_FACT not in p and "华东精密" not in p for p in public)
    assert SECRET_FACT in _text_of(private)
    action_ids = [
        e["action_id"] for b in private["blocks"] if b["type"] == "actions" for e in b["elements"]
    ]
    assert action_ids == ["feedback_up", "feedback_down"]
    assert "[1] 服务标准 › 战略客户 &gt; 服务频次" in _text_of(private)

    [turn] = slack.core.turns
    assert turn.text == "我该怎么服务华东精密？"
    assert turn.rm_id == "RM001" and turn.channel == "slack"
    assert turn.conversation_id == f"slack:T0001:C0CHAN1:{MENTION_TS}"


async def test_dm_gets_the_answer_in_place_and_the_thread_keeps_one_conversation(
    slack: SlackHarness,
) -> None:
    first = load("message_im.json")
    await slack.post_event(first)
    await wait_for(lambda: len(slack.api.calls("chat.update")) == 1)

    follow_up = load("message_im.json")
    follow_up["event"].update(
        ts="1767377050.000100", thread_ts=first["event"]["ts"], text="那提醒话术呢？"
    )
    follow_up["event_id"] = "Ev0DM0002"
    await slack.post_event(follow_up)
    await wait_for(lambda: len(slack.api.calls("chat.update")) == 2)

    answer_update = slack.api.calls("chat.update")[0]
    assert SECRET_FACT in _text_of(answer_update)  # a DM is private: the answer goes in place
    assert "*华东精密*是战略客户" in _text_of(answer_update)  # Markdown bold -> mrkdwn
    assert slack.api.calls("chat.postEphemeral") == []
    placeholder_threads = [c["thread_ts"] for c in slack.api.calls("chat.postMessage")]
    assert placeholder_threads == [first["event"]["ts"], first["event"]["ts"]]
    ids = {t.conversation_id for t in slack.core.turns}
    assert ids == {f"slack:T0001:D0DM0001:{first['event']['ts']}"}


async def test_when_slack_retries_the_event_then_it_is_answered_once(slack: SlackHarness) -> None:
    payload = load("app_mention_channel.json")
    await slack.post_event(payload)
    retry = await slack.post_event(
        payload, **{"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}
    )
    assert retry.status_code == 200
    await wait_for(lambda: slack.api.calls("chat.postEphemeral"))
    assert len(slack.core.turns) == 1
    assert len(slack.api.calls("chat.postMessage")) == 1


async def test_when_message_and_app_mention_twins_arrive_then_one_answer(
    slack: SlackHarness,
) -> None:
    message = load("message_im.json")
    message["event"]["text"] = f"<@{BOT_USER_ID}> 华东精密怎么服务？"
    mention = load("app_mention_channel.json")
    mention["event"].update(
        channel="D0DM0001",
        ts=message["event"]["ts"],
        channel_type="im",
        text=message["event"]["text"],
    )
    mention["event_id"] = "Ev0TWIN"
    await slack.post_event(message)
    await slack.post_event(mention)
    await wait_for(lambda: slack.api.calls("chat.update"))
    assert len(slack.core.turns) == 1
    assert slack.core.turns[0].text == "华东精密怎么服务？"
    assert len(slack.api.calls("chat.postMessage")) == 1


async def test_feedback_click_is_stored_and_thanked_privately(slack: SlackHarness) -> None:
    await slack.post_event(load("app_mention_channel.json"))
    await wait_for(lambda: slack.api.calls("chat.postEphemeral"))
    turn = slack.core.turns[0]

    click = load("block_actions_feedback.json")
    click["actions"][0]["value"] = feedback_value(turn.conversation_id or "", turn.turn_id)
    response = await slack.post_action(click)
    assert response.status_code == 200
    await wait_for(lambda: slack.core.feedback)

    [(rm_id, feedback, channel)] = slack.core.feedback
    assert (rm_id, channel, feedback.rating) == ("RM001", "slack", "up")
    assert (feedback.conversation_id, feedback.turn_id) == (turn.conversation_id, turn.turn_id)
    await wait_for(lambda: len(slack.api.calls("chat.postEphemeral")) == 2)
    assert "感谢" in slack.api.calls("chat.postEphemeral")[1]["text"]


async def test_when_user_is_not_an_rm_then_polite_refusal_and_no_data(slack: SlackHarness) -> None:
    payload = load("app_mention_channel.json")
    payload["event"]["user"] = "USTRANGER"
    await slack.post_event(payload)
    await wait_for(lambda: slack.api.calls("chat.postEphemeral"))
    [refusal] = slack.api.calls("chat.postEphemeral")
    assert refusal["user"] == "USTRANGER" and "尚未关联客户经理" in refusal["text"]
    assert slack.core.turns == []
    assert slack.api.calls("chat.postMessage") == []


@pytest.mark.parametrize(
    "event_patch",
    [
        {"user": BOT_USER_ID},
        {"bot_id": "BFRONT"},
        {"subtype": "bot_message"},
        {"subtype": "message_changed"},
    ],
)
async def test_bot_and_non_human_messages_are_ignored(
    slack: SlackHarness, event_patch: dict
) -> None:
    payload = load("message_im.json")
    payload["event"].update(event_patch)
    response = await slack.post_event(payload)
    assert response.status_code == 200
    control = load("message_im.json")
    control["event"]["ts"] = "1767377999.000001"
    await slack.post_event(control)  # a real message after it proves the first was skipped
    await wait_for(lambda: slack.api.calls("chat.update"))
    assert len(slack.core.turns) == 1


@pytest.mark.parametrize("failure", ["channel_not_found", 500])
async def test_when_web_api_fails_then_logged_and_no_crash(
    slack: SlackHarness, failure: str | int, caplog: pytest.LogCaptureFixture
) -> None:
    slack.api.fail["chat.postMessage"] = failure
    with caplog.at_level(logging.WARNING, logger="integrations.slack"):
        response = await slack.post_event(load("app_mention_channel.json"))
        assert response.status_code == 200
        await wait_for(lambda: "chat.postMessage failed" in caplog.text)
    assert slack.core.turns == []  # no placeholder, no work
    # the app still serves the next request
    slack.api.fail.clear()
    next_event = load("message_im.json")
    await slack.post_event(next_event)
    await wait_for(lambda: slack.api.calls("chat.update"))


async def test_when_core_fails_then_generic_apology_and_no_exception_text(
    slack: SlackHarness, caplog: pytest.LogCaptureFixture
) -> None:
    slack.core.fail = True
    with caplog.at_level(logging.ERROR, logger="integrations.slack"):
        await slack.post_event(load("message_im.json"))
        await wait_for(lambda: slack.api.calls("chat.update"))
    [update] = slack.api.calls("chat.update")
    assert "出错" in update["text"]
    everything_posted = json.dumps(
        [r.body for r in slack.api.server.snapshot()], ensure_ascii=False
    )
    assert "hunter2" not in everything_posted
