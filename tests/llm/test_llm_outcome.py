"""Deterministic judgements of model output: intent, usable answers, text tool calls, streaming."""

from __future__ import annotations

from typing import Literal

import pytest
from langchain_core.messages import AIMessageChunk

from assistant.engines.llm.outcome import (
    answer_problem,
    infer_intent,
    looks_like_json,
    text_tool_calls,
)
from assistant.engines.llm.prompts import RepairPrompt, SystemPrompt
from assistant.engines.llm.streaming import StreamGate

TOOLS = {"search_playbooks", "find_clients", "draft_outreach"}


@pytest.mark.parametrize(
    ("tools", "text", "intent"),
    [
        (
            ["find_clients", "get_client_profile", "recommend_next_actions", "search_playbooks"],
            "怎么服务⟦CLIENT_1⟧",
            "serve_client",
        ),
        (["get_client_profile", "draft_outreach"], "起草微信", "draft_outreach"),
        (["list_book", "search_playbooks"], "我的客户里谁存款流失", "book_query"),
        (["team_performance"], "我团队本月及时率", "book_query"),
        (["search_playbooks"], "战略客户服务频次", "playbook_qa"),
        ([], "你好，你能做什么？", "help"),
        ([], "今天上海天气怎么样", "out_of_scope"),
    ],
)
def test_intent_comes_from_the_tools_called(tools: list[str], text: str, intent: str) -> None:
    assert infer_intent(tools, text, has_prior_client=False) == intent


@pytest.mark.parametrize(
    ("text", "numbers", "problem"),
    [
        ("", [], "empty"),
        ("   \n", [1], "empty"),
        ('{"answer": "每月一次"}', [], "raw_json"),
        ('```json\n{"name": "x"}\n```', [], "raw_json"),
        ("[1, 2]", [], "raw_json"),
        ("每月至少拜访一次。", [1, 2], "uncited"),
        ("每月至少拜访一次 [7]。", [1, 2], "uncited"),
        ("每月至少拜访一次 [2]。", [1, 2], None),
        ("[1] 每月至少拜访一次。", [1], None),
        ("你好，我可以帮你服务客户。", [], None),
    ],
)
def test_answer_problem(text: str, numbers: list[int], problem: str | None) -> None:
    assert answer_problem(text, numbers) == problem


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            '```json\n{"name": "search_playbooks", "arguments": {"query": "代发"}}\n```',
            ["search_playbooks"],
        ),
        ('{"name": "find_clients", "arguments": "{\\"query\\": \\"C000001\\"}"}', ["find_clients"]),
        (
            '```\n[{"function": {"name": "search_playbooks", "arguments": {"query": "a"}}}, {"tool": "draft_outreach", "args": {"client_id": "C1"}}]\n```',
            ["search_playbooks", "draft_outreach"],
        ),
        ('```json\n{"name": "get_client_info", "arguments": {}}\n```', []),  # not an offered tool
        ('```json\n{"name": "search_playbooks", "arguments": {"query": \n```', []),  # malformed
        ("普通回答，没有代码块。", []),
    ],
)
def test_text_tool_calls(text: str, names: list[str]) -> None:
    calls = text_tool_calls(text, TOOLS)
    assert [c["name"] for c in calls] == names
    assert all(c["type"] == "tool_call" and c["id"] for c in calls)


def test_looks_like_json_does_not_flag_prose_with_citations() -> None:
    assert not looks_like_json("[1] 核心客户每月拜访一次")
    assert looks_like_json('{"truncated": ')


def _stream(gate: StreamGate, pieces: list[str], message_id: str = "m1") -> str:
    return "".join(gate.feed(AIMessageChunk(content=p, id=message_id)) for p in pieces)


def test_stream_gate_lets_prose_through_once_it_cites() -> None:
    gate = StreamGate(lambda: {1})
    assert (
        _stream(
            gate, ["  核心客户", "每月至少拜访一次", "，代发客户", "每季度复盘 [1]", "。\n其余略。"]
        )
        == "核心客户每月至少拜访一次，代发客户每季度复盘 [1]。\n其余略。"
    )


@pytest.mark.parametrize(
    "pieces",
    [
        ['```json\n{"name": ', '"search_playbooks"}```'],
        ['{"answer": ', '"每月一次"}'],
        [
            "核心客户每月至少拜访一次，",
            "代发客户每季度复盘。",
        ],  # passages exist, none cited: held for the repair
    ],
)
def test_stream_gate_holds_back_what_may_be_rejected(pieces: list[str]) -> None:
    assert _stream(StreamGate(lambda: {1}), pieces) == ""


def test_stream_gate_holds_the_text_of_a_tool_calling_message() -> None:
    gate = StreamGate(set)
    assert (
        gate.feed(
            AIMessageChunk(
                content="",
                id="m1",
                tool_call_chunks=[{"name": "find_clients", "args": "", "id": "c1", "index": 0}],
            )
        )
        == ""
    )
    assert gate.feed(AIMessageChunk(content="让我查一下客户资料吧。", id="m1")) == ""
    assert (
        _stream(gate, ["你好，我可以帮你服务客户、起草消息。"], message_id="m2")
        == "你好，我可以帮你服务客户、起草消息。"
    )


@pytest.mark.parametrize("language", ["zh", "en"])
def test_prompts_render_in_both_languages(language: Literal["zh", "en"]) -> None:
    system = SystemPrompt(language=language, role="team_lead", client_ids=["C000001"]).render()
    assert "C000001" in system and "⟦CLIENT_1⟧" in system and "[1]" in system
    assert (
        "[1], [3]"
        in RepairPrompt(language=language, problem="uncited", citation_numbers=[1, 3]).render()
    )
