"""Fixtures for knowledge/: a hashing fake embedder, tmp playbooks, and the real e5 model.

The real model is converted once per machine into ``<repo>/.frontline/models`` (independent of
the test's FRONTLINE_HOME) and loaded once per session, for the few tests marked ``slow``.
"""

from __future__ import annotations

import hashlib
import re
import textwrap
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import pytest
from langchain_core.embeddings import Embeddings

from assistant.config import Settings, load_settings
from knowledge.embeddings import (
    SentenceTransformerEmbedder,
    ensure_model,
    open_sentence_transformer,
)
from knowledge.ingest import Ingestor
from knowledge.retrieval import Retriever
from knowledge.store import ChromaStore

REPO = Path(__file__).resolve().parents[2]
SHARED_HOME = REPO / ".frontline"
_TOKEN = re.compile(r"[a-z0-9]+|[\u3400-\u9fff]")


class HashingEmbeddings(Embeddings):
    """Deterministic bag-of-tokens vectors (CJK characters and words hashed into 256 dims).

    Implements both our Embedder protocol and LangChain's Embeddings, and counts calls so
    tests can assert what was (not) re-embedded.
    """

    dimension = 256
    name = "hashing-fake"

    def __init__(self) -> None:
        self.embedded: list[str] = []

    def _vector(self, text: str) -> np.ndarray:
        vec = np.zeros(self.dimension, dtype=np.float32)
        for token in _TOKEN.findall(text.lower()):
            digest = hashlib.md5(token.encode("utf-8")).digest()
            vec[int.from_bytes(digest[:4], "little") % self.dimension] += 1.0
        norm = np.linalg.norm(vec)
        if norm == 0:
            vec[0], norm = 1.0, 1.0
        return vec / norm

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        self.embedded.extend(texts)
        return (
            np.stack([self._vector(t) for t in texts]) if texts else np.zeros((0, self.dimension))
        )

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return np.stack([self._vector(t) for t in texts])

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.embed_passages(texts).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.embed_queries([text])[0].tolist()


@pytest.fixture
def fake_embedder() -> HashingEmbeddings:
    return HashingEmbeddings()


@pytest.fixture
def write_playbook() -> Callable[..., Path]:
    def write(root: Path, relative: str, body: str) -> Path:
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(body).lstrip(), encoding="utf-8")
        return path

    return write


@pytest.fixture
def store(settings: Settings) -> ChromaStore:
    return ChromaStore(settings)


@pytest.fixture
def ingestor(settings: Settings, fake_embedder: HashingEmbeddings, store: ChromaStore) -> Ingestor:
    return Ingestor(settings, embedder=fake_embedder, store=store, progress=False)


@pytest.fixture
def retriever_factory(settings: Settings, store: ChromaStore) -> Callable[..., Retriever]:
    def make(embedder, **kwargs) -> Retriever:
        return Retriever(settings, embedder=embedder, store=store, **kwargs)

    return make


@pytest.fixture(scope="session")
def e5_model_dir() -> Path:
    """The converted multilingual-e5-small, shared by every session on this checkout."""
    return ensure_model(load_settings(_env_file=None, home=SHARED_HOME))


@pytest.fixture(scope="session")
def e5_embedder(e5_model_dir: Path) -> SentenceTransformerEmbedder:
    return SentenceTransformerEmbedder(open_sentence_transformer(e5_model_dir), e5_model_dir.name)
