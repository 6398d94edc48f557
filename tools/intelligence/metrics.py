"""Derived client metrics — the numbers tiering, signals and actions are computed on.

Computed once per client per ``as_of`` and passed around, so "average daily deposits" means
the same thing in a tier explanation, a churn signal and a book ranking.

Definitions (the tiering policy's wording):

- ``avg_deposit``: mean of the last 3 months' average daily deposit (近三个月日均存款).
- ``prev_avg_deposit``: the same over months 4-6; ``None`` with fewer than 4 months of data.
- ``product_count``: distinct product *categories* held (持有产品 "类"), so a client with two
  loans and a deposit counts 2; unknown product codes count as their own category.
- ``aum``: ``avg_deposit`` plus the balances of holdings whose category is in the tiering
  policy's ``aum_categories`` (wealth, fund, insurance, cd, gold, trust by default).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from statistics import fmean

from tools.bank.records import BalanceRecord, ClientData, ProductRecord

WINDOW_MONTHS = 3  # the policy's "last 3 months" and "months 4-6"


@dataclass(frozen=True)
class ClientMetrics:
    avg_deposit: float
    prev_avg_deposit: float | None
    latest_month: str | None
    latest_deposit: float | None
    previous_month: str | None
    previous_deposit: float | None
    loan_balance: float
    product_count: int
    aum: float
    months_without_transactions: int
    days_since_last_interaction: int | None  # None: no interaction on record (or no as_of)

    @property
    def trend_ratio(self) -> float | None:
        """Last 3 months vs months 4-6 as a signed ratio (-0.25 = down 25%)."""
        if not self.prev_avg_deposit:
            return None
        return self.avg_deposit / self.prev_avg_deposit - 1

    @property
    def sudden_change_ratio(self) -> float | None:
        """Latest month vs the month before as a signed ratio."""
        if not self.previous_deposit or self.latest_deposit is None:
            return None
        return self.latest_deposit / self.previous_deposit - 1

    def value(self, name: str) -> float:
        """A metric by the name the tiering policy uses (``avg_deposit``, ``aum`` ...)."""
        return float(getattr(self, name))


def month_after(month: str) -> date:
    """``"2026-10"`` -> ``date(2026, 11, 1)``: the day a month's figures are complete."""
    year, mon = map(int, month.split("-"))
    return date(year + mon // 12, mon % 12 + 1, 1)


def category_of(code: str, products: Mapping[str, ProductRecord]) -> str:
    product = products.get(code)
    return product.category if product else code


def mean_deposit(months: Sequence[BalanceRecord]) -> float | None:
    return fmean(b.avg_daily_deposit for b in months) if months else None


def _trailing_idle_months(balances: tuple[BalanceRecord, ...]) -> int:
    # An unreported count (None) is not evidence of inactivity, so it ends the streak.
    streak = 0
    for record in reversed(balances):
        if record.transaction_count != 0:
            break
        streak += 1
    return streak


def _days_since_last_interaction(data: ClientData, as_of: date | None) -> int | None:
    if as_of is None:
        return None
    past = [i.date for i in data.interactions if i.date <= as_of]
    return (as_of - max(past)).days if past else None


def compute_metrics(
    data: ClientData,
    products: Mapping[str, ProductRecord],
    aum_categories: tuple[str, ...],
    as_of: date | None = None,
) -> ClientMetrics:
    """Every derived figure for one client.

    ``as_of`` anchors the day counts (never ``date.today()``); without it
    ``days_since_last_interaction`` is ``None`` — tiering does not need it.
    """
    balances = data.balances
    recent, earlier = balances[-WINDOW_MONTHS:], balances[-2 * WINDOW_MONTHS : -WINDOW_MONTHS]
    latest = balances[-1] if balances else None
    previous = balances[-2] if len(balances) > 1 else None
    avg_deposit = mean_deposit(recent) or 0.0
    held = [(category_of(h.product_code, products), h.balance) for h in data.holdings]
    invested = sum(balance for category, balance in held if category in aum_categories)
    return ClientMetrics(
        avg_deposit=avg_deposit,
        prev_avg_deposit=mean_deposit(earlier),
        latest_month=latest.month if latest else None,
        latest_deposit=latest.avg_daily_deposit if latest else None,
        previous_month=previous.month if previous else None,
        previous_deposit=previous.avg_daily_deposit if previous else None,
        loan_balance=latest.loan_balance if latest else 0.0,
        product_count=len({category for category, _ in held}),
        aum=avg_deposit + invested,
        months_without_transactions=_trailing_idle_months(balances),
        days_since_last_interaction=_days_since_last_interaction(data, as_of),
    )
