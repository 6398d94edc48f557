"""SQLAlchemy models of the bank extract (DESIGN §4.3).

Raw PII lives only here, in the bank's own database, exactly as the bank's CRM holds it; every
path out of this layer (tools, logs, prompts) goes through the privacy layer.
Unknown CSV columns are kept in ``attributes`` (JSON).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, DateTime, ForeignKey, Integer, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from assistant.storage.db import Base

Money = Numeric(18, 2)
Day = date  # a column named ``date`` shadows the type in a class body


class Team(Base):
    __tablename__ = "teams"
    team_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    branch: Mapped[str] = mapped_column(String(64))


class RM(Base):
    __tablename__ = "rms"
    rm_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(128))
    team_id: Mapped[str] = mapped_column(ForeignKey("teams.team_id"), index=True)
    branch: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(16))
    slack_user_id: Mapped[str | None] = mapped_column(String(64), index=True)
    teams_aad_id: Mapped[str | None] = mapped_column(String(64), index=True)
    email: Mapped[str | None] = mapped_column(String(256))
    attributes: Mapped[dict] = mapped_column(JSON, default=dict)


class Client(Base):
    __tablename__ = "clients"
    client_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    client_type: Mapped[str] = mapped_column(String(16), index=True)
    name: Mapped[str] = mapped_column(String(256))
    rm_id: Mapped[str] = mapped_column(ForeignKey("rms.rm_id"), index=True)
    branch: Mapped[str] = mapped_column(String(64))
    onboard_date: Mapped[date] = mapped_column(Date)
    industry: Mapped[str | None] = mapped_column(String(64), index=True)
    registration_id: Mapped[str | None] = mapped_column(String(32))
    risk_rating: Mapped[str | None] = mapped_column(String(16))
    risk_appetite: Mapped[str | None] = mapped_column(String(2))
    annual_revenue: Mapped[float | None] = mapped_column(Money)
    employees: Mapped[int | None] = mapped_column(Integer)
    phone: Mapped[str | None] = mapped_column(String(32))
    email: Mapped[str | None] = mapped_column(String(256))
    address: Mapped[str | None] = mapped_column(Text)
    attributes: Mapped[dict] = mapped_column(JSON, default=dict)

    contacts: Mapped[list[Contact]] = relationship(back_populates="client", lazy="selectin")


class Contact(Base):
    __tablename__ = "contacts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    client_id: Mapped[str] = mapped_column(ForeignKey("clients.client_id"), index=True)
    name: Mapped[str] = mapped_column(String(128))
    title: Mapped[str] = mapped_column(String(128))
    phone: Mapped[str | None] = mapped_column(String(32))
    email: Mapped[str | None] = mapped_column(String(256))
    id_number: Mapped[str | None] = mapped_column(String(32))
    is_primary: Mapped[bool] = mapped_column(Boolean, default=False)
    attributes: Mapped[dict] = mapped_column(JSON, default=dict)

    client: Mapped[Client] = relationship(back_populates="contacts")


class Product(Base):
    __tablename__ = "products"
    product_code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(128))
    category: Mapped[str] = mapped_column(String(64), index=True)
    risk_level: Mapped[str] = mapped_column(String(2))
    segment: Mapped[str] = mapped_column(String(16))
    min_amount: Mapped[float | None] = mapped_column(Money)
    description: Mapped[str | None] = mapped_column(Text)
    attributes: Mapped[dict] = mapped_column(JSON, default=dict)


class Holding(Base):
    __tablename__ = "holdings"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    client_id: Mapped[str] = mapped_column(ForeignKey("clients.client_id"), index=True)
    product_code: Mapped[str] = mapped_column(ForeignKey("products.product_code"), index=True)
    balance: Mapped[float] = mapped_column(Money)
    opened_date: Mapped[date] = mapped_column(Date)
    account_no: Mapped[str | None] = mapped_column(String(32))
    maturity_date: Mapped[date | None] = mapped_column(Date, index=True)
    attributes: Mapped[dict] = mapped_column(JSON, default=dict)


class MonthlyBalance(Base):
    __tablename__ = "balances"
    client_id: Mapped[str] = mapped_column(ForeignKey("clients.client_id"), primary_key=True)
    month: Mapped[str] = mapped_column(String(7), primary_key=True)  # YYYY-MM
    avg_daily_deposit: Mapped[float] = mapped_column(Money)
    loan_balance: Mapped[float] = mapped_column(Money)
    transaction_count: Mapped[int | None] = mapped_column(Integer)
    attributes: Mapped[dict] = mapped_column(JSON, default=dict)


class Interaction(Base):
    __tablename__ = "interactions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    client_id: Mapped[str] = mapped_column(ForeignKey("clients.client_id"), index=True)
    date: Mapped[date] = mapped_column(Date, index=True)
    rm_id: Mapped[str] = mapped_column(ForeignKey("rms.rm_id"))
    channel: Mapped[str] = mapped_column(String(32))
    summary: Mapped[str] = mapped_column(Text)
    attributes: Mapped[dict] = mapped_column(JSON, default=dict)


class Complaint(Base):
    """A complaint from the optional ``complaints.csv`` (DESIGN §4.3): an open one pauses
    marketing to its client (the contact policy)."""

    __tablename__ = "complaints"
    complaint_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    client_id: Mapped[str] = mapped_column(ForeignKey("clients.client_id"), index=True)
    date: Mapped[date] = mapped_column(Date)
    channel: Mapped[str] = mapped_column(String(32))
    category: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(32))
    due_date: Mapped[Day] = mapped_column(Date)
    summary: Mapped[str | None] = mapped_column(Text)
    closed_date: Mapped[Day | None] = mapped_column(Date, nullable=True)
    first_contact_resolved: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    attributes: Mapped[dict] = mapped_column(JSON, default=dict)


class Survey(Base):
    """A satisfaction survey answer from the optional ``surveys.csv`` (服务体验): shown in the
    profile and in "how should I serve"; the comment is the client's words (masked when shown)."""

    __tablename__ = "surveys"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    client_id: Mapped[str] = mapped_column(ForeignKey("clients.client_id"), index=True)
    date: Mapped[date] = mapped_column(Date)
    score: Mapped[float] = mapped_column(Numeric(6, 2))
    scale: Mapped[int | None] = mapped_column(Integer, nullable=True)
    channel: Mapped[str | None] = mapped_column(String(32), nullable=True)
    comment: Mapped[str | None] = mapped_column(Text, nullable=True)
    attributes: Mapped[dict] = mapped_column(JSON, default=dict)


