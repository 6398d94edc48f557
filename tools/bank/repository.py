"""The repository interface the tools read through, and its SQL implementation.

Entitlement is not decided here (see ``tools/entitlement.py``); this layer only answers
"what does the bank hold", in bulk where the book queries need it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, date, datetime, time
from typing import TYPE_CHECKING, Any, Protocol, SupportsFloat

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from tools.bank import models as m
from tools.bank.meta import ExtractMeta
from tools.bank.records import (
    ActionOutcome,
    BalanceRecord,
    CampaignMessage,
    CampaignRecord,
    CapturedNote,
    ClientData,
    ClientRecord,
    ComplaintRecord,
    ContactRecord,
    HoldingRecord,
    InteractionRecord,
    ProductRecord,
    RelationshipRecord,
    RMRecord,
    SurveyRecord,
)

if TYPE_CHECKING:
    from _typeshed import DataclassInstance


class BankRepository(Protocol):
    def as_of(self) -> date: ...
    def get_rm(self, rm_id: str) -> RMRecord | None: ...
    def rm_by_channel(
        self, *, slack_user_id: str | None = None, teams_aad_id: str | None = None
    ) -> RMRecord | None: ...
    def team_rm_ids(self, team_id: str) -> list[str]: ...
    def client_ids_of(self, rm_ids: Iterable[str]) -> set[str]: ...
    def get_clients(self, client_ids: Iterable[str]) -> list[ClientRecord]: ...
    def client_data(
        self, client_ids: Iterable[str], interactions: int = 20
    ) -> list[ClientData]: ...
    def products(self) -> dict[str, ProductRecord]: ...
    def all_clients(self) -> list[ClientRecord]: ...
    def all_contacts(self) -> list[ContactRecord]: ...
    def all_rms(self) -> list[RMRecord]: ...
    def account_numbers(self) -> list[tuple[str, str]]: ...
    def summary_line(self) -> str: ...
    def complaints_for(self, client_ids: Iterable[str]) -> list[ComplaintRecord]:
        """The clients' complaints from the extract (the optional complaints.csv), oldest first."""
        ...

    def surveys_for(self, client_ids: Iterable[str]) -> list[SurveyRecord]:
        """The clients' satisfaction surveys (the optional surveys.csv), oldest first."""
        ...

    def relationships_for(self, client_ids: Iterable[str]) -> list[RelationshipRecord]:
        """The links (the optional relationships.csv) from the clients to others."""
        ...

    def add_interaction(self, note: CapturedNote) -> None:
        """Save a note an RM captured in chat (a bank may back this with its CRM's API)."""
        ...

    def captured_notes(self, since: date) -> list[CapturedNote]:
        """Notes captured on or after ``since`` (by capture time), oldest first."""
        ...

    def notes_captured_since(self, since: datetime) -> list[tuple[str, str, datetime]]:
        """``(note_id, client_id, captured_at)`` of notes captured at or after ``since``,
        oldest first: how a replica learns that another saved a note (no note text)."""
        ...

    def add_outcome(self, outcome: ActionOutcome) -> None:
        """Record what an RM did about a suggested action (a bank may back this with its
        CRM's task API)."""
        ...

    def undo_outcome(self, outcome_id: str, at: datetime) -> bool:
        """Take an outcome back; False when there is none with this id still standing."""
        ...

    def outcomes_for(
        self,
        client_ids: Iterable[str] | None = None,
        *,
        rm_ids: Iterable[str] | None = None,
        since: date | None = None,
        include_undone: bool = False,
    ) -> list[ActionOutcome]:
        """Outcomes of these clients (or recorded by these RMs, on or after ``since``), oldest
        first; taken-back ones only when asked."""
        ...

    def outcomes_mark(self) -> tuple[int, object]:
        """What changes whenever an outcome is recorded or taken back (a count and the latest
        time): what a view computed from outcomes is kept against."""
        ...

    def add_campaign(self, campaign: CampaignRecord, messages: Iterable[CampaignMessage]) -> None:
        """Record a campaign and its messages (drafted and held back) in one transaction."""
        ...

    def campaign(self, campaign_id: str) -> CampaignRecord | None: ...

    def campaign_messages(self, campaign_id: str) -> list[CampaignMessage]: ...

    def campaigns_of(self, rm_id: str, limit: int = 20) -> list[CampaignRecord]:
        """An RM's campaigns, newest first."""
        ...

    def mark_exported(self, campaign_id: str, at: datetime) -> CampaignRecord | None:
        """The first export stands (a second download is the same hand-over); None: no such
        campaign."""
        ...

    def campaign_contacts(
        self, client_ids: Iterable[str]
    ) -> list[tuple[str, date, str, str | None]]:
        """``(client_id, day, channel, activity)`` of every exported campaign's drafted message
        to these clients: marketing contacts the contact policy counts."""
        ...


