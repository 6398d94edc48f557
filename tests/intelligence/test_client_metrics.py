"""Derived metrics: the numbers every later rule relies on."""

from __future__ import annotations

from tests.intelligence.factory import (
    AS_OF,
    catalog,
    days_before,
    holding,
    interaction,
    make_client,
    policies,
)
from tools.intelligence.metrics import compute_metrics, month_after


def metrics_of(data):
    return compute_metrics(data, catalog(), policies().tiering.aum_categories, AS_OF)


def test_when_six_months_then_windows_are_last_three_and_the_three_before() -> None:
    m = metrics_of(make_client(deposits=[10, 20, 30, 40, 50, 90], loans=7))
    assert m.avg_deposit == 60
    assert m.prev_avg_deposit == 20
    assert (m.latest_month, m.latest_deposit, m.previous_deposit) == ("2026-10", 90, 50)
    assert m.loan_balance == 7
    assert m.trend_ratio == 2.0


def test_when_three_months_only_then_no_previous_window() -> None:
    m = metrics_of(make_client(deposits=[10, 20, 30]))
    assert m.prev_avg_deposit is None and m.trend_ratio is None


def test_when_two_products_share_a_category_then_counted_once() -> None:
    m = metrics_of(
        make_client(holdings=[holding("CLN01", 1), holding("CLN02", 1), holding("CDEP01", 1)])
    )
    assert m.product_count == 2


def test_when_retail_holds_wealth_and_loan_then_aum_counts_only_investments() -> None:
    data = make_client(
        client_type="retail",
        deposits=[100_000] * 6,
        holdings=[holding("RWM01", 300_000), holding("RFD01", 50_000), holding("RLN01", 900_000)],
    )
    assert metrics_of(data).aum == 450_000


def test_when_trailing_months_idle_then_streak_counted_and_unknown_breaks_it() -> None:
    assert metrics_of(make_client(transactions=[5, 3, 0, 0, 0, 0])).months_without_transactions == 4
    assert (
        metrics_of(make_client(transactions=[0, 0, None, 0, 0, 0])).months_without_transactions == 3
    )


def test_when_interactions_logged_then_days_counted_from_as_of_not_today() -> None:
    data = make_client(interactions=[interaction(days_before(40)), interaction(days_before(12))])
    assert metrics_of(data).days_since_last_interaction == 12
    assert metrics_of(make_client()).days_since_last_interaction is None


def test_when_month_closes_then_next_day_is_first_of_next_month() -> None:
    assert month_after("2026-10").isoformat() == "2026-11-01"
    assert month_after("2026-12").isoformat() == "2027-01-01"
