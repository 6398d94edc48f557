"""Hybrid playbook search: dense (e5) and BM25, fused by weighted reciprocal rank.

Dense retrieval carries colloquial and cross-language queries ("客户钱要转走了怎么办" finds
the deposit-churn playbook, a Chinese question finds an English one); BM25 adds exact matches
on product codes, rule numbers and rare terms. BM25 is weighted below dense: equal weights
let keyword noise push the right playbook down for colloquial questions (measured with
``benchmarks/retrieval.py``; see the weights below). Dense scoring runs on an in-memory
snapshot of the Chroma collection with the language direction projected out (``dense.py``).
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from pydantic import BaseModel

from assistant.config import Settings
from assistant.errors import UpstreamError, UserError
from knowledge.dense import DenseIndex, pair_direction
from knowledge.embeddings import Embedder, load_embedder
from knowledge.lexical import BM25Index, TextTokenizer
from knowledge.metadata import SearchFilter
from knowledge.store import ChromaStore, StoredChunk

QUERY_CACHE_SIZE = 2048  # query vectors kept (384 floats each: under 4 MB)


class Passage(BaseModel):
    """One retrieved playbook passage, ready to cite."""

    doc_id: str
    title: str
    section: str
    effective_date: dt.date | None = None
    review_date: dt.date | None = None
    stale: bool = False
    language: str
    text: str
    score: float
    chunk_id: str = ""


@dataclass(frozen=True)
class FusionWeights:
    """Weighted reciprocal-rank fusion: score = sum(weight / (k + rank))."""

    dense: float = 1.0
    # Measured on evals/datasets/retrieval.jsonl (266 queries): 0.1 keeps dense's full-set
    # hit@5 (0.932) and lifts hit@1 and colloquial hit@1 (0.561 -> 0.607); 0.2 and up let
    # same-language keyword matches push English answers out of Chinese queries' top 5.
    bm25: float = 0.1
    k: int = 60
    candidates: int = 30  # taken from each list before fusing


class Retriever:
    def __init__(
        self,
        settings: Settings,
        embedder: Embedder | None = None,
        store: ChromaStore | None = None,
        weights: FusionWeights | None = None,
        tokenizer: TextTokenizer | None = None,
        clock: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        self._settings = settings
        self._embedder = embedder
        self.store = store or ChromaStore(settings)
        self.weights = weights or FusionWeights()
        self._tokenizer = tokenizer or TextTokenizer()
        self._clock = clock
        self._corpus: _Corpus | None = None
        self._language_direction: np.ndarray | None = None
        self._lock = threading.Lock()
        self._query_cache: OrderedDict[str, Any] = OrderedDict()

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = load_embedder(self._settings)
        return self._embedder

    def search(
        self,
        query: str,
        k: int = 5,
        filters: dict[str, Any] | None = None,
        include_test: bool = False,
    ) -> list[Passage]:
        """Top ``k`` passages for ``query``; at most one per (playbook, section)."""
        query = query.strip()
        if not query:
            raise UserError("empty search query")
        spec = SearchFilter.parse(filters, include_test=include_test)
        corpus = self.corpus()
        if corpus.size == 0:
            return []
        fused = self.fuse(
            self.dense_ranking(query, spec, corpus), self.bm25_ranking(query, spec, corpus)
        )
        return self._passages(fused, corpus, k)

    def dense_ranking(
        self, query: str, spec: SearchFilter, corpus: _Corpus | None = None
    ) -> list[str]:
        corpus = corpus or self.corpus()
        scores = corpus.dense.scores(self.query_vector(query))
        return corpus.top(scores, spec, self.weights.candidates, positive_only=False)

    def query_vector(self, query: str) -> Any:
        """The query's embedding, remembered: encoding is most of a search's cost, and the same
        questions come back (an engine's fixed playbook queries, an RM re-asking)."""
        with self._lock:
            vector = self._query_cache.get(query)
            if vector is not None:
                self._query_cache.move_to_end(query)
                return vector
        vector = self.embedder.embed_queries([query])[0]
        with self._lock:
            self._query_cache[query] = vector
            while len(self._query_cache) > QUERY_CACHE_SIZE:
                self._query_cache.popitem(last=False)
        return vector

    def bm25_ranking(
        self, query: str, spec: SearchFilter, corpus: _Corpus | None = None
    ) -> list[str]:
        corpus = corpus or self.corpus()
        scores = corpus.bm25.scores(query)
        return corpus.top(scores, spec, self.weights.candidates, positive_only=True)

    def fuse(self, dense: list[str], lexical: list[str]) -> list[tuple[str, float]]:
        w = self.weights
        scores: dict[str, float] = {}
        for weight, ranking in ((w.dense, dense), (w.bm25, lexical)):
            for rank, chunk_id in enumerate(ranking, start=1):
                scores[chunk_id] = scores.get(chunk_id, 0.0) + weight / (w.k + rank)
        # Normalise so a chunk ranked first by both methods scores 1.0.
        best = (w.dense + w.bm25) / (w.k + 1)
        return sorted(((i, s / best) for i, s in scores.items()), key=lambda x: -x[1])

    def _passages(self, fused: list[tuple[str, float]], corpus: _Corpus, k: int) -> list[Passage]:
        today = self._clock()
        out: list[Passage] = []
        seen: set[tuple[str, str]] = set()
        for chunk_id, score in fused:
            chunk = corpus.by_id.get(chunk_id)
            if chunk is None:  # written after our snapshot; the next refresh picks it up
                continue
            key = (chunk.metadata.get("doc_id", ""), chunk.metadata.get("section", ""))
            if key in seen:
                continue  # several parts of one long section: keep the best-ranked one
            seen.add(key)
            out.append(_passage(chunk, score, today))
            if len(out) == k:
                break
        return out

    def corpus(self) -> _Corpus:
        """The in-memory snapshot (documents, metadata, BM25), rebuilt after store writes."""
        corpus = self._corpus
        if corpus is None or corpus.generation != self.store.generation:
            with self._lock:
                corpus = self._corpus
                if corpus is None or corpus.generation != self.store.generation:
                    if self._language_direction is None:
                        self._language_direction = pair_direction(self.embedder)
                    corpus = _Corpus.build(self.store, self._tokenizer, [self._language_direction])
                    self._corpus = corpus
        return corpus

    def refresh(self) -> None:
        """Forget the snapshot; call after another process re-ingested the store."""
        with self._lock:
            self._corpus = None


@dataclass
class _Corpus:
    chunks: list[StoredChunk]
    by_id: dict[str, StoredChunk]
    bm25: BM25Index
    dense: DenseIndex
    generation: int
    _masks: dict[SearchFilter, np.ndarray]

    @property
    def size(self) -> int:
        return len(self.chunks)

    @classmethod
    def build(
        cls, store: ChromaStore, tokenizer: TextTokenizer, directions: list[np.ndarray]
    ) -> _Corpus:
        generation = store.generation
        chunks = store.all(include_embeddings=True)
        bm25 = BM25Index([c.document for c in chunks], tokenizer)
        vectors = np.stack([_vector(c) for c in chunks]) if chunks else np.zeros((0, 1), np.float32)
        # Test-only playbooks are excluded from the centroids so they cannot skew the direction.
        languages = [
            c.metadata.get("language", "") if not c.metadata.get("is_test") else "" for c in chunks
        ]
        dense = DenseIndex(vectors, languages, directions)
        for chunk in chunks:
            chunk.embedding = None  # the projected matrix is all we keep
        return cls(chunks, {c.id: c for c in chunks}, bm25, dense, generation, {})

    def top(self, scores: np.ndarray, spec: SearchFilter, n: int, positive_only: bool) -> list[str]:
        allowed = self.mask(spec) & (scores > 0) if positive_only else self.mask(spec)
        masked = np.where(allowed, scores, -np.inf)
        top = np.argsort(-masked, kind="stable")[:n]
        return [self.chunks[i].id for i in top if np.isfinite(masked[i])]

    def mask(self, spec: SearchFilter) -> np.ndarray:
        if spec not in self._masks:  # few distinct filters in practice; cache their masks
            self._masks[spec] = np.array([spec.matches(c.metadata) for c in self.chunks], bool)
        return self._masks[spec]


def _vector(chunk: StoredChunk) -> np.ndarray:
    if chunk.embedding is None:
        raise UpstreamError(f"the vector store returned chunk {chunk.id} without its embedding")
    return chunk.embedding


def _passage(chunk: StoredChunk, score: float, today: dt.date) -> Passage:
    meta = chunk.metadata
    review = _date(meta.get("review_date"))
    # The stored document is "title > heading path" on the first line, then the body.
    _, _, body = chunk.document.partition("\n")
    return Passage(
        doc_id=meta.get("doc_id", ""),
        title=meta.get("title", ""),
        section=meta.get("section", ""),
        effective_date=_date(meta.get("effective_date")),
        review_date=review,
        stale=review is not None and review < today,
        language=meta.get("language", ""),
        text=body or chunk.document,
        score=round(float(score), 4),
        chunk_id=chunk.id,
    )


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None
