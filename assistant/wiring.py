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
    from assistant.core.pipeline import Assistant
    from assistant.storage.conversations import ConversationStore
    from tools.bank.repository import BankRepository
    from tools.insights import InsightService
    from tools.toolbox import ToolServices


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

    @cached_property
    def conversations(self) -> ConversationStore:
        from assistant.storage.conversations import ConversationStore

        return ConversationStore(self.sessions)

    @cached_property
    def audit(self) -> Any:
        from assistant.audit import AuditLog

        return AuditLog(self.sessions)

    @cached_property
    def dedupe(self) -> Any:
        if not self.settings.redis_url:
            return None  # the database's primary key does the job on a single machine
        from assistant.storage.redis_dedupe import RedisDedupe

        return RedisDedupe(self.settings.redis_url, prefix=self.settings.redis_key_prefix)

    # --- knowledge -----------------------------------------------------------------------
    @cached_property
    def embedder(self) -> Any:
        if self._embedder is None:
            from knowledge.embeddings import load_embedder

            self._embedder = load_embedder(self.settings)
        return self._embedder

    @cached_property
    def store(self) -> Any:
        from knowledge.store import ChromaStore

        return ChromaStore(self.settings)

    @cached_property
    def retriever(self) -> Any:
        from knowledge.retrieval import Retriever

        return Retriever(self.settings, embedder=self.embedder, store=self.store)

    @cached_property
    def ingestor(self) -> Any:
        from knowledge.ingest import Ingestor

        return Ingestor(self.settings, embedder=self.embedder, store=self.store)

    # --- privacy, intelligence, core -----------------------------------------------------
    @cached_property
    def privacy(self) -> Any:
        from assistant.privacy import build_privacy_layer

        return build_privacy_layer(self.settings, self.sessions)

    @cached_property
    def insights(self) -> InsightService:
        from tools.insights import InsightService

        return InsightService(self.bank)

    def tool_services(self) -> ToolServices:
        from tools.toolbox import ToolServices

        return ToolServices(bank=self.bank, privacy=self.privacy, intelligence=self.insights,
                            retriever=self.retriever, products=self.insights.products, as_of=self.insights.as_of)

    @cached_property
    def core(self) -> Assistant:
        from assistant.core.pipeline import Assistant
        from assistant.engines.offline.engine import OfflineEngine

        llm = None
        if self.settings.llm.enabled:
            from assistant.engines.llm import LLMEngine

            llm = LLMEngine(self.settings.llm)
        return Assistant(bank=self.bank, privacy=self.privacy, services=self.tool_services,
                         conversations=self.conversations, audit=self.audit, offline=OfflineEngine(), llm=llm,
                         dedupe=self.dedupe, llm_timeout_s=self.settings.llm_timeout_s)

    def after_import(self) -> None:
        """A new extract changes names (privacy dictionary) and peers (intelligence caches)."""
        if "privacy" in self.__dict__:
            with self.sessions() as session:
                self.privacy.refresh_dictionary(session)
        self.__dict__.pop("insights", None)

    def close(self) -> None:
        if "engine" in self.__dict__:
            self.engine.dispose()
