"""Fixtures for knowledge/: a hashing fake embedder, tmp playbooks, and the real e5 model.

The real model is converted once per machine into ``<repo>/.frontline/models`` (independent of
the test's FRONTLINE_HOME) and loaded once per session, for the few tests marked ``slow``.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from assistant.config import Settings, load_settings
from knowledge.embeddings import (
    SentenceTransformerEmbedder,
    ensure_model,
    open_sentence_transformer,
)
from knowledge.ingest import Ingestor
from knowledge.retrieval import Retriever
from knowledge.store import ChromaStore
from testkit.embeddings import HashingEmbeddings

REPO = Path(__file__).resolve().parents[2]
SHARED_HOME = REPO / ".frontline"
_TOKEN = re.compile(r"[a-z0-9]+|[\u3400-\u9fff]")


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
