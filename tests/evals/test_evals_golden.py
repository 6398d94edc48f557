"""The golden set on the offline engine over the full demo bank stays above evals/floors.yaml.

Slow: it generates and imports the demo bank, ingests the bundled playbooks with the real
embedding model and runs every golden case through the real core.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.wiring import Frontline
from evals.compare import breaches, load_floors
from evals.runner import run_eval

REPO = Path(__file__).resolve().parents[2]
GOLDEN = REPO / "evals" / "datasets" / "golden.jsonl"


@pytest.mark.slow
def test_golden_set_on_the_offline_engine_stays_above_the_floors(
    demo_frontline: Frontline, tmp_path: Path
) -> None:
    summary = run_eval(demo_frontline, GOLDEN, tmp_path / "out", engine="offline", progress=False)
    assert summary.metrics["cases"] >= 250
    assert not summary.warnings
    assert breaches(summary.metrics, load_floors()) == [], (
        tmp_path / "out" / "report.md"
    ).read_text(encoding="utf-8")