def _fields(record_type: type[DataclassInstance], row: object) -> dict:
    return {f: getattr(row, f) for f in record_type.__dataclass_fields__ if hasattr(row, f)}


def _aware(at: datetime) -> datetime:
    """SQLite gives back naive datetimes for timezone columns; they were stored as UTC."""
    return at if at.tzinfo is not None else at.replace(tzinfo=UTC)


def _money(value: SupportsFloat | None) -> float:
    return float(value) if value is not None else 0.0


class SqlBankRepository:
    """Reads the imported extract from the application database."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def as_of(self) -> date:
        with self._sessions() as s:
            value = s.scalar(select(ExtractMeta.as_of).where(ExtractMeta.id == 1))
        return value or date.today()

    def get_rm(self, rm_id: str) -> RMRecord | None:
        with self._sessions() as s:
            row = s.get(m.RM, rm_id)
            return RMRecord(**_fields(RMRecord, row)) if row else None

    def rm_by_channel(
        self, *, slack_user_id: str | None = None, teams_aad_id: str | None = None
    ) -> RMRecord | None:
        if not (slack_user_id or teams_aad_id):
            return None
        column = m.RM.slack_user_id if slack_user_id else m.RM.teams_aad_id
        with self._sessions() as s:
            row = s.scalars(select(m.RM).where(column == (slack_user_id or teams_aad_id))).first()
            return RMRecord(**_fields(RMRecord, row)) if row else None

    def team_rm_ids(self, team_id: str) -> list[str]:
        with self._sessions() as s:
            return list(
                s.scalars(select(m.RM.rm_id).where(m.RM.team_id == team_id).order_by(m.RM.rm_id))
            )

    def client_ids_of(self, rm_ids: Iterable[str]) -> set[str]:
        with self._sessions() as s:
            return set(
                s.scalars(select(m.Client.client_id).where(m.Client.rm_id.in_(list(rm_ids))))
            )

    def get_clients(self, client_ids: Iterable[str]) -> list[ClientRecord]:
        ids = sorted(set(client_ids))
        with self._sessions() as s:
            rows = s.scalars(
                select(m.Client).where(m.Client.client_id.in_(ids)).order_by(m.Client.client_id)
            )
            return [self._client(r) for r in rows]

    def all_clients(self) -> list[ClientRecord]:
        with self._sessions() as s:
            return [
                self._client(r) for r in s.scalars(select(m.Client).order_by(m.Client.client_id))
            ]

    def all_contacts(self) -> list[ContactRecord]:
        with self._sessions() as s:
            rows = s.scalars(select(m.Contact).order_by(m.Contact.client_id, m.Contact.id))
            return [ContactRecord(**_fields(ContactRecord, r)) for r in rows]

    def all_rms(self) -> list[RMRecord]:
        with self._sessions() as s:
            rows = s.scalars(select(m.RM).order_by(m.RM.rm_id))
            return [RMRecord(**_fields(RMRecord, r)) for r in rows]

    def account_numbers(self) -> list[tuple[str, str]]:
        """``(client_id, account_no)`` of every holding that has one (the privacy layer masks
        them wherever they appear)."""
        with self._sessions() as s:
            rows = s.execute(
                select(m.Holding.client_id, m.Holding.account_no)
                .where(m.Holding.account_no.is_not(None))
                .order_by(m.Holding.id)
            )
            return [(cid, no) for cid, no in rows if no]

    def products(self) -> dict[str, ProductRecord]:
        with self._sessions() as s:
            out = {}
            for r in s.scalars(select(m.Product)):
                fields = _fields(ProductRecord, r) | {
                    "min_amount": _money(r.min_amount),
                    "name_en": (r.attributes or {}).get("name_en"),
                }
                out[r.product_code] = ProductRecord(**fields)
            return out

    def client_data(self, client_ids: Iterable[str], interactions: int = 20) -> list[ClientData]:
        ids = sorted(set(client_ids))
        if not ids:
            return []
        with self._sessions() as s:
            # Row tuples, not ORM objects: the records are built from them at once, and a
            # client's two years of balances and notes made the ORM's bookkeeping most of
            # the read.
            clients = {
                c.client_id: c
                for c in s.execute(select(m.Client.__table__).where(m.Client.client_id.in_(ids)))
            }
            holdings = self._grouped(s, m.Holding, ids, m.Holding.id)
            balances = self._grouped(s, m.MonthlyBalance, ids, m.MonthlyBalance.month)
            notes = self._grouped(s, m.Interaction, ids, m.Interaction.date.desc())
            captured = self._grouped(s, m.CapturedInteraction, ids, m.CapturedInteraction.date)
            contacts = self._grouped(s, m.Contact, ids, m.Contact.id)
            complaints = self._grouped(s, m.Complaint, ids, m.Complaint.date)
            return [
                ClientData(
                    client=self._client(clients[cid]),
                    holdings=tuple(
                        HoldingRecord(**_fields(HoldingRecord, h) | {"balance": _money(h.balance)})
                        for h in holdings[cid]
                    ),
                    balances=tuple(self._balance(b) for b in balances[cid]),
                    interactions=_merged(notes[cid], captured[cid])[:interactions],
                    contacts=tuple(
                        ContactRecord(**_fields(ContactRecord, c)) for c in contacts[cid]
                    ),
                    complaints=tuple(
                        sorted(  # as complaints_for orders them
                            (
                                ComplaintRecord(**_fields(ComplaintRecord, c))
                                for c in complaints[cid]
                            ),
                            key=lambda c: (c.date, c.complaint_id),
                        )
                    ),
                )
                for cid in ids
                if cid in clients
            ]

    def summary_line(self) -> str:
        with self._sessions() as s:
            counts = {
                t.__tablename__: s.scalar(select(func.count()).select_from(t))
                for t in m.BANK_TABLES
            }
        branches = len({b for b in self._branches()})
        return (
            f"{branches} branches, {counts['teams']} teams, {counts['rms']} RMs, {counts['clients']:,} clients, "
            f"{counts['contacts']:,} contacts, {counts['products']} products, {counts['holdings']:,} holdings, "
            f"{counts['balances']:,} monthly balances, {counts['interactions']:,} interactions"
            + (f", {counts['complaints']:,} complaints" if counts["complaints"] else "")
            + (f", {counts['surveys']:,} surveys" if counts["surveys"] else "")
        )

    def add_interaction(self, note: CapturedNote) -> None:
        with self._sessions.begin() as s:
            s.add(m.CapturedInteraction(**_fields(CapturedNote, note)))

    def captured_notes(self, since: date) -> list[CapturedNote]:
        start = datetime.combine(since, time.min, tzinfo=UTC)
        table = m.CapturedInteraction
        with self._sessions() as s:
            rows = s.execute(
                select(table.__table__)
                .where(table.captured_at >= start)
                .order_by(table.captured_at, table.note_id)
            )
            return [CapturedNote(**_fields(CapturedNote, r)) for r in rows]

    def notes_captured_since(self, since: datetime) -> list[tuple[str, str, datetime]]:
        table = m.CapturedInteraction
        with self._sessions() as s:
            rows = s.execute(
                select(table.note_id, table.client_id, table.captured_at)
                .where(table.captured_at >= since)
                .order_by(table.captured_at, table.note_id)
            )
            return [(r.note_id, r.client_id, _aware(r.captured_at)) for r in rows]

    def add_outcome(self, outcome: ActionOutcome) -> None:
        with self._sessions.begin() as s:
            s.add(m.ActionOutcomeRow(**_fields(ActionOutcome, outcome)))

    def undo_outcome(self, outcome_id: str, at: datetime) -> bool:
        with self._sessions.begin() as s:
            row = s.get(m.ActionOutcomeRow, outcome_id)
            if row is None or row.undone_at is not None:
                return False
            row.undone_at = at
            return True

    def surveys_for(self, client_ids: Iterable[str]) -> list[SurveyRecord]:
        table = m.Survey
        query = select(table.__table__).order_by(table.date, table.id)
        with self._sessions() as s:
            rows = _by_clients(s, query, table.client_id, client_ids)
        return [SurveyRecord(**_fields(SurveyRecord, r) | {"score": _money(r.score)}) for r in rows]

    def relationships_for(self, client_ids: Iterable[str]) -> list[RelationshipRecord]:
        table = m.Relationship
        query = select(table.__table__).order_by(table.id)
        with self._sessions() as s:
            rows = _by_clients(s, query, table.client_id, client_ids)
        return [RelationshipRecord(**_fields(RelationshipRecord, r)) for r in rows]

    def complaints_for(self, client_ids: Iterable[str]) -> list[ComplaintRecord]:
        table = m.Complaint
        query = select(table.__table__).order_by(table.date, table.complaint_id)
        with self._sessions() as s:
            rows = _by_clients(s, query, table.client_id, client_ids)
        return [ComplaintRecord(**_fields(ComplaintRecord, r)) for r in rows]

    def outcomes_for(
        self,
        client_ids: Iterable[str] | None = None,
        *,
        rm_ids: Iterable[str] | None = None,
        since: date | None = None,
        include_undone: bool = False,
    ) -> list[ActionOutcome]:
        table = m.ActionOutcomeRow
        query = select(table.__table__).order_by(table.recorded_at, table.outcome_id)
        if not include_undone:
            query = query.where(table.undone_at.is_(None))
        if since is not None:
            query = query.where(table.day >= since)
        if rm_ids is not None:
            query = query.where(table.rm_id.in_(sorted(set(rm_ids))))
        with self._sessions() as s:
            if client_ids is None:
                return _outcomes(s.execute(query))
            rows = _by_clients(s, query, table.client_id, client_ids)
        return _outcomes(rows)

    def add_campaign(self, campaign: CampaignRecord, messages: Iterable[CampaignMessage]) -> None:
        with self._sessions.begin() as s:
            s.add(m.CampaignRow(**_fields(CampaignRecord, campaign)))
            s.flush()  # the campaign row first: PostgreSQL checks nothing here, but order reads
            s.add_all(
                m.CampaignMessageRow(
                    campaign_id=campaign.campaign_id, **_fields(CampaignMessage, x)
                )
                for x in messages
            )

    def campaign(self, campaign_id: str) -> CampaignRecord | None:
        with self._sessions() as s:
            row = s.get(m.CampaignRow, campaign_id)
            return _campaign(row) if row is not None else None

    def campaign_messages(self, campaign_id: str) -> list[CampaignMessage]:
        table = m.CampaignMessageRow
        with self._sessions() as s:
            rows = s.execute(
                select(table.__table__).where(table.campaign_id == campaign_id).order_by(table.id)
            )
            return [CampaignMessage(**_fields(CampaignMessage, r)) for r in rows]

    def campaigns_of(self, rm_id: str, limit: int = 20) -> list[CampaignRecord]:
        table = m.CampaignRow
        with self._sessions() as s:
            rows = s.scalars(
                select(table)
                .where(table.rm_id == rm_id)
                .order_by(table.created_at.desc(), table.campaign_id)
                .limit(limit)
            )
            return [_campaign(r) for r in rows]

    def mark_exported(self, campaign_id: str, at: datetime) -> CampaignRecord | None:
        with self._sessions.begin() as s:
            row = s.get(m.CampaignRow, campaign_id)
            if row is None:
                return None
            if row.exported_at is None:
                row.exported_at = at
            return _campaign(row)

    def campaign_contacts(
        self, client_ids: Iterable[str]
    ) -> list[tuple[str, date, str, str | None]]:
        wanted = list(client_ids)
        c, x = m.CampaignRow, m.CampaignMessageRow
        query = (
            select(x.client_id, c.day, c.channel, c.activity)
            .join(c, c.campaign_id == x.campaign_id)
            .where(c.exported_at.is_not(None), x.status == "drafted")
        )
        with self._sessions() as s:
            return [
                (r.client_id, r.day, r.channel, r.activity)
                for r in _by_clients(s, query, x.client_id, wanted)
            ]

    def outcomes_mark(self) -> tuple[int, object]:
        table = m.ActionOutcomeRow
        query = select(
            func.count(), func.max(table.recorded_at), func.max(table.undone_at)
        ).select_from(table)
        with self._sessions() as s:
            count, recorded, undone = s.execute(query).one()
        return int(count), (recorded, undone)

    # --- helpers -------------------------------------------------------------------------
    def _branches(self) -> list[str]:
        with self._sessions() as s:
            return list(s.scalars(select(m.Team.branch).distinct()))

    @staticmethod
    def _grouped(s: Session, table: type[Any], ids: list[str], order: Any) -> dict[str, list]:
        grouped: dict[str, list] = defaultdict(list)
        for start in range(0, len(ids), 500):  # keep IN lists bounded
            chunk = ids[start : start + 500]
            query = select(table.__table__).where(table.client_id.in_(chunk)).order_by(order)
            for row in s.execute(query):
                grouped[row.client_id].append(row)
        return grouped

    @staticmethod
    def _client(row: Any) -> ClientRecord:
        """A client record from its ORM object or its row tuple (the same names)."""
        fields = _fields(ClientRecord, row)
        fields["annual_revenue"] = (
            _money(row.annual_revenue) if row.annual_revenue is not None else None
        )
        fields["attributes"] = dict(row.attributes or {})
        return ClientRecord(**fields)

    @staticmethod
    def _balance(row: Any) -> BalanceRecord:
        return BalanceRecord(
            row.client_id,
            row.month,
            _money(row.avg_daily_deposit),
            _money(row.loan_balance),
            row.transaction_count,
        )


def _outcomes(rows: Iterable[Any]) -> list[ActionOutcome]:
    """Records in the order recorded (chunks of an IN list come back one after the other)."""
    records = [ActionOutcome(**_fields(ActionOutcome, r)) for r in rows]
    return sorted(records, key=lambda o: (_utc(o.recorded_at), o.outcome_id))


def _by_clients(s: Session, query: Any, column: Any, client_ids: Iterable[str]) -> list[Any]:
    """``query``'s rows for these clients, the IN list bounded at 500 a statement (each chunk in
    the query's order)."""
    wanted = sorted(set(client_ids))
    return [
        r
        for start in range(0, len(wanted), 500)
        for r in s.execute(query.where(column.in_(wanted[start : start + 500])))
    ]


