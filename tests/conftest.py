"""Fixtures shared by the whole suite: settings in a temp home, and a throw-away PostgreSQL
database on the machine's server (postgresql://postgres@127.0.0.1/test)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import psycopg
import pytest

from assistant.config import Settings
from testkit.settings import make_settings
from testkit.stack import PG_ADMIN
from tests.slack.fakes import FakeSlackApi


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return make_settings(tmp_path / "home")


def throwaway_database(prefix: str = "frontline_test") -> Iterator[str]:
    """Create an empty database on the machine's server; drop it when the generator closes."""
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgresql://postgres@127.0.0.1:5432/{name}"
    finally:
        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# The two databases the write paths are tested on: SQLite, and PostgreSQL where it runs.
DATABASES = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@contextmanager
def demo_bank_on(database: str, home: Path, prefix: str) -> Iterator[tuple[Any, dict]]:
    """The demo bank loaded into a Frontline on ``database`` ("sqlite" in ``home``, or a
    throw-away PostgreSQL database named after ``prefix``): (frontline, demo truth), closed
    and dropped afterwards."""
    from testkit.demo import build_demo_frontline

    with ExitStack() as stack:
        url = None
        if database == "postgres":
            url = stack.enter_context(contextmanager(throwaway_database)(prefix))
        fl, truth = build_demo_frontline(home, database_url=url)
        stack.callback(fl.close)
        yield fl, truth


@pytest.fixture(scope="session")
def pg_database() -> Iterator[str]:
    """A fresh database for this test session, dropped at the end (tests never share state
    with each other's runs or with a developer's data)."""
    yield from throwaway_database()


@pytest.fixture
def fresh_pg_database() -> Iterator[str]:
    """An empty database for one test (e.g. migrating from nothing)."""
    yield from throwaway_database()


@pytest.fixture
def fake_slack() -> Iterator[FakeSlackApi]:
    """The recording Slack Web API (real HTTP), for any test that sends to Slack."""
    api = FakeSlackApi()
    api.server.start()
    yield api
    api.server.stop()
