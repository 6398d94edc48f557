"""Agents SDK route handlers: a Teams activity in, a ``Turn`` to the core, an Adaptive Card back.

Privacy choice: client answers go only to personal (1:1) chats. A mention in a channel or a
group chat gets a short note asking the RM to use the personal chat; the question is not sent
to the core, so nothing about a client can land where colleagues read along.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
from collections.abc import Awaitable, Callable
from typing import Any, Literal

from microsoft_agents.activity import Activity, ActivityTypes, InvokeResponse
from microsoft_agents.hosting.core import (
    AgentApplication,
    CardFactory,
    MessageFactory,
    TurnContext,
    TurnState,
)

from assistant.core.types import Answer, AnswerEvent, AssistantCore, Feedback, Turn
from assistant.errors import FrontlineError
from assistant.outcomes import OutcomeRecorder, OutcomeRequest
from assistant.storage.channel_addresses import ChannelAddresses
from integrations.documents import PrepSource, prep_ids
from integrations.teams import cards, files
from integrations.teams.brief_card import draft_request_from_submit, outcome_from_submit
from integrations.teams.phrases import both, language_of, say

logger = logging.getLogger(__name__)

_AT_TAG = re.compile(r"<at>.*?</at>", re.IGNORECASE | re.DOTALL)


def strip_mentions(text: str | None) -> str:
    return _AT_TAG.sub(" ", text or "").replace("&nbsp;", " ").strip()


def conversation_id(activity: Activity) -> str:
    """One Frontline conversation per Teams conversation (a personal chat, or a channel thread,
    whose id carries ``;messageid=``)."""
    tenant = activity.conversation.tenant_id or "-"
    return f"teams:{tenant}:{activity.conversation.id}"


class TeamsHandlers:
    """The handlers the ``AgentApplication`` routes to. They translate; the core decides.

    ``emulator_users``: in anonymous development mode the Bot Framework Emulator, which sends
    no ``aadObjectId``, is identified by its user id (``from.id``, set under the Emulator's
    "Use a custom user ID"); the RM's ``teams_aad_id`` in rms.csv holds that id.

    ``addresses``: where the conversation reference of an RM's personal chat is kept, so the
    morning brief can be sent there unprompted (Teams lets a bot write first only there).
    """

    def __init__(
        self,
        core: AssistantCore,
        *,
        emulator_users: bool = False,
        addresses: ChannelAddresses | None = None,
        outcomes: Callable[[], OutcomeRecorder] | None = None,
        prep: Callable[[], PrepSource] | None = None,
        upload_allowed: Callable[[str], bool] = lambda _url: False,
    ) -> None:
        self.core = core
        self.emulator_users = emulator_users
        self.addresses = addresses
        self.outcomes = outcomes  # Done / Not now on a brief line; None: not recorded here
        self.prep = prep  # meeting-prep documents offered as files; None: none are offered
        self.upload_allowed = upload_allowed  # where a consented file may be PUT

    def register(self, app: AgentApplication[TurnState]) -> None:
        app.conversation_update("membersAdded")(self.on_members_added)
        app.invoke("message/submitAction")(self.on_submit_action)
        app.invoke(files.INVOKE)(self.on_file_consent)
        app.activity(ActivityTypes.message)(self.on_message)
        app.error(self.on_error)

    # --- routes ----------------------------------------------------------------------------

    async def on_members_added(self, context: TurnContext, _state: TurnState) -> None:
        bot_id = context.activity.recipient.id if context.activity.recipient else None
        for member in context.activity.members_added or []:
            if member.id != bot_id:
                await context.send_activity(MessageFactory.text(both("welcome")))

    async def on_message(self, context: TurnContext, _state: TurnState) -> None:
        activity = context.activity
        submitted = cards.feedback_from_submit(activity.value)
        if submitted is not None:
            await self._card_feedback(context, *submitted)
            return
        marked = outcome_from_submit(activity.value)
        if marked is not None:
            await self._outcome(context, *marked)
            return
        if not await self.core.first_delivery("teams", f"{activity.conversation.id}:{activity.id}"):
            logger.info("teams: duplicate delivery of activity %s ignored", activity.id)
            return
        # A brief's "draft it" button: its request, as if the RM had typed it.
        text = draft_request_from_submit(activity.value) or strip_mentions(activity.text)
        language = language_of(text)
        rm_id = await self._rm_of(activity)
        if rm_id is None:
            await context.send_activity(MessageFactory.text(say("unknown_user", language)))
            return
        if activity.conversation.conversation_type not in (None, "personal"):
            await context.send_activity(MessageFactory.text(say("use_personal_chat", language)))
            return
        await self._remember(activity, rm_id)
        if not text:
            await context.send_activity(MessageFactory.text(say("empty", language)))
            return
        turn = Turn(
            text=text,
            channel="teams",
            rm_id=rm_id,
            channel_user_id=activity.from_property.aad_object_id,
            conversation_id=conversation_id(activity),
        )
        await self._answer(context, turn, language)

    async def on_submit_action(self, context: TurnContext, _state: TurnState) -> None:
        """Teams' built-in thumbs up/down (``message/submitAction``, ``actionName: feedback``)."""
        value = context.activity.value if isinstance(context.activity.value, dict) else {}
        if value.get("actionName") == "feedback":
            action = value.get("actionValue") or {}
            rating: Literal["up", "down"] = "up" if action.get("reaction") == "like" else "down"
            # Teams' own buttons (feedbackLoopEnabled) cite only the bot message's id; the
            # core maps it to the turn, whichever replica posted the message.
            reply_to = context.activity.reply_to_id
            ids = await self.core.turn_of_reply("teams", reply_to) if reply_to else None
            rm_id = await self._rm_of(context.activity)
            if ids and rm_id:
                feedback = Feedback(
                    conversation_id=ids[0], turn_id=ids[1], rating=rating, comment=_comment(action)
                )
                await self._store(rm_id, feedback)
            else:
                logger.info("teams: feedback for an unknown reply or user ignored")
        await context.send_activity(
            Activity(type=ActivityTypes.invoke_response, value=InvokeResponse(status=200, body={}))
        )

    async def on_error(self, context: TurnContext, error: Exception) -> None:
        logger.error("teams: turn failed (%s)", type(error).__name__, exc_info=error)
        if context.activity.type != ActivityTypes.message:
            return
        try:  # a generic line; the exception text stays in the server log
            await context.send_activity(MessageFactory.text(both("error")))
        except Exception as exc:
            logger.warning("teams: could not send the error notice (%s)", type(exc).__name__)

    async def _remember(self, activity: Activity, rm_id: str) -> None:
        """Keep the personal chat's reference for proactive messages. A storage error costs
        the next brief on Teams, never the answer."""
        if self.addresses is None:
            return
        reference = activity.get_conversation_reference()
        address = reference.model_dump(mode="json", by_alias=True, exclude_none=True)
        try:
            await asyncio.to_thread(self.addresses.save, "teams", rm_id, address)
        except Exception as exc:
            logger.warning("teams: conversation reference not saved (%s)", type(exc).__name__)

    # --- one question in a personal chat --------------------------------------------------

    async def _answer(self, context: TurnContext, turn: Turn, language: str) -> None:
        """Stream progress (Teams' informative updates), then the final message with the card.

        Only the final, guarded ``Answer`` is shown: text deltas are not forwarded, so nothing
        the core's output guard would have withheld is ever displayed mid-stream.
        """
        stream = context.streaming_response
        sent_ids: list[str] = []
        context.on_send_activities(_collect_ids(sent_ids))
        stream.queue_informative_update(say("working", language))
        answer = await self._ask(turn)
        if answer is None:
            stream.queue_text_chunk(say("error", language))
            await stream.end_stream()
            return
        stream.queue_text_chunk(cards.teams_text(answer.text))
        if not answer.refused:
            card = cards.answer_card(answer, include_text=False)
            stream.set_attachments([CardFactory.adaptive_card(card)])
            stream.set_feedback_loop(True)
        await stream.end_stream()
        if sent_ids:  # every id of the stream, the final message's included
            await self.core.link_replies("teams", sent_ids, answer.turn_id)
        await self._offer_documents(context, answer, turn)

    # --- a meeting prep as a file (consent card, then the upload) ---------------------------

    async def _offer_documents(self, context: TurnContext, answer: Answer, turn: Turn) -> None:
        """A consent card per document the answer offers; the file itself goes only on Allow.
        Built now only to say its size: nothing leaves until the RM consents."""
        ids = prep_ids(answer) if self.prep is not None and not answer.refused else []
        for doc_id in ids:
            built = await self._document(str(turn.rm_id), doc_id)
            if built is None:
                continue
            name, data = built
            card = files.consent_card(name, len(data), doc_id, say("file_offer", answer.language))
            await context.send_activity(Activity(type=ActivityTypes.message, attachments=[card]))

    async def on_file_consent(self, context: TurnContext, _state: TurnState) -> None:
        """The RM's Allow (upload, then show the file) or Decline on a consent card."""
        activity = context.activity
        language = "en" if (activity.locale or "").startswith("en") else "zh"
        action, doc_id, info = files.consent_reply(activity.value)
        rm_id = await self._rm_of(activity)
        text: str | None = None
        if action == "decline":
            text = say("file_declined", language)
        elif action == "accept" and doc_id and rm_id:
            text = await self._deliver(context, rm_id, doc_id, info, language)
        elif action == "accept":
            text = say("file_gone", language)
        if text:
            await context.send_activity(MessageFactory.text(text))
        await context.send_activity(
            Activity(type=ActivityTypes.invoke_response, value=InvokeResponse(status=200, body={}))
        )

    async def _deliver(
        self, context: TurnContext, rm_id: str, doc_id: str, info: dict, language: str
    ) -> str | None:
        """Upload the document to the URL Teams gave, then show it; a line to say when not."""
        url = str(info.get("uploadUrl") or "")
        if not self.upload_allowed(url):
            logger.warning("teams: file consent with an upload URL outside the allow-list")
            return say("file_failed", language)
        built = await self._document(rm_id, doc_id)
        if built is None:
            return say("file_gone", language)
        if not await files.upload(url, built[1]):
            return say("file_failed", language)
        card = files.file_info_card(info)
        await context.send_activity(Activity(type=ActivityTypes.message, attachments=[card]))
        return None

    async def _document(self, rm_id: str, doc_id: str) -> tuple[str, bytes] | None:
        if self.prep is None:
            return None
        try:
            return await self.prep().docx(rm_id, doc_id, "teams")
        except Exception as exc:  # a document that cannot be built costs the file, not the chat
            logger.warning("teams: prep document not built (%s)", type(exc).__name__)
            return None

    async def _ask(self, turn: Turn) -> Answer | None:
        try:
            async for event in self.core.stream(turn):
                if isinstance(event, AnswerEvent):
                    return event.answer
        except Exception:
            logger.exception("teams: the core failed on turn %s", turn.turn_id)
        return None

    # --- Done / Not now on a brief line -------------------------------------------------------

    async def _outcome(
        self, context: TurnContext, outcome: str, key: str, reason: str | None
    ) -> None:
        """Recorded through the core as the RM (own book only), confirmed in the chat."""
        activity = context.activity
        if not await self.core.first_delivery("teams", f"{activity.conversation.id}:{activity.id}"):
            return
        language = (activity.locale or "zh").split("-")[0]
        language = "en" if language == "en" else "zh"
        rm_id = await self._rm_of(activity)
        if rm_id is None or self.outcomes is None:
            await context.send_activity(MessageFactory.text(say("unknown_user", language)))
            return
        if outcome == "not_now" and reason is None:
            await context.send_activity(MessageFactory.text(say("outcome_reason", language)))
            return
        request = OutcomeRequest(outcome=outcome, reason=reason, language=language)  # type: ignore[arg-type]
        try:
            text = (await self.outcomes().record(rm_id, key, request, "teams")).message
        except FrontlineError as exc:  # refused or malformed: a fixed line, never the detail
            logger.info("teams: outcome not recorded (%s)", type(exc).__name__)
            text = say("outcome_refused", language)
        await context.send_activity(MessageFactory.text(text))

    # --- feedback ---------------------------------------------------------------------------

    async def _card_feedback(
        self, context: TurnContext, conv_id: str, turn_id: str, rating: Literal["up", "down"]
    ) -> None:
        rm_id = await self._rm_of(context.activity)
        if rm_id is None:
            await context.send_activity(MessageFactory.text(both("unknown_user")))
            return
        stored = await self._store(
            rm_id, Feedback(conversation_id=conv_id, turn_id=turn_id, rating=rating)
        )
        await context.send_activity(
            MessageFactory.text(both("thanks" if stored else "feedback_unknown"))
        )

    async def _store(self, rm_id: str, feedback: Feedback) -> bool:
        try:
            return await self.core.record_feedback(rm_id, feedback, "teams")
        except Exception:
            logger.exception("teams: recording feedback failed")
            return False

    async def _rm_of(self, activity: Activity) -> str | None:
        user = activity.from_property
        aad_id = user.aad_object_id if user else None
        if user and not aad_id and self.emulator_users and activity.channel_id == "emulator":
            aad_id = user.id
        return await self.core.resolve_rm("teams", aad_id) if aad_id else None


def _collect_ids(ids: list[str]) -> Callable[..., Awaitable[Any]]:
    """A send hook noting the ids Teams gives our replies; its feedback invokes cite them."""

    async def hook(
        _context: TurnContext, activities: list[Activity], send: Callable[[], Awaitable[Any]]
    ) -> Any:
        responses = await send()
        ids.extend(str(r.id) for r in responses or [] if getattr(r, "id", None))
        ids.extend(str(a.id) for a in activities if a.id)
        return responses

    return hook


def _comment(action_value: dict) -> str | None:
    """Teams sends the free-text box as a JSON string: ``{"feedbackText": "..."}``."""
    try:
        text = json.loads(action_value.get("feedback") or "{}").get("feedbackText")
    except (ValueError, AttributeError):
        return None
    return str(text)[:2000] if text else None
