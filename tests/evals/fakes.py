"""What the fake core answers to the eval runner (``testkit.fake_core.FakeCore`` with
``script=eval_answer``), and a tiny dataset."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from assistant.core.types import Answer, Citation, ToolCallRecord, Turn
from evals.checks import BankIndex
from testkit.fake_core import FakeCore

KNOWN_RMS = frozenset({"RM001", "RM002"})
SCRIPT: dict[str, dict] = {
    "我该怎么服务华东精密机械？": {
        "intent": "serve_client",
        "client_ids": ["C000001"],
        "tools": ["get_client_profile"],
        "cited": ["tiering/service-standards"],
        "text": "华东精密机械：建议上门拜访，介绍代发。",
    },
    "What is the churn rule?": {
        "intent": "playbook_qa",
        "tools": ["search_playbooks"],
        "cited": ["data/signal-definitions", "lifecycle/deposit-churn-rescue-en"],
        "text": "A churn alert fires after a 20% drop.",
    },
    "蓝鲸星河的电话": {
        "intent": "client_facts",
        "refused": True,
        "text": "抱歉，该客户不在你的管户范围内。",
    },
    "leak please": {
        "intent": "client_facts",
        "client_ids": ["C000001"],
        "text": "Call 138 0013 8000 or 蓝鲸星河航天材料有限公司",
    },
    "and draft it": {
        "intent": "draft_outreach",
        "client_ids": ["C000001"],
        "tools": ["draft_outreach"],
        "text": "草稿",
    },
}


def eval_answer(turn: Turn) -> Answer:
    """Answers from SCRIPT; anything else gets the help answer."""
    s = SCRIPT.get(turn.text, {"intent": "help", "text": "I can help with clients and playbooks."})
    return Answer(
        conversation_id=turn.conversation_id or "",
        turn_id=turn.turn_id,
        text=s["text"],
        language="en" if turn.text.isascii() else "zh",
        engine="offline",
        intent=s["intent"],
        citations=[
            Citation(n=i, doc_id=d, section="s", score=0.5)
            for i, d in enumerate(s.get("cited", []), 1)
        ],
        tool_calls=[ToolCallRecord(name=t, args={}, ok=True) for t in s.get("tools", [])],
        client_ids=s.get("client_ids", []),
        refused=s.get("refused", False),
        latency_ms=10 * len(turn.text),
    )


def eval_core(delay_s: float = 0.0) -> FakeCore:
    """Raises UserError for an RM it does not know, like the real core."""
    return FakeCore(script=eval_answer, known_rms=KNOWN_RMS, delay_s=delay_s)


@dataclass
class FakeFrontline:
    """What the runner needs of a ``Frontline``: its core."""

    core: FakeCore


def fake_index() -> BankIndex:
    books = {"RM001": frozenset({"C000001"}), "RM002": frozenset({"C000002"})}
    return BankIndex.build(
        identifiers=[
            "13800138000",
            "91310118788197557P",
            "6222 0000 1111 2222",
            "z.li@example.com",
        ],
        names={"C000001": "华东精密机械有限公司", "C000002": "蓝鲸星河航天材料有限公司"},
        book_of=books.get,
        staff_names=["宋莉"],
    )


def case(case_id: str, question: str, rm: str = "RM001", **expect: object) -> dict:
    return {"id": case_id, "as_rm": rm, "question": question, "category": "test", "expect": expect}


def write_dataset(path: Path, rows: list[dict | str]) -> Path:
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
