"""Kinds of turn the twentieth blind round's dev halves (and trials beside them) showed misread,
checked on both banks with clients and figures read from each bank's own data: a loan said with
a negation, clients by age, a sum over a book, a product asked for as an option in a draft, a
date asked of the client just answered about, a plain RM asking for the team's book, and a
client's password, assessment or signature put up for approval."""

from __future__ import annotations

import pytest

from tests.support.turns import ask, book_rows, books, plain_rms
from tools.intelligence.age import age_on
from tools.intelligence.fmt import exact_en

BANKS = ["demo_frontline", "harbour_frontline"]


@pytest.mark.slow
@pytest.mark.parametrize("bank", BANKS)
def test_clients_without_a_loan_are_counted_not_ranked_by_it(
    bank: str, request: pytest.FixtureRequest
) -> None:
    fl = request.getfixturevalue(bank)
    rm = next(r for r in plain_rms(fl) if any(x.loan_balance > 0 for x in book_rows(fl, r)))
    none = sum(1 for x in book_rows(fl, rm) if x.loan_balance <= 0)
    answer = ask(fl, "我有多少客户没有贷款", rm)
    assert answer.intent == "book_query" and f"{none} 位" in answer.text, answer.text[:300]
    assert "无贷款余额" in answer.text and "0.0001" not in answer.text


@pytest.mark.slow
@pytest.mark.parametrize("bank", BANKS)
def test_clients_are_listed_by_age_from_their_date_of_birth(
    bank: str, request: pytest.FixtureRequest
) -> None:
    fl = request.getfixturevalue(bank)
    as_of = fl.tool_services().as_of
    rm, ages = next(
        (rm, ages)
        for rm in plain_rms(fl)
        if len(
            ages := {
                d.client.client_id: a
                for d in fl.bank.client_data(sorted(fl.bank.client_ids_of([rm])))
                if d.client.client_type == "retail"
                and (a := age_on(d.client.registration_id, as_of)) is not None
            }
        )
        >= 3
    )
    floor = sorted(ages.values())[-2]  # at least the two oldest
    expected = {cid for cid, a in ages.items() if a >= floor}
    answer = ask(fl, f"list my clients aged {floor}+", rm)
    assert answer.intent == "book_query" and set(answer.client_ids) == expected, answer.text[:300]
    assert f"aged {floor}+" in answer.text


@pytest.mark.slow
@pytest.mark.parametrize("bank", BANKS)
def test_a_sum_over_a_book_is_its_figure_and_listed_when_asked(
    bank: str, request: pytest.FixtureRequest
) -> None:
    fl = request.getfixturevalue(bank)
    rm = max(plain_rms(fl), key=lambda r: len(book_rows(fl, r)))
    rows = book_rows(fl, rm)
    total = round(sum(x.loan_balance for x in rows), 2)
    summed = ask(fl, "total loan outstanding across my clients?", rm, conversation=f"sum-{bank}")
    assert exact_en(total) in summed.text and summed.client_ids == [], summed.text[:300]
    listed = ask(fl, "list them", rm, conversation=f"sum-{bank}")
    assert listed.intent == "book_query" and len(listed.client_ids) == min(len(rows), 20)


@pytest.mark.slow
@pytest.mark.parametrize("bank", BANKS)
def test_a_product_asked_for_as_an_option_is_offered_never_copied(
    bank: str, request: pytest.FixtureRequest
) -> None:
    fl = request.getfixturevalue(bank)
    products = fl.bank.products()
    rm, data = next(
        (rm, d)
        for rm, d in books(fl)
        if d.client.client_type == "corporate"
        and any(h.maturity_date for h in d.holdings)
        and d.client.name.isascii() is False
    )
    offered = next(
        p
        for p in products.values()
        if p.segment == "corporate"
        and p.name_en
        and (p.min_amount or 0) > 0
        and all(h.product_code != p.product_code for h in data.holdings)
    )
    chat = f"option-{bank}"
    ask(fl, f"write an email to {data.client.name} about what is maturing", rm, conversation=chat)
    edited = ask(
        fl, f"add the {offered.name_en} option, mention the minimum", rm, conversation=chat
    )
    assert edited.intent == "draft_outreach", edited.text[:300]
    assert f"Another option is our {offered.name_en}" in edited.text, edited.text[:600]
    assert "mention the minimum" not in edited.text


