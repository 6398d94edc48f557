"""The LLM engine in the real pipeline, against the fake OpenAI-compatible server."""

from __future__ import annotations

import json

import pytest

from assistant.core.pipeline import Assistant
from assistant.core.types import Answer, AnswerEvent, DeltaEvent, Turn
from assistant.engines.llm import LLMEngine
from testkit.fake_openai import (
    CLIENT_ID,
    FakeOpenAI,
    Reply,
    call,
    client_token,
    last_tool,
    last_user,
    say,
    tool_messages,
)
from testkit.llm_scripts import SERVE_Q, serve_script
from testkit.small_frontline import LLM_TIMEOUT_S
from tests.llm.conftest import RAW_PII

pytestmark = pytest.mark.asyncio(loop_scope="session")


async def ask(
    core: Assistant, text: str, conversation_id: str | None = None, rm: str = "RM001"
) -> Answer:
    return await core.answer(
        Turn(text=text, rm_id=rm, channel="api", conversation_id=conversation_id)
    )


def assert_no_raw_pii(fake: FakeOpenAI) -> None:
    assert fake.requests, "the model was never called"
    for i, req in enumerate(fake.requests):
        for value in RAW_PII:
            assert value not in req.text, f"request {i} carries raw PII {value!r}"


async def test_when_serving_a_client_then_tool_results_reach_the_model_and_answer_is_cited(
    core: Assistant, fake_llm: FakeOpenAI
) -> None:
    fake_llm.play(*serve_script())

    answer = await ask(core, SERVE_Q)

    assert answer.engine == "llm", answer.flags
    assert answer.intent == "serve_client"
    assert [c.name for c in answer.tool_calls] == [
        "find_clients",
        "get_client_profile",
        "recommend_next_actions",
        "search_playbooks",
    ]
    assert answer.client_ids == ["C000001"]
    assert answer.citations and answer.citations[0].doc_id == "tiering/service-standards"
    assert (
        "[1]" in answer.text and "华东精密机械有限公司" in answer.text
    )  # restored for the RM who owns the client
    assert "engine:fallback" not in answer.flags and "guard:pii_masked_late" not in answer.flags
    # the profile (masked JSON) came back to the model as a tool message
    later = fake_llm.requests[2]
    profile = json.loads(
        next(m["content"] for m in tool_messages(later.body) if '"tier_label"' in m["content"])
    )
    assert profile["client_id"] == "C000001" and profile["name"].startswith("⟦CLIENT_")
    assert profile["contacts"][0]["name"].startswith("⟦PERSON_") and profile["phone"].startswith(
        "⟦PHONE_"
    )
    assert all(req.body["stream"] is True and req.body.get("tools") for req in fake_llm.requests)
    assert answer.cards and answer.cards[0].client_id == "C000001"


async def test_no_raw_pii_in_any_request_across_a_conversation(
    core: Assistant, fake_llm: FakeOpenAI
) -> None:
    fake_llm.play(*serve_script())
    first = await ask(core, SERVE_Q + " 联系人周建国，电话13800138000")
    fake_llm_requests = list(fake_llm.requests)
    fake_llm.play(
        lambda body: call(
            "draft_outreach", {"client_id": "C000001", "channel": "email", "purpose": "general"}
        ),
        lambda body: say("邮件草稿如下：\n" + last_tool(body)["text"]),
    )
    await ask(core, "再帮我起草一封邮件给周建国", first.conversation_id)
    fake_llm.requests = fake_llm_requests + fake_llm.requests

    assert first.engine == "llm"
    assert_no_raw_pii(fake_llm)


async def test_when_follow_up_asks_for_a_draft_then_draft_outreach_runs_for_the_same_client(
    core: Assistant, fake_llm: FakeOpenAI
) -> None:
    fake_llm.play(*serve_script())
    first = await ask(core, SERVE_Q)
    seen: dict = {}

    def draft(body: dict) -> Reply:
        seen["body"] = body
        ids = [
            i for i in CLIENT_ID.findall(body["messages"][0]["content"]) if i != "C000123"
        ]  # not the prompt's example
        client_id = ids[0]  # carried in the system prompt's state
        return call(
            "draft_outreach", {"client_id": client_id, "channel": "email", "purpose": "general"}
        )

    fake_llm.play(draft, lambda body: say("邮件草稿如下：\n" + last_tool(body)["text"]))
    second = await ask(core, "再帮我起草一封邮件", first.conversation_id)

    assert second.engine == "llm", second.flags
    assert second.intent == "draft_outreach"
    assert [(c.name, c.args["client_id"]) for c in second.tool_calls] == [
        ("draft_outreach", "C000001")
    ]
    roles = [m["role"] for m in seen["body"]["messages"]]
    assert roles[:4] == [
        "system",
        "user",
        "assistant",
        "user",
    ]  # the earlier turn came along, masked
    assert seen["body"]["messages"][1]["content"].startswith("我该怎么服务⟦CLIENT_")
    assert "周建国" in second.text  # the draft's greeting, restored for display


