"""Alembic environment: the URL comes from Frontline's settings, the metadata from every model."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from assistant.storage.schema import target_metadata

config = context.config


def run_migrations(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata(),
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite ALTERs go through batch mode
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through `assistant.storage.schema.upgrade()`")
run_migrations(connection)
