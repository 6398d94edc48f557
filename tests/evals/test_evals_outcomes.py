"""The action-outcome golden set (zh and en: done and not now by ordinal and by client, a
reason outside the bank's policy asked back, undo, another book's client and a team lead
refused, a question that is no mark) on the offline engine stays above the evals/floors.yaml
floors that apply to it.

Slow like the golden set: the full demo bank, the real embedding model, the real core. It runs
on a demo bank of its own: what other sets record (a saved note closes a signal) changes
nothing here."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.wiring import Frontline
from evals.compare import breaches, floors_for_a_partial_set, load_floors
from evals.runner import run_eval

OUTCOMES = Path(__file__).resolve().parents[2] / "evals" / "datasets" / "golden-outcomes.jsonl"


@pytest.mark.slow
def test_outcome_set_on_the_offline_engine_stays_above_the_floors(
    writable_demo_frontline: Frontline, tmp_path: Path
) -> None:
    summary = run_eval(
        writable_demo_frontline, OUTCOMES, tmp_path / "out", engine="offline", progress=False
    )
    assert summary.metrics["cases"] >= 10
    assert not summary.warnings
    floors = floors_for_a_partial_set(summary.metrics, load_floors())
    assert breaches(summary.metrics, floors) == [], (tmp_path / "out" / "report.md").read_text(
        encoding="utf-8"
    )
    assert writable_demo_frontline.bank.outcomes_for(rm_ids=["RM001"]) == []  # all taken back
