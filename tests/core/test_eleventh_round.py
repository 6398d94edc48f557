"""Kinds of question the eleventh blind round's dev halves showed misread (not their words),
read without a bank: how to ask the assistant; a promise the RM wants to make; a branch's
holiday hours; who may buy a product; a call with a person at a client; a month as a deadline
("9月底前"); a bound and a ranking by different measures; annual revenue; "算了 先不存了";
a sale pushed past the client's risk appetite."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.engines.offline.book_parse import month_window, parse
from assistant.engines.offline.draft_outreach import PUSHED_SALE
from assistant.engines.offline.intent import classify
from evals.banks.harbour import NOTE_POLICY
from tools.notes.policy import load_note_policy

AS_OF = date(2026, 7, 1)


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("要让你帮我起草微信的话该怎么问", "help"),
        ("how should I ask you for a call script?", "help"),
        ("客户嫌利率低 我能私下承诺给个更高的利率吗", "playbook_qa"),
        ("can I promise them a better rate than the board rate?", "playbook_qa"),
        ("春节期间港城支行开门吗", "playbook_qa"),
        ("is the branch open over the national day holiday?", "playbook_qa"),
        ("哪些客户可以买私行专属理财", "playbook_qa"),
        ("which clients can buy the family trust?", "playbook_qa"),
        ("which of my clients hold the family trust?", "book_query"),
    ],
)
def test_questions_with_no_client_read_as_their_kind(text: str, intent: str) -> None:
    assert classify(text, has_client=False, book_like="family trust" in text).intent == intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        (
            "call with ⟦PERSON_1⟧ at ⟦CLIENT_1⟧ tomorrow — what's changed since we last spoke?",
            "meeting_prep",
        ),
        ("⟦CLIENT_1⟧自从上次拜访以后有什么变化 明天要去", "meeting_prep"),
        ("⟦CLIENT_1⟧那边嫌利率低，能不能先口头答应给他们上浮", "playbook_qa"),
    ],
)
def test_questions_about_a_named_client_read_as_their_kind(text: str, intent: str) -> None:
    assert classify(text, has_client=True).intent == intent


@pytest.mark.parametrize(
    ("text", "window"),
    [
        ("8月底前到期的理财", (0, 61)),  # from today to 31 August
        ("by the end of august, what matures?", (0, 61)),
        ("9月前到期的存单", (0, 61)),  # until September begins
        ("8月份到期的", (31, 61)),  # the month itself
    ],
)
def test_a_month_said_as_a_deadline_runs_from_today(text: str, window: tuple[int, int]) -> None:
    assert month_window(text, AS_OF) == window


def test_a_bound_is_of_the_measure_named_before_it_and_the_ranking_of_another() -> None:
    q = parse("存款超过一千万的按贷款从高到低排", AS_OF).query
    assert [(t.measure, t.value) for t in q.thresholds] == [("deposit", 1e7)]
    assert q.sort_by == "loan"


@pytest.mark.parametrize(
    ("text", "value"),
    [("annual revenue over 1bn, no cash management yet", 1e9), ("年营收5个亿以上的客户", 5e8)],
)
def test_annual_revenue_is_a_measure(text: str, value: float) -> None:
    q = parse(text, AS_OF).query
    assert [(t.measure, t.op, t.value) for t in q.thresholds] == [("revenue", "gte", value)]
    assert parse("营收过亿的按营收排一下", AS_OF).query.sort_by == "revenue"


@pytest.mark.parametrize(
    ("text", "cancel"),
    [("算了 先不存了", True), ("还是算了吧", True), ("不用改", False), ("先别存 我再想想", False)],
)
def test_a_cancel_reply_with_a_filler_word(text: str, cancel: bool) -> None:
    policy = load_note_policy(NOTE_POLICY)
    assert policy.is_reply(text, policy.cancel) is cancel


@pytest.mark.parametrize(
    ("text", "pushed"),
    [
        ("她虽然是C1但她坚持，帮我写个话术让她下单", True),
        ("write something to get her to buy the equity fund, she insists", True),
        ("帮我写个话术促成成交", True),
        ("帮我写个到期提醒", False),
        ("draft a note explaining the fund's risks to her", False),
    ],
)
def test_words_that_push_a_sale(text: str, pushed: bool) -> None:
    assert bool(PUSHED_SALE.search(text)) is pushed


def test_what_a_rule_question_asked_is_kept_for_the_next_topic() -> None:
    from assistant.engines.offline.followup import rule_aspect

    assert rule_aspect("流失预警出来以后要几个工作日内跟进？") == "几个工作日内跟进"
    assert rule_aspect("how soon do I have to follow up a churn warning?") == "how soon do I"
    assert rule_aspect("那休眠客户呢") is None


@pytest.mark.parametrize(
    ("text", "sort", "count"),
    [
        ("Emily那几个最近一次联系都是啥时候", "days_since_contact", False),
        ("when did I last contact my private banking clients?", "days_since_contact", False),
        ("休眠客户有几个", "urgency", True),
    ],
)
def test_last_contact_asked_of_a_list_and_those_are_not_a_count(
    text: str, sort: str, count: bool
) -> None:
    q = parse(text, AS_OF).query
    assert q.sort_by == sort
    assert q.count_only is count
