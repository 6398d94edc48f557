"""Adaptive Card rendering and mention stripping, table-driven."""

from __future__ import annotations

import base64
import json

import pytest

from assistant.core.types import Chart, ChartPoint, Turn
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


def _chart(points: int) -> Chart:
    months = [f"{2024 + m // 12}-{m % 12 + 1:02d}" for m in range(points)]
    return Chart(
        title="C000001 近 24 个月日均存款与贷款",
        kind="line",
        alt="折线图：C000001 的月日均存款由 100 万变为 169 万。",
        data=[ChartPoint(x=x, series="日均存款", value=100 + 3 * i) for i, x in enumerate(months)],
        unit="万元",
    )


def test_a_chart_is_a_card_image_with_its_text_alternative() -> None:
    answer = chat_answer(Turn(text="q", channel="teams"), charts=[_chart(24)])
    card = cards.answer_card(answer)
    (image,) = [i for b in card["body"] if b["type"] == "Container" for i in b["items"]
                if i["type"] == "Image"]  # fmt: skip
    assert image["altText"] == answer.charts[0].alt
    head, _, data = image["url"].partition(",")
    assert head == "data:image/png;base64"
    raw = base64.b64decode(data)
    assert raw.startswith(b"\x89PNG") and len(raw) <= cards.CHART_BYTES
    assert len(json.dumps(card, ensure_ascii=False).encode()) < 28_000  # a bot message's limit


def test_a_chart_too_large_for_a_card_is_said_in_words(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cards, "CHART_BYTES", 10)
    answer = chat_answer(Turn(text="q", channel="teams"), charts=[_chart(24)])
    dumped = json.dumps(cards.answer_card(answer), ensure_ascii=False)
    assert '"Image"' not in dumped and answer.charts[0].alt in dumped
