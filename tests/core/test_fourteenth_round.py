"""Kinds of turn the thirteenth round's leftovers and the fourteenth blind round's dev halves
showed misread (not their words), read without a bank."""

from __future__ import annotations

from assistant.engines.offline.followup import _named_reply

WHICH = {
    "candidates": ["C1", "C2"],
    "pending_intent": "client_facts",
    "pending_question": "那家的大额存单几号到期",
}


def test_a_which_one_answered_by_the_full_name_keeps_the_question_asked() -> None:
    follow = _named_reply("⟦CLIENT_1⟧", WHICH, ["C2"])
    assert follow is not None
    assert follow.client_ids == ["C2"] and follow.question == WHICH["pending_question"]
    assert follow.intent == "client_facts"


def test_a_name_with_a_question_of_its_own_is_that_question() -> None:
    assert _named_reply("⟦CLIENT_1⟧ 帮我写个微信提醒他", WHICH, ["C2"]) is None
    assert _named_reply("⟦CLIENT_1⟧的贷款余额多少", WHICH, ["C1"]) is None


def test_a_name_not_offered_or_no_question_pending_is_a_new_turn() -> None:
    assert _named_reply("⟦CLIENT_1⟧", WHICH, ["C9"]) is None
    assert _named_reply("⟦CLIENT_1⟧ ⟦CLIENT_2⟧", WHICH, ["C1", "C2"]) is None
    assert _named_reply("⟦CLIENT_1⟧", {"candidates": ["C1"]}, ["C1"]) is None
