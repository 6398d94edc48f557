"""A fake ``AssistantCore``: the real protocol, scripted behaviour, and a record of what it
was asked. Used by the API tests, the browser tests and nothing else."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

from assistant.core.types import (
    ActionItem,
    Answer,
    AnswerEvent,
    Citation,
    ClientCard,
    Conversation,
    ConversationTurn,
    DeltaEvent,
    Feedback,
    StatusEvent,
    Turn,
    new_id,
)
from assistant.errors import UpstreamError

ANSWER_CHUNKS = (
    "**华东精密** is a strategic client. ",
    "Serve them on these points:\n",
    "- Review the payroll (代发) plan [1]\n",
    "- Book a quarterly visit per the service standard [2]\n",
    "Their deposit matures next month.",
)
SECRET_DETAIL = "password=hunter2 at db-internal.bank.local:5432"


class CoreBroke(RuntimeError):
    """What a broken dependency inside the core looks like to the adapter."""


class FakeCore:
    """Streams a status, a few deltas and an Answer; records turns, conversations, feedback.

    Message words steer the answer: ``fallback`` adds ``engine:fallback``, ``guard`` adds a
    guard flag, ``refuse`` declines. ``fail_next_streams`` makes that many of the next
    streams fail after two deltas (the browser tests' dropped stream).
    """

    def __init__(self, *, delta_delay_s: float = 0.0) -> None:
        self.delta_delay_s = delta_delay_s
        self.fail_next_streams = 0
        self.turns: list[Turn] = []
        self.feedback: list[tuple[str, Feedback, str]] = []
        self.conversations: dict[str, Conversation] = {}

    async def stream(self, turn: Turn) -> AsyncIterator[StatusEvent | DeltaEvent | AnswerEvent]:
        self.turns.append(turn)
        fail = self.fail_next_streams > 0
        self.fail_next_streams -= int(fail)
        yield StatusEvent(text="Searching playbooks…")
        for i, chunk in enumerate(self._chunks(turn)):
            if fail and i == 2:
                raise CoreBroke(SECRET_DETAIL)
            await asyncio.sleep(self.delta_delay_s)
            yield DeltaEvent(text=chunk)
        yield AnswerEvent(answer=self._finish(turn))

    async def answer(self, turn: Turn) -> Answer:
        async for event in self.stream(turn):
            if isinstance(event, AnswerEvent):
                return event.answer
        raise CoreBroke("stream ended without an answer")

    async def record_feedback(self, rm_id: str, feedback: Feedback, channel: str) -> bool:
        conv = self.conversations.get(feedback.conversation_id)
        if conv is None or conv.rm_id != rm_id:
            return False
        if all(t.turn_id != feedback.turn_id for t in conv.turns):
            return False
        self.feedback.append((rm_id, feedback, channel))
        return True

    async def conversation(self, rm_id: str, conversation_id: str) -> Conversation | None:
        conv = self.conversations.get(conversation_id)
        return conv if conv is not None and conv.rm_id == rm_id else None

    async def resolve_rm(self, channel: str, channel_user_id: str) -> str | None:
        return None

    async def first_delivery(self, channel: str, key: str) -> bool:
        return True

    async def link_replies(self, channel: str, message_ids: list[str], turn_id: str) -> None:
        return None  # the API has no platform message ids

    async def turn_of_reply(self, channel: str, message_id: str) -> tuple[str, str] | None:
        return None

    # --- scripted content ---------------------------------------------------------------
    def _chunks(self, turn: Turn) -> list[str]:
        # Echo the question so tests can check that hostile text is rendered inertly.
        return [f"You asked: {turn.text}\n\n", *ANSWER_CHUNKS]

    def _finish(self, turn: Turn) -> Answer:
        conv = self._conversation_for(turn)
        answer = Answer(
            conversation_id=conv.conversation_id,
            turn_id=turn.turn_id,
            text="".join(self._chunks(turn)),
            language=turn.language or "en",
            engine="offline",
            intent="serve_client",
            citations=_CITATIONS,
            client_ids=["C000123"],
            cards=[_CARD],
            actions=[_ACTION],
            flags=self._flags(turn.text),
            refused="refuse" in turn.text,
            refusal_reason="outside_book" if "refuse" in turn.text else None,
        )
        conv.turns.append(ConversationTurn(turn_id=turn.turn_id, question=turn.text, answer=answer))
        return answer

    def _conversation_for(self, turn: Turn) -> Conversation:
        existing = self.conversations.get(turn.conversation_id or "")
        if existing is not None and existing.rm_id == turn.rm_id:
            return existing
        conv = Conversation(
            conversation_id=new_id("conv"), rm_id=turn.rm_id or "?", channel=turn.channel, turns=[]
        )
        self.conversations[conv.conversation_id] = conv
        return conv

    @staticmethod
    def _flags(text: str) -> list[str]:
        flags = []
        if "fallback" in text:
            flags.append("engine:fallback")
        if "guard" in text:
            flags += ["guard:foreign_token", "compliance:guaranteed_return"]
        return flags


class SlowCore(FakeCore):
    """Sleeps between deltas so a client sees partial text before the end."""

    def __init__(self, delta_delay_s: float = 0.4) -> None:
        super().__init__(delta_delay_s=delta_delay_s)


class FailingCore(FakeCore):
    """Fails every turn mid-stream with internal detail the edge must never reveal; also
    fails lookups with a Frontline error that maps to a status code."""

    async def stream(self, turn: Turn) -> AsyncIterator[StatusEvent | DeltaEvent | AnswerEvent]:
        self.fail_next_streams = 1
        async for event in super().stream(turn):
            yield event

    async def conversation(self, rm_id: str, conversation_id: str) -> Conversation | None:
        raise UpstreamError(f"conversation store down: {SECRET_DETAIL}")


_CITATIONS = [
    Citation(
        n=1,
        doc_id="products/payroll",
        section="代发工资 > 方案设计",
        score=0.83,
        title="Payroll services playbook",
        effective_date="2026-01-01",
    ),
    Citation(
        n=2,
        doc_id="tiering/service-standards",
        section="战略客户 > 服务频次",
        score=0.77,
        title="Service standards by tier",
        effective_date="2025-06-30",
        stale=True,
    ),
]
_CARD = ClientCard(
    client_id="C000123",
    name="华东精密",
    tier="strategic",
    facts=["Avg daily deposit ¥12.4m (−18% m/m)", "Payroll: not with us"],
)
_ACTION = ActionItem(
    title="Propose payroll services",
    reason="Deposit churn signal this month",
    due="2026-12-15",
    playbook="products/payroll",
)
