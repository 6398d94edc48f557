"""Kinds of question the twelfth blind round's dev halves showed misread (not their words), read
without a bank: what to offer a client; what they did on their last visit; a channel said as the
verb ("email Mr X…"); "how much?" of a holding; "我这有…的客户吗" and "X客户有谁" as book
questions; deposits that rose fast; a headcount passed ("员工过百"); an amount that left (or
came in) read as money, not as a ratio."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.engines.offline.book_parse import parse
from assistant.engines.offline.intent import classify

AS_OF = date(2026, 7, 1)


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("⟦CLIENT_1⟧存单下周到期，推荐点什么", "serve_client"),
        ("⟦CLIENT_1⟧这边还可以做些啥", "serve_client"),
        ("⟦CLIENT_1⟧'s CD is coming due, what could I pitch?", "serve_client"),
        ("⟦CLIENT_1⟧上回来行里办了什么", "client_facts"),
        ("⟦CLIENT_1⟧ holds our gold savings plan I think — how much?", "client_facts"),
        ("wechat ⟦PERSON_1⟧ at ⟦CLIENT_1⟧ to move our call to Friday", "draft_outreach"),
    ],
)
def test_questions_about_a_named_client_read_as_their_kind(text: str, intent: str) -> None:
    assert classify(text, has_client=True).intent == intent


@pytest.mark.parametrize(
    "text",
    [
        "我手上有风险不匹配的客户吗",
        "组里有没开代发的客户么",
        "战略客户都有谁",
        "存款最多的是哪家",
        "dormancy alerts across my team?",
    ],
)
def test_questions_over_the_book_read_as_book_questions(text: str) -> None:
    assert classify(text, has_client=False, book_like=True).intent == "book_query"


def test_a_note_asked_as_a_book_question_with_no_draft_verb_stays_one() -> None:
    # "发个微信" asks for a draft even with no client in sight: the draft asks which client.
    assert classify("帮我发个微信给客户", has_client=False).intent == "draft_outreach"


@pytest.mark.parametrize("text", ["存款涨得猛的客户", "日均增得多的有哪些", "哪些客户存款涨了不少"])
def test_deposits_that_rose_fast_are_the_growth_signal(text: str) -> None:
    assert parse(text, AS_OF).query.signal == "growth"


@pytest.mark.parametrize(
    ("text", "people"), [("人数上千的客户", 1000), ("员工过百的企业有几家", 100)]
)
def test_a_round_headcount_passed(text: str, people: int) -> None:
    q = parse(text, AS_OF).query
    assert [(t.measure, t.op, t.value) for t in q.thresholds] == [("employees", "gte", people)]


@pytest.mark.parametrize(
    ("text", "op", "value"),
    [
        ("存款流出超过500万的有哪些", "gte", 5e6),
        ("which clients lost more than 20m in deposits", "gte", 2e7),
        ("存款增加超过三千万的客户", "lte", -3e7),
    ],
)
def test_an_amount_that_left_is_money_not_a_ratio(text: str, op: str, value: float) -> None:
    q = parse(text, AS_OF).query
    assert [(t.measure, t.op, t.value) for t in q.thresholds] == [("deposit_outflow", op, value)]
    # A share stays a ratio.
    assert [t.measure for t in parse("存款下降超过三成的客户", AS_OF).query.thresholds] == [
        "deposit_change"
    ]


@pytest.mark.parametrize(
    ("text", "measure", "k"),
    [("top 3 of them by deposits", "deposit", 3), ("这几家按贷款排前两个", "loan", 2)],
)
def test_the_head_of_a_ranking_over_the_list_on_screen(text: str, measure: str, k: int) -> None:
    from assistant.engines.offline.followup import _ranked_head

    shown = ["A", "B", "C", "D"]
    follow = _ranked_head(text, shown)
    assert follow is not None and follow.intent == "book_query" and follow.book is not None
    assert follow.book.among == shown
    assert (follow.book.sort_by, follow.book.limit) == (measure, k)
    # By position only: the first ones shown, not a ranking.
    assert _ranked_head("前两个的存款", shown) is None
    assert _ranked_head("the first three", shown) is None


def test_a_month_that_moved_says_by_how_much_beside_the_three_month_average() -> None:
    from types import SimpleNamespace

    from tools.insights import _latest_apart

    moved = SimpleNamespace(
        latest_deposit=1.0e7, avg_deposit=1.7e7, latest_month="2026-10", sudden_change_ratio=-0.495
    )
    assert _latest_apart(moved, zh=True) == "；最新月（2026-10）日均 1,000 万（较上月 -49.5%）"
    assert "(-49.5% on the month before)" in _latest_apart(moved, zh=False)
    steady = SimpleNamespace(**{**vars(moved), "sudden_change_ratio": -0.02})
    assert "较上月" not in _latest_apart(steady, zh=True)


@pytest.mark.parametrize(
    ("text", "counted"),
    [
        ("which of those three doesn't run payroll with us?", True),
        ("这两家里哪家没开代发", True),
        ("Emily那几个最近一次联系都是啥时候", False),
        ("of those, who holds a CD", False),
    ],
)
def test_the_ones_on_screen_counted_or_all_the_list_matched(text: str, counted: bool) -> None:
    from assistant.engines.offline.followup import COUNTED_THOSE

    assert bool(COUNTED_THOSE.search(text)) is counted
