"""Next best actions: each signal's action and playbook, profile actions, and the ranking."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.intelligence.factory import (
    AS_OF,
    catalog,
    days_before,
    holding,
    interaction,
    make_client,
    policies,
)
from tools.intelligence.actions import NextBestAction, recommend
from tools.intelligence.signals import detect_signals
from tools.intelligence.tiering import assign_tier

RECENT = [interaction(days_before(3))]  # keeps the service-cadence action out of the way


def actions_of(data) -> list[NextBestAction]:
    tier = assign_tier(data, catalog(), policies())
    signals = detect_signals(data, catalog(), None, policies(), AS_OF)
    return recommend(data, tier, signals, catalog(), policies(), AS_OF)


def kinds(data) -> list[str]:
    return [a.kind for a in actions_of(data)]


SIGNAL_ACTIONS = [
    (
        "churn",
        make_client(deposits=[10e6] * 3 + [7e6] * 3, interactions=RECENT),
        "churn_visit",
        "lifecycle/deposit-churn-rescue",
        "5 个工作日内面访，了解资金流向",
    ),
    (
        "maturity",
        make_client(
            holdings=[holding("CDEP02", 3e6, maturity=AS_OF + timedelta(days=20))],
            interactions=RECENT,
        ),
        "maturity_renewal",
        "lifecycle/maturity-follow-up",
        "续存",
    ),
    (
        "payroll_gap",
        make_client(employees=300, interactions=RECENT),
        "payroll_offer",
        "products/payroll",
        "代发",
    ),
    (
        "suitability",
        make_client(
            client_type="retail",
            risk_appetite="C2",
            holdings=[holding("RFD02", 5e4)],
            interactions=RECENT,
        ),
        "suitability_review",
        "compliance/suitability",
        "重新评估风险承受能力",
    ),
    (
        "dormant",
        make_client(deposits=[5e6] * 7, transactions=[3] + [0] * 6),
        "dormant_reactivation",
        "lifecycle/dormant-reactivation",
        "唤醒",
    ),
    (
        "growth",
        make_client(deposits=[10e6] * 3 + [14e6] * 3, interactions=RECENT),
        "growth_upsell",
        "lifecycle/activation",
        "新增资金",  # the products offered are named in the reason, within the client's grade
    ),
]


@pytest.mark.parametrize(
    ("case", "data", "kind", "playbook", "words"),
    SIGNAL_ACTIONS,
    ids=[c[0] for c in SIGNAL_ACTIONS],
)
def test_when_signal_present_then_action_backed_by_its_playbook(
    case, data, kind, playbook, words
) -> None:
    action = next(a for a in actions_of(data) if a.kind == kind)
    assert action.playbook == playbook
    assert words in action.title_zh
    assert action.title_en and action.reason_zh and action.reason_en


def test_when_churn_and_payroll_gap_then_urgent_churn_first() -> None:
    data = make_client(employees=300, deposits=[10e6] * 3 + [7.5e6] * 3, interactions=RECENT)
    order = kinds(data)
    assert order.index("churn_visit") < order.index("payroll_offer")
    churn = actions_of(data)[order.index("churn_visit")]
    assert churn.due_date == AS_OF + timedelta(days=5) and churn.signal_kind == "deposit_churn"


def test_when_actions_returned_then_sorted_by_score_within_unit_range() -> None:
    data = make_client(
        employees=300,
        industry="外贸",
        deposits=[10e6] * 3 + [7e6] * 3,
        holdings=[holding("CDEP02", 3e6, maturity=AS_OF + timedelta(days=70))],
    )
    actions = actions_of(data)
    assert [a.score for a in actions] == sorted((a.score for a in actions), reverse=True)
    assert all(0 <= a.value_score <= 1 and 0 <= a.urgency_score <= 1 for a in actions)


@pytest.mark.parametrize(("days_ago", "overdue"), [(45, False), (46, True)])
def test_when_last_contact_older_than_tier_standard_then_cadence_action(
    days_ago: int, overdue: bool
) -> None:
    # 2,000 万 average deposits: a Key client, contact at least every 45 days.
    assert policies().tiering.service_standards["key"].contact_every_days == 45
    data = make_client(interactions=[interaction(days_before(days_ago))])
    cadence = [a for a in actions_of(data) if a.kind == "service_cadence"]
    assert bool(cadence) is overdue
    if overdue:
        assert cadence[0].playbook == "tiering/service-standards"
        assert cadence[0].due_date == days_before(1)


def test_when_payroll_company_has_many_employees_then_corporate_retail_synergy() -> None:
    data = make_client(employees=300, holdings=[holding("CPAY01")], interactions=RECENT)
    action = next(a for a in actions_of(data) if a.kind == "corporate_retail_synergy")
    assert (
        action.playbook == "collaboration/corporate-retail-synergy"
        and "公私联动" in action.title_zh
    )


FX = [
    ("trade_industry_unhedged", "外贸", [], True),
    ("export_finance_user_unhedged", "制造业", ["CTF02"], True),
    ("already_hedged", "外贸", ["CFX01"], False),
    ("domestic_without_trade_finance", "制造业", [], False),
]


@pytest.mark.parametrize(("case", "industry", "codes", "expected"), FX, ids=[c[0] for c in FX])
def test_when_exporter_without_hedging_then_fx_action(
    case: str, industry: str, codes: list[str], expected: bool
) -> None:
    data = make_client(industry=industry, holdings=[holding(c) for c in codes], interactions=RECENT)
    fx = [a for a in actions_of(data) if a.kind == "fx_hedging"]
    assert bool(fx) is expected
    if expected:
        assert fx[0].playbook == "products/fx-hedging" and fx[0].product_code == "CFX01"


def test_when_limit_given_then_only_the_top_actions() -> None:
    data = make_client(employees=300, industry="外贸", deposits=[10e6] * 3 + [7e6] * 3)
    tier = assign_tier(data, catalog(), policies())
    signals = detect_signals(data, catalog(), None, policies(), AS_OF)
    top = recommend(data, tier, signals, catalog(), policies(), AS_OF, limit=2)
    assert top == actions_of(data)[:2]
