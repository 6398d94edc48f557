"""The meeting-prep golden set (evals/datasets/golden-prep.jsonl) on the offline engine over
the full demo bank stays above the golden floors that apply to it (the floors of categories the
set has no cases of, such as prompt injection, belong to golden.jsonl)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.wiring import Frontline
from evals.compare import breaches, floors_for_a_partial_set, load_floors
from evals.runner import run_eval

REPO = Path(__file__).resolve().parents[2]
GOLDEN_PREP = REPO / "evals" / "datasets" / "golden-prep.jsonl"


@pytest.mark.slow
def test_golden_prep_set_on_the_offline_engine_stays_above_the_floors(
    demo_frontline: Frontline, tmp_path: Path
) -> None:
    summary = run_eval(
        demo_frontline, GOLDEN_PREP, tmp_path / "out", engine="offline", progress=False
    )
    assert summary.metrics["cases"] >= 15
    assert summary.metrics["by_intent"]["meeting_prep"]["rate"] >= 0.95
    floors = floors_for_a_partial_set(summary.metrics, load_floors())
    assert breaches(summary.metrics, floors) == [], (tmp_path / "out" / "report.md").read_text(
        encoding="utf-8"
    )
