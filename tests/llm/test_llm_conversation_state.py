"""The LLM agent reads the conversation's state the way the offline engine does: the list it
showed last (in order), the client and the draft of the last turn reach the next request to the
model, masked (ids and slots only), so "the second one" or "make it shorter" can be resolved."""

from __future__ import annotations

import pytest

from assistant.core.pipeline import Assistant
from assistant.core.types import Answer, Turn
from testkit.fake_openai import CLIENT_ID, FakeOpenAI, Reply, call, last_tool, say
from tests.llm.conftest import RAW_PII

pytestmark = pytest.mark.asyncio(loop_scope="session")
LEAD = "RM003"  # a team lead: the book holds more than one client, so a list has an order


async def ask(core: Assistant, text: str, conversation_id: str | None = None) -> Answer:
    turn = Turn(text=text, rm_id=LEAD, channel="api", conversation_id=conversation_id)
    return await core.answer(turn)


def system(body: dict) -> str:
    return body["messages"][0]["content"]


async def test_when_a_list_and_a_draft_came_before_then_the_next_request_carries_them(
    core: Assistant, fake_llm: FakeOpenAI
) -> None:
    listed: list[str] = []

    def answer_list(body: dict) -> Reply:
        listed.extend(c["client_id"] for c in last_tool(body)["clients"])
        return say("名单如上。")

    fake_llm.play(call("list_book", {"sort_by": "value", "descending": False}), answer_list)
    first = await ask(core, "按规模从小到大列一下团队的客户")
    assert first.engine == "llm" and len(listed) >= 2, first.flags

    seen: dict[str, str] = {}

    def draft_second(body: dict) -> Reply:
        seen["after_list"] = system(body)
        return call(
            "draft_outreach", {"client_id": listed[1], "channel": "email", "purpose": "general"}
        )

    fake_llm.play(draft_second, lambda body: say("草稿：\n" + last_tool(body)["text"]))
    second = await ask(core, "第二个写封邮件", first.conversation_id)
    assert second.engine == "llm", second.flags

    def capture(body: dict) -> Reply:
        seen["after_draft"] = system(body)
        return say("好的。")

    fake_llm.play(capture)
    await ask(core, "短一点", first.conversation_id)

    shown = [i for i in CLIENT_ID.findall(seen["after_list"]) if i in listed]
    assert shown == listed  # the last list, every client, in the order it was shown
    after_draft = seen["after_draft"]
    assert listed[1] in CLIENT_ID.findall(after_draft)  # the client of the last answer
    assert "email" in after_draft and "general" in after_draft  # the last draft's slots
    for text in seen.values():
        assert not any(value in text for value in RAW_PII)
