from __future__ import annotations

from collections.abc import Iterator

import pytest

from assistant.wiring import Frontline
from testkit.demo import build_demo_frontline


@pytest.fixture(scope="session")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Frontline, dict]]:
    fl, truth = build_demo_frontline(tmp_path_factory.mktemp("demo-home"))
    yield fl, truth
    fl.close()
