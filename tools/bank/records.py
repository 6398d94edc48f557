"""Plain records the rest of Frontline reads — not ORM objects, so a bank can back the
repository with its CRM's API instead of the imported extract."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

Day = date  # a field named ``date`` shadows the type in a class body


@dataclass(frozen=True)
class RMRecord:
    rm_id: str
    name: str
    team_id: str
    branch: str
    role: str  # rm | team_lead | branch_head | admin
    slack_user_id: str | None = None
    teams_aad_id: str | None = None
    email: str | None = None


@dataclass(frozen=True)
class ContactRecord:
    client_id: str
    name: str
    title: str
    phone: str | None = None
    email: str | None = None
    id_number: str | None = None
    is_primary: bool = False
    attributes: dict = field(default_factory=dict)  # extra columns (consent, opt-out)


@dataclass(frozen=True)
class ClientRecord:
    client_id: str
    client_type: str  # corporate | retail
    name: str
    rm_id: str
    branch: str
    onboard_date: date
    industry: str | None = None
    registration_id: str | None = None
    risk_rating: str | None = None
    risk_appetite: str | None = None
    annual_revenue: float | None = None
    employees: int | None = None
    phone: str | None = None
    email: str | None = None
    address: str | None = None
    attributes: dict = field(default_factory=dict)


@dataclass(frozen=True)
class ProductRecord:
    product_code: str
    name: str
    category: str
    risk_level: str
    segment: str
    min_amount: float | None = None
    description: str | None = None
    name_en: str | None = None


@dataclass(frozen=True)
class HoldingRecord:
    client_id: str
    product_code: str
    balance: float
    opened_date: date
    account_no: str | None = None
    maturity_date: date | None = None


@dataclass(frozen=True)
class BalanceRecord:
    client_id: str
    month: str
    avg_daily_deposit: float
    loan_balance: float
    transaction_count: int | None = None


@dataclass(frozen=True)
class InteractionRecord:
    client_id: str
    date: date
    rm_id: str
    channel: str
    summary: str


@dataclass(frozen=True)
class ComplaintRecord:
    complaint_id: str
    client_id: str
    date: date
    channel: str
    category: str
    status: str
    due_date: Day
    summary: str | None = None
    closed_date: Day | None = None
    first_contact_resolved: bool | None = None


@dataclass(frozen=True)
class SurveyRecord:
    client_id: str
    date: date
    score: float
    scale: int | None = None
    channel: str | None = None
    comment: str | None = None


@dataclass(frozen=True)
class RelationshipRecord:
    """A link from the optional relationships.csv: ``client_id`` employs / shares a household
    or a group with ``related_client_id`` (``role``: the related client's role there)."""

    client_id: str
    related_client_id: str
    relation: str
    role: str | None = None


@dataclass(frozen=True)
class CapturedNote:
    """An interaction an RM captured in chat, with the raw values they typed (bank data layer
    only). ``note_id`` travels with the export so a re-imported extract that already carries
    the note supersedes it instead of counting it twice."""

    note_id: str
    client_id: str
    date: date
    rm_id: str
    channel: str
    summary: str
    contact: str | None = None
    client_said: str | None = None
    next_step: str | None = None
    due_date: Day | None = None
    captured_at: datetime | None = None

    def as_interaction(self) -> InteractionRecord:
        return InteractionRecord(self.client_id, self.date, self.rm_id, self.channel, self.summary)


@dataclass(frozen=True)
class ActionOutcome:
    """What an RM did about a suggested action: ``done``, or ``not_now`` with a reason code
    and the day the action shows again. ``note`` is the RM's free text with identifiers in
    their partial display form (as a captured note keeps them); ``undone_at`` is set when the
    RM took the outcome back."""

    outcome_id: str
    action_key: str
    client_id: str
    rm_id: str
    kind: str
    period: str
    outcome: str  # done | not_now
    day: Day  # the bank's date it was recorded on
    channel: str
    reason: str | None = None
    note: str | None = None
    hide_until: Day | None = None  # not_now: shown again on this day
    recorded_at: datetime | None = None
    undone_at: datetime | None = None


@dataclass(frozen=True)
class ClientData:
    """Everything the intelligence layer needs about one client, loaded together."""

    client: ClientRecord
    holdings: tuple[HoldingRecord, ...]
    balances: tuple[BalanceRecord, ...]  # oldest month first
    interactions: tuple[InteractionRecord, ...]  # newest first
    contacts: tuple[ContactRecord, ...] = ()
    complaints: tuple[ComplaintRecord, ...] = ()  # oldest first (the optional complaints.csv)


@dataclass(frozen=True)
class CampaignRecord:
    """A recorded segment campaign (``campaigns``); ``query`` is the segment's BookQuery."""

    campaign_id: str
    rm_id: str
    scope: str  # the conversation whose vault scope holds the drafts' tokens
    day: date
    channel: str
    purpose: str
    product_code: str | None
    query: dict
    described: str
    drafted: int
    held: int
    created_at: datetime
    exported_at: datetime | None = None
    # The activity (活动) it is part of — the event or offer — whose contacts the contact policy
    # caps across channels; None: no activity named.
    activity: str | None = None


@dataclass(frozen=True)
class CampaignMessage:
    """One client of a campaign: ``drafted`` with its masked text, or ``held`` with its codes."""

    client_id: str
    language: str
    status: str
    codes: str = ""
    text: str = ""
