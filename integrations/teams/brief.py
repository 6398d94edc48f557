"""The morning brief in Teams: a proactive message (an Adaptive Card) to the RM's personal
chat, through the conversation reference saved when the RM first wrote to the bot."""

from __future__ import annotations

import asyncio
from typing import Any

from microsoft_agents.activity import ConversationReference
from microsoft_agents.hosting.core import CardFactory, MessageFactory, TurnContext
from microsoft_agents.hosting.fastapi import CloudAdapter

from assistant.brief.model import Brief
from assistant.storage.channel_addresses import ChannelAddresses
from integrations.teams.brief_card import brief_card, summary
from tools.bank.records import RMRecord

CHANNEL = "teams"


class NoConversation(RuntimeError):
    """The RM has not written to the bot yet: Teams allows no first message from a bot."""


class TeamsBriefChannel:
    name = CHANNEL

    def __init__(self, adapter: CloudAdapter, app_id: str, addresses: ChannelAddresses) -> None:
        self._adapter = adapter
        self._app_id = app_id
        self._addresses = addresses

    def reaches(self, rm: RMRecord) -> bool:
        return self._addresses.get(CHANNEL, rm.rm_id) is not None

    async def send(self, rm: RMRecord, brief: Brief) -> None:
        message = MessageFactory.attachment(CardFactory.adaptive_card(brief_card(brief)))
        message.summary = summary(brief)
        await self._post(rm, message)

    async def notify(self, rm: RMRecord, text: str) -> None:
        """A plain line to the RM's personal chat (a referral sent to them)."""
        await self._post(rm, MessageFactory.text(text))

    async def _post(self, rm: RMRecord, message: Any) -> None:
        address = await asyncio.to_thread(self._addresses.get, CHANNEL, rm.rm_id)
        if address is None:
            raise NoConversation(rm.rm_id)
        reference = ConversationReference.model_validate(address)

        failed: list[Exception] = []

        async def post(context: TurnContext) -> None:
            # The adapter hands an error raised here to its turn-error hook and returns
            # normally; the send run must see it, or a brief never sent counts as sent.
            try:
                await context.send_activity(message)
            except Exception as exc:
                failed.append(exc)

        continuation = reference.get_continuation_activity()
        # Without an id the SDK posts a new message to the conversation; with the random id
        # it gives, it would "reply" to an activity Teams never saw.
        continuation.id = None
        await self._adapter.continue_conversation(self._app_id, continuation, post)
        if failed:
            raise failed[0]
