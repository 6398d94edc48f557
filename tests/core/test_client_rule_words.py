"""The words that send a turn to the client's RM, to the rule asked of a client, or to help on
keeping a note — and the look-alikes that must not."""

from __future__ import annotations

import pytest

from assistant.engines.offline.client_facts import WHO_MANAGES
from assistant.engines.offline.client_rule import asks_rule, asks_suitability
from assistant.engines.refusals import asks_how_to_record, asks_to_record


@pytest.mark.parametrize(
    "text",
    ["⟦CLIENT_1⟧是谁管的", "⟦CLIENT_1⟧归谁管", "⟦CLIENT_1⟧的客户经理是谁", "第三个谁负责",
     "who manages ⟦CLIENT_1⟧?", "whose client is ⟦CLIENT_1⟧", "who's the RM for ⟦CLIENT_1⟧",
     "哪个客户经理在跟⟦CLIENT_1⟧"],
)  # fmt: skip
def test_when_the_client_s_manager_is_asked_then_it_is_read(text: str) -> None:
    assert WHO_MANAGES.search(text)


@pytest.mark.parametrize(
    "text", ["⟦CLIENT_1⟧的联系人是谁", "who is the CFO of ⟦CLIENT_1⟧", "⟦CLIENT_1⟧存款多少"]
)
def test_when_another_person_or_fact_is_asked_then_it_is_not_the_manager(text: str) -> None:
    assert not WHO_MANAGES.search(text)


@pytest.mark.parametrize(
    "text",
    ["照规定得多久去见他们一次", "按他们那个层级 回访频次是多少", "提前多久要通知她",
     "how often am I supposed to call them", "what's the rule for them"],
)  # fmt: skip
def test_when_a_pronoun_turn_asks_what_the_rules_require_then_it_is_a_rule(text: str) -> None:
    assert asks_rule(text)


@pytest.mark.parametrize("text", ["那理财呢？", "他们最近有交易吗", "帮他们写个微信"])
def test_when_a_pronoun_turn_asks_a_fact_then_it_is_not_a_rule(text: str) -> None:
    assert not asks_rule(text)


@pytest.mark.parametrize(
    "text",
    ["怎么记录一次电话沟通", "如何保存拜访笔记", "how can I log a visit with you?",
     "how do we record a meeting with a client here"],
)  # fmt: skip
def test_when_asked_how_to_keep_a_note_then_it_is_help(text: str) -> None:
    assert asks_how_to_record(text) and not asks_to_record(text)


@pytest.mark.parametrize(
    "text",
    ["拜访记录要在几天内录入", "how soon must a call be logged in the CRM?",
     "记一下 今天电话联系了⟦CLIENT_1⟧", "怎么服务⟦CLIENT_1⟧"],
)  # fmt: skip
def test_when_a_rule_on_records_or_a_note_itself_then_it_is_not_help(text: str) -> None:
    assert not asks_how_to_record(text)


@pytest.mark.parametrize(
    ("text", "suitability"),
    [("⟦CLIENT_1⟧ is C2 and wants the equity fund, ok?", True), ("他们能买R4的理财吗", True),
     ("⟦CLIENT_1⟧这个级别多久面访一次", False), ("what's the rule for them", False)],
)  # fmt: skip
def test_when_a_client_s_purchase_is_asked_then_suitability_decides(
    text: str, suitability: bool
) -> None:
    assert asks_suitability(text) is suitability
