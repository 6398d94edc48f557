"""Kinds of turn the twelfth blind round's dev halves showed misread (not their words), checked
on both banks with clients and figures read from each bank's own data: the risk levels a grade
may buy; the book counted by tier; a draft for each client of a segment named with no list on
screen; "their contact" after a short list asks which one; a notice that a holding is above the
client's grade, drafted as a notice (not refused as a pitch)."""

from __future__ import annotations

from collections import Counter

import pytest

from assistant.engines.offline.draft_each import MOST
from assistant.wiring import Frontline
from tests.support.turns import ask, plain_rms
from tools.campaign.run import PREVIEW

BANKS = ["demo_frontline", "harbour_frontline"]


@pytest.mark.slow
@pytest.mark.parametrize("bank", BANKS)
def test_the_levels_a_grade_may_buy_lead_the_answer(
    bank: str, request: pytest.FixtureRequest
) -> None:
    fl = request.getfixturevalue(bank)
    rm = plain_rms(fl)[0]
    zh = ask(fl, "C3的客户最多能买什么风险等级的产品", rm)
    assert zh.intent == "playbook_qa" and zh.text.startswith("C3 客户可购买风险等级 R1–R3"), (
        zh.text[:200]
    )
    assert zh.citations
    en = ask(fl, "what risk levels can a C2 client buy?", rm)
    assert en.text.startswith("A C2 client may buy products rated R1–R2"), en.text[:200]


@pytest.mark.slow
@pytest.mark.parametrize("bank", BANKS)
def test_the_book_counted_by_tier(bank: str, request: pytest.FixtureRequest) -> None:
    fl = request.getfixturevalue(bank)
    rm = plain_rms(fl)[0]
    rows = fl.insights.book_rows(frozenset(fl.bank.client_ids_of([rm])))
    counts = Counter(r.tier_label_zh for r in rows)
    answer = ask(fl, "我的客户按分层各有几家", rm)
    assert answer.intent == "book_query"
    for label, n in counts.items():
        assert f"{label} {n} 位" in answer.text, answer.text[:300]
    assert f"（共 {len(rows)} 位）" in answer.text


def _maturing(fl: Frontline, rm: str, days: int) -> set[str]:
    rows = fl.insights.book_rows(frozenset(fl.bank.client_ids_of([rm])))
    return {r.client_id for r in rows if r.maturities and 0 <= r.maturities[0][0] <= days}


@pytest.mark.slow
@pytest.mark.parametrize("bank", BANKS)
def test_a_segment_named_with_no_list_on_screen_gets_a_draft_each(
    bank: str, request: pytest.FixtureRequest
) -> None:
    fl = request.getfixturevalue(bank)
    rm = max(plain_rms(fl), key=lambda r: len(_maturing(fl, r, 60)))
    due = _maturing(fl, rm, 60)
    assert len(due) >= 2
    answer = ask(fl, "60天内有产品到期的客户，各写一条微信提醒", rm)
    assert answer.intent == "draft_outreach" and not answer.refused
    assert set(answer.client_ids) <= due
    if len(due) <= MOST:
        assert len(answer.client_ids) == len(due)
        assert answer.text.count("外联草稿 · wechat") == len(answer.client_ids)
    else:  # more than a chat answer holds: a campaign over every one of them (#18)
        assert f"共 {len(due)} 位客户" in answer.text and len(answer.client_ids) <= PREVIEW + 10


@pytest.mark.slow
@pytest.mark.parametrize("bank", BANKS)
def test_their_contact_after_a_short_list_asks_which_one_then_answers_it(
    bank: str, request: pytest.FixtureRequest
) -> None:
    fl = request.getfixturevalue(bank)
    rm = plain_rms(fl)[0]
    listed = ask(fl, "我名下存款最多的两个客户", rm)
    assert len(listed.client_ids) == 2
    which = ask(fl, "他们联系人是谁", rm, listed.conversation_id)
    assert which.intent == "client_facts" and "请确认是哪一位" in which.text, which.text[:200]
    first = ask(fl, "第一个", rm, listed.conversation_id)
    assert first.intent == "client_facts" and first.client_ids[:1] == listed.client_ids[:1]


@pytest.mark.slow
@pytest.mark.parametrize("bank", BANKS)
def test_a_holding_above_the_grade_is_drafted_as_a_notice(
    bank: str, request: pytest.FixtureRequest
) -> None:
    fl = request.getfixturevalue(bank)
    products = fl.insights.products
    found = None
    for rm in plain_rms(fl):
        for data in fl.bank.client_data(sorted(fl.bank.client_ids_of([rm]))):
            grade = data.client.risk_appetite
            above = [
                h.product_code
                for h in data.holdings
                if grade
                and products[h.product_code].risk_level[1] > grade[1]
                and products[h.product_code].category not in ("loan", "credit", "card")
            ]
            if data.client.client_type == "retail" and above:
                found = (rm, data.client, products[above[0]])
                break
        if found:
            break
    assert found is not None
    rm, client, product = found
    answer = ask(fl, f"给{client.name}发个微信，提醒下她那个{product.name}超出她的风险等级了", rm)
    assert answer.intent == "draft_outreach" and not answer.refused, answer.text[:300]
    assert "suitability_review" in answer.text
    assert f"{product.name}风险等级为{product.risk_level}" in answer.text, answer.text[:400]
    assert "compliance:suitability_mismatch" not in answer.text


@pytest.mark.slow
@pytest.mark.parametrize("bank", BANKS)
def test_whose_the_clients_on_screen_are(bank: str, request: pytest.FixtureRequest) -> None:
    fl = request.getfixturevalue(bank)
    lead = next(r for r in fl.bank.all_rms() if r.role == "team_lead")
    names = {r.rm_id: r.name for r in fl.bank.all_rms()}
    listed = ask(fl, "组里存款最多的两个客户", lead.rm_id)
    assert len(listed.client_ids) == 2, listed.text[:300]
    owners = ask(fl, "这两家分别是谁在管", lead.rm_id, listed.conversation_id)
    assert owners.intent == "book_query" and owners.client_ids == listed.client_ids
    rm_of = {c.client_id: c.rm_id for c in fl.bank.get_clients(listed.client_ids)}
    for cid in listed.client_ids:
        line = next(x for x in owners.text.splitlines() if f"（{cid}）·" in x)
        assert line.endswith(f"管户 {names[rm_of[cid]]}"), line
