"""The one fake ``AssistantCore``: every adapter's tests use it (API, widget, Slack, Teams, the
eval runner), and so does the API load benchmark's edge-only mode. It implements the real protocol — mypy checks it against ``AssistantCore`` below — and
keeps the core's bookkeeping (conversations owned by an RM, feedback only on one's own turns,
first delivery, reply links); what it *says* comes from a script, one per suite:

- ``chat_answer`` (default): a Chinese answer with a client card, an action and a citation;
- ``tests.api.fakes.api_answer``: an English answer that echoes the question;
- ``tests.evals.fakes.eval_answer``: canned answers to the eval cases' questions;
- ``benchmarks.api_load.echo``: the question back.

Knobs: ``users`` maps (channel, user) to an RM; ``known_rms`` makes an unknown RM a
``UserError`` as in the real core; ``delay_s`` before the answer, ``delta_delay_s`` between
deltas; ``fail`` (every turn) or ``fail_next_streams`` (that many) break after two deltas with
internal detail the edge must never show; ``lookup_error`` is raised by ``conversation()``.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator, Callable
from contextlib import aclosing
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

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
from assistant.errors import UserError

if TYPE_CHECKING:
    from assistant.core.types import AssistantCore

Script = Callable[[Turn], Answer]

SECRET_FACT = "存款 1,234 万元"  # client data the tests hunt for in places it must not appear
SECRET_DETAIL = "password=hunter2 at db-internal.bank.local:5432"  # must never reach a user
BREAK_AFTER_DELTAS = 2
STATUS = "正在检索服务标准…"


class CoreBroke(RuntimeError):
    """What a broken dependency inside the core looks like to the adapter."""


def chat_answer(turn: Turn, **overrides: Any) -> Answer:
    """A grounded answer with a client card, an action and a citation."""
    values: dict[str, Any] = dict(
        conversation_id=turn.conversation_id or "conv_new",
        turn_id=turn.turn_id,
        text="**华东精密**是战略客户，建议本周回访。\n- 代发工资\n- 存款到期提醒",
        language="zh",
        engine="offline",
        intent="serve_client",
        client_ids=["C000123"],
        cards=[
            ClientCard(client_id="C000123", name="华东精密", tier="战略客户", facts=[SECRET_FACT])
        ],
        actions=[ActionItem(title="本周回访", reason="存款下月到期", due="2026-07-01")],
        citations=[
            Citation(
                n=1,
                doc_id="tiering/service-standards",
                section="战略客户 > 服务频次",
                score=0.8,
                title="服务标准",
            )
        ],
    )
    values.update(overrides)
    return Answer(**values)


@dataclass
class FakeCore:
    script: Script = chat_answer
    users: dict[tuple[str, str], str] = field(default_factory=dict)  # (channel, user) -> RM
    known_rms: frozenset[str] | None = None
    delay_s: float = 0.0
    delta_delay_s: float = 0.0
    fail: bool = False
    fail_next_streams: int = 0
    lookup_error: Exception | None = None
    # what it was asked and what it keeps
    turns: list[Turn] = field(default_factory=list)
    feedback: list[tuple[str, Feedback, str]] = field(default_factory=list)
    conversations: dict[str, Conversation] = field(default_factory=dict)
    replies: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)
    active: int = 0  # turns in flight now, and at most (the runner's worker limit)
    peak: int = 0
    _seen: set[tuple[str, str]] = field(default_factory=set)

    async def stream(self, turn: Turn) -> AsyncGenerator[StatusEvent | DeltaEvent | AnswerEvent]:
        self.turns.append(turn)
        rm_id = self._caller(turn)
        breaks = self.fail or self.fail_next_streams > 0
        self.fail_next_streams -= int(self.fail_next_streams > 0)
        self.active += 1
        self.peak = max(self.peak, self.active)
        try:
            yield StatusEvent(text=STATUS)
            await asyncio.sleep(self.delay_s)
            conversation = self._conversation_for(turn, rm_id)
            answer = self.script(turn).model_copy(
                update={"conversation_id": conversation.conversation_id, "turn_id": turn.turn_id}
            )
            for n, chunk in enumerate(answer.text.splitlines(keepends=True)):
                if breaks and n == BREAK_AFTER_DELTAS:
                    raise CoreBroke(SECRET_DETAIL)
                await asyncio.sleep(self.delta_delay_s)
                yield DeltaEvent(text=chunk)
            if breaks:
                raise CoreBroke(SECRET_DETAIL)
            conversation.turns.append(
                ConversationTurn(turn_id=turn.turn_id, question=turn.text, answer=answer)
            )
            yield AnswerEvent(answer=answer)
        finally:
            self.active -= 1

    async def answer(self, turn: Turn) -> Answer:
        async with aclosing(self.stream(turn)) as events:  # closed: the turn is over
            async for event in events:
                if isinstance(event, AnswerEvent):
                    return event.answer
        raise CoreBroke("stream ended without an answer")

    async def record_feedback(self, rm_id: str, feedback: Feedback, channel: str) -> bool:
        conversation = self.conversations.get(feedback.conversation_id)
        if conversation is None or conversation.rm_id != rm_id:
            return False
        if all(t.turn_id != feedback.turn_id for t in conversation.turns):
            return False
        self.feedback.append((rm_id, feedback, channel))
        return True

    async def conversation(self, rm_id: str, conversation_id: str) -> Conversation | None:
        if self.lookup_error is not None:
            raise self.lookup_error
        conversation = self.conversations.get(conversation_id)
        return conversation if conversation is not None and conversation.rm_id == rm_id else None

    async def resolve_rm(self, channel: str, channel_user_id: str) -> str | None:
        return self.users.get((channel, channel_user_id))

    async def first_delivery(self, channel: str, key: str) -> bool:
        if (channel, key) in self._seen:
            return False
        self._seen.add((channel, key))
        return True

    async def link_replies(self, channel: str, message_ids: list[str], turn_id: str) -> None:
        conversation_id = next(
            c.conversation_id
            for c in self.conversations.values()
            if any(t.turn_id == turn_id for t in c.turns)
        )
        for message_id in message_ids:
            self.replies.setdefault((channel, message_id), (conversation_id, turn_id))

    async def turn_of_reply(self, channel: str, message_id: str) -> tuple[str, str] | None:
        return self.replies.get((channel, message_id))

    # --- bookkeeping ------------------------------------------------------------------------

    def _caller(self, turn: Turn) -> str:
        rm_id = turn.rm_id or self.users.get((turn.channel, turn.channel_user_id or ""))
        if rm_id is None or (self.known_rms is not None and rm_id not in self.known_rms):
            raise UserError(f"unknown RM {rm_id!r}")
        return rm_id

    def _conversation_for(self, turn: Turn, rm_id: str) -> Conversation:
        """The turn's conversation when it is the caller's own; otherwise a new one (a foreign
        conversation id never continues someone else's conversation)."""
        existing = self.conversations.get(turn.conversation_id or "")
        if existing is not None and existing.rm_id == rm_id:
            return existing
        conversation_id = (
            turn.conversation_id if turn.conversation_id and existing is None else new_id("conv")
        )
        conversation = Conversation(
            conversation_id=conversation_id, rm_id=rm_id, channel=turn.channel, turns=[]
        )
        self.conversations[conversation_id] = conversation
        return conversation


if TYPE_CHECKING:
    _checked_against_the_protocol: AssistantCore = FakeCore()