def _campaign(row: Any) -> CampaignRecord:
    fields = _fields(CampaignRecord, row)
    return CampaignRecord(
        **fields
        | {
            "created_at": _aware(row.created_at),
            "exported_at": _aware(row.exported_at) if row.exported_at else None,
        }
    )


def _utc(at: datetime | None) -> datetime:
    """SQLite hands back naive times (stored as UTC); PostgreSQL aware ones."""
    if at is None:
        return datetime.min.replace(tzinfo=UTC)
    return at if at.tzinfo else at.replace(tzinfo=UTC)


def _merged(imported: list[Any], captured: list[Any]) -> tuple[InteractionRecord, ...]:
    """The extract's notes and those captured in chat, newest first. A captured note the
    extract already carries (its ``note_id`` came back in the CRM's file) is counted once."""
    pulled = {(r.attributes or {}).get("note_id") for r in imported} - {None}
    records = [InteractionRecord(**_fields(InteractionRecord, r)) for r in imported]
    fresh = [
        InteractionRecord(**_fields(InteractionRecord, r))
        for r in captured
        if r.note_id not in pulled
    ]
    # Stable sort: on one day, what was captured in chat is the latest word.
    return tuple(sorted(fresh[::-1] + records, key=lambda i: i.date, reverse=True))
