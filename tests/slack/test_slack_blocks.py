"""Block Kit rendering, table-driven."""

from __future__ import annotations

import json

import pytest

from assistant.core.types import Turn
from integrations.slack import blocks
from testkit.fake_core import chat_answer


@pytest.mark.parametrize(
    ("markdown", "mrkdwn"),
    [
        ("**重点**客户", "*重点*客户"),
        ("## 服务频次", "*服务频次*"),
        ("- 代发工资\n* 存款", "• 代发工资\n• 存款"),
        ("[标准](https://kb.bank/std)", "<https://kb.bank/std|标准>"),
        ("a < b & c", "a &lt; b &amp; c"),
    ],
)
def test_markdown_becomes_mrkdwn(markdown: str, mrkdwn: str) -> None:
    assert blocks.to_mrkdwn(markdown) == mrkdwn


def test_answer_renders_text_cards_actions_citations_and_feedback() -> None:
    answer = chat_answer(Turn(text="q", channel="slack", conversation_id="slack:T:C:1"))
    rendered = blocks.render_answer(answer)
    types = [b["type"] for b in rendered]
    assert types[0] == "section" and types[-1] == "actions"
    dumped = json.dumps(rendered, ensure_ascii=False)
    assert "`C000123`" in dumped and "战略客户" in dumped
    assert "*本周回访* — 存款下月到期" in dumped
    feedback = rendered[-1]
    assert blocks.parse_feedback_value(feedback["elements"][0]["value"]) == (
        "slack:T:C:1",
        answer.turn_id,
    )


def test_refused_answer_has_refusal_style_and_no_feedback_or_cards() -> None:
    answer = chat_answer(
        Turn(text="q", channel="slack"),
        refused=True,
        text="该客户不在你的名下。",
        cards=[],
        actions=[],
    )
    rendered = blocks.render_answer(answer)
    assert rendered[0]["type"] == "context" and "no_entry" in rendered[0]["elements"][0]["text"]
    assert all(b["type"] != "actions" for b in rendered)


def test_long_text_is_split_under_slack_limits() -> None:
    answer = chat_answer(Turn(text="q", channel="slack"), text="段落。\n" * 2000)
    rendered = blocks.render_answer(answer)
    assert len(rendered) <= 50
    assert all(len(b["text"]["text"]) <= 3000 for b in rendered if b["type"] == "section")


@pytest.mark.parametrize("value", ["", "not json", '{"c": 1}', "[]"])
def test_foreign_button_values_are_not_feedback(value: str) -> None:
    assert blocks.parse_feedback_value(value) is None
