"""A small real Frontline for the LLM engine (``testkit.small_frontline``): the testkit bank
extract in SQLite, two tiny playbooks, the real privacy layer (LAC loads once), and the real
pipeline pointed at a local fake OpenAI-compatible server."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from assistant.core.pipeline import Assistant
from assistant.wiring import Frontline
from testkit.extract import valid_ric, valid_uscc
from testkit.fake_openai import FakeOpenAI
from testkit.small_frontline import build_frontline

# Raw PII of testkit/extract.py: none of it may appear in anything sent to the model.
RAW_PII = [
    "华东精密机械有限公司",
    "华东精密",
    "周建国",
    "13912345678",
    "13800138000",
    "zhou@example.com",
    valid_uscc("91310000MA1FL8XQ3"),
    valid_ric("31010419780512301"),
    "陈晓",
    valid_ric("11010119900307447"),
]


@pytest.fixture(scope="session")
def fake_llm() -> Iterator[FakeOpenAI]:
    server = FakeOpenAI().start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def frontline(
    tmp_path_factory: pytest.TempPathFactory, fake_llm: FakeOpenAI
) -> Iterator[Frontline]:
    fl = build_frontline(tmp_path_factory.mktemp("llm"), fake_llm.base_url)
    yield fl
    fl.close()


@pytest.fixture
def core(frontline: Frontline, fake_llm: FakeOpenAI) -> Assistant:
    fake_llm.play()  # every test scripts its own model
    return frontline.core
