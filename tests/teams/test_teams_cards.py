"""Adaptive Card rendering and mention stripping, table-driven."""

from __future__ import annotations

import json

import pytest

from assistant.core.types import Turn
from integrations.teams import cards
from integrations.teams.handlers import strip_mentions
from testkit.fake_core import SECRET_FACT, chat_answer


def test_answer_card_has_text_facts_actions_citations_and_feedback() -> None:
    answer = chat_answer(Turn(text="q", channel="teams", conversation_id="teams:t:c"))
    card = cards.answer_card(answer)
    assert card["type"] == "AdaptiveCard" and card["version"] == "1.5"
    dumped = json.dumps(card, ensure_ascii=False)
    assert "华东精密" in dumped and SECRET_FACT in dumped and "FactSet" in dumped
    assert "**本周回访** — 存款下月到期" in dumped
    assert "[1] 服务标准 › 战略客户 > 服务频次" in dumped
    data = card["actions"][1]["data"]
    assert cards.feedback_from_submit(data) == ("teams:t:c", answer.turn_id, "down")


def test_refused_card_is_marked_and_has_no_feedback() -> None:
    answer = chat_answer(
        Turn(text="q", channel="teams"), refused=True, cards=[], actions=[], citations=[]
    )
    card = cards.answer_card(answer)
    assert card["body"][0]["color"] == "Attention"
    assert "actions" not in card


@pytest.mark.parametrize(
    "value",
    [
        None,
        "text",
        {"action": "other"},
        {"action": "feedback", "rating": "meh", "conversation_id": "c", "turn_id": "t"},
    ],
)
def test_foreign_submit_values_are_not_feedback(value: object) -> None:
    assert cards.feedback_from_submit(value) is None


def test_at_mentions_are_stripped() -> None:
    assert strip_mentions("<at>Frontline</at>&nbsp;华东精密？") == "华东精密？"
