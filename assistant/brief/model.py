"""The brief as every channel receives it (JSON for the widget, text for a chat message)."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

from assistant.core.types import Citation

Day = date  # the field named ``date`` shadows the type in the class body
Section = Literal["due_today", "overdue", "maturing", "actions"]
SECTIONS: tuple[Section, ...] = ("due_today", "overdue", "maturing", "actions")


class BriefItem(BaseModel):
    """One line of a brief, already restored for its reader."""

    section: Section
    client_id: str
    text: str  # the line as shown, with the client's display name and its citation mark
    signal_kind: str | None = None
    action_kind: str | None = None
    due_date: date | None = None
    days_overdue: int | None = None
    playbook: str
    citation: int  # the ``n`` of the brief's citation for ``playbook``
    draft_request: str | None = None  # what to ask to have the action drafted ("draft it")
    # What "done" / "not now" on this line is about (POST /v1/actions/{key}/outcome).
    action_key: str | None = None


class TeamMember(BaseModel):
    """A team lead's view of one RM: open gaps as counts, and the due items a lead may read."""

    rm_id: str
    name: str
    due_today: int = 0
    overdue: int = 0
    maturing: int = 0
    items: list[BriefItem] = Field(default_factory=list)
    # The RM's outcomes over the outcome policy's window: done, and not now by reason code.
    done: int = 0
    not_now: dict[str, int] = Field(default_factory=dict)


class OutcomeReason(BaseModel):
    """A reason an RM may give for "not now", as the channels' reason picker shows it."""

    code: str
    label: str
    hide_days: int


class Brief(BaseModel):
    brief_id: str
    rm_id: str
    role: Literal["rm", "team_lead"]
    date: date
    working_day: bool
    # The extract's as-of date; the text says so when it is older than the last working day.
    data_as_of: Day | None = None
    language: Literal["zh", "en"]
    text: str
    items: list[BriefItem] = Field(default_factory=list)
    team: list[TeamMember] = Field(default_factory=list)
    citations: list[Citation] = Field(default_factory=list)
    flags: list[str] = Field(default_factory=list)
    # The reasons for "not now" (empty where outcomes are not kept).
    reasons: list[OutcomeReason] = Field(default_factory=list)
