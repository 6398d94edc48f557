"""Tiering: every rule at its threshold and just below, and the explanations RMs read."""

from __future__ import annotations

import pytest

from tests.intelligence.factory import catalog, holding, make_client, policies
from tools.intelligence.tiering import assign_tier

CATEGORY_EXAMPLES = ["CDEP01", "CLN01", "CPAY01", "CCM01", "CTF01", "CFX01", "CWM01", "CSC01"]


def client_with(client_type: str, metric: str, amount: float):
    """A client whose only non-zero tiering metric is ``metric`` = ``amount``."""
    if metric == "avg_deposit" or metric == "aum":
        return make_client(client_type=client_type, deposits=[amount] * 3)
    if metric == "loan_balance":
        return make_client(client_type=client_type, deposits=[0] * 3, loans=amount)
    codes = CATEGORY_EXAMPLES[: int(amount)]
    return make_client(
        client_type=client_type, deposits=[0] * 3, holdings=[holding(c) for c in codes]
    )


# (client type, tier, metric): every rule of the shipped policy; thresholds come from the policy.
RULES = [
    ("corporate", "strategic", "avg_deposit"),
    ("corporate", "strategic", "loan_balance"),
    ("corporate", "core", "avg_deposit"),
    ("corporate", "core", "loan_balance"),
    ("corporate", "key", "avg_deposit"),
    ("corporate", "key", "loan_balance"),
    ("corporate", "key", "product_count"),
    ("retail", "private", "aum"),
    ("retail", "wealth", "aum"),
    ("retail", "affluent", "aum"),
]


def threshold(tier: str, metric: str) -> float:
    definition = policies().tiering.definition(tier)
    assert definition is not None
    return next(r.gte for r in definition.rules if r.metric == metric)


@pytest.mark.parametrize(
    ("client_type", "tier", "metric"), RULES, ids=[f"{t}-{m}" for _, t, m in RULES]
)
def test_when_metric_exactly_at_threshold_then_tier_reached(
    client_type: str, tier: str, metric: str
) -> None:
    gte = threshold(tier, metric)
    result = assign_tier(client_with(client_type, metric, gte), catalog(), policies())
    assert (result.tier, result.rule_metric, result.value, result.threshold) == (
        tier,
        metric,
        gte,
        gte,
    )


@pytest.mark.parametrize(
    ("client_type", "tier", "metric"), RULES, ids=[f"{t}-{m}" for _, t, m in RULES]
)
def test_when_metric_just_below_threshold_then_next_tier_down(
    client_type: str, tier: str, metric: str
) -> None:
    below = threshold(tier, metric) - 1
    ladder = [t.tier for t in policies().tiering.ladder(client_type)]
    result = assign_tier(client_with(client_type, metric, below), catalog(), policies())
    assert ladder.index(result.tier) > ladder.index(tier)


def test_when_core_by_deposits_then_explained_in_wan_and_millions() -> None:
    result = assign_tier(make_client(deposits=[52_300_000] * 3), catalog(), policies())
    assert result.explanation_zh == "核心客户：日均存款 5,230 万 ≥ 5,000 万"
    assert result.explanation_en == "Core: average daily deposits CNY 52.3m ≥ 50m"


def test_when_bottom_tier_then_explained_against_the_nearest_rule_above() -> None:
    result = assign_tier(make_client(deposits=[3_200_000] * 3), catalog(), policies())
    assert result.tier == "basic"
    assert result.rule_metric == "avg_deposit" and result.threshold == threshold(
        "key", "avg_deposit"
    )
    assert result.explanation_zh == "基础客户：日均存款 320 万，未达重点客户门槛 1,000 万"


def test_when_retail_holds_investments_then_they_lift_the_tier() -> None:
    data = make_client(
        client_type="retail", deposits=[100_000] * 3, holdings=[holding("RWM02", 400_000)]
    )
    result = assign_tier(data, catalog(), policies())
    assert (result.tier, result.value) == ("wealth", 500_000)
    assert result.explanation_zh == "财富客户：金融资产 50 万 ≥ 50 万"
