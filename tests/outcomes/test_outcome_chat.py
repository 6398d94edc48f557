"""Marking an action in chat, through the whole turn pipeline and the offline engine: an
ordinal counts in today's brief or in the list the conversation last showed, a client named
in the phrase picks their action, a reason outside the policy is asked for, "撤销" takes the
mark back; another book's client is refused, and a note or a question is not a mark."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from assistant.core.types import Answer, Turn
from tests.outcomes.conftest import Bank
from tools.outcomes.keys import parse_key

RM = "RM001"


def ask(bank: Bank, text: str, conversation: str | None = None, rm: str = RM) -> Answer:
    turn = Turn(text=text, channel="api", rm_id=rm, conversation_id=conversation, engine="offline")
    return asyncio.run(bank.fl.core.answer(turn))


def brief_lines(bank: Bank, rm: str = RM) -> list:
    return [i for i in bank.fl.briefs.build(rm, bank.clock.day).items if i.action_key]


def latest(bank: Bank, client_id: str):
    found = bank.fl.bank.outcomes_for([client_id])
    return found[-1] if found else None


def unique_name(bank: Bank, client_id: str) -> str:
    [client] = bank.fl.bank.get_clients([client_id])
    return client.name


@pytest.fixture(autouse=True)
def _a_new_day(bank: Bank):
    bank.clock.day += timedelta(days=500)
    yield


def test_when_the_first_line_is_done_then_todays_briefs_first_line_is_marked(bank: Bank) -> None:
    first = brief_lines(bank)[0]
    answer = ask(bank, "第一条已完成")
    assert answer.intent == "action_outcome" and not answer.refused
    assert "已完成" in answer.text and unique_name(bank, first.client_id) in answer.text
    outcome = latest(bank, first.client_id)
    assert outcome and (outcome.action_key, outcome.outcome) == (first.action_key, "done")
    assert first.action_key not in {i.action_key for i in brief_lines(bank)}
    undone = ask(bank, "撤销", answer.conversation_id)
    assert undone.intent == "action_outcome" and "撤销" in undone.text
    assert first.action_key in {i.action_key for i in brief_lines(bank)}


def test_when_a_client_is_named_in_english_with_a_reason_then_not_now_is_recorded(
    bank: Bank,
) -> None:
    line = brief_lines(bank)[0]
    name = unique_name(bank, line.client_id)
    answer = ask(bank, f"not now for {name}, client travelling")
    assert answer.intent == "action_outcome" and answer.language == "en"
    outcome = latest(bank, line.client_id)
    assert outcome and (outcome.outcome, outcome.reason) == ("not_now", "client_unavailable")
    assert outcome.note and "travelling" in outcome.note
    assert "hidden until" in answer.text


def test_when_the_reason_is_not_the_banks_then_it_is_asked_for_and_the_reply_records_it(
    bank: Bank,
) -> None:
    line = brief_lines(bank)[0]
    name = unique_name(bank, line.client_id)
    before = len(bank.fl.bank.outcomes_for([line.client_id]))
    asked = ask(bank, f"{name}暂不，因为月亮不圆")
    assert asked.intent == "action_outcome" and "原因" in asked.text
    assert len(bank.fl.bank.outcomes_for([line.client_id])) == before
    labels = [r.zh for r in bank.fl.outcome_policy.reasons.values()]
    assert all(label in asked.text for label in labels)
    answered = ask(bank, "3", asked.conversation_id)
    outcome = latest(bank, line.client_id)
    third = list(bank.fl.outcome_policy.reasons)[2]
    assert outcome and (outcome.outcome, outcome.reason) == ("not_now", third)
    assert answered.intent == "action_outcome" and "暂不处理" in answered.text


def test_after_a_clients_recommendations_the_second_one_is_that_lists_second(bank: Bank) -> None:
    book = sorted(bank.fl.bank.client_ids_of([RM]))
    tb_answer = None
    for client_id in book:
        name = unique_name(bank, client_id)
        answer = ask(bank, f"我该怎么服务{name}？")
        keyed = [a for a in answer.actions if a.action_key]
        if answer.intent == "serve_client" and len(keyed) >= 2:
            tb_answer = (answer, keyed, client_id)
            break
    assert tb_answer, "some client of the book has two open actions"
    answer, keyed, client_id = tb_answer
    marked = ask(bank, "第二条暂不，客户不需要", answer.conversation_id)
    assert marked.intent == "action_outcome"
    outcome = latest(bank, client_id)
    assert outcome and outcome.action_key == keyed[1].action_key
    assert outcome.reason == "client_declined"


def test_when_another_books_client_is_named_then_refused_and_nothing_is_stored(bank: Bank) -> None:
    theirs = brief_lines(bank, "RM002")[0]
    name = unique_name(bank, theirs.client_id)
    answer = ask(bank, f"{name}的到期续作办好了")
    assert answer.refused and answer.refusal_reason == "not_entitled"
    assert latest(bank, theirs.client_id) is None
    assert name not in answer.text


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("第一条完成了吗？", None),
        ("记一下：今天电话联系了客户，续作办好了，下周给方案", "capture_note"),
    ],
)
def test_a_question_or_a_note_is_not_a_mark(bank: Bank, text: str, intent: str | None) -> None:
    first = brief_lines(bank)[0]
    answer = ask(bank, text)
    assert answer.intent != "action_outcome"
    if intent:
        assert answer.intent == intent
    assert parse_key(first.action_key or "").client_id  # the line is untouched:
    assert first.action_key in {i.action_key for i in brief_lines(bank)}
