"""Thumbs-down turns -> candidate evaluation cases, for a person to review.

The question is the *masked* text as stored (tokens such as ``⟦CLIENT_1⟧`` stay tokens: the
reviewer replaces them with a client id or name of the demo/test bank before the case joins a
dataset). ``expect`` is left empty on purpose — what the assistant did is only a hint, under
``hints``, never the expectation.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

CJK = re.compile(r"[\u4e00-\u9fff]")


def candidate(feedback_row: Any, turn_row: Any) -> dict:
    answer = turn_row.masked_answer or {}
    question = turn_row.masked_question
    return {
        "id": f"fb-{turn_row.turn_id}",
        "as_rm": turn_row.rm_id,
        "question": question,
        "language": answer.get("language") or ("zh" if CJK.search(question) else "en"),
        "category": "feedback",
        "expect": {},
        "hints": {
            "observed_intent": answer.get("intent"),
            "observed_tools": list(
                dict.fromkeys(c.get("name") for c in answer.get("tool_calls", []))
            ),
            "observed_client_ids": answer.get("client_ids", []),
            "observed_refused": answer.get("refused"),
            "observed_flags": answer.get("flags", []),
            "cited": [c.get("doc_id") for c in answer.get("citations", [])],
            "comment": feedback_row.masked_comment,
            "channel": feedback_row.channel,
            "conversation_id": turn_row.conversation_id,
            "turn_seq": turn_row.seq,  # > 1: it continued a conversation; review as a follow-up
            "rated_at": str(feedback_row.created_at),
        },
    }


def candidates_from_feedback(conversations: Any) -> list[dict]:
    """One candidate per thumbs-down, oldest first, one per turn."""
    seen: set[str] = set()
    out = []
    for fb, turn in conversations.feedback("down"):
        if turn.turn_id not in seen:
            seen.add(turn.turn_id)
            out.append(candidate(fb, turn))
    return out


def write_candidates(cases: list[dict], out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(
        "".join(json.dumps(c, ensure_ascii=False) + "\n" for c in cases), encoding="utf-8"
    )
