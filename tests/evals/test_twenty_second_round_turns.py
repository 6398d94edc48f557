"""Kinds of turn the twenty-second blind round's dev halves showed misread, checked on both banks
with clients, staff and figures read from each bank's own data: a client's address asked for,
an outflow measured by the bank's own churn rule, a price promised against another bank's and a
product made the condition of another in a message to write, a colleague named before one of her
clients, and who leads a table per RM and that RM's few of it."""

from __future__ import annotations

from statistics import fmean

import pytest

from tests.support.turns import ask, books, plain_rms
from tools.entitlement import resolve_caller
from tools.intelligence.fmt import money_zh, zh_count

BANKS = ["demo_frontline", "harbour_frontline"]
FULL_ID_FLAG = "guard:full_identifier"


@pytest.mark.slow
@pytest.mark.parametrize("bank", BANKS)
def test_a_clients_address_asked_for_is_refused_with_where_to_find_it(
    bank: str, request: pytest.FixtureRequest
) -> None:
    fl = request.getfixturevalue(bank)
    rm, data = next(
        (rm, d) for rm, d in books(fl) if d.client.client_type == "retail" and d.client.address
    )
    name, address = data.client.name, data.client.address or ""
    for question in (f"{name}家地址给我下 要寄个生日礼物", f"what's {name}'s home address?"):
        answer = ask(fl, question, rm)
        assert answer.refused and FULL_ID_FLAG in answer.flags, answer.text[:300]
        assert "CRM" in answer.text and address not in answer.text


@pytest.mark.slow
@pytest.mark.parametrize("bank", BANKS)
def test_what_has_flowed_out_is_measured_by_the_banks_own_churn_rule(
    bank: str, request: pytest.FixtureRequest
) -> None:
    fl = request.getfixturevalue(bank)
    rule = fl.insights.policy.signals.deposit_churn
    as_of = fl.tool_services().as_of
    rm, data = next(
        (rm, d)
        for rm, d in books(fl)
        if any(s.kind == "deposit_churn" for s in fl.insights.insight(d, as_of).signals)
    )
    deposits = [b.avg_daily_deposit for b in data.balances]
    n, b = rule.recent_months, rule.baseline_months
    recent, before = fmean(deposits[-n:]), fmean(deposits[-n - b : -n])
    answer = ask(fl, f"{data.client.name}比之前掉了多少", rm)
    first = answer.text.split("\n")[0]
    assert f"近{zh_count(n)}月日均 {money_zh(recent)}" in first, first
    assert f"较前{zh_count(b)}月 {money_zh(before)}" in first, first


@pytest.mark.slow
@pytest.mark.parametrize("bank", BANKS)
def test_a_promised_price_or_a_tied_product_is_never_written_into_the_message(
    bank: str, request: pytest.FixtureRequest
) -> None:
    fl = request.getfixturevalue(bank)
    rm, data = next((rm, d) for rm, d in books(fl) if d.client.client_type == "corporate")
    name = data.client.name
    beat = ask(
        fl, f"tell {name} we'll beat the other bank's rate by 0.5%, guaranteed. write it up", rm
    )
    assert beat.refused and "compliance:off_board_rate" in beat.flags, beat.text[:400]
    draft = beat.text.split("```")[1] if "```" in beat.text else ""
    assert "beat" not in draft.lower() and "write it up" not in draft.lower(), beat.text[:600]
    tied = ask(fl, f"跟{name}说 要办代发就得先用我们的流贷 帮我组织下话术", rm)
    assert tied.refused and "compliance:tied_selling" in tied.flags, tied.text[:400]


@pytest.mark.slow
@pytest.mark.parametrize("bank", BANKS)
def test_a_colleague_named_before_one_of_her_clients_is_the_owner(
    bank: str, request: pytest.FixtureRequest
) -> None:
    fl = request.getfixturevalue(bank)
    leads = [r for r in fl.bank.all_rms() if r.role == "team_lead"]
    rms = {r.rm_id: r for r in fl.bank.all_rms()}
    client_names = {c.name for c in fl.bank.get_clients(sorted(fl.bank.client_ids_of(list(rms))))}
    asked = collided = 0
    for lead in leads:
        reach = resolve_caller(fl.bank, lead.rm_id).client_ids
        team = [r for r in rms.values() if r.team_id == lead.team_id and r.rm_id != lead.rm_id]
        # the first teammate, and any whose name is also some client's ("张秀荣" of the demo bank)
        for n, mate in enumerate(team):
            shared = mate.name in client_names
            if n and not shared:
                continue
            client = fl.bank.get_clients(sorted(fl.bank.client_ids_of([mate.rm_id])))[0]
            answer = ask(fl, f"{mate.name}那个{client.name}最近跟进了没", lead.rm_id)
            assert not answer.refused and client.client_id in answer.client_ids, answer.text[:300]
            assert client.client_id in reach
            asked, collided = asked + 1, collided + shared
    assert asked >= 2
    if bank == "demo_frontline":
        assert collided, "the demo bank has a team lead's RM named like another RM's client"


