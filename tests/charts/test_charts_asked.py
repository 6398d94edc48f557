"""Which picture a question asks for (``assistant.engines.offline.pictures.asked``), and which
questions are the team measures' (``assistant.engines.offline.team.asks_measures``), on
phrasings written here, both languages, both directions."""

from __future__ import annotations

import pytest

from assistant.engines.offline.pictures import asked
from assistant.engines.offline.team import asks_measures


@pytest.mark.parametrize(
    ("said", "intent", "kind"),
    [
        ("⟦CLIENT_1⟧近两年存款走势", "client_facts", "client_trend"),
        ("show me a chart of ⟦CLIENT_1⟧'s deposits", "serve_client", "client_trend"),
        ("⟦CLIENT_1⟧存款趋势怎么样", "client_facts", "client_trend"),
        ("画个图看看我的客户层级分布", "book_query", "book_by_tier"),
        ("what's my book's tier mix", "book_query", "book_by_tier"),
        ("chart my book by signal", "book_query", "book_by_signal"),
        ("⟦CLIENT_1⟧的手机号", "client_facts", None),
        ("我有几个战略客户", "book_query", None),
        ("列一下有流失预警的客户", "book_query", None),  # a list, not a picture
        ("存款走势图怎么看", "playbook_qa", None),
    ],
)
def test_the_picture_asked(said: str, intent: str, kind: str | None) -> None:
    assert asked(said, intent) == kind


@pytest.mark.parametrize(
    ("said", "measures"),
    [
        ("我团队本月及时率", True),
        ("how is my team doing this quarter", True),
        ("how's the team's coverage this quarter", True),
        ("团队服务频次达标率怎么样", True),
        ("我们组绩效怎么样", True),
        ("my KPIs last month", True),
        ("信号跟进及时率多少能拿满分", False),
        ("how is follow-up timeliness scored?", False),
        ("组里有人及时率连着俩月不到85% 我得干啥", False),
        ("这只基金过往业绩怎么样", False),
        ("深度覆盖的客户有哪些", False),
    ],
)
def test_a_question_of_the_measures(said: str, measures: bool) -> None:
    assert asks_measures(said) is measures
