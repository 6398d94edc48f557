"""The golden set on the offline engine over the full demo bank stays above evals/floors.yaml.

Slow: it generates and imports the demo bank, ingests the bundled playbooks with the real
embedding model and runs every golden case through the real core.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.wiring import Frontline
from evals.compare import breaches, load_floors
from evals.runner import run_eval
from tests.conftest import make_settings

REPO = Path(__file__).resolve().parents[2]
GOLDEN = REPO / "evals" / "datasets" / "golden.jsonl"
CONVERTED = REPO / ".frontline" / "models" / "multilingual-e5-small"


@pytest.fixture(scope="session")
def demo_frontline(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Frontline]:
    from knowledge.embeddings import ensure_model
    from knowledge.ingest import default_playbook_dir
    from tools.bank.demo import generate_demo_bank
    from tools.bank.importer import import_extract

    home = tmp_path_factory.mktemp("golden-home")
    overrides = (
        {"embedding_model": CONVERTED} if (CONVERTED / ".frontline-converted").exists() else {}
    )
    settings = make_settings(home, **overrides)
    if not overrides:
        settings = make_settings(
            home, embedding_model=ensure_model(make_settings(REPO / ".frontline"))
        )
    fl = Frontline(settings)
    demo = home / "demo"
    demo.mkdir()
    generate_demo_bank(demo)
    import_extract(fl.sessions, demo)
    fl.after_import()
    fl.ingestor.progress = False
    fl.ingestor.ingest([default_playbook_dir()])
    yield fl
    fl.close()


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
