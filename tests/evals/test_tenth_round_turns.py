"""Kinds of turn the tenth blind round's dev halves showed misread (not their words), checked on
both banks with clients and figures read from each bank's own data: a list's figure added up
("加起来多少"); a list narrowed by "里面…"; the one client of a list picked, then "谁负责的"; a
which-one answered by what the client holds ("有房贷的那个"); a part of a name with a pointer
("电力设备那家") asked back; a meeting prep that lists what the client holds; a short client
name inside an everyday word ("上海天气") naming no one."""

from __future__ import annotations

from collections import Counter

import pytest

from assistant.wiring import Frontline
from tests.support.turns import ask, plain_rms
from tools.intelligence.policy import load_playbook_map

BANKS = ["demo_frontline", "harbour_frontline"]


def _data(fl: Frontline, client_id: str):  # type: ignore[no-untyped-def]
    return fl.bank.client_data([client_id])[0]


def _loans_of(fl: Frontline, rm: str) -> dict[str, float]:
    """Each of the RM's clients with a loan, by its latest month's loan balance."""
    latest = {cid: _data(fl, cid).balances for cid in fl.bank.client_ids_of([rm])}
    return {cid: b[-1].loan_balance for cid, b in latest.items() if b and b[-1].loan_balance}


@pytest.mark.slow
@pytest.mark.parametrize("bank", BANKS)
def test_a_lists_loans_added_up_next_are_the_sum_over_every_client_on_it(
    bank: str, request: pytest.FixtureRequest
) -> None:
    fl = request.getfixturevalue(bank)
    rm = max(plain_rms(fl), key=lambda r: len(_loans_of(fl, r)))
    loans = _loans_of(fl, rm)
    listed = ask(fl, "我哪些客户有贷款", rm)
    assert listed.intent == "book_query" and set(listed.client_ids) <= set(loans)
    total = ask(fl, "加起来多少", rm, listed.conversation_id)
    assert total.intent == "book_query", total.text[:200]
    assert f"{sum(loans.values()):,.2f}" in total.text, total.text[:300]


@pytest.mark.slow
@pytest.mark.parametrize("bank", BANKS)
def test_a_list_narrowed_by_li_mian_then_who_manages_the_one_left(
    bank: str, request: pytest.FixtureRequest
) -> None:
    fl = request.getfixturevalue(bank)
    lead = next(r for r in fl.bank.all_rms() if r.role == "team_lead")
    tiering = fl.policies.tiering
    top = tiering.ladder("corporate")[0]
    listed = ask(fl, "组里有贷款的对公客户有哪些", lead.rm_id)
    assert listed.intent == "book_query" and listed.client_ids, listed.text[:200]
    narrowed = ask(fl, f"里面{top.label_zh}有哪些", lead.rm_id, listed.conversation_id)
    at_once = ask(fl, f"组里有贷款的对公{top.label_zh}有哪些", lead.rm_id)
    assert narrowed.intent == "book_query" and narrowed.client_ids
    assert sorted(narrowed.client_ids) == sorted(at_once.client_ids), narrowed.text[:300]
    first = ask(fl, "哪家贷款最多", lead.rm_id, listed.conversation_id)
    assert first.intent == "book_query" and first.client_ids
    picked = first.client_ids[0]
    owner = fl.bank.get_clients([picked])[0].rm_id
    manager = ask(fl, "谁负责的", lead.rm_id, first.conversation_id)
    assert manager.intent == "client_facts" and manager.client_ids == [picked]
    assert owner in manager.text, manager.text[:200]


def _two_of_a_name(fl: Frontline) -> tuple[str, str, str, str] | None:
    """An RM with two clients of one name, one of them holding a product the other does not:
    (rm, name, the client, the product's name)."""
    for rm in plain_rms(fl):
        clients = fl.bank.get_clients(sorted(fl.bank.client_ids_of([rm])))
        twice = [n for n, k in Counter(c.name for c in clients).items() if k == 2]
        for name in twice:
            a, b = (c for c in clients if c.name == name)
            held = {
                c.client_id: {h.product_code for h in _data(fl, c.client_id).holdings}
                for c in (a, b)
            }
            products = fl.bank.products()
            others = " ".join(products[c].name for c in held[b.client_id] if c in products)
            for code in sorted(held[a.client_id] - held[b.client_id]):
                product = products.get(code)
                if product is not None and product.name not in others:
                    return rm, name, a.client_id, product.name
    return None


