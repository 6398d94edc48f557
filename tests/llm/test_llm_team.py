"""The LLM engine answers a team lead's "我团队本月及时率" through ``team_performance`` (issue
17): the real pipeline and the fake OpenAI-compatible server; the model sees each RM's measures
and client names only as tokens, and the answer is a book question's."""

from __future__ import annotations

import pytest

from assistant.core.pipeline import Assistant
from assistant.core.types import Turn
from testkit.fake_openai import FakeOpenAI, call, last_tool, say
from tests.llm.conftest import RAW_PII

pytestmark = pytest.mark.asyncio(loop_scope="session")


SEEN: list[dict] = []


def _summary(body: dict) -> str:
    result = last_tool(body)
    SEEN.append(result)
    rows = result["rows"]
    low = rows[0]
    return f"团队本期共 {len(rows)} 位客户经理，排在最前：{low['name']}（{low['rm_id']}）。"


async def test_a_team_lead_asks_for_the_teams_timeliness(
    core: Assistant, fake_llm: FakeOpenAI
) -> None:
    fake_llm.play(
        lambda body: call("team_performance", {"period": "quarter"}),
        lambda body: say(_summary(body)),
    )
    answer = await core.answer(Turn(text="我团队本季度及时率怎么样", rm_id="RM003", channel="api"))
    assert answer.engine == "llm" and answer.intent == "book_query", answer.flags
    assert [(c.name, c.ok) for c in answer.tool_calls] == [("team_performance", True)]
    rows = SEEN[-1]["rows"]  # what the model was given back: the lead's team, laggard first
    assert {r["rm_id"] for r in rows} <= {"RM001", "RM002", "RM003"} and len(rows) >= 2
    assert f"（{rows[0]['rm_id']}）" in answer.text
    for i, req in enumerate(fake_llm.requests):
        for value in RAW_PII:
            assert value not in req.text, f"request {i} carries raw PII {value!r}"


async def test_an_rm_asking_for_a_colleague_is_refused_by_the_tool(
    core: Assistant, fake_llm: FakeOpenAI
) -> None:
    fake_llm.play(
        lambda body: call("team_performance", {"rm_id": "RM002"}),
        lambda body: say("抱歉，这位客户经理不在你的范围内。"),
    )
    answer = await core.answer(Turn(text="RM002 的及时率多少", rm_id="RM001", channel="api"))
    assert [(c.name, c.ok) for c in answer.tool_calls] == [("team_performance", False)]
    assert answer.refused and not answer.client_ids
