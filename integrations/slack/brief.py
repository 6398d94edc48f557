"""The morning brief in Slack: the DM the scheduler sends, the App Home tab, "draft it".

The brief is built by the core (``BriefService``: the RM's own book, restored for them);
this module only renders it (``brief_blocks``) and posts it. A "draft it" click is run
through the core as a turn, exactly as if the RM had typed the draft request in the DM:
same masking, same entitlement, same audit.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from slack_sdk.web.async_client import AsyncWebClient

from assistant.brief.channels import BriefBuilder
from assistant.brief.model import Brief
from assistant.core.types import AssistantCore, Turn
from assistant.errors import FrontlineError
from assistant.outcomes import OutcomeRecorder, OutcomeRequest
from integrations.slack import blocks
from integrations.slack.brief_blocks import (
    brief_blocks,
    draft_request_of,
    fallback_text,
    home_notice,
    home_view,
    outcome_of,
)
from integrations.slack.listeners import NO_UNFURL, _call, conversation_id
from integrations.slack.phrases import language_of, say
from tools.bank.records import RMRecord

logger = logging.getLogger(__name__)


class SlackBriefChannel:
    """Delivers a brief as a DM to the RM's ``slack_user_id`` and refreshes their App Home."""

    name = "slack"

    def __init__(self, client: AsyncWebClient) -> None:
        self._client = client

    def reaches(self, rm: RMRecord) -> bool:
        return bool(rm.slack_user_id)

    async def send(self, rm: RMRecord, brief: Brief) -> None:
        if not rm.slack_user_id:
            raise ValueError(f"{rm.rm_id} has no slack_user_id")
        opened = await self._client.conversations_open(users=rm.slack_user_id)
        channel = opened["channel"]["id"]
        await self._client.chat_postMessage(
            channel=channel, text=fallback_text(brief), blocks=brief_blocks(brief), **NO_UNFURL
        )
        # The Home tab shows the current brief; the DM is what counts as delivered.
        await _call(
            "views.publish",
            self._client.views_publish(user_id=rm.slack_user_id, view=home_view(brief)),
        )

    async def notify(self, rm: RMRecord, text: str) -> None:
        """A plain DM line (a referral sent to them)."""
        if not rm.slack_user_id:
            raise ValueError(f"{rm.rm_id} has no slack_user_id")
        opened = await self._client.conversations_open(users=rm.slack_user_id)
        await self._client.chat_postMessage(channel=opened["channel"]["id"], text=text, **NO_UNFURL)


