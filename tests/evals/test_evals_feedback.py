"""Thumbs-down turns become candidate cases: masked question, empty expect, observed hints."""

from __future__ import annotations

import json
from pathlib import Path

from assistant.wiring import Frontline
from evals.feedback import candidates_from_feedback, write_candidates
from tests.conftest import make_settings


def _turn(fl: Frontline, turn_id: str, question: str, rating: str | None) -> None:
    answer = {
        "intent": "client_facts",
        "language": "zh",
        "tool_calls": [{"name": "get_client_profile", "args": {}, "ok": True}],
        "client_ids": ["C000001"],
        "refused": False,
        "flags": [],
        "citations": [{"doc_id": "tiering/service-standards"}],
    }
    fl.conversations.append(
        conversation_id="conv-1",
        rm_id="RM001",
        channel="api",
        turn_id=turn_id,
        masked_question=question,
        masked_answer=answer,
        state={},
    )
    if rating:
        assert fl.conversations.add_feedback(
            rm_id="RM001",
            conversation_id="conv-1",
            turn_id=turn_id,
            channel="api",
            rating=rating,
            masked_comment="答非所问",
        )


def test_thumbs_down_turns_become_candidates_for_review(tmp_path: Path) -> None:
    fl = Frontline(make_settings(tmp_path / "home"))
    _turn(fl, "turn-1", "⟦CLIENT_1⟧的持有产品？", "down")
    _turn(fl, "turn-2", "什么是战略客户？", "up")
    _turn(fl, "turn-3", "他们的联系人？", None)
    cases = candidates_from_feedback(fl.conversations)
    assert len(cases) == 1
    c = cases[0]
    assert (c["id"], c["as_rm"], c["question"], c["expect"]) == (
        "fb-turn-1",
        "RM001",
        "⟦CLIENT_1⟧的持有产品？",
        {},
    )
    assert c["hints"]["observed_intent"] == "client_facts" and c["hints"]["observed_tools"] == [
        "get_client_profile"
    ]
    assert c["hints"]["comment"] == "答非所问"
    out = tmp_path / "cands.jsonl"
    write_candidates(cases, out)
    assert json.loads(out.read_text(encoding="utf-8").splitlines()[0])["id"] == "fb-turn-1"
    fl.close()
