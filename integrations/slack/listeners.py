"""Bolt listeners: a Slack event in, a ``Turn`` to the core, Block Kit back to Slack.

The listeners run after bolt has acknowledged the HTTP request (``process_before_response``
is False, so event listeners are auto-acknowledged and run as background tasks), which keeps
Slack's three-second window whatever the core's latency.

Privacy: only a direct message (``channel_type == "im"``) gets the answer in the conversation
itself. A mention in a channel gets a short note in the thread and the full answer as an
ephemeral message visible to the asker alone.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import Any, Literal

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from assistant.core.types import Answer, AssistantCore, Feedback, Turn
from integrations.documents import PrepSource
from integrations.slack import blocks
from integrations.slack.files import upload_charts, upload_documents
from integrations.slack.phrases import language_of, say

logger = logging.getLogger(__name__)
# Slack fetches a preview of every link in a message by default: a link in an answer would be
# requested from Slack's servers without anyone clicking it. Answers carry only allowed links
# (assistant/privacy/links.py); previews stay off all the same.
NO_UNFURL: dict[str, Any] = {"unfurl_links": False, "unfurl_media": False}

_MENTION = re.compile(r"<@[UW][A-Z0-9]+(?:\|[^>]*)?>")
# Message subtypes that are a person writing; everything else (edits, joins, bot posts) is noise.
_HUMAN_SUBTYPES = {None, "thread_broadcast", "file_share"}


def conversation_id(team: str, channel: str, thread_ts: str) -> str:
    """One Frontline conversation per Slack thread, stable across replicas and restarts."""
    return f"slack:{team}:{channel}:{thread_ts}"


def strip_mentions(text: str) -> str:
    return _MENTION.sub(" ", text or "").strip()


def is_own_or_bot(event: dict[str, Any], bot_user_id: str | None) -> bool:
    return bool(
        event.get("bot_id")
        or event.get("subtype") == "bot_message"
        or (bot_user_id and event.get("user") == bot_user_id)
    )


class SlackListeners:
    """The handlers bolt calls. They translate; the core decides."""

    def __init__(self, core: AssistantCore, prep: Callable[[], PrepSource] | None = None) -> None:
        self.core = core
        self.prep = prep  # prep documents to upload to the RM's DM; None: none are sent

    # --- bolt entry points (argument names are bolt's injection names) -------------------

    async def on_app_mention(
        self, body: dict, event: dict, client: AsyncWebClient, context: dict
    ) -> None:
        if is_own_or_bot(event, context.get("bot_user_id")):
            return
        await self.answer_event(client, _team_of(body, event), event)

    async def on_message(
        self, body: dict, event: dict, client: AsyncWebClient, context: dict
    ) -> None:
        if event.get("channel_type") != "im" or event.get("subtype") not in _HUMAN_SUBTYPES:
            return  # channel messages are answered through their app_mention twin
        if is_own_or_bot(event, context.get("bot_user_id")):
            return
        await self.answer_event(client, _team_of(body, event), event)

    async def on_feedback(self, ack: Any, body: dict, action: dict, client: AsyncWebClient) -> None:
        await ack()
        user = body.get("user", {}).get("id", "")
        container = body.get("container", {})
        channel = (body.get("channel") or {}).get("id") or container.get("channel_id", "")
        thread_ts = container.get("thread_ts")
        reply = await self._record_feedback(user, action)
        await self._ephemeral(client, channel, user, thread_ts, blocks.render_notice(reply), reply)

    # --- one question --------------------------------------------------------------------

    async def answer_event(self, client: AsyncWebClient, team: str, event: dict) -> None:
        channel, ts, user = event.get("channel", ""), event.get("ts", ""), event.get("user", "")
        if not (channel and ts and user):
            return
        # Keyed on the message ts, not the event id: message + app_mention twins differ in id.
        if not await self.core.first_delivery("slack", f"{team}:{channel}:{ts}"):
            logger.info("slack: duplicate delivery of %s:%s ignored", channel, ts)
            return
        text = strip_mentions(event.get("text", ""))
        language = language_of(text)
        thread_ts = event.get("thread_ts") or ts
        in_dm = event.get("channel_type") == "im"
        rm_id = await self.core.resolve_rm("slack", user)
        if rm_id is None:
            await self._private(
                client, channel, user, thread_ts, in_dm, say("unknown_user", language)
            )
            return
        if not text:
            await self._private(client, channel, user, thread_ts, in_dm, say("empty", language))
            return
        placeholder = await self._post(client, channel, thread_ts, say("working", language))
        if placeholder is None:
            return
        turn = Turn(
            text=text,
            channel="slack",
            rm_id=rm_id,
            channel_user_id=user,
            conversation_id=conversation_id(team, channel, thread_ts),
        )
        answer = await self._ask(turn)
        if answer is None:
            await self._update(
                client,
                channel,
                placeholder,
                blocks.render_notice(say("error", language)),
                say("error", language),
            )
        elif in_dm:
            await self._update(
                client, channel, placeholder, blocks.render_answer(answer), _fallback(answer)
            )
        else:
            await self._deliver_privately(
                client, channel, user, thread_ts, placeholder, answer, language
            )
        if answer is not None and answer.documents:
            dm = channel if in_dm else None
            await upload_documents(client, self.prep, answer, rm_id, user, dm, thread_ts)
        if answer is not None and answer.charts:
            await upload_charts(client, answer, user, channel if in_dm else None, thread_ts)

    async def _ask(self, turn: Turn) -> Answer | None:
        try:
            return await self.core.answer(turn)
        except Exception:  # the user gets a generic line; the detail stays in the server log
            logger.exception("slack: the core failed on turn %s", turn.turn_id)
            return None

    async def _deliver_privately(
        self,
        client: AsyncWebClient,
        channel: str,
        user: str,
        thread_ts: str,
        placeholder: str,
        answer: Answer,
        language: str,
    ) -> None:
        sent = await self._ephemeral(
            client, channel, user, thread_ts, blocks.render_answer(answer), _fallback(answer)
        )
        note = say("private_note" if sent else "error", language)
        await self._update(client, channel, placeholder, blocks.render_notice(note), note)

    async def _record_feedback(self, user: str, action: dict) -> str:
        rm_id = await self.core.resolve_rm("slack", user) if user else None
        ids = blocks.parse_feedback_value(action.get("value", ""))
        if rm_id is None:
            return _both("unknown_user")
        if ids is None:
            return _both("feedback_unknown")
        rating: Literal["up", "down"] = (
            "up" if action.get("action_id") == blocks.FEEDBACK_UP else "down"
        )
        feedback = Feedback(conversation_id=ids[0], turn_id=ids[1], rating=rating)
        try:
            stored = await self.core.record_feedback(rm_id, feedback, "slack")
        except Exception:
            logger.exception("slack: recording feedback failed")
            return _both("error")
        return _both("thanks" if stored else "feedback_unknown")

    # --- Web API calls: every failure is logged by its Slack error code, never shown -----

    async def _post(
        self, client: AsyncWebClient, channel: str, thread_ts: str, text: str
    ) -> str | None:
        response = await _call(
            "chat.postMessage",
            client.chat_postMessage(
                channel=channel,
                thread_ts=thread_ts,
                text=text,
                blocks=blocks.render_notice(text),
                **NO_UNFURL,
            ),
        )
        return response.get("ts") if response else None

    async def _update(
        self, client: AsyncWebClient, channel: str, ts: str, rendered: list, text: str
    ) -> bool:
        response = await _call(
            "chat.update", client.chat_update(channel=channel, ts=ts, blocks=rendered, text=text)
        )
        return response is not None

    async def _ephemeral(
        self,
        client: AsyncWebClient,
        channel: str,
        user: str,
        thread_ts: str | None,
        rendered: list,
        text: str,
    ) -> bool:
        kwargs: dict[str, Any] = {
            "channel": channel,
            "user": user,
            "blocks": rendered,
            "text": text,
        }
        if thread_ts:
            kwargs["thread_ts"] = thread_ts
        return await _call("chat.postEphemeral", client.chat_postEphemeral(**kwargs)) is not None

    async def _private(
        self,
        client: AsyncWebClient,
        channel: str,
        user: str,
        thread_ts: str,
        in_dm: bool,
        text: str,
    ) -> None:
        rendered = blocks.render_notice(text)
        if in_dm:
            await _call(
                "chat.postMessage",
                client.chat_postMessage(
                    channel=channel, thread_ts=thread_ts, text=text, blocks=rendered, **NO_UNFURL
                ),
            )
        else:
            await self._ephemeral(client, channel, user, thread_ts, rendered, text)


async def _call(method: str, request: Any) -> dict | None:
    """Await one Web API call; on any Slack or network error log it and return None."""
    try:
        response = await request
    except SlackApiError as exc:
        logger.warning("slack: %s failed (%s)", method, exc.response.get("error"))
        return None
    except Exception as exc:  # network, HTTP 5xx, malformed body: never shown to the user
        logger.warning("slack: %s failed (%s)", method, type(exc).__name__)
        return None
    return dict(response.data) if isinstance(response.data, dict) else {}


def _team_of(body: dict, event: dict) -> str:
    return body.get("team_id") or event.get("team") or "T0"


def _fallback(answer: Answer) -> str:
    """Notification text: neutral, because notifications show on lock screens."""
    return "Frontline 的回答" if answer.language == "zh" else "Frontline's answer"


def _both(key: str) -> str:
    return f"{say(key, 'zh')} / {say(key, 'en')}"
