"""The one module that wires collaborators together from settings.

Everything heavy (database engine, embedding model, PII analyzer) is opened lazily, once per
process, on first use — never at import time. Tests build a ``Frontline`` from their own
``Settings`` or hand in fakes through the constructor.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from assistant.config import Settings, get_settings
from assistant.storage import schema
from assistant.storage.db import make_engine, make_sessionmaker

if TYPE_CHECKING:
    from tools.bank.repository import BankRepository


class Frontline:
    """The application's object graph."""

    def __init__(self, settings: Settings | None = None, *, embedder: Any = None) -> None:
        self.settings = settings or get_settings()
        self._embedder = embedder

    # --- storage -------------------------------------------------------------------------
    @cached_property
    def engine(self) -> Engine:
        engine = make_engine(self.settings)
        schema.upgrade(engine)
        return engine

    @cached_property
    def sessions(self) -> sessionmaker[Session]:
        return make_sessionmaker(self.engine)

    @cached_property
    def bank(self) -> BankRepository:
        from tools.bank.repository import SqlBankRepository

        return SqlBankRepository(self.sessions)

    def close(self) -> None:
        if "engine" in self.__dict__:
            self.engine.dispose()