class SlackBriefListeners:
    """``app_home_opened``, the "draft it" button, and Done / Not now on a brief line."""

    def __init__(
        self,
        core: AssistantCore,
        briefs: Callable[[], BriefBuilder],
        zone: ZoneInfo,
        outcomes: Callable[[], OutcomeRecorder] | None = None,
    ) -> None:
        self.core = core
        self._briefs = briefs
        self._zone = zone
        self._outcomes = outcomes

    async def on_outcome(self, ack: Any, body: dict, action: dict, client: AsyncWebClient) -> None:
        """A Done click or a Not-now pick: recorded through the core as the RM (own book
        only), confirmed to them alone, and the Home tab refreshed without the line."""
        await ack()
        user = body.get("user", {}).get("id", "")
        team = (body.get("team") or {}).get("id") or "T0"
        marked = outcome_of(action.get("action_id", ""), action)
        if not user or marked is None or self._outcomes is None:
            return
        key = f"outcome:{team}:{user}:{action.get('action_ts') or body.get('trigger_id')}"
        if not await self.core.first_delivery("slack", key):
            return
        outcome, action_key, reason = marked
        rm_id = await self.core.resolve_rm("slack", user)
        language = "en" if (body.get("user") or {}).get("locale", "").startswith("en") else "zh"
        if rm_id is None:
            await self._confirm(client, body, user, say("unknown_user", language))
            return
        request = OutcomeRequest(outcome=outcome, reason=reason, language=language)  # type: ignore[arg-type]
        recorded = False
        try:
            reply = await self._outcomes().record(rm_id, action_key, request, "slack")
            text, recorded = reply.message, True
        except FrontlineError as exc:  # refused or malformed: a fixed line, never the detail
            logger.info("slack: outcome not recorded (%s)", type(exc).__name__)
            text = say("outcome_refused", language)
        await self._confirm(client, body, user, text)
        brief = await self._build(rm_id)
        if brief is not None:
            await _call("views.publish", client.views_publish(user_id=user, view=home_view(brief)))
            if recorded:
                await self._refresh_dm(client, body, brief)

    async def _refresh_dm(self, client: AsyncWebClient, body: dict, brief: Brief) -> None:
        """The brief's DM, clicked in today, redrawn as the brief now stands: the line marked
        leaves it, as it left the Home tab. An earlier day's DM stays as it was sent."""
        container = body.get("container") or {}
        channel, ts = container.get("channel_id"), container.get("message_ts")
        if container.get("type") != "message" or not channel or not ts:
            return  # clicked in the Home tab: republished above
        try:
            sent = datetime.fromtimestamp(float(ts), self._zone).date()
        except (TypeError, ValueError, OverflowError):
            return
        if sent != datetime.now(self._zone).date():
            return  # sent on another day: it stays as it went out (today's is the brief now)
        await _call(
            "chat.update",
            client.chat_update(
                channel=channel, ts=ts, text=fallback_text(brief), blocks=brief_blocks(brief)
            ),
        )

    async def _confirm(self, client: AsyncWebClient, body: dict, user: str, text: str) -> None:
        """The confirmation, to the RM alone: ephemeral in the DM the brief was in, or a DM
        line when the click came from the Home tab."""
        channel = (body.get("channel") or {}).get("id") or (body.get("container") or {}).get(
            "channel_id"
        )
        if channel:
            await _call(
                "chat.postEphemeral",
                client.chat_postEphemeral(
                    channel=channel, user=user, text=text, blocks=blocks.render_notice(text)
                ),
            )
            return
        opened = await _call("conversations.open", client.conversations_open(users=user))
        dm = (opened or {}).get("channel", {}).get("id")
        if dm:
            await self._post(client, dm, None, text)

    async def on_app_home_opened(self, event: dict, client: AsyncWebClient) -> None:
        user = event.get("user", "")
        if event.get("tab") != "home" or not user:
            return
        rm_id = await self.core.resolve_rm("slack", user)
        if rm_id is None:
            view = home_notice(say("unknown_user", "zh"))
        else:
            brief = await self._build(rm_id)
            view = home_view(brief) if brief else home_notice(say("error", "zh"))
        await _call("views.publish", client.views_publish(user_id=user, view=view))

    async def _build(self, rm_id: str) -> Brief | None:
        briefs = self._briefs()
        try:
            return await asyncio.to_thread(briefs.build, rm_id, briefs.today(), "zh", "slack")
        except Exception as exc:  # an admin has no book; anything else stays in the server log
            logger.warning("slack: brief for the Home tab not built (%s)", type(exc).__name__)
            return None

    async def on_draft(self, ack: Any, body: dict, action: dict, client: AsyncWebClient) -> None:
        await ack()
        user = body.get("user", {}).get("id", "")
        team = (body.get("team") or {}).get("id") or "T0"
        text = draft_request_of(action.get("value", ""))
        if not user or text is None:
            return
        key = f"draft:{team}:{user}:{action.get('action_ts') or body.get('trigger_id')}"
        if not await self.core.first_delivery("slack", key):
            return
        opened = await _call("conversations.open", client.conversations_open(users=user))
        dm = (opened or {}).get("channel", {}).get("id")
        if not dm:
            return
        rm_id = await self.core.resolve_rm("slack", user)
        language = language_of(text)
        if rm_id is None:
            await self._post(client, dm, None, say("unknown_user", language))
            return
        await self._draft(client, team, dm, user, rm_id, text)

    async def _draft(
        self, client: AsyncWebClient, team: str, dm: str, user: str, rm_id: str, text: str
    ) -> None:
        """The request as a DM line, the answer in its thread (one conversation per thread)."""
        language = language_of(text)
        root = await self._post(client, dm, None, text)
        placeholder = await self._post(client, dm, root, say("working", language)) if root else None
        if not (root and placeholder):
            return
        turn = Turn(
            text=text,
            channel="slack",
            rm_id=rm_id,
            channel_user_id=user,
            conversation_id=conversation_id(team, dm, root),
        )
        try:
            answer = await self.core.answer(turn)
            rendered = blocks.render_answer(answer)
            fallback = "Frontline 的回答" if answer.language == "zh" else "Frontline's answer"
        except Exception:
            logger.exception("slack: the core failed on a brief draft (turn %s)", turn.turn_id)
            rendered, fallback = (
                blocks.render_notice(say("error", language)),
                say("error", language),
            )
        await _call(
            "chat.update",
            client.chat_update(channel=dm, ts=placeholder, blocks=rendered, text=fallback),
        )

    async def _post(
        self, client: AsyncWebClient, channel: str, thread_ts: str | None, text: str
    ) -> str | None:
        kwargs: dict[str, Any] = {"thread_ts": thread_ts} if thread_ts else {}
        response = await _call(
            "chat.postMessage",
            client.chat_postMessage(
                channel=channel, text=text, blocks=blocks.render_notice(text), **kwargs, **NO_UNFURL
            ),
        )
        return response.get("ts") if response else None
