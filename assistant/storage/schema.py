"""Schema migrations with Alembic, run programmatically (no alembic.ini to keep in sync)."""

from __future__ import annotations

import importlib
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, MetaData, text

from assistant.storage.db import Base

# Every module that declares tables; Alembic sees exactly these.
MODEL_MODULES = (
    "tools.bank.models",
    "tools.bank.meta",
    "assistant.storage.conversations",
    "assistant.privacy.models",
    "assistant.audit",
    "assistant.storage.ratelimits",
    "assistant.brief.claims",
    "assistant.storage.channel_addresses",
    "assistant.storage.campaign_jobs",
    "assistant.storage.referrals",
)

MIGRATIONS = Path(__file__).with_name("migrations")
_MIGRATION_LOCK = 0x46524F4E54  # "FRONT": the advisory lock replicas take to migrate one at a time


def target_metadata() -> MetaData:
    for name in MODEL_MODULES:
        importlib.import_module(name)
    return Base.metadata


def _config(engine: Engine) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
    return cfg


def head_revision() -> str:
    """The newest migration's revision id (what ``upgrade`` brings a database to)."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory(str(MIGRATIONS)).get_current_head()
    assert head is not None  # the migrations folder ships with the package
    return head


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the database to ``revision``; safe to call on every start, from several replicas
    at once: on PostgreSQL the first takes an advisory lock and migrates, the others wait and
    then find nothing to do."""
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
        cfg = _config(engine)
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, revision)


def autogenerate(engine: Engine, message: str) -> None:
    """Developer helper: write a new revision from the models' diff against ``engine``."""
    with engine.begin() as connection:
        cfg = _config(engine)
        cfg.attributes["connection"] = connection
        command.revision(cfg, message=message, autogenerate=True)