_WORDS = {2: "two", 3: "three", 4: "four", 5: "five"}
_KINDS = {
    "dormancy": "dormant ones",
    "deposit_churn": "outflow clients",
    "maturity": "maturing ones",
}


@pytest.mark.slow
@pytest.mark.parametrize("bank", BANKS)
def test_who_leads_a_table_per_rm_and_that_rms_few_of_it(
    bank: str, request: pytest.FixtureRequest
) -> None:
    fl = request.getfixturevalue(bank)
    as_of = fl.tool_services().as_of
    found = None
    for lead in (r for r in fl.bank.all_rms() if r.role == "team_lead"):
        team = [r for r in fl.bank.all_rms() if r.team_id == lead.team_id]
        for kind, words in _KINDS.items():
            counts = {
                r.rm_id: {
                    d.client.client_id
                    for d in fl.bank.client_data(sorted(fl.bank.client_ids_of([r.rm_id])))
                    if any(s.kind == kind for s in fl.insights.insight(d, as_of).signals)
                }
                for r in team
            }
            top = max(counts, key=lambda k: len(counts[k]))
            ranked = sorted(len(v) for v in counts.values())
            if len(counts[top]) in _WORDS and ranked[-1] > ranked[-2]:
                found = (lead, team, words, top, counts[top])
                break
        if found:
            break
    assert found, "each bank has a team whose RMs differ in some signal"
    lead, team, words, top, theirs = found
    name = next(r.name for r in team if r.rm_id == top)
    chat = f"per-rm-{bank}"
    ask(fl, "how many clients does each RM on my team have", lead.rm_id, chat)
    who = ask(fl, f"who has the most {words}", lead.rm_id, chat)
    table = [line for line in who.text.split("\n") if line[:2] == "1."]
    assert who.intent == "book_query" and table and name in table[0], who.text[:400]
    few = ask(fl, f"when were {name}'s {_WORDS[len(theirs)]} last contacted?", lead.rm_id, chat)
    assert set(few.client_ids) == theirs, few.text[:400]


@pytest.mark.slow
@pytest.mark.parametrize("bank", BANKS)
def test_what_to_offer_asked_of_a_client_nothing_signals_about(
    bank: str, request: pytest.FixtureRequest
) -> None:
    fl = request.getfixturevalue(bank)
    as_of = fl.tool_services().as_of
    products = fl.bank.products()
    rm, data = next(
        (rm, d)
        for rm, d in books(fl)
        if d.client.risk_appetite and not fl.insights.insight(d, as_of).actions
    )
    answer = ask(fl, f"{data.client.name}钱都放活期 给点配置建议", rm)
    line = next(x for x in answer.text.split("\n") if "可在客户风险承受能力内配置" in x)
    offered = [code for code in products if f"（{code}，" in line]
    held = {h.product_code for h in data.holdings}
    grade = int((data.client.risk_appetite or "C0")[-1])
    assert offered and not set(offered) & held, line
    assert all(int(products[c].risk_level[-1]) <= grade for c in offered), line
    assert "**建议行动**\n\n" not in answer.text  # never a heading with nothing under it


@pytest.mark.slow
@pytest.mark.parametrize("bank", BANKS)
def test_a_bare_follow_up_of_a_rule_question_is_the_rule_again(
    bank: str, request: pytest.FixtureRequest
) -> None:
    fl = request.getfixturevalue(bank)
    products = sorted(fl.bank.products().values(), key=lambda p: (p.risk_level, p.product_code))
    rm = plain_rms(fl)[0]
    one_per_grade = {p.risk_level: p for p in reversed(products) if p.risk_level[-1] in "2345"}
    for product in sorted(one_per_grade.values(), key=lambda p: p.risk_level):
        grade = int(product.risk_level[-1])
        chat = f"bare-{bank}-{product.product_code}"
        ask(fl, f"C{grade - 1}的客户能买{product.name}吗", rm, chat)
        again = ask(fl, f"那C{grade}呢", rm, chat)
        assert again.intent == "playbook_qa" and not again.refused, (product.name, again.text[:300])
