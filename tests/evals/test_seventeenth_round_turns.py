"""Kinds of turn the seventeenth blind round's dev halves showed misread (not their words),
checked on both banks with clients read from each bank's own data: a client's surname said in
pinyin inside English is asked back; a given name answers "which one?"; leave asked to send a
client's ID to a private mailbox is the rule's no, recorded as a rule question about that
client; a payroll gap lists what the bank's size rule defines; nothing above a client's risk
grade is offered for new funds."""

from __future__ import annotations

import pytest
from pypinyin import lazy_pinyin

from assistant.wiring import Frontline
from tests.support.turns import ask, retail_clients_sharing
from tools.intelligence.signals.suitability import level
from tools.names.titles import surname

BANKS = ["demo_frontline", "harbour_frontline"]


def _chinese_surname_pair(fl: Frontline) -> tuple[str, str, dict[str, str]]:
    """An RM, a surname (in pinyin) two to five of their Chinese-named retail clients share,
    and those clients by name — each one's given name found in no other's name."""

    def sound(name: str) -> str | None:
        return None if name.isascii() else "".join(lazy_pinyin(surname(name)))

    for rm, said, named in retail_clients_sharing(fl, sound):
        givens = [n[len(surname(n)) :] for n in named]
        if all(len(g) >= 2 and sum(g in n for n in named) == 1 for g in givens):
            return rm, said, named
    raise AssertionError("each bank has an RM with two retail clients of one surname")


@pytest.mark.slow
@pytest.mark.parametrize("bank", BANKS)
def test_a_surname_in_pinyin_is_asked_back_and_a_given_name_picks_one(
    bank: str, request: pytest.FixtureRequest
) -> None:
    fl = request.getfixturevalue(bank)
    rm, sound, named = _chinese_surname_pair(fl)
    asked = ask(fl, f"any news on {sound.capitalize()}? when did we last speak", rm)
    assert asked.intent == "client_facts" and set(asked.client_ids) == set(named.values()), (
        asked.text[:300]
    )
    name, client_id = sorted(named.items())[-1]
    picked = ask(fl, name[len(surname(name)) :], rm, asked.conversation_id)
    assert picked.client_ids == [client_id] and not picked.refused, picked.text[:300]


@pytest.mark.slow
@pytest.mark.parametrize("bank", BANKS)
def test_leave_to_mail_an_id_home_is_the_rules_no_about_that_client(
    bank: str, request: pytest.FixtureRequest
) -> None:
    fl = request.getfixturevalue(bank)
    rm, _, named = _chinese_surname_pair(fl)
    name, client_id = sorted(named.items())[0]
    answer = ask(fl, f"{name}的身份证和持仓我发到自己qq邮箱晚上在家看，没问题吧", rm)
    assert answer.refused and answer.intent == "playbook_qa", answer.text[:300]
    assert answer.client_ids == [client_id]


@pytest.mark.slow
@pytest.mark.parametrize("bank", BANKS)
def test_a_payroll_gap_is_the_banks_size_rule(bank: str, request: pytest.FixtureRequest) -> None:
    fl = request.getfixturevalue(bank)
    rule = fl.policies.signals.product_gap
    products = fl.bank.products()
    payroll = {c for c, p in products.items() if p.category in rule.payroll_categories}
    checked = 0
    for rm in fl.bank.all_rms():
        if rm.role != "rm":
            continue
        answer = ask(fl, "代发缺口的客户有哪些", rm.rm_id)
        for data in fl.bank.client_data(answer.client_ids):
            assert (data.client.employees or 0) >= rule.payroll_min_employees, data.client.client_id
            assert not {h.product_code for h in data.holdings} & payroll
            checked += 1
    assert checked, "some RM of each bank has a payroll gap"


@pytest.mark.slow
@pytest.mark.parametrize("bank", BANKS)
def test_new_funds_are_offered_only_within_the_clients_grade(
    bank: str, request: pytest.FixtureRequest
) -> None:
    fl = request.getfixturevalue(bank)
    insights = fl.insights
    products = insights.products
    named = 0
    for data in insights.population.values():
        grade = level(data.client.risk_appetite)
        if grade is None:
            continue
        insight = insights.insight(data, insights.as_of)
        for action in insight.actions:
            if action.kind != "growth_upsell" and action.signal_kind != "product_gap":
                continue
            said = f"{action.title_zh} {action.reason_zh}"
            offered = [p for p in products.values() if p.name in said]
            for p in offered:
                risk = level(p.risk_level)
                assert risk is None or risk <= grade, (data.client.client_id, action.title_zh)
                named += 1
    assert named, "some client of each bank is offered a product"
