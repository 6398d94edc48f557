"""The full demo bank with the bundled playbooks ingested by the real e5 model, built once per
session for the slow evaluation gates (golden answers, retrieval quality)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.wiring import Frontline
from testkit.demo import load_demo
from tests.conftest import make_settings

REPO = Path(__file__).resolve().parents[2]
CONVERTED = REPO / ".frontline" / "models" / "multilingual-e5-small"


@pytest.fixture(scope="session")
def demo_frontline(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Frontline]:
    from knowledge.embeddings import ensure_model

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
    load_demo(fl, home / "demo")
    yield fl
    fl.close()