class Relationship(Base):
    """A link between two clients from the optional ``relationships.csv`` (employer → employee,
    household, group member): where a referral between departments starts."""

    __tablename__ = "relationships"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    client_id: Mapped[str] = mapped_column(ForeignKey("clients.client_id"), index=True)
    related_client_id: Mapped[str] = mapped_column(ForeignKey("clients.client_id"), index=True)
    relation: Mapped[str] = mapped_column(String(16))
    role: Mapped[str | None] = mapped_column(String(64), nullable=True)
    attributes: Mapped[dict] = mapped_column(JSON, default=dict)


class CapturedInteraction(Base):
    """A note captured in chat (``BankRepository.add_interaction``). Beside the extract, not
    in it: an import replaces the extract's tables, and a note the CRM has not pulled yet must
    survive that. No foreign key to ``clients`` for the same reason."""

    __tablename__ = "captured_interactions"
    note_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    client_id: Mapped[str] = mapped_column(String(64), index=True)
    date: Mapped[date] = mapped_column(Date)
    rm_id: Mapped[str] = mapped_column(String(32))
    channel: Mapped[str] = mapped_column(String(32))
    summary: Mapped[str] = mapped_column(Text)
    contact: Mapped[str | None] = mapped_column(String(128), nullable=True)
    client_said: Mapped[str | None] = mapped_column(Text, nullable=True)
    next_step: Mapped[str | None] = mapped_column(Text, nullable=True)
    due_date: Mapped[Day | None] = mapped_column(Date, nullable=True)
    captured_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)


class ActionOutcomeRow(Base):
    """An RM's outcome for a suggested action (``BankRepository.add_outcome``). Beside the
    extract like captured notes: an import must not forget what RMs did."""

    __tablename__ = "action_outcomes"
    outcome_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    action_key: Mapped[str] = mapped_column(String(256), index=True)
    client_id: Mapped[str] = mapped_column(String(64), index=True)
    rm_id: Mapped[str] = mapped_column(String(32), index=True)
    kind: Mapped[str] = mapped_column(String(64))
    period: Mapped[str] = mapped_column(String(16))
    outcome: Mapped[str] = mapped_column(String(16))
    day: Mapped[Day] = mapped_column(Date)
    channel: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str | None] = mapped_column(String(32), nullable=True)
    note: Mapped[str | None] = mapped_column(Text, nullable=True)
    hide_until: Mapped[Day | None] = mapped_column(Date, nullable=True)
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    undone_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class CampaignRow(Base):
    """A segment campaign an RM drafted (``tools.campaign``): who, which segment, how many drafted
    and held back, and when it was exported to the bank's messaging platform. Beside the extract
    like captured notes: an import must not forget what was sent."""

    __tablename__ = "campaigns"
    campaign_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    rm_id: Mapped[str] = mapped_column(String(32), index=True)
    # The conversation whose vault scope the drafts' tokens were issued in (export restores
    # them there).
    scope: Mapped[str] = mapped_column(String(160))
    day: Mapped[Day] = mapped_column(Date)
    channel: Mapped[str] = mapped_column(String(16))
    purpose: Mapped[str] = mapped_column(String(32))
    product_code: Mapped[str | None] = mapped_column(String(64), nullable=True)
    query: Mapped[dict] = mapped_column(JSON, default=dict)  # the segment (a BookQuery)
    described: Mapped[str] = mapped_column(Text)  # the segment in words (no client named)
    drafted: Mapped[int] = mapped_column(Integer)
    held: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    exported_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    # The activity (活动: the event or offer) its contacts count towards (contact policy).
    activity: Mapped[str | None] = mapped_column(String(120), nullable=True)


class CampaignMessageRow(Base):
    """One client of a campaign: the draft (masked: tokens of the campaign's own vault scope)
    or why it was held back."""

    __tablename__ = "campaign_messages"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    campaign_id: Mapped[str] = mapped_column(String(40), index=True)
    client_id: Mapped[str] = mapped_column(String(64), index=True)
    language: Mapped[str] = mapped_column(String(8))
    status: Mapped[str] = mapped_column(String(16))  # drafted | held
    codes: Mapped[str] = mapped_column(String(256), default="")  # hold codes, ";"-joined
    text: Mapped[str] = mapped_column(Text, default="")


BANK_TABLES = [
    Team, RM, Client, Contact, Product, Holding, MonthlyBalance, Interaction, Complaint, Survey,
    Relationship,
]  # fmt: skip
