"""Exactly one brief per RM and day: two senders racing on one database (SQLite, PostgreSQL)
claim each (RM, day) once between them; a failed delivery gives its claim back."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine

from assistant.brief.claims import BriefClaims
from assistant.storage.db import make_engine, make_sessionmaker
from assistant.storage.schema import upgrade
from tests.conftest import make_settings

DAY = date(2026, 11, 2)
RMS = [f"RM{n:03d}" for n in range(1, 25)]


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str | None:
    if request.param == "postgres":
        return request.getfixturevalue("fresh_pg_database")
    return None  # SQLite under the test's home


@pytest.fixture
def engines(database_url: str | None, tmp_path: Path) -> Iterator[list[Engine]]:
    """Two engines on one database: two replicas, each with its own connection pool."""
    settings = make_settings(tmp_path / "home", database_url=database_url)
    made = [make_engine(settings), make_engine(settings)]
    upgrade(made[0])
    yield made
    for engine in made:
        engine.dispose()


def _race(stores: list[BriefClaims], rm_ids: list[str]) -> list[list[str]]:
    """Each store claims every RM, all starting together; returns what each won."""
    start = threading.Barrier(len(stores))

    def run(store: BriefClaims, who: str) -> list[str]:
        start.wait()
        return [rm for rm in rm_ids if store.claim(rm, DAY, claimed_by=who, sink="test")]

    with ThreadPoolExecutor(len(stores)) as pool:
        futures = [pool.submit(run, s, f"replica-{i}") for i, s in enumerate(stores)]
        return [f.result() for f in futures]


def test_when_two_senders_race_then_each_rm_is_claimed_once(engines: list[Engine]) -> None:
    stores = [BriefClaims(make_sessionmaker(e)) for e in engines]
    won = _race(stores, RMS)
    assert sorted(won[0] + won[1]) == RMS  # every RM once, none twice
    assert set(stores[0].claimed(DAY)) == set(RMS)


def test_when_restarted_then_the_day_is_still_claimed(engines: list[Engine]) -> None:
    first = BriefClaims(make_sessionmaker(engines[0]))
    assert first.claim("RM001", DAY, claimed_by="a", sink="test")
    first.mark_sent("RM001", DAY)
    again = BriefClaims(make_sessionmaker(engines[1]))  # a new process, same database
    assert not again.claim("RM001", DAY, claimed_by="b", sink="test")
    assert again.claim("RM001", date(2026, 11, 3), claimed_by="b", sink="test")


def test_when_delivery_failed_then_the_claim_is_released_but_a_sent_one_is_not(
    engines: list[Engine],
) -> None:
    claims = BriefClaims(make_sessionmaker(engines[0]))
    assert claims.claim("RM001", DAY, claimed_by="a", sink="test")
    claims.release("RM001", DAY)
    assert claims.claim("RM001", DAY, claimed_by="a", sink="test")
    claims.mark_sent("RM001", DAY)
    claims.release("RM001", DAY)
    assert not claims.claim("RM001", DAY, claimed_by="b", sink="test")
