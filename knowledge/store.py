"""The playbook vector store: one Chroma collection (cosine), vectors computed by our embedder.

Embedded Chroma (``PersistentClient`` under ``settings.chroma_path``) by default, a Chroma
server when ``settings.chroma_url`` is set. We always pass vectors in and never give Chroma an
embedding function: its default one would try to download a model.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar
from urllib.parse import urlparse

import numpy as np

from assistant.config import Settings
from assistant.errors import UpstreamError
from knowledge.heap import scrubbed_heap

COLLECTION = "frontline-playbooks"
T = TypeVar("T")
_WRITE_BATCH = 1000  # Chroma rejects very large single writes; stay well below its limit


@dataclass
class StoredChunk:
    id: str
    document: str
    metadata: dict[str, Any]
    embedding: np.ndarray | None = None


def make_client(settings: Settings):  # -> chromadb.api.ClientAPI
    """The Chroma client the settings ask for, with telemetry off."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if settings.chroma_url:
        url = urlparse(settings.chroma_url)
        return chromadb.HttpClient(
            host=url.hostname or "localhost",
            port=url.port or (443 if url.scheme == "https" else 8000),
            ssl=url.scheme == "https",
            settings=chroma_settings,
        )
    settings.chroma_path.mkdir(parents=True, exist_ok=True)
    with scrubbed_heap():  # the embedded index writes native buffers to disk: no stale bytes
        return chromadb.PersistentClient(path=str(settings.chroma_path), settings=chroma_settings)


def _scrubbed(method: Callable[..., T]) -> Callable[..., T]:
    """Every call into the embedded store under ``scrubbed_heap``: its files are written, and
    their buffers allocated, inside these calls."""

    @functools.wraps(method)
    def call(*args: Any, **kwargs: Any) -> T:
        with scrubbed_heap():
            return method(*args, **kwargs)

    return call


class ChromaStore:
    """Thin wrapper: the few operations ingestion and retrieval need, errors translated."""

    def __init__(self, settings: Settings, client=None, collection: str = COLLECTION) -> None:
        self._settings = settings
        self._client = client
        self._name = collection
        self._collection = None
        self._lock = threading.Lock()
        # Bumped on every write so a Retriever sharing this store knows to rebuild BM25.
        self.generation = 0

    @property
    def collection(self):
        if self._collection is None:
            with self._lock:
                if self._collection is None:
                    self._collection = self._open()
        return self._collection

    @_scrubbed
    def _open(self):
        try:
            client = self._client or make_client(self._settings)
            self._client = client
            return client.get_or_create_collection(
                self._name, metadata={"hnsw:space": "cosine"}, embedding_function=None
            )
        except Exception as exc:
            where = self._settings.chroma_url or self._settings.chroma_path
            raise UpstreamError(f"cannot open the Chroma collection at {where}: {exc}") from exc

    @_scrubbed
    def count(self) -> int:
        return int(self.collection.count())

    @_scrubbed
    def all(
        self, include_documents: bool = True, include_embeddings: bool = False
    ) -> list[StoredChunk]:
        include = ["metadatas"]
        include += ["documents"] if include_documents else []
        include += ["embeddings"] if include_embeddings else []
        result = self.collection.get(include=include)
        n = len(result["ids"])
        documents = result.get("documents") if include_documents else None
        embeddings = result.get("embeddings") if include_embeddings else None
        return [
            StoredChunk(
                id=result["ids"][i],
                document=(documents[i] or "") if documents is not None else "",
                metadata=dict(result["metadatas"][i] or {}),
                embedding=np.asarray(embeddings[i], dtype=np.float32)
                if embeddings is not None
                else None,
            )
            for i in range(n)
        ]

    @_scrubbed
    def doc_ids(self) -> set[str]:
        """The ids of the playbooks in the store (either language edition as ingested)."""
        result = self.collection.get(include=["metadatas"])
        return {str(m.get("doc_id", "")) for m in result["metadatas"] or [] if m}

    @_scrubbed
    def upsert(
        self,
        ids: Sequence[str],
        embeddings: np.ndarray,
        documents: Sequence[str],
        metadatas: Sequence[dict[str, Any]],
    ) -> None:
        for start in range(0, len(ids), _WRITE_BATCH):
            end = start + _WRITE_BATCH
            self.collection.upsert(
                ids=list(ids[start:end]),
                embeddings=embeddings[start:end],
                documents=list(documents[start:end]),
                metadatas=list(metadatas[start:end]),
            )
        self.generation += 1

    @_scrubbed
    def update_metadata(self, ids: Sequence[str], metadatas: Sequence[dict[str, Any]]) -> None:
        for start in range(0, len(ids), _WRITE_BATCH):
            end = start + _WRITE_BATCH
            self.collection.update(ids=list(ids[start:end]), metadatas=list(metadatas[start:end]))
        self.generation += 1

    @_scrubbed
    def delete(self, ids: Iterable[str]) -> None:
        ids = list(ids)
        for start in range(0, len(ids), _WRITE_BATCH):
            self.collection.delete(ids=ids[start : start + _WRITE_BATCH])
        self.generation += 1

    @_scrubbed
    def query(
        self, embedding: np.ndarray, n: int, where: dict[str, Any] | None = None
    ) -> list[tuple[str, float]]:
        """Nearest chunk ids with cosine similarity (1 - Chroma's cosine distance)."""
        total = self.count()
        if total == 0:
            return []
        result = self.collection.query(
            query_embeddings=[embedding],
            n_results=min(n, total),
            where=where or None,
            include=["distances"],
        )
        ids, distances = result["ids"][0], result["distances"][0]
        return [(i, 1.0 - float(d)) for i, d in zip(ids, distances, strict=True)]
