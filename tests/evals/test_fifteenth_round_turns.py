"""Kinds of turn the fifteenth blind round's dev halves showed misread (not their words), checked
on both banks with clients read from each bank's own data: "那X的呢" asks the last question of
another client; a note turned down as empty is completed by the reply; a refused full number
says whose it was; a team lead's counts per RM name no client; a company no book holds gets the
answer another book's client gets; an older client's riskier purchase carries the bank's extra
care."""

from __future__ import annotations

import pytest

from assistant.wiring import Frontline
from tests.support.turns import ask, plain_rms
from tools.bank.records import ClientRecord
from tools.intelligence.age import age_on

BANKS = ["demo_frontline", "harbour_frontline"]


def _two_clients(fl: Frontline, kind: str = "retail") -> tuple[str, ClientRecord, ClientRecord]:
    for rm in plain_rms(fl):
        data = fl.bank.client_data(sorted(fl.bank.client_ids_of([rm])))
        ours = [d.client for d in data if d.client.client_type == kind]
        names = [c.name for c in ours]
        unique = [c for c in ours if names.count(c.name) == 1 and len(c.name) >= 2]
        if len(unique) >= 2:
            return rm, unique[0], unique[1]
    raise AssertionError("each bank has RMs with several retail clients")


@pytest.mark.slow
@pytest.mark.parametrize("bank", BANKS)
def test_an_ellipsis_asks_the_last_question_of_another_client(
    bank: str, request: pytest.FixtureRequest
) -> None:
    fl = request.getfixturevalue(bank)
    rm, first, second = _two_clients(fl)
    asked = ask(fl, f"帮我看看{first.name}的持仓", rm)
    assert asked.intent == "client_facts", asked.text[:300]
    again = ask(fl, f"那{second.name}的呢", rm, asked.conversation_id)
    assert again.intent == "client_facts" and again.client_ids[:1] == [second.client_id]


@pytest.mark.slow
@pytest.mark.parametrize("bank", BANKS)
def test_a_note_turned_down_as_empty_is_completed_by_the_reply(
    bank: str, request: pytest.FixtureRequest
) -> None:
    fl = request.getfixturevalue(bank)
    rm, client, _ = _two_clients(fl)
    empty = ask(fl, f"log a call with {client.name}", rm)
    assert empty.intent == "capture_note" and empty.refused, empty.text[:300]
    said = "they want to move the fund into something safer, I'll send options by Friday"
    draft = ask(fl, said, rm, empty.conversation_id)
    assert draft.intent == "capture_note" and not draft.refused, draft.text[:300]
    assert draft.client_ids == [client.client_id] and "something safer" in draft.text
    dropped = ask(fl, "cancel", rm, draft.conversation_id)
    assert "nothing was saved" in dropped.text, dropped.text[:300]


@pytest.mark.slow
@pytest.mark.parametrize("bank", BANKS)
def test_a_refused_full_number_says_whose_it_was(bank: str, request: pytest.FixtureRequest) -> None:
    fl = request.getfixturevalue(bank)
    rm, client, _ = _two_clients(fl)
    refused = ask(fl, f"把{client.name}身份证号发我一下，办业务要用", rm)
    assert refused.refused and refused.client_ids == [client.client_id], refused.text[:300]
    assert client.name in refused.text and client.client_id in refused.text


@pytest.mark.slow
@pytest.mark.parametrize("bank", BANKS)
def test_a_team_leads_count_per_rm_names_no_client(
    bank: str, request: pytest.FixtureRequest
) -> None:
    fl = request.getfixturevalue(bank)
    lead = next(r for r in fl.bank.all_rms() if r.role == "team_lead")
    team = [r for r in fl.bank.all_rms() if r.team_id == lead.team_id and r.role == "rm"]
    sizes = {r.name: len(fl.bank.client_ids_of([r.rm_id])) for r in team}
    top = max(sizes, key=lambda n: sizes[n])
    answer = ask(fl, "which RM on my team has the most clients?", lead.rm_id)
    assert answer.intent == "book_query" and answer.client_ids == [], answer.text[:400]
    assert f"{top} (" in answer.text and str(sizes[top]) in answer.text, answer.text[:400]


@pytest.mark.slow
@pytest.mark.parametrize("bank", BANKS)
def test_a_company_no_book_holds_gets_the_answer_another_books_client_gets(
    bank: str, request: pytest.FixtureRequest
) -> None:
    fl = request.getfixturevalue(bank)
    rm = plain_rms(fl)[0]
    names = {c.name for c in fl.bank.get_clients(sorted(fl.bank.client_ids_of(plain_rms(fl))))}
    assert not any("翠微远洋渔业" in n for n in names)
    unknown = ask(fl, "翠微远洋渔业的授信额度是多少", rm)
    assert unknown.refused and unknown.client_ids == [] and unknown.intent == "client_facts"
    foreign_rm = next(r for r in plain_rms(fl) if r != rm)
    other = fl.bank.get_clients(sorted(fl.bank.client_ids_of([foreign_rm])))[0]
    foreign = ask(fl, f"{other.name}的授信额度是多少", rm)
    assert foreign.refused and foreign.text == unknown.text, foreign.text[:200]


@pytest.mark.slow
@pytest.mark.parametrize("bank", BANKS)
def test_an_older_clients_purchase_carries_the_banks_extra_care(
    bank: str, request: pytest.FixtureRequest
) -> None:
    fl = request.getfixturevalue(bank)
    as_of = fl.insights.as_of
    products = list(fl.bank.products().values())
    risky = [p for p in products if p.risk_level in ("R3", "R4") and p.segment == "retail"]
    names: dict[str, list[ClientRecord]] = {}
    for rm in plain_rms(fl):
        for c in fl.bank.get_clients(sorted(fl.bank.client_ids_of([rm]))):
            names.setdefault(c.name, []).append(c)
    pick = next(
        (rm, c, p)
        for rm in plain_rms(fl)
        for c in fl.bank.get_clients(sorted(fl.bank.client_ids_of([rm])))
        for p in risky
        if c.client_type == "retail"
        and len(names[c.name]) == 1
        and (age_on(c.registration_id, as_of) or 0) >= 70
        and (c.risk_appetite or "C0")[1:] >= p.risk_level[1:]
    )
    rm, client, product = pick
    answer = ask(fl, f"能给{client.name}推{product.name}吗", rm)
    age = age_on(client.registration_id, as_of)
    assert answer.client_ids[:1] == [client.client_id], answer.text[:300]
    assert f"客户 {age} 岁（65 岁及以上）" in answer.text, answer.text[:400]
