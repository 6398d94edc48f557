"""Kinds of turn the sixteenth blind round's dev halves showed misread (not their words), read
without a bank: book questions asked as "any …?", a message for each client of a segment,
"fund or insurance" as either, deposit insurance as the rule, a client's tier or holding
asked as a fact."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.engines.offline.book_parse import parse
from assistant.engines.offline.followup import BIGGEST_AMOUNT
from assistant.engines.offline.intent import _rule_scores, classify

AS_OF = date(2026, 7, 1)


def _intent(text: str, *, has_client: bool = False) -> str:
    book = parse(text, AS_OF)
    return classify(text, has_client=has_client, book_like=book.structured, method="rules").intent


@pytest.mark.parametrize(
    "question",
    [
        "我名下的客户里有适当性不匹配的吗",
        "anybody with a structured deposit?",
        "any churn alerts in my book?",
        "maturity flags across my team?",
        "组里有流失预警的客户吗",
    ],
)
def test_an_any_question_over_the_book_is_a_list(question: str) -> None:
    assert _intent(question) == "book_query"
    assert parse(question, AS_OF).structured


@pytest.mark.parametrize(
    "question",
    [
        "SMS to each of my dormant clients, low-key",
        "emails for every client with a maturity this month",
        "给每位休眠客户发条短信",
    ],
)
def test_a_message_for_each_client_of_a_segment_is_a_draft(question: str) -> None:
    assert _intent(question) == "draft_outreach"


@pytest.mark.parametrize(
    ("question", "either"),
    [
        ("clients with a fund or insurance", True),
        ("持有基金/保险的客户有哪些", True),
        ("谁同时持有代发和资金池", False),
    ],
)
def test_products_joined_by_or_are_either_of_them(question: str, either: bool) -> None:
    query = parse(question, AS_OF).query
    assert len(query.holds) == 2 and query.holds_any is either


@pytest.mark.parametrize(
    "question",
    [
        "whose payroll isn't with us yet?",
        "corporate clients whose payroll is not done with us",
    ],
)
def test_a_product_not_with_us_is_lacked(question: str) -> None:
    query = parse(question, AS_OF).query
    assert query.lacks and not query.holds


@pytest.mark.parametrize(
    "question",
    [
        "which of my clients hold products above their risk tolerance",
        "客户持有产品高于他们的风险承受能力的有哪些",
    ],
)
def test_holdings_above_the_grade_are_the_mismatch(question: str) -> None:
    assert parse(question, AS_OF).query.risk_mismatch


@pytest.mark.parametrize(
    "question", ["存款保险一个人最多赔多少", "what does deposit insurance cover at most?"]
)
def test_deposit_insurance_is_the_rule_not_a_product_or_a_ranking(question: str) -> None:
    query = parse(question, AS_OF).query
    assert not query.holds and query.sort_by != "deposit"
    assert _rule_scores(question, has_client=False, follow_up_client=False)["playbook_qa"] >= 3


@pytest.mark.parametrize(
    "question",
    [
        "⟦CLIENT_1⟧够不够财富客户",
        "is ⟦CLIENT_1⟧ a core client now?",
        "查一下⟦CLIENT_1⟧的理财",
        "⟦CLIENT_1⟧那边的对接人是谁",
        "what's in her CD?",
    ],
)
def test_a_tier_holding_or_contact_of_the_client_is_a_fact(question: str) -> None:
    assert _intent(question, has_client=True) == "client_facts"


@pytest.mark.parametrize(
    ("said", "picks"),
    [("金额最大的那笔呢", True), ("the biggest one?", True), ("最早的那笔", False)],
)
def test_the_largest_amount_on_a_maturity_list_is_recognised(said: str, picks: bool) -> None:
    assert bool(BIGGEST_AMOUNT.search(said)) is picks
