"""The gate of ``evals.grow_intents``: grown lines that turn a regression case the hand-written
examples get right into a miss are taken back (nearest first), and the case is right again;
lines that explain nothing are kept."""

from __future__ import annotations

import json
from pathlib import Path

from assistant.engines.offline.examples import INTENTS, LANGUAGES, load_intent_examples
from assistant.engines.offline.intent import classify
from assistant.wiring import Frontline
from evals.grow_intents import _classifier, gate
from evals.intents import predict, samples_of

QUESTIONS = [  # rule questions, written for this test; one no rule is sure of is used
    "客户经理绩效怎么算",
    "节假日值班怎么安排",
    "新开户要准备什么材料",
    "可疑交易多久内上报",
    "企业微信能不能加客户",
    "绩效考核看哪些指标",
]


def _dataset(tmp_path: Path, questions: list[str]) -> Path:
    path = tmp_path / "gate.jsonl"
    rows = [
        {"id": f"g-{n}", "as_rm": "RM001", "question": q, "language": "zh",
         "expect": {"intent": "playbook_qa"}}
        for n, q in enumerate(questions)
    ]  # fmt: skip
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    return path


def test_grown_lines_that_break_a_gate_case_are_taken_back(demo, tmp_path: Path) -> None:
    fl: Frontline = demo[0]
    hand = load_intent_examples(includes=False)
    samples = samples_of(fl, _dataset(tmp_path, QUESTIONS))
    texts = sorted({t for _, t in hand.labelled()})
    vectors = dict(zip(texts, fl.embedder.embed_queries(texts), strict=True))
    alone = _classifier(hand, {}, vectors)
    right = [
        s
        for s in samples
        if predict(s, "combined", alone) == "playbook_qa"
        and max(classify(s.masked, has_client=False, method="rules").scores.values()) < 3
    ]
    assert right, "the hand-written examples get some rule question right"
    question = right[0].case.question
    unrelated = "谁的贷款最多"
    grown: dict[str, dict[str, list[str]]] = {i: {lang: [] for lang in LANGUAGES} for i in INTENTS}
    grown["book_query"]["zh"] = [question, f"{question}？", f"请问{question}", unrelated]
    kept, dropped, missed = gate(fl, hand, grown, [_dataset(tmp_path, [question])])
    assert missed == []
    assert dropped and all("book_query" in line for line in dropped)
    assert question not in kept["book_query"]["zh"]
    assert unrelated in kept["book_query"]["zh"]  # it outvoted nothing
