"""Kinds of turn the twenty-third blind round's dev halves showed misread, checked on both banks
with clients, staff and figures read from each bank's own data: a client's balance asked for by
family (the bank's own rule, never a figure), the clients past their tier's contact interval, what a client lacks for the tier above,
and outflows over an amount measured by the bank's own churn rule."""

from __future__ import annotations

from statistics import fmean

import pytest

from assistant.wiring import Frontline
from tests.support.turns import ask, books, plain_rms
from tools.entitlement import resolve_caller
from tools.intelligence.fmt import exact_zh, money_zh

BANKS = ["demo_frontline", "harbour_frontline"]


@pytest.mark.slow
@pytest.mark.parametrize("bank", BANKS)
def test_a_clients_balance_asked_for_by_family_is_the_banks_rule_never_a_figure(
    bank: str, request: pytest.FixtureRequest
) -> None:
    fl = request.getfixturevalue(bank)
    rm, data = next(
        (rm, d)
        for rm, d in books(fl)
        if d.client.client_type == "retail" and any(h.balance for h in d.holdings)
    )
    # The demo bank's playbooks hold a rule on third parties, Harbour's do not: a verdict comes
    # only from the bank's own rule (tests/evals/test_told_to_client.py), the figures never.
    ruled = bank == "demo_frontline"
    for question in (
        f"{data.client.name}儿子打电话问卡里还有多少钱，我能告诉他吗",
        # asked done rather than asked about; two sentences with the client named; no "吗"
        f"帮我把{data.client.name}的余额告诉她女儿",
        f"{data.client.name}'s wife wants to know her husband's balance. ok to tell her?",
        f"{data.client.name}的女儿问她妈妈存款有多少，我直接告诉她？",
    ):
        answer = ask(fl, question, rm)
        # told to do it ("帮我把…告诉她女儿") the answer declines; asked whether, it answers
        told = question.startswith("帮我")
        assert answer.intent == "playbook_qa" and answer.refused is told, answer.text[:300]
        assert answer.text.startswith(("不可以", "No")) is ruled, answer.text[:300]
        # a bank without the rule says it has none, never a verdict from another rule
        assert ruled or answer.text.startswith(
            ("行内手册中没有找到", "The bank's playbooks have no")
        ), answer.text[:300]
        for h in data.holdings:
            if h.balance:
                assert money_zh(h.balance) not in answer.text
                assert f"{h.balance:,.0f}" not in answer.text


@pytest.mark.slow
@pytest.mark.parametrize("bank", BANKS)
def test_the_clients_past_their_tiers_contact_interval_are_listed(
    bank: str, request: pytest.FixtureRequest
) -> None:
    fl = request.getfixturevalue(bank)
    as_of = fl.tool_services().as_of
    standards = fl.insights.policy.tiering.service_standards
    rm = plain_rms(fl)[0]
    overdue = set()
    for d in fl.bank.client_data(sorted(fl.bank.client_ids_of([rm]))):
        standard = standards.get(fl.insights.insight(d, as_of).tier.tier)
        last = max((i.date for i in d.interactions), default=None)
        if standard and (last is None or (as_of - last).days > standard.contact_every_days):
            overdue.add(d.client.client_id)
    assert overdue, "each bank's first RM has clients past their tier's interval"
    for question in (
        "按服务标准超期没联系的客户有哪些",
        "which of my clients are overdue for contact?",
    ):
        answer = ask(fl, question, rm)
        shown = set(answer.client_ids)
        assert shown <= overdue and len(shown) == min(len(overdue), 20), answer.text[:400]
    counted = ask(fl, "how many of my clients are overdue for contact?", rm)
    assert f"{len(overdue)} client" in counted.text.split("\n\n")[0] + counted.text, counted.text[
        :300
    ]


