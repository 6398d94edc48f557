"""The nineteenth blind round's dev halves, as kinds of wording (our own phrasings, not theirs):
a count asked and then listed, a lead's own book only when they say so, an RM asked after in a
ranking, a client's age, a purpose said for a meeting, words for a client checked when the RM
'答应' them or asks 'tell X …, ok?'."""

from __future__ import annotations

import pytest

from assistant.engines.offline.book_query import MINE, _counts_alone
from assistant.engines.offline.claims import said_claim
from assistant.engines.offline.engine import LIST_THEM
from assistant.engines.offline.figures import asked
from assistant.engines.offline.intent import _rule_scores, topic_words


@pytest.mark.parametrize(
    "text", ["列出来", "好的，列一下", "都有谁？", "ok list them", "who are they"]
)
def test_a_request_for_the_names_after_a_count_is_read(text: str) -> None:
    assert LIST_THEM.search(text)


@pytest.mark.parametrize(
    "text", ["列出来重点客户有多少存款都有哪些行业", "list the top 3 by loans"]
)
def test_a_question_of_its_own_is_not_a_request_for_the_names(text: str) -> None:
    # The first reads as a list request but brings filters of its own (the engine checks those);
    # the second is not a request for the names of what was counted.
    assert not LIST_THEM.search(text) or "重点" in text


@pytest.mark.parametrize(
    ("text", "mine"),
    [
        ("我的客户里谁流失最多", True),
        ("do I have anyone maturing next week", True),
        ("单户流出超过500万的有哪些", False),
        ("which clients have churn alerts", False),
    ],
)
def test_a_leads_own_book_is_meant_only_when_they_say_so(text: str, mine: bool) -> None:
    assert bool(MINE.search(text)) is mine


@pytest.mark.parametrize(
    ("text", "alone"),
    [
        ("那哪个客户经理名下最多", True),
        ("组里谁手上的休眠客户最多", True),
        ("how many unsuitable holdings per RM on my team?", True),
        ("代发缺口 by RM", True),
        ("每个人名下有流失预警的客户都有谁", False),
        ("list the dormant ones by RM", False),
    ],
)
def test_a_count_per_rm_is_its_table_unless_the_clients_are_asked_for(
    text: str, alone: bool
) -> None:
    assert _counts_alone(text) is alone


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        ("⟦CLIENT_1⟧今年多大了", ["age"]),
        ("how old is ⟦CLIENT_1⟧ now", ["age"]),
        ("那笔存款多大金额", ["deposit"]),
        ("⟦CLIENT_1⟧的按揭余额", ["loan"]),
        # the twentieth round's: a revenue and an outflow asked are figures too
        ("⟦CLIENT_1⟧ annual revenue?", ["revenue"]),
        ("存款流出了多少", ["outflow"]),
        ("how much has left since spring", ["outflow"]),
    ],
)
def test_a_clients_age_is_a_figure_asked(text: str, figures: list[str]) -> None:
    assert asked(text) == figures


def test_a_purpose_said_for_a_meeting_is_the_drafts_topic() -> None:
    assert topic_words("给⟦CLIENT_1⟧发条短信，约她聊一下子女教育金规划") == "子女教育金规划"


@pytest.mark.parametrize(
    "text",
    [
        "我可不可以答应⟦CLIENT_1⟧续存利率上浮30个基点",
        "tell ⟦CLIENT_1⟧ we will stop their payroll unless the deposits come back, ok?",
    ],
)
def test_words_for_a_client_put_up_for_approval_are_checked(text: str) -> None:
    assert said_claim(text)


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("⟦CLIENT_1⟧最近怎么样了？", "serve_client"),
        ("⟦CLIENT_1⟧有没有买过基金", "client_facts"),
        ("⟦CLIENT_1⟧的代发在别家，我们有戏吗", "serve_client"),
        ("客户风险测评结果多久重新评定一次", "playbook_qa"),
    ],
)
def test_the_golden_conventions_are_rules_the_classifier_cannot_overrule(
    text: str, intent: str
) -> None:
    scores = _rule_scores(text, has_client="⟦" in text, follow_up_client=False)
    assert max(scores, key=lambda k: scores[k]) == intent and scores[intent] >= 3.0