async def test_tokens_of_the_answer_stream_as_they_come(
    core: Assistant, fake_llm: FakeOpenAI
) -> None:
    fake_llm.play(
        call("search_playbooks", {"query": "核心客户 服务频次"}),
        say("核心客户每月至少拜访一次 [1]。\n代发客户每季度复盘 [1]。\n以上为行内标准。"),
    )
    events = [
        e
        async for e in core.stream(
            Turn(text="核心客户的服务频次是什么？", rm_id="RM001", channel="api")
        )
    ]

    deltas = [e.text for e in events if isinstance(e, DeltaEvent)]
    final = events[-1]
    assert isinstance(final, AnswerEvent)
    answer = final.answer
    assert answer.engine == "llm" and answer.intent == "playbook_qa"
    assert "".join(deltas) == answer.text
    assert len(deltas) >= 3


async def test_when_client_outside_book_then_refused(core: Assistant, fake_llm: FakeOpenAI) -> None:
    fake_llm.play(
        lambda body: call("find_clients", {"query": client_token(last_user(body))}),
        say("陈晓的资料如下……"),
    )  # never reached: the refusal ends the turn

    answer = await ask(core, "帮我看看陈晓的情况")

    assert answer.engine == "llm"
    assert answer.refused and answer.refusal_reason == "not_entitled"
    assert answer.client_ids == [] and len(fake_llm.requests) == 1
    assert_no_raw_pii(fake_llm)


# --- failures: the offline engine answers -----------------------------------------------------------
async def test_when_provider_returns_500_then_offline_engine_answers(
    core: Assistant, fake_llm: FakeOpenAI
) -> None:
    fake_llm.play(Reply(status=500, content="upstream exploded"))

    answer = await ask(core, SERVE_Q)

    assert answer.engine == "offline"
    assert "engine:fallback" in answer.flags and "engine:llm_error" in answer.flags
    assert answer.intent == "serve_client" and answer.citations
    assert len(fake_llm.requests) == 1  # max_retries=0: the fallback is the retry


async def test_when_provider_times_out_then_offline_engine_answers(
    core: Assistant, fake_llm: FakeOpenAI
) -> None:
    fake_llm.play(Reply(content="太慢了", delay_s=LLM_TIMEOUT_S + 1.5))

    answer = await ask(core, SERVE_Q)

    assert answer.engine == "offline"
    assert "engine:fallback" in answer.flags and "engine:llm_timeout" in answer.flags
    assert answer.latency_ms < (LLM_TIMEOUT_S + 1.5) * 1000 + 3000


# --- misbehaving small models -------------------------------------------------------------------
def assert_grounded(answer: Answer) -> None:
    text = answer.text.strip()
    assert text and not text.startswith(("{", "[", "```")) and '"name"' not in text
    assert answer.citations


async def test_when_model_writes_a_json_tool_call_block_then_it_is_run_and_answer_is_grounded(
    core: Assistant, fake_llm: FakeOpenAI
) -> None:
    block = (
        '```json\n{"name": "search_playbooks", "arguments": {"query": "核心客户 服务频次"}}\n```'
    )
    fake_llm.play(say(block), say("核心客户每月至少拜访一次 [1]。"))

    answer = await ask(core, "核心客户多久拜访一次？")

    assert answer.engine == "llm", answer.flags
    assert [c.name for c in answer.tool_calls] == ["search_playbooks"]
    assert_grounded(answer)


async def test_when_model_invents_a_tool_then_it_sees_an_error_and_recovers(
    core: Assistant, fake_llm: FakeOpenAI
) -> None:
    fake_llm.play(
        call("get_client_info", {"name": "x"}),
        call("search_playbooks", {"query": "核心客户 服务频次"}),
        say("核心客户每月至少拜访一次 [1]。"),
    )

    answer = await ask(core, "核心客户多久拜访一次？")

    assert answer.engine == "llm", answer.flags
    error = tool_messages(fake_llm.requests[1].body)[0]["content"]
    assert (
        "get_client_info" in error and "search_playbooks" in error
    )  # the observation lists the real tools
    assert_grounded(answer)