@pytest.mark.slow
def test_which_one_answered_by_what_the_client_holds(demo_frontline: Frontline) -> None:
    fl = demo_frontline
    found = _two_of_a_name(fl)
    assert found is not None, "the demo bank has an RM with two clients of one name"
    rm, name, client_id, product = found
    asked = ask(fl, f"{name}持仓啥情况", rm)
    assert len(asked.client_ids) == 2, asked.text[:200]
    picked = ask(fl, f"有{product}的那个", rm, asked.conversation_id)
    assert picked.client_ids == [client_id], picked.text[:200]


@pytest.mark.slow
@pytest.mark.parametrize("bank", BANKS)
def test_a_part_of_several_names_with_a_pointer_is_asked_back(
    bank: str, request: pytest.FixtureRequest
) -> None:
    fl = request.getfixturevalue(bank)
    for rm in plain_rms(fl):
        clients = fl.bank.get_clients(sorted(fl.bank.client_ids_of([rm])))
        words = Counter(
            c.name[i : i + 4] for c in clients if c.client_type == "corporate"
            for i in range(2, max(3, len(c.name) - 5))
        )  # fmt: skip
        shared = [
            w for w, k in words.items() if k in (2, 3) and "公司" not in w and "有限" not in w
        ]
        sharing = [w for w in shared if sum(w in c.name for c in clients) == words[w]]
        if sharing:
            word = sharing[0]
            break
    else:
        pytest.fail("no RM has two or three clients sharing a four-character part of a name")
    expected = {c.client_id for c in clients if word in c.name}
    asked = ask(fl, f"{word}那家最近咋样", rm)
    assert set(asked.client_ids) == expected, asked.text[:300]
    assert not asked.refused


@pytest.mark.slow
@pytest.mark.parametrize("bank", BANKS)
def test_a_meeting_prep_lists_what_the_client_holds(
    bank: str, request: pytest.FixtureRequest
) -> None:
    fl = request.getfixturevalue(bank)
    rm = plain_rms(fl)[0]
    client = fl.bank.get_clients(sorted(fl.bank.client_ids_of([rm])))[0]
    held = _data(fl, client.client_id).holdings
    answer = ask(fl, f"明天去见{client.name}，帮我准备一下", rm)
    assert answer.intent == "meeting_prep" and answer.client_ids == [client.client_id]
    assert all(h.product_code in answer.text for h in held), answer.text[:600]


@pytest.mark.slow
def test_a_short_name_inside_an_everyday_word_names_no_client(
    demo_frontline: Frontline,
) -> None:
    fl = demo_frontline
    # A client whose short head, with the character before it, spells an everyday place word:
    # the 海天 of 无锡海天制药 inside 上海天气.
    clients = [c for c in fl.bank.all_clients() if "海天" in c.name]
    assert clients, "the demo bank has a client called …海天…"
    rm = clients[0].rm_id
    answer = ask(fl, "明天上海天气咋样", rm)
    assert answer.intent == "out_of_scope" and answer.client_ids == []


@pytest.mark.slow
def test_a_rule_asked_of_this_kind_after_a_list_is_the_rule_of_the_lists_signal(
    demo_frontline: Frontline,
) -> None:
    fl = demo_frontline
    wanted = load_playbook_map().topic_for("suitability")
    assert wanted is not None and wanted.playbook
    rm = max(plain_rms(fl), key=lambda r: len(fl.bank.client_ids_of([r])))
    listed = ask(fl, "哪些客户持有的产品风险高于他们的风险承受能力", rm)
    assert listed.intent == "book_query"
    rule = ask(fl, "这种要多久内联系客户？", rm, listed.conversation_id)
    assert rule.intent == "playbook_qa"
    assert rule.citations and rule.citations[0].doc_id == wanted.playbook, rule.text[:300]


@pytest.mark.slow
def test_a_draft_asked_with_made_up_urgency_and_no_client_is_declined(
    demo_frontline: Frontline,
) -> None:
    rm = plain_rms(demo_frontline)[0]
    answer = ask(demo_frontline, "帮我写个短信 跟客户说今天最后一天额度 不买就没了 逼一下", rm)
    assert answer.intent == "draft_outreach" and answer.refused
    assert "compliance:pressure_selling" in answer.flags
