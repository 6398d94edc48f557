"""``python -m evals.blind.split QUESTIONS.jsonl NAME [--into DIR]``: a written round's halves.

A conversation (a question and the follow-ups chained to it) stays whole in one half; the
conversations of each root category alternate between the halves in file order, so both halves
hold every kind of question and a follow-up never loses the turn it follows.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

DATASETS = Path(__file__).resolve().parents[1] / "datasets"


def conversations(cases: list[dict]) -> dict[str, list[dict]]:
    """Each conversation's turns in file order, by the id of its first turn."""
    by_id = {c["id"]: c for c in cases}

    def root(case: dict) -> str:
        while case.get("follow_up_of"):
            case = by_id[case["follow_up_of"]]
        return str(case["id"])

    out: dict[str, list[dict]] = {}
    for case in cases:
        out.setdefault(root(case), []).append(case)
    return out


def split(cases: list[dict]) -> tuple[list[dict], list[dict]]:
    """(dev, held-out): whole conversations, alternating within each root category."""
    by_id = {c["id"]: c for c in cases}
    seen: Counter[str] = Counter()
    dev: list[dict] = []
    held: list[dict] = []
    for first, turns in conversations(cases).items():
        category = str(by_id[first].get("category", ""))
        (dev if seen[category] % 2 == 0 else held).extend(turns)
        seen[category] += 1
    return dev, held


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m evals.blind.split", description=__doc__)
    parser.add_argument("questions", type=Path)
    parser.add_argument("name", help="the sets' stem, e.g. blind25-demo")
    parser.add_argument("--into", type=Path, default=DATASETS)
    args = parser.parse_args(argv)
    text = args.questions.read_text(encoding="utf-8")
    cases = [json.loads(line) for line in text.splitlines() if line.strip()]
    for half, rows in zip(("dev", "holdout"), split(cases), strict=True):
        target = args.into / f"{args.name}-{half}.jsonl"
        target.write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8"
        )
        print(f"{target}: {len(rows)} questions")


if __name__ == "__main__":
    main()
