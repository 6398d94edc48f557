"""Book analysis (客户经营看板): one row per client of an RM's book or a team's, and a
filter/rank query over the rows — "which of my Key clients show churn", "what matures in
30 days", "who lacks payroll".

Rows are computed once (metrics, tier, signals, peers over the same population) and queried
many times; queries are plain Python over a few hundred rows.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from assistant.errors import UserError
from tools.bank.records import ClientData, ProductRecord
from tools.intelligence.age import age_on
from tools.intelligence.metrics import ClientMetrics, compute_metrics
from tools.intelligence.needs import assign_needs, needs_values
from tools.intelligence.policy import DepositChurnPolicy, Policies
from tools.intelligence.scoring import urgency_score
from tools.intelligence.signals.base import SEVERITY_RANK, Signal, SignalRule
from tools.intelligence.signals.deposit_churn import churn_windows
from tools.intelligence.signals.peers import PeerStats
from tools.intelligence.signals.registry import detect_signals
from tools.intelligence.tiering import TierResult, tier_from_metrics

SortKey = Literal["value", "trend", "maturity", "urgency"]


@dataclass(frozen=True, slots=True)
class SignalMark:
    """One signal of a row, as much of it as its action key needs (``tools.outcomes.keys``)."""

    kind: str
    product_code: str | None
    detected_on: date | None
    event_date: date | None
    due_date: date | None


@dataclass(frozen=True, slots=True)
class BookRow:
    client_id: str
    rm_id: str
    client_type: str
    industry: str | None
    tier: str
    tier_label_zh: str
    tier_label_en: str
    value: float  # AUM for retail, average daily deposits for corporate: what "biggest" means
    avg_deposit: float  # the last 3 months' mean: what tiers and trends are measured on
    trend_ratio: float | None  # last 3 months vs months 4-6 (-0.25 = down 25%)
    signals: tuple[str, ...]  # signal kinds, most severe first, no repeats
    top_severity: str | None
    gaps: tuple[str, ...]  # product codes of product-gap signals
    next_maturity: date | None
    next_maturity_product: str | None
    days_to_maturity: int | None
    urgency: float  # the most urgent signal deadline, 0-1 (0: no signal)
    loan_balance: float = 0.0
    aum: float = 0.0
    days_since_contact: int | None = None  # None: no contact on record
    risk_appetite: int | None = None  # C1..C5 as 1..5; None: not assessed
    held: tuple[str, ...] = ()  # product codes held
    top_product_risk: int | None = None  # the riskiest held product, R1..R5 as 1..5
    top_investment_risk: int | None = None  # the same of investments only (suitability's)
    attributes: tuple[str, ...] = ()  # the extract's extra values (a bank's own tier label)
    latest_change: float | None = None  # the latest month vs months 4-6 (-0.5 = halved)
    # The newest month's average daily deposit: what an RM means by "deposits" in a ranking or
    # a threshold ("top 3 by deposits", "存款超过一千万"), the freshest figure the extract has.
    latest_deposit: float = 0.0
    # Every holding still to mature: (days from the as-of date, product code), soonest first.
    maturities: tuple[tuple[int, str], ...] = ()
    # (days to maturity, product code, amount) of each holding ahead: what a window's sum adds
    maturing_amounts: tuple[tuple[int, str, float], ...] = ()
    marks: tuple[SignalMark, ...] = ()  # the signals behind ``signals``, one per finding
    employees: int | None = None  # headcount, as the extract gives it (corporate clients)
    revenue: float | None = None  # annual revenue, as the extract gives it (corporate clients)
    age: int | None = None  # whole years from the ID's date of birth (retail; None: not on file)
    next_maturity_amount: float | None = None  # what matures on ``next_maturity``, summed
    # What the bank's churn rule's months lost (baseline mean - recent mean; "近两个月较此前三个月"
    # where the policy says so): "流出超过1000万的" is measured as the playbook measures it.
    outflow: float | None = None
    contact_every_days: int | None = None  # the tier's service standard (None: the tier has none)
    segment: str | None = None  # the needs segment (需求分群) the policy puts the client in
    watch: str | None = None  # the rating that puts the client on the risk watch list
    overdue: tuple[str, ...] = ()  # signal kinds past their deadline (an overdue complaint)

    def measure(self, name: str) -> float | None:
        """A ``tools.book_query.Measure`` of this row (None: the client has no such figure)."""
        return {
            "value": self.value,
            "deposit": self.latest_deposit,
            "deposit_3m": self.avg_deposit,
            "loan": self.loan_balance,
            "aum": self.aum,
            "deposit_change": self.trend_ratio,
            "deposit_outflow": self.outflow,
            "days_since_contact": (
                self.days_since_contact if self.days_since_contact is not None else 10**6
            ),
            "days_to_maturity": self.days_to_maturity,
            "urgency": self.urgency,
            "employees": float(self.employees) if self.employees is not None else None,
            "revenue": self.revenue,
            "age": float(self.age) if self.age is not None else None,
            "maturing_amount": self.next_maturity_amount,
        }[name]


_LEVEL = re.compile(r"\d+")


def level(code: str | None) -> int | None:
    """ "C3" / "R4" / "3级" -> 3; None when there is no number."""
    found = _LEVEL.search(code or "")
    return int(found.group()) if found else None


def _gaps(
    signals: list[Signal], products: Mapping[str, ProductRecord], payroll: tuple[str, ...]
) -> tuple[str, ...]:
    """The products the client lacks by the gap rules. A payroll gap (代发缺口) is the bank's
    own rule — a company of the policy's size without payroll — never its peers holding one:
    "代发缺口的客户" lists what the cited rule defines."""
    return tuple(
        s.product_code
        for s in signals
        if s.kind == "product_gap"
        and s.product_code
        and not (
            s.facts.get("basis") == "peers"
            and s.product_code in products
            and products[s.product_code].category in payroll
        )
    )


def _outflow(data: ClientData, churn: DepositChurnPolicy) -> float | None:
    recent, before = churn_windows(data.balances, churn)
    return before - recent if recent is not None and before is not None else None


def _row(
    data: ClientData,
    metrics: ClientMetrics,
    tier: TierResult,
    signals: list[Signal],
    as_of: date,
    products: Mapping[str, ProductRecord],
    policy: Policies,
    payroll_categories: tuple[str, ...] = (),
) -> BookRow:
    client = data.client
    held = tuple(dict.fromkeys(h.product_code for h in data.holdings))
    risks = [r for c in held if c in products and (r := level(products[c].risk_level))]
    invested = [
        r
        for c in held
        if c in products and policy.invests_in(products[c]) and (r := level(products[c].risk_level))
    ]
    maturing = sorted(
        (h.maturity_date, h.product_code)
        for h in data.holdings
        if h.maturity_date is not None and h.maturity_date >= as_of
    )
    nxt = maturing[0] if maturing else (None, None)
    standard = policy.tiering.service_standards.get(tier.tier)
    age = age_on(client.registration_id, as_of) if client.client_type == "retail" else None
    needs = assign_needs(
        policy.tiering.needs_segments,
        client.client_type,
        needs_values(
            client,
            as_of,
            deposit_change=metrics.trend_ratio,
            loan_balance=metrics.loan_balance,
            age=age,
        ),
    )
    return BookRow(
        client_id=client.client_id,
        rm_id=client.rm_id,
        client_type=client.client_type,
        industry=client.industry,
        tier=tier.tier,
        tier_label_zh=tier.label_zh,
        tier_label_en=tier.label_en,
        value=metrics.aum if client.client_type == "retail" else metrics.avg_deposit,
        avg_deposit=metrics.avg_deposit,
        latest_deposit=metrics.latest_deposit or 0.0,
        trend_ratio=metrics.trend_ratio,
        signals=tuple(dict.fromkeys(s.kind for s in signals)),
        overdue=tuple(dict.fromkeys(s.kind for s in signals if s.due_date and s.due_date < as_of)),
        watch=tier.watch,
        top_severity=signals[0].severity if signals else None,
        gaps=_gaps(signals, products, payroll_categories),
        next_maturity=nxt[0],
        next_maturity_product=nxt[1],
        days_to_maturity=(nxt[0] - as_of).days if nxt[0] else None,
        maturities=tuple(((d - as_of).days, code) for d, code in maturing),
        maturing_amounts=tuple(
            ((h.maturity_date - as_of).days, h.product_code, h.balance)
            for h in data.holdings
            if h.maturity_date is not None and h.maturity_date >= as_of
        ),
        urgency=max((urgency_score(s.due_date, as_of) for s in signals), default=0.0),
        loan_balance=metrics.loan_balance,
        aum=metrics.aum,
        employees=client.employees,
        revenue=float(client.annual_revenue) if client.annual_revenue is not None else None,
        age=age,
        next_maturity_amount=(
            sum(h.balance for h in data.holdings if h.maturity_date == nxt[0]) if nxt[0] else None
        ),
        days_since_contact=metrics.days_since_last_interaction,
        risk_appetite=level(client.risk_appetite),
        held=held,
        top_product_risk=max(risks, default=None),
        top_investment_risk=max(invested, default=None),
        attributes=tuple(str(v) for v in (client.attributes or {}).values() if v),
        latest_change=(
            metrics.latest_deposit / metrics.prev_avg_deposit - 1
            if metrics.prev_avg_deposit and metrics.latest_deposit is not None
            else None
        ),
        marks=tuple(
            SignalMark(s.kind, s.product_code, s.detected_on, s.event_date, s.due_date)
            for s in signals
        ),
        outflow=_outflow(data, policy.signals.deposit_churn),
        contact_every_days=standard.contact_every_days if standard else None,
        segment=needs.segment if needs else None,
    )


class BookAnalyzer:
    """Computes ``BookRow``s for a list of clients under one policy and catalogue."""

    def __init__(
        self,
        policy: Policies,
        products: Mapping[str, ProductRecord],
        rules: Sequence[SignalRule] | None = None,
    ) -> None:
        self._policy = policy
        self._products = products
        self._rules = rules
        self._payroll_categories = tuple(policy.signals.product_gap.payroll_categories)

    def analyze(
        self, datas: Sequence[ClientData], as_of: date, peers: PeerStats | None = None
    ) -> list[BookRow]:
        """One row per client. Without ``peers``, peers are computed over ``datas`` itself
        (pass bank-wide ``PeerStats`` when the book is too small to have peers)."""
        aum = self._policy.tiering.aum_categories
        metrics = [compute_metrics(d, self._products, aum, as_of) for d in datas]
        tiers = [
            tier_from_metrics(d.client.client_type, m, self._policy, d.client)
            for d, m in zip(datas, metrics, strict=True)
        ]
        if peers is None:
            peers = PeerStats.from_population(
                datas,
                self._products,
                {d.client.client_id: t for d, t in zip(datas, tiers, strict=True)},
            )
        rows = []
        for data, m, tier in zip(datas, metrics, tiers, strict=True):
            signals = detect_signals(
                data,
                self._products,
                peers,
                self._policy,
                as_of,
                tier=tier,
                metrics=m,
                rules=self._rules,
            )
            rows.append(
                _row(
                    data,
                    m,
                    tier,
                    signals,
                    as_of,
                    self._products,
                    self._policy,
                    self._payroll_categories,
                )
            )
        return rows

    @staticmethod
    def query(rows: Sequence[BookRow], **filters) -> list[BookRow]:  # noqa: ANN003
        """The module-level ``query``, for callers holding only the analyzer."""
        return query(rows, **filters)


def _keep(
    row: BookRow,
    tier: str | None,
    signal: str | None,
    product_gap: str | bool | None,
    maturity_within_days: int | None,
    client_type: str | None,
    industry: str | None,
) -> bool:
    return (
        (tier is None or row.tier == tier)
        and (signal is None or signal in row.signals)
        and (
            product_gap is None
            or (
                product_gap in row.gaps
                if isinstance(product_gap, str)
                else bool(row.gaps) == product_gap
            )
        )
        and (
            maturity_within_days is None
            or (row.days_to_maturity is not None and row.days_to_maturity <= maturity_within_days)
        )
        and (client_type is None or row.client_type == client_type)
        and (industry is None or row.industry == industry)
    )


_SORTS = {
    "value": lambda r: (-r.value, r.client_id),
    # Steepest decline first; clients without a comparable history last.
    "trend": lambda r: (r.trend_ratio is None, r.trend_ratio or 0.0, -r.value, r.client_id),
    "maturity": lambda r: (
        r.days_to_maturity is None,
        r.days_to_maturity or 0,
        -r.value,
        r.client_id,
    ),
    "urgency": lambda r: (
        -r.urgency,
        SEVERITY_RANK.get(r.top_severity or "", 9),
        -r.value,
        r.client_id,
    ),
}


def query(
    rows: Sequence[BookRow],
    *,
    tier: str | None = None,
    signal: str | None = None,
    product_gap: str | bool | None = None,
    maturity_within_days: int | None = None,
    client_type: str | None = None,
    industry: str | None = None,
    sort_by: SortKey = "value",
    limit: int | None = 10,
) -> list[BookRow]:
    """Filter and rank book rows; every filter is optional and they combine with AND.

    ``product_gap`` is a product code the client lacks (or ``True``: any gap). ``sort_by``:
    ``value`` (largest first), ``trend`` (steepest decline first), ``maturity`` (soonest
    first), ``urgency`` (nearest signal deadline, then severity).
    """
    if sort_by not in _SORTS:
        raise UserError(f"unknown sort_by {sort_by!r}; expected one of {', '.join(_SORTS)}")
    kept = [
        r
        for r in rows
        if _keep(r, tier, signal, product_gap, maturity_within_days, client_type, industry)
    ]
    kept.sort(key=_SORTS[sort_by])
    return kept[:limit] if limit is not None else kept
