"""A bank's own policy files: its tier taken from a column of its extract, and its catalogue's
categories for payroll, hedging, renewable deposits and financial assets. The policies and the
catalogue here are written for the test (another bank's words), not produced by the code."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from tests.intelligence.factory import AS_OF, holding, make_client, policies
from tools.bank.records import ClientData, ProductRecord
from tools.intelligence.actions import recommend
from tools.intelligence.policy import Policies, load_policies
from tools.intelligence.signals import detect_signals
from tools.intelligence.tiering import assign_tier

TIERING = """
version: 1
source:
  column: bank_grade
  basis_zh: 行内评级
  basis_en: the bank's own rating
  labels: {labels}
aum_categories: [managed-investment]
corporate:
  - tier: gold
    label_zh: 一级
    label_en: Grade one
    values: [A1]
    any: [{{metric: avg_deposit, gte: 5000000}}]
  - tier: plain
    label_zh: 二级
    label_en: Grade two
    values: [B2]
    any: []
retail:
  - tier: star
    label_zh: 星级
    label_en: Star
    any: [{{metric: aum, gte: 1000000}}]
  - tier: mass
    label_zh: 普通
    label_en: Ordinary
    any: []
service_standards:
  gold: {{visit_every_days: 30, contact_every_days: 30, response_hours: 4, playbook: svc/a}}
  plain: {{visit_every_days: 90, contact_every_days: 90, response_hours: 24, playbook: svc/a}}
  star: {{visit_every_days: 60, contact_every_days: 60, response_hours: 8, playbook: svc/a}}
  mass: {{visit_every_days: 180, contact_every_days: 180, response_hours: 48, playbook: svc/a}}
"""

SIGNALS = """
version: 1
deposit_churn:
  gradual_drop_ratio: 0.2
  sudden_drop_ratio: 0.4
  min_amount: {corporate: 50000, retail: 50000}
  follow_up_working_days: 5
  playbook: keep/outflow
maturity:
  windows_days: [30]
  first_contact_days_before: 30
  second_contact_days_before: 7
  playbook: keep/maturity
  deposit_categories: [time-deposit]
growth: {growth_ratio: 0.3, playbook: keep/growth}
dormancy:
  months_without_transactions: 6
  days_without_interaction: 240
  follow_up_working_days: 10
  playbook: keep/sleeping
product_gap:
  peer_holding_ratio: 0.5
  payroll_min_employees: 80
  payroll_categories: [wage-service]
  playbook: sell/wages
suitability: {follow_up_working_days: 3, playbook: conduct/fit}
actions:
  corporate_retail_synergy: {playbook: sell/wages}
  fx_hedging:
    playbook: sell/hedge
    export_industries: [远洋贸易]
    categories: [currency-cover]