@pytest.mark.slow
@pytest.mark.parametrize("bank", BANKS)
def test_what_a_client_lacks_for_the_tier_above_is_said_to_the_yuan(
    bank: str, request: pytest.FixtureRequest
) -> None:
    fl = request.getfixturevalue(bank)
    as_of = fl.tool_services().as_of
    ladder = fl.insights.policy.tiering.corporate
    for owner, d in books(fl):
        tier = fl.insights.insight(d, as_of).tier
        if d.client.client_type != "corporate" or not 0 < tier.rank < len(ladder):
            continue
        rules = ladder[tier.rank - 1].rules
        if not rules or any(r.metric not in ("avg_deposit", "loan_balance") for r in rules):
            continue
        held = {
            "avg_deposit": fmean(b.avg_daily_deposit for b in d.balances[-3:]),
            "loan_balance": d.balances[-1].loan_balance,
        }
        gaps = [(r.gte - held[r.metric], r.gte) for r in rules]
        if all(g > 0 for g, _ in gaps):
            gap = min(gaps, key=lambda g: g[0] / g[1])[0]  # the nearest rule, relatively
            rm = owner
            break
    else:
        pytest.fail("each bank has a corporate client below a tier set by deposits or loans")
    answer = ask(fl, f"{d.client.name}为啥不是{ladder[tier.rank - 1].label_zh}？还差多少", rm)
    first = answer.text.split("\n")[0]
    assert exact_zh(round(gap, 2)) in first and ladder[tier.rank - 1].label_zh in first, first


@pytest.mark.slow
@pytest.mark.parametrize("bank", BANKS)
def test_outflows_over_an_amount_are_measured_by_the_banks_churn_rule(
    bank: str, request: pytest.FixtureRequest
) -> None:
    fl = request.getfixturevalue(bank)
    rule = fl.insights.policy.signals.deposit_churn
    n, b = rule.recent_months, rule.baseline_months
    lead = next(r for r in fl.bank.all_rms() if r.role == "team_lead")
    reach = sorted(resolve_caller(fl.bank, lead.rm_id).client_ids)
    lost = {}
    for d in fl.bank.client_data(reach):
        deposits = [m.avg_daily_deposit for m in d.balances]
        if len(deposits) >= n + b:
            lost[d.client.client_id] = fmean(deposits[-n - b : -n]) - fmean(deposits[-n:])
    for wan in (1000, 500, 300, 100, 50):
        truth = {c for c, v in lost.items() if v >= wan * 10_000}
        if 1 <= len(truth) <= 20:
            break
    else:
        pytest.fail("each bank's team has a client whose deposits flowed out")
    answer = ask(fl, f"团队里存款流出超过{wan}万的客户有哪些", lead.rm_id)
    assert set(answer.client_ids) == truth, answer.text[:500]


@pytest.mark.slow
def test_a_client_rated_below_a_tier_whose_rule_it_meets_is_told_so(
    harbour_frontline: Frontline,
) -> None:
    """Harbour rates its clients itself (`value_tier`): a client whose deposits meet the rule of
    the tier above its rating has no shortfall to state — the rating is the bank's."""
    fl = harbour_frontline
    as_of = fl.tool_services().as_of
    ladder = fl.insights.policy.tiering.corporate
    met = []
    for rm, d in books(fl):
        tier = fl.insights.insight(d, as_of).tier
        if d.client.client_type != "corporate" or not 0 < tier.rank < len(ladder):
            continue
        deposit = fmean(b.avg_daily_deposit for b in d.balances[-3:])
        above = ladder[tier.rank - 1]
        if any(r.metric == "avg_deposit" and deposit >= r.gte for r in above.rules):
            met.append((rm, d, above))
    assert met, "the Harbour bank rates a client below a tier whose deposit rule it meets"
    rm, d, above = met[0]
    first = ask(fl, f"{d.client.name}为啥不是{above.label_zh}？还差多少", rm).text.split("\n")[0]
    assert first.startswith(f"已达到{above.label_zh}") and "还差" not in first, first
