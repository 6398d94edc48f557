"""Retrieval quality on the labelled query sets: doc-level hit@1, hit@5 and MRR@10.

A hit is the expected ``doc_id`` or any id in ``also`` (e.g. the other-language edition).
Used by ``benchmarks/retrieval.py`` (all methods side by side, with latency) and by the
retrieval gate in ``tests/evals`` (the hybrid stays above every single method).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import UserError

DATASETS = Path(__file__).resolve().parent / "datasets"
RETRIEVAL_SET = DATASETS / "retrieval.jsonl"
# Written from the playbooks alone, without seeing the glossary or the set above: a check that
# weights chosen on the first set are not fitted to it.
HOLDOUT_SET = DATASETS / "retrieval-holdout.jsonl"
CATEGORIES = ("direct", "colloquial", "cross_language")


@dataclass(frozen=True)
class Case:
    id: str
    query: str
    category: str
    accept: frozenset[str]


def load_cases(path: Path) -> list[Case]:
    """The labelled queries of one JSONL file; a malformed line is an error naming it."""
    cases = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            accept = frozenset([row["doc_id"], *row.get("also", [])])
            cases.append(Case(row["id"], row["query"], row.get("category", "direct"), accept))
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise UserError(f"{path}:{n}: not a retrieval case ({exc})") from exc
    return cases


def distinct_docs(doc_ids: list[str]) -> list[str]:
    return list(dict.fromkeys(doc_ids))


def scores(cases: list[Case], rankings: list[list[str]]) -> dict[str, float]:
    """hit@1, hit@5 and MRR@10 of distinct-doc rankings, one per case."""
    hit1 = hit5 = rr = 0.0
    for case, ranking in zip(cases, rankings, strict=True):
        rank = next((i for i, d in enumerate(ranking[:10], 1) if d in case.accept), None)
        hit1 += rank == 1
        hit5 += rank is not None and rank <= 5
        rr += 1 / rank if rank else 0
    n = max(len(cases), 1)
    return {"hit@1": hit1 / n, "hit@5": hit5 / n, "mrr": rr / n, "n": len(cases)}


def subset(
    cases: list[Case], rankings: list[list[str]], category: str | None
) -> tuple[list[Case], list[list[str]]]:
    """The cases (and their rankings) of one category; ``None`` keeps all."""
    picked = [
        (c, r) for c, r in zip(cases, rankings, strict=True) if category in (None, c.category)
    ]
    return [c for c, _ in picked], [r for _, r in picked]