"""

OTHER_CATALOGUE = {
    code: ProductRecord(code, name, category, risk, segment, name_en=name_en)
    for code, name, category, risk, segment, name_en in (
        ("WAGE-1", "工资通", "wage-service", "R1", "corporate", "Wage Service"),
        ("TD-12", "一年定存", "time-deposit", "R1", "both", "12-month Time Deposit"),
        ("FWD-9", "远期锁汇", "currency-cover", "R2", "corporate", "Forward Cover"),
        ("MI-7", "七天理财", "managed-investment", "R2", "retail", "7-day Managed Investment"),
    )
}


def bank_policies(tmp_path: Path, labels: str = "policy") -> Policies:
    tiering = tmp_path / "tiering.yaml"
    signals = tmp_path / "signals.yaml"
    tiering.write_text(TIERING.format(labels=labels), encoding="utf-8")
    signals.write_text(SIGNALS, encoding="utf-8")
    return load_policies(tiering, signals)


def graded(data: ClientData, **attributes: str) -> ClientData:
    return replace(data, client=replace(data.client, attributes=attributes))


def test_when_the_extract_gives_a_tier_then_it_wins_over_the_balances(tmp_path: Path) -> None:
    rich = graded(make_client(deposits=[90_000_000.0] * 6), bank_grade="B2")
    tier = assign_tier(rich, OTHER_CATALOGUE, bank_policies(tmp_path))
    assert (tier.tier, tier.label_zh, tier.label_en) == ("plain", "二级", "Grade two")
    assert tier.explanation_zh == "二级：行内评级 B2"
    assert tier.explanation_en == "Grade two: the bank's own rating B2"
    assert (tier.rank, tier.ladder_size, tier.rule_metric) == (1, 2, None)


@pytest.mark.parametrize("value", ["一级", "Grade One", "gold", " a1 "])
def test_a_tier_is_named_by_its_value_label_or_name_in_any_case(tmp_path: Path, value: str) -> None:
    data = graded(make_client(deposits=[0.0] * 6), bank_grade=value)
    assert assign_tier(data, OTHER_CATALOGUE, bank_policies(tmp_path)).tier == "gold"


def test_when_the_column_is_blank_or_unknown_then_the_rules_tier_the_client(
    tmp_path: Path,
) -> None:
    policy = bank_policies(tmp_path)
    for attributes in ({}, {"bank_grade": ""}, {"bank_grade": "Z9"}):
        data = graded(make_client(deposits=[6_000_000.0] * 6), **attributes)
        tier = assign_tier(data, OTHER_CATALOGUE, policy)
        assert tier.tier == "gold" and tier.rule_metric == "avg_deposit"


def test_with_labels_from_the_extract_an_unlisted_value_is_shown_as_it_is(
    tmp_path: Path,
) -> None:
    policy = bank_policies(tmp_path, labels="extract")
    unlisted = assign_tier(graded(make_client(), bank_grade="VIP三星"), OTHER_CATALOGUE, policy)
    assert (unlisted.tier, unlisted.label_zh, unlisted.explanation_zh) == (
        "VIP三星",
        "VIP三星",
        "VIP三星：行内评级",
    )
    listed = assign_tier(graded(make_client(), bank_grade="A1"), OTHER_CATALOGUE, policy)
    assert (listed.tier, listed.label_zh) == ("gold", "A1")


def test_without_a_source_the_column_is_ignored() -> None:
    data = graded(make_client(deposits=[0.0] * 6), bank_grade="strategic")
    assert assign_tier(data, OTHER_CATALOGUE, policies()).tier == "basic"


def test_aum_counts_the_categories_the_policy_lists(tmp_path: Path) -> None:
    data = make_client(
        client_type="retail", deposits=[100_000.0] * 6, holdings=[holding("MI-7", 950_000.0)]
    )
    assert assign_tier(data, OTHER_CATALOGUE, bank_policies(tmp_path)).tier == "star"
    assert assign_tier(data, OTHER_CATALOGUE, policies()).tier != "private"


def _signals(data: ClientData, policy: Policies) -> list:
    return detect_signals(data, OTHER_CATALOGUE, None, policy, AS_OF)


def test_payroll_gap_uses_the_catalogues_own_payroll_category(tmp_path: Path) -> None:
    company = make_client(employees=85, holdings=[holding("TD-12", 1_000_000.0)])
    gaps = [s for s in _signals(company, bank_policies(tmp_path)) if s.kind == "product_gap"]
    assert [(s.product_code, s.facts["basis"]) for s in gaps] == [("WAGE-1", "payroll")]
    # The demo bank's policy knows no "wage-service" category: no payroll claim on this catalogue.
    assert not [s for s in _signals(company, policies()) if s.facts.get("basis") == "payroll"]
    paid = make_client(employees=85, holdings=[holding("WAGE-1", 0.0)])
    assert not [s for s in _signals(paid, bank_policies(tmp_path)) if s.kind == "product_gap"]


def _actions(data: ClientData, policy: Policies) -> dict[str, object]:
    tier = assign_tier(data, OTHER_CATALOGUE, policy)
    found = recommend(data, tier, _signals(data, policy), OTHER_CATALOGUE, policy, AS_OF)
    return {a.kind: a for a in found}


def test_hedging_and_synergy_use_the_policys_categories(tmp_path: Path) -> None:
    policy = bank_policies(tmp_path)
    exporter = make_client(industry="远洋贸易", employees=120, holdings=[holding("WAGE-1")])
    actions = _actions(exporter, policy)
    assert actions["fx_hedging"].product_code == "FWD-9"  # type: ignore[attr-defined]
    assert "corporate_retail_synergy" in actions
    hedged = make_client(industry="远洋贸易", holdings=[holding("FWD-9", 0.0)])
    assert "fx_hedging" not in _actions(hedged, policy)


def test_a_maturing_deposit_of_the_policys_categories_is_offered_a_renewal(
    tmp_path: Path,
) -> None:
    due = date(2026, 11, 20)
    data = make_client(holdings=[holding("TD-12", 3_000_000.0, maturity=due)])
    action = _actions(data, bank_policies(tmp_path))["maturity_renewal"]
    assert "续存" in action.title_zh  # type: ignore[attr-defined]


def test_the_settings_point_the_assistant_at_the_banks_own_policies(tmp_path: Path) -> None:
    from assistant.config import load_settings
    from assistant.wiring import Frontline
    from testkit.embeddings import HashingEmbeddings

    bank_policies(tmp_path)  # writes both files
    settings = load_settings(
        _env_file=None,
        home=tmp_path / "home",
        tiering_policy=tmp_path / "tiering.yaml",
        signal_policy=tmp_path / "signals.yaml",
    )
    fl = Frontline(settings, embedder=HashingEmbeddings())
    try:
        assert fl.policies.tiering.source is not None
        assert fl.policies.tiering.source.column == "bank_grade"
        assert fl.policies.signals.product_gap.payroll_categories == ("wage-service",)
        assert fl.insights.intel.policy is fl.policies
    finally:
        fl.close()
    default = load_settings(_env_file=None, home=tmp_path / "h2")
    assert default.tiering_policy is None and default.signal_policy is None
