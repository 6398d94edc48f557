"""Performance measures as the bank's incentive rules define them (绩效口径), for any set of RMs
over a month or a quarter: signal follow-up timeliness (及时率, maturity contacts at 30 and 7 days
included), service-frequency compliance by tier (服务频次达标率), coverage of the book, effective
and new effective clients, new payroll clients and deposit growth.

What counts comes from policy: ``tools/policy/performance.yaml`` (bands, effective clients,
payroll categories), the signal policy (which signals carry a working-day deadline and which
channels answer them; the maturity contact days) and the tiering policy (each tier's contact
standard). One implementation serves every caller; it reads the bank data it is given and
writes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from tools.bank.records import (
    ActionOutcome,
    ClientData,
    ComplaintRecord,
    InteractionRecord,
    ProductRecord,
)
from tools.intelligence.followup import qualifies, requirements
from tools.intelligence.metrics import category_of, compute_metrics
from tools.intelligence.policy import POLICY_DIR, Policies, _parse, _Section
from tools.intelligence.signals.maturity import contact_dates
from tools.intelligence.signals.registry import default_rules, detect_signals
from tools.intelligence.tiering import TierResult, tier_from_metrics
from tools.notes.draft import is_empty
from tools.notes.policy import NotePolicy, load_note_policy

DEFAULT_PERFORMANCE_PATH = POLICY_DIR / "performance.yaml"
_CJK = re.compile(r"[\u4e00-\u9fff]")
PeriodKind = Literal["month", "quarter"]


class TimelinessPolicy(_Section):
    include_maturity: bool = True
    full_marks_at: float = Field(gt=0, le=1)
    step: float = Field(gt=0, le=1)
    step_loss: float = Field(gt=0, le=1)
    zero_below: float = Field(ge=0, le=1)
    coach_below: float = Field(ge=0, le=1)

    @model_validator(mode="after")
    def _ordered(self) -> TimelinessPolicy:
        if not self.zero_below <= self.full_marks_at:
            raise ValueError("zero_below must not be above full_marks_at")
        return self

    def score(self, rate: float | None) -> float | None:
        """The measure's share of its score (1.0 full marks): each ``step`` below full marks
        loses ``step_loss``, nothing below ``zero_below``."""
        if rate is None:
            return None
        if rate < self.zero_below:
            return 0.0
        if rate >= self.full_marks_at:
            return 1.0
        steps = -(-round((self.full_marks_at - rate) * 10_000) // round(self.step * 10_000))
        return max(0.0, 1.0 - steps * self.step_loss)


class EffectiveClientPolicy(_Section):
    corporate_avg_deposit_at_least: float = Field(ge=0)
    corporate_categories: tuple[str, ...] = ()  # holding one makes a corporate client effective
    retail_aum_at_least: float = Field(ge=0)


class PerformancePolicy(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    version: str
    playbook: str | None = None  # the incentive rules these measures are cited to, if any
    period: PeriodKind = "quarter"
    timeliness: TimelinessPolicy
    effective_client: EffectiveClientPolicy
    payroll_categories: tuple[str, ...] = ()


def load_performance_policy(path: Path | str | None = None) -> PerformancePolicy:
    """Load and validate the performance policy (default ``tools/policy/performance.yaml``);
    a bad file raises ``ConfigError`` with a one-line ``file: field: problem`` message."""
    return _parse(PerformancePolicy, Path(path or DEFAULT_PERFORMANCE_PATH))


@dataclass(frozen=True)
class Period:
    """A month or a quarter, to ``end`` (the data's as-of day when the period is current)."""

    kind: PeriodKind
    start: date
    end: date

    @classmethod
    def containing(cls, kind: PeriodKind, day: date) -> Period:
        """The period ``day`` is in, to ``day``."""
        first = day.month if kind == "month" else 3 * ((day.month - 1) // 3) + 1
        return cls(kind, date(day.year, first, 1), day)

    @classmethod
    def of(cls, kind: PeriodKind, day: date, data_until: date) -> Period:
        """The whole period ``day`` is in, cut at ``data_until`` (the extract's as-of day):
        a past period whole, the current one to date."""
        start = cls.containing(kind, day).start
        return cls(kind, start, min(_next_start(start, kind) - timedelta(days=1), data_until))

    def previous(self) -> Period:
        """The whole period before this one."""
        last = self.start - timedelta(days=1)
        start = Period.containing(self.kind, last).start
        return Period(self.kind, start, last)

    def checkpoints(self) -> list[date]:
        """The month ends in the period and its end: the days its signals are looked for on
        (a signal dated when it is seen, such as a suitability mismatch, is seen on the first
        of them after it arises, not only on the period's last day)."""
        days = {self.end}
        month = date(self.start.year, self.start.month, 1)
        while month <= self.end:
            last = _next_start(month, "month") - timedelta(days=1)
            if last <= self.end:
                days.add(last)
            month = last + timedelta(days=1)
        return sorted(days)

    @property
    def label(self) -> str:
        if self.kind == "month":
            return f"{self.start:%Y-%m}"
        return f"{self.start.year}Q{(self.start.month - 1) // 3 + 1}"


def _next_start(start: date, kind: PeriodKind) -> date:
    months = start.month - 1 + (1 if kind == "month" else 3)
    return date(start.year + months // 12, months % 12 + 1, 1)


class Count(BaseModel):
    """``done`` of ``due``; ``rate`` is None when nothing was due."""

    model_config = ConfigDict(frozen=True)

    done: int
    due: int

    @property
    def rate(self) -> float | None:
        return self.done / self.due if self.due else None


class LateItem(BaseModel):
    """A follow-up the period counted as not on time: what the drill-down lists."""

    model_config = ConfigDict(frozen=True)

    client_id: str
    kind: str  # a signal kind, or "maturity"
    due_date: date
    product_code: str | None = None


class RmMeasures(BaseModel):
    model_config = ConfigDict(frozen=True)

    rm_id: str
    period: str
    clients: int
    timeliness: Count
    timeliness_score: float | None
    service_frequency: Count
    coverage: Count  # clients with a contact by the RM in the period
    effective_clients: int
    new_effective_clients: int
    new_payroll_clients: int
    deposits: float  # the book's 3-month average daily deposits at the period's end
    deposit_growth: float  # against the end of the previous period
    late: tuple[LateItem, ...] = ()
    # 服务体验 (complaints.csv): complaints received in the period, those handled late (closed
    # after their due date, or still open past it), and first-contact resolution over the
    # closed ones whose record says (None where no complaint data).
    complaints: int = 0
    complaints_late: int = 0
    first_contact_resolution: Count = Count(done=0, due=0)


@dataclass(frozen=True)
class _Item:
    client_id: str
    kind: str
    due_date: date
    on_time: bool
    product_code: str | None = None


class PerformanceMeasures:
    """Computes ``RmMeasures`` under one set of policies and one product catalogue."""

    def __init__(
        self,
        policy: PerformancePolicy,
        policies: Policies,
        products: Mapping[str, ProductRecord],
        notes: NotePolicy | None = None,
    ) -> None:
        self.policy = policy
        self.policies = policies
        self.products = products
        # What a note that says nothing is (the bank's note policy): "记录内容空洞（如只写'已联系'）
        # 视为未跟进" — such a contact answers no deadline.
        self.notes = notes or load_note_policy()
        self._needs = requirements(policies)
        self._rules = [r for r in default_rules() if r.kind in self._needs]

    def for_rms(
        self,
        books: Mapping[str, Iterable[ClientData]],
        period: Period,
        outcomes: Iterable[ActionOutcome] = (),
    ) -> list[RmMeasures]:
        """One row per RM of ``books`` (rm_id -> the clients they manage), in the given order.
        ``outcomes``: the RMs' word on suggested actions — a "done" whose note says something
        answers its signal as a recorded contact does (the incentive rules: 在系统留痕; a bare
        click is as empty as "已联系")."""
        done: dict[str, list[ActionOutcome]] = {}
        for o in outcomes:
            if o.outcome == "done" and o.undone_at is None and o.note and not self._empty(o.note):
                done.setdefault(o.client_id, []).append(o)
        return [self.for_rm(rm_id, list(book), period, done) for rm_id, book in books.items()]

    def _complaints(self, book: list[ClientData], period: Period) -> dict[str, Any]:
        """Complaints received in the period: how many, how many handled late, and first-contact
        resolution among those closed whose record says."""
        policy = self.policies.signals.complaint
        got = [c for d in book for c in d.complaints if period.start <= c.date <= period.end]
        closed = {c.complaint_id: _complaint_closed(c, policy, period.end) for c in got}
        late = [c for c in got if _handled_late(c, closed[c.complaint_id], period.end)]
        said = [c for c in got if closed[c.complaint_id] and c.first_contact_resolved is not None]
        return {
            "complaints": len(got),
            "complaints_late": len(late),
            "first_contact_resolution": _count(bool(c.first_contact_resolved) for c in said),
        }

    def for_rm(
        self,
        rm_id: str,
        book: list[ClientData],
        period: Period,
        done: Mapping[str, list[ActionOutcome]] | None = None,
    ) -> RmMeasures:
        # A past period: the data as it stood, and only the clients the RM had by its end.
        book = [_until(d, period.end) for d in book if d.client.onboard_date <= period.end]
        now = [self._state(d, period.end) for d in book]
        items = [
            i
            for d, st in zip(book, now, strict=True)
            for i in self._timeliness_items(
                d, period, st.tier, (done or {}).get(d.client.client_id, [])
            )
        ]
        late = sorted((i for i in items if not i.on_time), key=lambda i: (i.due_date, i.client_id))
        timeliness = Count(done=sum(i.on_time for i in items), due=len(items))
        before = period.start - timedelta(days=1)
        then = [self._state(_until(d, before), before, service=False) for d in book]
        return RmMeasures(
            rm_id=rm_id,
            period=period.label,
            clients=len(book),
            timeliness=timeliness,
            timeliness_score=self.policy.timeliness.score(timeliness.rate),
            service_frequency=_count(s.served for s in now if s.served is not None),
            coverage=_count(
                any(_by(i, rm_id) and period.start <= i.date <= period.end for i in d.interactions)
                for d in book
            ),
            effective_clients=sum(s.effective for s in now),
            new_effective_clients=sum(
                s.effective and not t.effective for s, t in zip(now, then, strict=True)
            ),
            new_payroll_clients=sum(self._new_payroll(d, period) for d in book),
            deposits=sum(s.deposits for s in now),
            deposit_growth=sum(s.deposits for s in now) - sum(t.deposits for t in then),
            **self._complaints(book, period),
            late=tuple(
                LateItem(
                    client_id=i.client_id,
                    kind=i.kind,
                    due_date=i.due_date,
                    product_code=i.product_code,
                )
                for i in late
            ),
        )

    # -- timeliness -------------------------------------------------------------------------

    def _timeliness_items(
        self,
        data: ClientData,
        period: Period,
        tier: TierResult | None = None,
        done: list[ActionOutcome] | None = None,
    ) -> list[_Item]:
        """The follow-ups due in ``period``: each deadline-bearing signal seen on one of its
        checkpoints, on the data as it stood then, whose deadline falls in it (one per kind,
        the earliest deadline) and, by policy, each maturity whose second reminder did."""
        rm_id = data.client.rm_id
        items: list[_Item] = []
        # ``tier``: the client's at the period's end, for every checkpoint — of the rules with a
        # deadline none reads it (only the peer-based product gaps do), and tiering each client
        # at each checkpoint was a fifth of the team view's time.
        signals = [
            s
            for day in period.checkpoints()
            for s in detect_signals(
                _until(data, day),
                self.products,
                None,
                self.policies,
                day,
                tier=tier,
                rules=self._rules,
            )
        ]
        seen: set[str] = set()
        for s in sorted(signals, key=lambda s: s.due_date or date.max):
            if s.kind in seen or s.detected_on is None or s.due_date is None:
                continue
            if not period.start <= s.due_date <= period.end:
                continue
            seen.add(s.kind)
            need = self._needs[s.kind]
            answered = any(
                qualifies(i, rm_id, need) and s.detected_on <= i.date <= s.due_date
                for i in self._real(data)
            ) or any(
                o.kind == s.kind and o.rm_id == rm_id and s.detected_on <= o.day <= s.due_date
                for o in done or ()
            )
            items.append(_Item(data.client.client_id, s.kind, s.due_date, answered, s.product_code))
        if self.policy.timeliness.include_maturity:
            items += self._maturity_items(data, period)
        return items

    def _maturity_items(self, data: ClientData, period: Period) -> list[_Item]:
        policy = self.policies.signals.maturity
        rm_id = data.client.rm_id
        found = []
        for h in data.holdings:
            if h.maturity_date is None:
                continue
            first, second = contact_dates(h.maturity_date, policy)
            if not period.start <= second <= period.end:
                continue
            opens = h.maturity_date - timedelta(days=max(policy.windows_days))
            dates = [i.date for i in self._real(data) if _by(i, rm_id)]
            on_time = any(opens <= d <= first for d in dates) and any(
                first < d <= second for d in dates
            )
            found.append(_Item(data.client.client_id, "maturity", second, on_time, h.product_code))
        return found

    def _real(self, data: ClientData) -> list[InteractionRecord]:
        """The client's contacts whose notes say something (a follow-up on record)."""
        return [i for i in data.interactions if not self._empty(i.summary)]

    def _empty(self, text: str) -> bool:
        return is_empty(text, self.notes, "zh" if _CJK.search(text) else "en")

    # -- the book's state at a day ------------------------------------------------------------

    def _state(self, data: ClientData, day: date, *, service: bool = True) -> _State:
        metrics = compute_metrics(
            data, self.products, self.policies.tiering.aum_categories, as_of=day
        )
        rule = self.policy.effective_client
        if data.client.client_type == "corporate":
            held = {category_of(h.product_code, self.products) for h in data.holdings}
            effective = metrics.avg_deposit >= rule.corporate_avg_deposit_at_least or bool(
                held & set(rule.corporate_categories)
            )
        else:
            effective = metrics.aum >= rule.retail_aum_at_least
        served, tier = None, None
        if service:  # the tier's contact standard, met on ``day``
            tier = tier_from_metrics(data.client.client_type, metrics, self.policies, data.client)
            standard = self.policies.tiering.service_standards.get(tier.tier)
            since = metrics.days_since_last_interaction
            if standard is not None:
                served = since is not None and since <= standard.contact_every_days
        return _State(effective, served, metrics.avg_deposit, tier)

    def _new_payroll(self, data: ClientData, period: Period) -> bool:
        """A client whose first payroll holding opened in the period (a second one is no new
        payroll client)."""
        payroll = set(self.policy.payroll_categories)
        opened = [
            h.opened_date
            for h in data.holdings
            if category_of(h.product_code, self.products) in payroll
        ]
        return bool(opened) and period.start <= min(opened) <= period.end


@dataclass(frozen=True)
class _State:
    effective: bool
    served: bool | None  # None: the client's tier has no contact standard
    deposits: float
    tier: TierResult | None = None  # on the day (computed with the service standard)


def _complaint_closed(c: ComplaintRecord, policy: Any, day: date) -> date | None:
    """The day the complaint was closed by ``day`` (its record's, else — closed by status
    with no day said — its due date as the latest it can have been on time); None: open."""
    if c.closed_date is not None:
        return c.closed_date if c.closed_date <= day else None
    closed = policy is not None and not policy.is_open(c.status)
    return min(c.due_date, day) if closed else None


def _handled_late(c: ComplaintRecord, closed: date | None, day: date) -> bool:
    """Closed after its due date, or still open with the due date behind ``day``."""
    return closed > c.due_date if closed is not None else c.due_date < day


def _until(data: ClientData, day: date) -> ClientData:
    """The client as the data stood on ``day``: the months closed by then (a month's figures
    arrive after it ends), the holdings opened and the contacts made by then."""
    last_month = f"{day + timedelta(days=1):%Y-%m}"
    return replace(
        data,
        balances=tuple(b for b in data.balances if b.month < last_month),
        holdings=tuple(h for h in data.holdings if h.opened_date <= day),
        interactions=tuple(i for i in data.interactions if i.date <= day),
    )


def _by(interaction: InteractionRecord, rm_id: str) -> bool:
    return interaction.rm_id == rm_id


def _count(flags: Iterable[bool]) -> Count:
    values = list(flags)
    return Count(done=sum(values), due=len(values))
