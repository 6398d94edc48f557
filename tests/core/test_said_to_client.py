"""Kinds of failure from the third blind round, as regression cases (issue 14): "may I say X to
a client?" decided by the conduct check, "may this client buy X?" decided from the client's
grade, a team lead's colleague whose name a client's contact shares, and "no contact this
year". Questions are written here, not taken from the blind sets; expected values come from
the demo bank's data, never from the engine."""

from __future__ import annotations

import asyncio
import re
from datetime import date

import pytest

from assistant.core.types import Answer, Turn
from assistant.engines.offline.book_parse import industry_said, parse
from assistant.engines.offline.claims import _stated, said_claim


def ask(fl, text: str, rm: str) -> Answer:
    return asyncio.run(fl.core.answer(Turn(text=text, channel="cli", rm_id=rm)))


@pytest.mark.parametrize(
    ("question", "claim"),
    [
        ("能跟客户说这款理财保本吗", "这款理财保本"),
        ("可以对客户讲收益稳稳的不会亏么？", "收益稳稳的不会亏"),
        ("跟客户说大额存单受存款保险保障，这么说可以吗", "大额存单受存款保险保障"),
        ("can I tell a client that the fund cannot lose money?", "the fund cannot lose money"),
        (
            "is it ok to say the CD is insured by deposit insurance?",
            "the CD is insured by deposit insurance",
        ),
        ("这款理财保本吗", None),  # a question of fact, not about what the RM may say
        ("能买吗", None),
    ],
)
def test_what_the_rm_asks_to_say_is_read_out_of_the_question(question, claim) -> None:
    assert said_claim(question) == claim


def test_a_claim_is_allowed_only_where_a_clause_states_it_and_nothing_forbids_it() -> None:
    conduct = {
        "n": 1,
        "section": "存款类产品的表述",
        "text": '存款、大额存单可以说明"受存款保险保障"，但不得说"比理财收益高还没风险"。\n'
        '- ✗"额度只给您一个人留着。"',
    }
    lead, _ = _stated("大额存单受存款保险保障", [conduct]) or (None, None)
    assert lead is not None and lead.verdict == "yes"
    assert _stated("额度只给您一个人留着", [conduct]) is None  # a ✗ example is never a yes
    assert _stated("比理财收益高还没风险", [conduct]) is None  # the clause that forbids it


def test_when_the_rm_asks_to_say_a_forbidden_promise_then_the_answer_says_no_first(demo) -> None:
    fl, _ = demo
    wealth = next(p for p in fl.bank.products().values() if p.category == "wealth")
    answer = ask(fl, f"能跟客户说{wealth.name}保本吗", rm="RM001")
    assert answer.text.startswith("不可以"), answer.text[:80]
    assert answer.citations and answer.intent == "playbook_qa"


def test_when_a_client_may_not_buy_a_product_then_the_answer_says_no_from_their_grade(
    demo,
) -> None:
    fl, _ = demo
    rated = sorted(
        (p for p in fl.bank.products().values() if p.segment in ("retail", "both")),
        key=lambda p: p.risk_level,
    )
    riskiest = rated[-1]
    rm, client = next(
        (rm, c)
        for rm in fl.bank.all_rms()
        for book in [fl.bank.get_clients(fl.bank.client_ids_of([rm.rm_id]))]
        for c in book
        if c.client_type == "retail"
        and c.risk_appetite
        and int(c.risk_appetite[1]) < int(riskiest.risk_level[1])
        and sum(1 for o in book if o.name == c.name) == 1
    )
    answer = ask(fl, f"{client.name}能买{riskiest.name}吗", rm=rm.rm_id)
    assert client.client_id in answer.client_ids
    assert answer.text.startswith("不可以"), answer.text[:80]
    assert riskiest.risk_level in answer.text and client.risk_appetite in answer.text


def test_when_a_lead_names_a_colleague_whom_a_contact_shares_then_their_book_is_counted(
    demo,
) -> None:
    fl, _ = demo
    contacts = {c.name for c in fl.bank.all_contacts()}
    leads = [r for r in fl.bank.all_rms() if r.role == "team_lead"]
    lead, colleague = next(
        (lead, rm)
        for lead in leads
        for rm in fl.bank.all_rms()
        if rm.team_id == lead.team_id and rm.rm_id != lead.rm_id and rm.name in contacts
    )
    answer = ask(fl, f"{colleague.name}名下有几个客户", rm=lead.rm_id)
    assert not answer.refused and answer.intent == "book_query"
    counted = re.search(r"(\d+)\s*[位个家户]", answer.text)
    assert counted and int(counted.group(1)) == len(fl.bank.client_ids_of([colleague.rm_id]))


def test_when_a_plain_rm_names_a_colleague_then_the_book_is_refused(demo) -> None:
    fl, _ = demo
    rm = fl.bank.get_rm("RM001")
    colleague = next(
        r for r in fl.bank.all_rms() if r.team_id == rm.team_id and r.rm_id != rm.rm_id
    )
    answer = ask(fl, f"{colleague.name}名下有几个客户", rm=rm.rm_id)
    assert answer.refused, (colleague.name, answer.intent, answer.text[:300])


@pytest.mark.parametrize(
    ("question", "days"),
    [
        ("今年没联系过的客户有几个", (date(2026, 11, 1) - date(2026, 1, 1)).days + 1),
        ("clients I haven't contacted this year", (date(2026, 11, 1) - date(2026, 1, 1)).days + 1),
        ("本季度还没拜访的客户", (date(2026, 11, 1) - date(2026, 10, 1)).days + 1),
        ("三个月没联系的客户", 90),
    ],
)
def test_no_contact_since_a_period_began_is_counted_from_its_first_day(question, days) -> None:
    parsed = parse(question, date(2026, 11, 1))
    assert parsed.query.no_contact_days == days
    assert not parsed.query.follow_up_gaps


@pytest.mark.parametrize(
    ("question", "label"),
    [
        ("建材行业的客户有哪些", "建材贸易"),
        ("new energy clients, top 3 by deposits", "新能源"),
        ("纺织的客户", "纺织"),
        ("建材", None),  # the first word alone, not said as a trade
    ],
)
def test_an_industry_is_named_by_its_label_its_first_word_or_in_english(question, label) -> None:
    assert industry_said(question, ["建材贸易", "新能源", "纺织", "港口物流"]) == label


@pytest.mark.parametrize(
    ("question", "head"),
    [("C3客户能买R4产品吗", "不可以"), ("C4 的客户可以买 R2 的产品吗？", "可以"),
     ("can a C2 client buy an R3 product?", "No"), ("is an R1 product ok for a C1 client?", "Yes")],
)  # fmt: skip
def test_when_only_the_two_levels_are_named_then_they_decide_yes_or_no(
    demo, question: str, head: str
) -> None:
    fl, _ = demo
    answer = ask(fl, question, rm="RM001")
    assert answer.text.startswith(head), answer.text[:80]
    assert answer.citations