async def test_when_model_sends_malformed_tool_arguments_then_answer_is_grounded(
    core: Assistant, fake_llm: FakeOpenAI
) -> None:
    fake_llm.play(
        call("search_playbooks", '{"query": "核心客户'),
        call("search_playbooks", {"query": "核心客户 服务频次"}),
        say("核心客户每月至少拜访一次 [1]。"),
    )

    answer = await ask(core, "核心客户多久拜访一次？")

    assert answer.engine == "llm", answer.flags
    assert_grounded(answer)


async def test_when_model_answers_raw_json_twice_then_offline_engine_answers(
    core: Assistant, fake_llm: FakeOpenAI
) -> None:
    fake_llm.play(
        call("search_playbooks", {"query": "核心客户 服务频次"}),
        say('{"answer": "每月一次"}'),
        say('{"answer": "每月一次"}'),
    )

    answer = await ask(core, "核心客户多久拜访一次？")

    assert answer.engine == "offline" and "engine:fallback" in answer.flags
    assert_grounded(answer)


async def test_when_answer_cites_nothing_then_one_repair_makes_it_grounded(
    core: Assistant, fake_llm: FakeOpenAI
) -> None:
    fake_llm.play(
        call("search_playbooks", {"query": "核心客户 服务频次"}),
        say("核心客户每月至少拜访一次。"),
        say("核心客户每月至少拜访一次 [1]。"),
    )

    answer = await ask(core, "核心客户多久拜访一次？")

    assert answer.engine == "llm", answer.flags
    assert len(fake_llm.requests) == 3 and fake_llm.requests[2].messages[-1]["role"] == "user"
    assert_grounded(answer)


async def test_when_model_loops_past_the_cap_then_tools_are_withdrawn_and_offline_answers(
    core: Assistant, fake_llm: FakeOpenAI, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert isinstance(core.llm, LLMEngine)
    settings = core.llm.settings.model_copy(update={"max_tool_rounds": 3})
    monkeypatch.setattr(core, "llm", LLMEngine(settings))
    fake_llm.play(call("search_playbooks", {"query": "核心客户 服务频次"}), repeat_last=True)

    answer = await ask(core, "核心客户多久拜访一次？")

    assert answer.engine == "offline" and "engine:fallback" in answer.flags
    assert_grounded(answer)
    assert [bool(r.body.get("tools")) for r in fake_llm.requests] == [
        True,
        True,
        True,
        False,
        False,
    ]


async def test_when_the_provider_times_out_after_tool_calls_then_only_offline_work_is_reported(
    core: Assistant, fake_llm: FakeOpenAI
) -> None:
    # The model reads a client's profile and searches a playbook, then stalls; the offline
    # engine answers a question that names no client.
    question = "核心客户的服务频次是什么？"
    fake_llm.play(
        call("get_client_profile", {"client_id": "C000001"}),
        call("search_playbooks", {"query": "邮件模板 一般问候", "k": 3}),
        Reply(content="太慢了", delay_s=LLM_TIMEOUT_S + 1.5),
    )
    answer = await ask(core, question)
    offline = await core.answer(Turn(text=question, rm_id="RM001", channel="api", engine="offline"))

    assert answer.engine == "offline" and "engine:llm_timeout" in answer.flags
    assert answer.client_ids == offline.client_ids == []
    assert [c.name for c in answer.tool_calls] == [c.name for c in offline.tool_calls]
    cited = [(c.n, c.doc_id, c.section) for c in answer.citations]
    assert cited == [(c.n, c.doc_id, c.section) for c in offline.citations]


async def test_when_the_llm_engine_has_a_bug_then_the_turn_fails_instead_of_falling_back(
    core: Assistant, fake_llm: FakeOpenAI, monkeypatch: pytest.MonkeyPatch, caplog
) -> None:
    async def broken(ctx, emit):
        raise TypeError("unsupported operand type(s) for +: 'int' and 'str'")

    monkeypatch.setattr(core.llm, "run", broken)
    with pytest.raises(TypeError):
        await ask(core, SERVE_Q)
    assert any("unexpected error" in r.message and r.exc_info for r in caplog.records)
