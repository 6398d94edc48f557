"""Meeting prep through the whole pipeline (masking, offline engine, restore): the intent, the
tool, the citations, the download offered, and a client of another book refused like any."""

from __future__ import annotations

import asyncio

import pytest

from assistant.core.types import Answer, Turn
from tests.prep.conftest import book

pytestmark = pytest.mark.slow


def ask(fl, text: str, rm: str = "RM001") -> Answer:
    turn = Turn(text=text, channel="api", rm_id=rm, engine="offline")
    return asyncio.run(fl.core.answer(turn))


@pytest.mark.parametrize(
    ("template", "language"),
    [
        ("明天见{name}", "zh"),
        ("下午去拜访{name}，帮我准备一下", "zh"),
        ("prepare me for my meeting with {name}", "en"),
        ("I'm seeing {name} tomorrow, get me ready", "en"),
    ],
)
def test_when_an_rm_asks_to_prepare_a_meeting_then_the_prep_answers(
    demo, busy_client, template, language
) -> None:
    fl, _ = demo
    name = busy_client.client.name
    answer = ask(fl, template.format(name=name))
    assert answer.intent == "meeting_prep" and not answer.refused
    assert answer.language == language
    assert "prepare_meeting" in [c.name for c in answer.tool_calls]
    assert answer.client_ids == [busy_client.client.client_id]
    assert name in answer.text  # the RM's own client, restored by name
    assert answer.citations and all(f"[{c.n}]" in answer.text for c in answer.citations)
    (doc,) = answer.documents
    assert doc.url.startswith("/v1/prep/") and doc.url.endswith(".docx")


def test_when_the_client_is_in_another_book_then_the_prep_is_refused_without_a_document(
    demo,
) -> None:
    fl, _ = demo
    foreign = book(fl, "RM002")[0].client
    answer = ask(fl, f"明天见{foreign.name}", rm="RM001")
    assert answer.refused and answer.refusal_reason == "not_entitled"
    assert answer.documents == [] and foreign.name not in answer.text


@pytest.mark.parametrize(
    ("template", "intent"),
    [
        ("帮写条信息约{name}下周见面", "draft_outreach"),
        ("{name}的存单什么时候到期", "client_facts"),
    ],
)
def test_when_a_question_only_mentions_a_meeting_then_it_keeps_its_own_intent(
    demo, busy_client, template, intent
) -> None:
    fl, _ = demo
    assert ask(fl, template.format(name=busy_client.client.name)).intent == intent


def test_when_no_client_is_named_then_a_visit_question_is_a_policy_question(demo) -> None:
    fl, _ = demo
    assert ask(fl, "拜访客户前要准备什么？").intent == "playbook_qa"
