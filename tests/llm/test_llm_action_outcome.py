"""The LLM engine records the RM's word on a suggested action (issue 16): after a serve answer,
"第一条做完了" / "暂不，客户出差" reach ``record_action_outcome`` through the real pipeline and the
fake OpenAI-compatible server, are stored by the outcome service, and nothing raw reaches the
model."""

from __future__ import annotations

import pytest

from assistant.core.pipeline import Assistant
from assistant.core.types import Answer, Turn
from assistant.wiring import Frontline
from testkit.fake_openai import FakeOpenAI, call, last_tool, say
from testkit.llm_scripts import SERVE_Q, serve_script
from tests.llm.conftest import RAW_PII
from tools.entitlement import resolve_caller
from tools.outcomes.keys import parse_key

pytestmark = pytest.mark.asyncio(loop_scope="session")


async def _ask(core: Assistant, text: str, conversation_id: str | None = None) -> Answer:
    turn = Turn(text=text, rm_id="RM001", channel="api", conversation_id=conversation_id)
    return await core.answer(turn)


def _recorded(body: dict) -> str:
    result = last_tool(body)
    return f"已记录：{result.get('status')}（{result.get('kind')}）。"


async def test_the_rm_marking_a_suggested_action_done_and_then_not_now_is_recorded(
    core: Assistant, fake_llm: FakeOpenAI, frontline: Frontline
) -> None:
    fake_llm.play(*serve_script())
    first = await _ask(core, SERVE_Q)
    assert first.engine == "llm" and first.client_ids == ["C000001"], first.flags
    keys = [a.action_key for a in first.actions if a.action_key]
    assert keys, "the serve answer suggests actions with keys"

    # by client: the top open action, put off with the RM's words for a reason code
    fake_llm.play(
        lambda body: call(
            "record_action_outcome",
            {"client_id": "C000001", "outcome": "not_now", "reason": "客户出差"},
        ),
        lambda body: say(_recorded(body)),
    )
    later = await _ask(core, "第一条暂不，客户出差了，电话13800138000打不通", first.conversation_id)
    assert later.engine == "llm" and later.intent == "action_outcome", later.flags
    assert [(c.name, c.ok) for c in later.tool_calls] == [("record_action_outcome", True)]
    assert "recorded" in later.text
    put_off = frontline.outcomes.book(["C000001"]).latest[keys[0]]
    assert put_off.outcome == "not_now" and put_off.reason and put_off.hide_until

    # by key, as the answer gave it: done after all (the latest outcome decides)
    fake_llm.play(
        lambda body: call("record_action_outcome", {"action_key": keys[0], "outcome": "done"}),
        lambda body: say(_recorded(body)),
    )
    done = await _ask(core, "第一条已经做完了", first.conversation_id)
    assert [(c.name, c.ok) for c in done.tool_calls] == [("record_action_outcome", True)]
    assert frontline.outcomes.book(["C000001"]).latest[keys[0]].outcome == "done"
    for i, req in enumerate(fake_llm.requests):
        for value in RAW_PII:
            assert value not in req.text, f"request {i} carries raw PII {value!r}"
    # the session's bank as it was for the other LLM tests: both outcomes taken back
    caller, ref = resolve_caller(frontline.bank, "RM001"), parse_key(keys[0])
    while frontline.outcomes.undo(caller, ref, channel="api"):
        pass
    assert keys[0] not in frontline.outcomes.book(["C000001"]).latest
