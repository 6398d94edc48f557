"""Session fixtures: a throw-away PostgreSQL database with the demo bank imported once, a Redis
key prefix of this run's own, a Chroma server with the playbooks ingested once, and an
in-process ``Frontline`` on all three.

``FRONTLINE_TEST_EMBEDDING=e5`` runs the suite on the converted bundled e5 model instead of
the fast static model (see ``stack.build_static_model``); expect minutes more for ingestion.
"""

from __future__ import annotations

import csv
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

from assistant.wiring import Frontline
from testkit.demo import load_demo
from testkit.stack import REDIS_URL, ChromaServer, Stack, build_static_model, converted_e5
from tests.conftest import make_settings, throwaway_database


@pytest.fixture(scope="session")
def production_database() -> Iterator[str]:
    yield from throwaway_database("frontline_prod")


@pytest.fixture(scope="session")
def redis_prefix() -> Iterator[str]:
    prefix = f"fltest-{uuid.uuid4().hex[:10]}"
    yield prefix
    client = redis.Redis.from_url(REDIS_URL)
    keys = list(client.scan_iter(f"{prefix}:*", count=500))
    if keys:
        client.delete(*keys)


@pytest.fixture(scope="session")
def chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ChromaServer]:
    server = ChromaServer(tmp_path_factory.mktemp("chroma") / "data").wait_ready()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def embedding_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if os.environ.get("FRONTLINE_TEST_EMBEDDING") == "e5" and (e5 := converted_e5()) is not None:
        return e5
    return build_static_model(tmp_path_factory.mktemp("models") / "static-minilm")


@pytest.fixture(scope="session")
def stack(
    production_database: str, redis_prefix: str, chroma_server: ChromaServer, embedding_model: Path
) -> Stack:
    return Stack(
        database_url=production_database,
        redis_url=REDIS_URL,
        redis_prefix=redis_prefix,
        chroma_url=chroma_server.url,
        embedding_model=embedding_model,
    )


@pytest.fixture(scope="session")
def loaded(
    stack: Stack, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Frontline, dict]]:
    """The demo bank imported into PostgreSQL and the playbooks ingested into the Chroma
    server — once, before any replica starts. Yields the in-process Frontline and the truth."""
    home = tmp_path_factory.mktemp("inproc")
    fl = Frontline(make_settings(home, **stack.settings()))
    extract = home / "demo"
    truth = load_demo(fl, extract)
    with (extract / "rms.csv").open(encoding="utf-8") as fh:
        truth["slack_users"] = {row["rm_id"]: row["slack_user_id"] for row in csv.DictReader(fh)}
    yield fl, truth
    fl.close()


@pytest.fixture
def fl(loaded: tuple[Frontline, dict]) -> Frontline:
    """The shared Frontline with a fresh core: its Redis client belongs to this test's loop."""
    frontline = loaded[0]
    for name in ("core", "dedupe"):
        frontline.__dict__.pop(name, None)
    return frontline


@pytest.fixture
def truth(loaded: tuple[Frontline, dict]) -> dict:
    return loaded[1]
