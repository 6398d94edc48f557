"""The shapes every channel shares: a ``Turn`` goes in, a stream of ``Event``s comes out,
the last of which carries the ``Answer`` (DESIGN §4.6)."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import date
from typing import Annotated, Literal, Protocol

from pydantic import BaseModel, Field

Channel = Literal["api", "widget", "slack", "teams", "cli", "eval"]
Intent = Literal[
    "serve_client",
    "draft_outreach",
    "client_facts",
    "book_query",
    "playbook_qa",
    "help",
    "out_of_scope",
    "meeting_prep",
]


def new_id(prefix: str) -> str:
    return f"{prefix}_{uuid.uuid4().hex[:20]}"


class Turn(BaseModel):
    """One question from one person on one channel. Adapters build it; only the core reads it.

    ``rm_id`` is set when the adapter already authenticated an RM (API token, CLI ``--as``);
    chat adapters set ``channel_user_id`` instead and the core maps it to an RM — an unknown
    channel user gets a polite refusal, never data.
    """

    text: str
    channel: Channel
    rm_id: str | None = None
    channel_user_id: str | None = None
    conversation_id: str | None = None  # None: start a new conversation
    language: Literal["zh", "en"] | None = None  # None: detect from the text
    engine: Literal["offline", "llm"] | None = None  # None: the configured default
    turn_id: str = Field(default_factory=lambda: new_id("turn"))


class Citation(BaseModel):
    n: int
    doc_id: str
    section: str
    score: float
    title: str | None = None
    effective_date: str | None = None
    stale: bool = False  # past its review date


class ToolCallRecord(BaseModel):
    name: str
    args: dict
    ok: bool


class ClientCard(BaseModel):
    """A client's headline facts, already restored for the requesting RM."""

    client_id: str
    name: str
    tier: str | None = None
    facts: list[str] = Field(default_factory=list)


class ActionItem(BaseModel):
    title: str
    reason: str
    due: str | None = None
    playbook: str | None = None
    action_key: str | None = None  # for "done" / "not now" (POST /v1/actions/{key}/outcome)


class DocumentLink(BaseModel):
    """A document the answer offers for download (a meeting prep as .docx). The URL is relative
    to the API and needs the caller's bearer token; its id opens for that RM only."""

    kind: str
    title: str
    url: str
    media_type: str
    expires_at: str | None = None


class ChartPoint(BaseModel):
    """One value of a chart, in long form (as Vega-Lite reads data): ``x`` on the axis, which
    ``series`` it belongs to, its ``value``."""

    x: str
    series: str
    value: float | None


class Chart(BaseModel):
    """A picture the answer carries (DESIGN §4.6 ``charts``), from the same masked data as its
    text: RM names, months, tiers and figures, never a client's name. ``alt`` is its text
    alternative, said in full; each channel renders it (``assistant.charts``)."""

    title: str
    kind: Literal["line", "bar"]
    alt: str
    data: list[ChartPoint]
    unit: str | None = None  # of the values ("万元", "%"): the y axis's label


class Answer(BaseModel):
    conversation_id: str
    turn_id: str
    text: str
    language: Literal["zh", "en"]
    engine: Literal["offline", "llm"]
    intent: str
    citations: list[Citation] = Field(default_factory=list)
    tool_calls: list[ToolCallRecord] = Field(default_factory=list)
    client_ids: list[str] = Field(default_factory=list)
    refused: bool = False
    refusal_reason: str | None = None
    flags: list[str] = Field(default_factory=list)
    latency_ms: int = 0
    cards: list[ClientCard] = Field(default_factory=list)
    actions: list[ActionItem] = Field(default_factory=list)
    documents: list[DocumentLink] = Field(default_factory=list)
    charts: list[Chart] = Field(default_factory=list)
    # The extract's as-of date when the answer stands on it (a client, the book): balances
    # and contacts in the answer are as of this day. None for an answer from playbooks alone.
    data_as_of: date | None = None


class StatusEvent(BaseModel):
    type: Literal["status"] = "status"
    text: str


class DeltaEvent(BaseModel):
    type: Literal["delta"] = "delta"
    text: str


class AnswerEvent(BaseModel):
    type: Literal["answer"] = "answer"
    answer: Answer


Event = Annotated[StatusEvent | DeltaEvent | AnswerEvent, Field(discriminator="type")]


class Feedback(BaseModel):
    conversation_id: str
    turn_id: str
    rating: Literal["up", "down"]
    comment: str | None = Field(default=None, max_length=2000)


class ConversationTurn(BaseModel):
    turn_id: str
    question: str  # restored for the owning RM
    answer: Answer


class Conversation(BaseModel):
    conversation_id: str
    rm_id: str
    channel: str
    turns: list[ConversationTurn]


class AssistantCore(Protocol):
    """The single entry point every channel uses."""

    def stream(self, turn: Turn) -> AsyncIterator[StatusEvent | DeltaEvent | AnswerEvent]: ...

    async def answer(self, turn: Turn) -> Answer: ...

    async def record_feedback(self, rm_id: str, feedback: Feedback, channel: str) -> bool:
        """Store feedback on one of the caller's own turns; False when no such turn."""
        ...

    async def conversation(self, rm_id: str, conversation_id: str) -> Conversation | None:
        """The caller's own conversation (masked in storage, restored for them), else None."""
        ...

    async def resolve_rm(self, channel: str, channel_user_id: str) -> str | None:
        """Map a Slack/Teams user to an RM id; None for an unknown user."""
        ...

    async def first_delivery(self, channel: str, key: str) -> bool:
        """True the first time (channel, key) is seen across all replicas; False for a retry or
        a second delivery of the same event (Slack retries, message + app_mention twins)."""
        ...

    async def link_replies(self, channel: str, message_ids: list[str], turn_id: str) -> None:
        """Remember that these posted messages carried ``turn_id`` (shared by all replicas)."""
        ...

    async def turn_of_reply(self, channel: str, message_id: str) -> tuple[str, str] | None:
        """(conversation_id, turn_id) a posted message carried, for feedback that cites only
        the message (Teams' built-in buttons); None when unknown."""
        ...
