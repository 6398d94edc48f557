"""Alembic migrations build exactly the schema the models declare, on SQLite and PostgreSQL,
and upgrading an existing database is a no-op the second time."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from assistant.storage.db import make_engine
from assistant.storage.schema import target_metadata, upgrade
from tests.conftest import make_settings


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def engine(request, tmp_path):
    url = request.getfixturevalue("fresh_pg_database") if request.param == "postgres" else None
    eng = make_engine(make_settings(tmp_path / "home", database_url=url))
    yield eng
    eng.dispose()


def test_when_migrated_from_empty_then_the_schema_matches_the_models(engine) -> None:
    upgrade(engine)
    with engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), target_metadata()) == []


def test_when_upgraded_twice_then_nothing_changes(engine) -> None:
    upgrade(engine)
    tables = set(inspect(engine).get_table_names())
    upgrade(engine)
    assert set(inspect(engine).get_table_names()) == tables
    assert {"clients", "turns", "vault_entries", "audit_events", "alembic_version"} <= tables


def test_when_an_older_database_is_upgraded_then_the_application_tables_appear(engine) -> None:
    upgrade(engine, "0001")
    assert "turns" not in inspect(engine).get_table_names()
    upgrade(engine)
    assert "turns" in inspect(engine).get_table_names()
