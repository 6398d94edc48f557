"""The Harbour golden set on the offline engine over the Harbour bank — a bank that shares none
of the demo bank's conventions — stays above the same floors as the demo golden set.

Slow: it generates and imports the Harbour bank, ingests only the Harbour playbooks with the
real embedding model and runs every case through the real core.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.wiring import Frontline
from evals.banks.harbour import BANK_PROFILE, SIGNAL_POLICY, TIERING_POLICY
from evals.compare import breaches, load_floors
from evals.runner import run_eval
from tests.conftest import make_settings
from tests.support.harbour import load_harbour

REPO = Path(__file__).resolve().parents[2]
HARBOUR_FLOORS = REPO / "evals" / "floors-harbour.yaml"
GOLDEN = REPO / "evals" / "datasets" / "golden-harbour.jsonl"
CONVERTED = REPO / ".frontline" / "models" / "multilingual-e5-small"


@pytest.fixture(scope="module")
def harbour_frontline(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Frontline]:
    from knowledge.embeddings import ensure_model

    home = tmp_path_factory.mktemp("harbour-home")
    model = (
        CONVERTED
        if (CONVERTED / ".frontline-converted").exists()
        else ensure_model(make_settings(REPO / ".frontline"))
    )
    fl = Frontline(
        make_settings(
            home,
            embedding_model=model,
            bank_profile=BANK_PROFILE,
            tiering_policy=TIERING_POLICY,
            signal_policy=SIGNAL_POLICY,
        )
    )
    load_harbour(fl, home / "harbour")
    yield fl
    fl.close()


@pytest.mark.slow
def test_harbour_golden_set_on_the_offline_engine_stays_above_the_floors(
    harbour_frontline: Frontline, tmp_path: Path
) -> None:
    summary = run_eval(
        harbour_frontline, GOLDEN, tmp_path / "out", engine="offline", progress=False
    )
    assert summary.metrics["cases"] >= 130
    assert not summary.warnings
    assert summary.metrics["pii_leaks"] == 0
    assert summary.metrics["errored_unexpected"] == 0
    assert breaches(summary.metrics, load_floors(HARBOUR_FLOORS)) == [], (
        tmp_path / "out" / "report.md"
    ).read_text(encoding="utf-8")
