"""The note-capture golden set (zh and en: capture, confirmation, edits, empty notes, another
book's client, a full identifier) on the offline engine stays above the evals/floors.yaml
floors that apply to it.

Slow like the golden set: the full demo bank, the real embedding model, the real core. The
cases save notes into a demo bank of their own (the set writes), dated on its as-of day."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.wiring import Frontline
from evals.compare import breaches, floors_for_a_partial_set, load_floors
from evals.runner import run_eval

CAPTURE = Path(__file__).resolve().parents[2] / "evals" / "datasets" / "golden-capture.jsonl"


@pytest.mark.slow
def test_capture_set_on_the_offline_engine_stays_above_the_floors(
    writable_demo_frontline: Frontline, tmp_path: Path
) -> None:
    summary = run_eval(
        writable_demo_frontline, CAPTURE, tmp_path / "out", engine="offline", progress=False
    )
    assert summary.metrics["cases"] >= 15
    assert not summary.warnings
    floors = floors_for_a_partial_set(summary.metrics, load_floors())
    assert breaches(summary.metrics, floors) == [], (tmp_path / "out" / "report.md").read_text(
        encoding="utf-8"
    )
