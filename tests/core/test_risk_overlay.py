"""Tiering by value and risk (#18): a client whose internal rating is on the bank's watch list
keeps the value tier, is explained and served by the watch standard, and gets no growth offer;
the same client rated otherwise is offered as before. Read on demo-bank clients with the rating
changed here, under both banks' tiering files."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tools.intelligence.policy import load_policies

GROWTH = {"product_offer", "payroll_offer", "growth_upsell", "corporate_retail_synergy"}


@pytest.fixture(scope="module")
def offered(demo):
    """A client of the demo bank with a growth offer among their actions, and its data."""
    fl, _ = demo
    for data in fl.insights.book_data(frozenset(fl.bank.client_ids_of(["RM001"]))):
        insight = fl.insights.insight(data, fl.insights.extract_as_of)
        if any(a.kind in GROWTH for a in insight.actions):
            return fl, data
    raise AssertionError("no client with a growth offer")


def test_a_watched_client_keeps_the_tier_gets_the_watch_standard_and_no_growth_offer(offered):
    fl, data = offered
    before = fl.insights.insight(data, fl.insights.extract_as_of)
    watched = replace(data, client=replace(data.client, risk_rating="CC"))
    after = fl.insights.insight(watched, fl.insights.extract_as_of)
    assert after.tier.tier == before.tier.tier and after.tier.watch == "CC"
    assert "风险关注客户（评级 CC）" in after.tier.explanation_zh
    assert "Risk watch (rating CC)" in after.tier.explanation_en
    assert after.actions[0].kind == "risk_watch"
    assert not {a.kind for a in after.actions} & GROWTH
    assert {a.kind for a in before.actions} - GROWTH <= {a.kind for a in after.actions}


def test_a_rating_off_the_list_changes_nothing(offered):
    fl, data = offered
    rated = replace(data, client=replace(data.client, risk_rating="BBB"))
    insight = fl.insights.insight(rated, fl.insights.extract_as_of)
    assert insight.tier.watch is None and {a.kind for a in insight.actions} & GROWTH


def test_the_second_banks_watch_list_is_its_own_scale() -> None:
    overlay = load_policies(
        "evals/banks/harbour/tiering.yaml", "evals/banks/harbour/signals.yaml"
    ).tiering.risk_overlay
    assert overlay is not None

    class Rated:
        risk_rating = "5级"
        attributes: dict = {}

    assert overlay.watches(Rated()) == "5级"  # type: ignore[arg-type]
    Rated.risk_rating = "4级"
    assert overlay.watches(Rated()) is None  # type: ignore[arg-type]