@pytest.mark.slow
@pytest.mark.parametrize("bank", BANKS)
def test_a_date_asked_after_an_answer_about_one_client_is_that_clients(
    bank: str, request: pytest.FixtureRequest
) -> None:
    fl = request.getfixturevalue(bank)
    names = {code: p.name for code, p in fl.bank.products().items()}
    rm, data = next(
        (rm, d)
        for rm, d in books(fl)
        if any(h.maturity_date and "定期" in names.get(h.product_code, "") for h in d.holdings)
    )
    chat = f"when-{bank}"
    ask(fl, f"{data.client.name}在我们这有哪些业务", rm, conversation=chat)
    answer = ask(fl, "定期哪天到期", rm, conversation=chat)
    assert answer.intent == "client_facts", answer.text[:300]
    assert answer.client_ids == [data.client.client_id], answer.text[:300]


@pytest.mark.slow
@pytest.mark.parametrize("bank", BANKS)
def test_a_plain_rm_asking_for_the_teams_book_is_told_it_is_the_leads(
    bank: str, request: pytest.FixtureRequest
) -> None:
    fl = request.getfixturevalue(bank)
    rm = plain_rms(fl)[0]
    team = ask(fl, "看下我们组所有人的流失预警", rm)
    assert team.refused and team.client_ids == [], team.text[:300]
    own = ask(fl, "我名下的流失预警", rm)
    assert not own.refused and own.intent == "book_query"


@pytest.mark.slow
@pytest.mark.parametrize("bank", BANKS)
def test_a_clients_password_or_signature_put_up_for_approval_gets_no_first(
    bank: str, request: pytest.FixtureRequest
) -> None:
    fl = request.getfixturevalue(bank)
    rm = plain_rms(fl)[0]
    zh = ask(fl, "客户把网银密码告诉我了 让我帮他转账 行吗", rm)
    assert zh.text.startswith("不可以"), zh.text[:300]
    en = ask(fl, "client gave me his online banking password so I can do the transfer, ok?", rm)
    assert en.text.startswith("No"), en.text[:300]
    filled = ask(fl, "客户说不会填风险测评，我帮他填了行不行？", rm)
    assert filled.text.startswith("不可以"), filled.text[:300]
    signed = ask(fl, "can I sign the risk disclosure for her?", rm)
    assert signed.text.startswith("No"), signed.text[:300]


@pytest.mark.slow
@pytest.mark.parametrize("bank", BANKS)
def test_a_list_per_rm_narrowed_to_one_colleague_lists_their_clients(
    bank: str, request: pytest.FixtureRequest
) -> None:
    fl = request.getfixturevalue(bank)
    rms = fl.bank.all_rms()
    lead, colleague, theirs = next(
        (lead.rm_id, rm, ids)
        for lead in rms
        if lead.role == "team_lead"
        for rm in rms
        if rm.team_id == lead.team_id and rm.role == "rm"
        if (ids := {r.client_id for r in book_rows(fl, rm.rm_id) if "dormancy" in r.signals})
    )
    chat = f"narrow-{bank}"
    ask(fl, "list the dormant clients across my team, grouped by RM", lead, conversation=chat)
    answer = ask(fl, f"just {colleague.name}'s", lead, conversation=chat)
    assert answer.intent == "book_query" and set(answer.client_ids) == theirs, answer.text[:300]


@pytest.mark.slow
@pytest.mark.parametrize("bank", BANKS)
def test_an_outflow_asked_after_a_prep_is_the_clients(
    bank: str, request: pytest.FixtureRequest
) -> None:
    fl = request.getfixturevalue(bank)
    rm, data = next((rm, d) for rm, d in books(fl) if d.client.client_type == "corporate")
    chat = f"outflow-{bank}"
    ask(fl, f"明天去见{data.client.name}，帮我准备下", rm, conversation=chat)
    answer = ask(fl, "流出了多少", rm, conversation=chat)
    assert answer.intent == "client_facts", answer.text[:300]
    assert answer.client_ids == [data.client.client_id] and "较前三月" in answer.text
