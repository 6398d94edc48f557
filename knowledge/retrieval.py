"""Hybrid playbook search: dense (e5) and BM25 over glossary-expanded queries, fused by RRF.

Dense retrieval carries colloquial and cross-language queries ("客户钱要转走了怎么办" finds
the deposit-churn playbook, a Chinese question finds an English one); BM25 adds exact matches
on product codes, rule numbers and rare terms. BM25 scores the query together with its
glossary expansion (``glossary.py``): the playbooks' terms in the other language and their
wording for colloquial phrases, so the lexical side bridges languages and registers too. The
dense side embeds the question as asked (expanding it there measured worse on held-out
queries). Dense scoring runs on an in-memory snapshot of the Chroma collection with the
language direction projected out (``dense.py``). Weights: see :class:`FusionWeights`.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from pydantic import BaseModel

from assistant.config import Settings
from assistant.errors import UpstreamError, UserError
from knowledge.dense import DenseIndex, pair_direction
from knowledge.embeddings import Embedder, load_embedder
from knowledge.glossary import Glossary, default_glossary
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
    bm25: float = 1.0
    # BM25 score = score(the question's own words) + expansion * score(glossary phrases): the
    # RM's words are the evidence, the glossary's phrases hints. Measured with
    # benchmarks/retrieval.py --sweep on evals/datasets/retrieval.jsonl (266 queries) and the
    # held-out retrieval-holdout.jsonl (80, written without seeing the glossary): 0.25 keeps
    # direct questions' hit@1 (0.964 / 1.000) while lifting hit@5 to 0.955 / 0.950; full weight
    # reaches 0.974 / 0.975 hit@5 but loses a tenth of held-out direct hit@1. Without the
    # glossary a BM25 weight of 0.1 was best (0.932 hit@5): Chinese keywords pushed English
    # answers out of Chinese queries' top 5.
    expansion: float = 0.25
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
        glossary: Glossary | None = None,
    ) -> None:
        self._settings = settings
        self._embedder = embedder
        self.store = store or ChromaStore(settings)
        self.weights = weights or FusionWeights()
        self._tokenizer = tokenizer or TextTokenizer()
        self._clock = clock
        self.glossary = glossary or (
            Glossary.load(settings.search_glossary)
            if settings.search_glossary
            else default_glossary()
        )
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
        prefer_language: str | None = None,
    ) -> list[Passage]:
        """Top ``k`` passages for ``query``; at most one per (playbook, section). With
        ``prefer_language``, a playbook found in both editions (``x`` and ``x-en``) is shown
        first in that language (see :func:`prefer_editions`)."""
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
        if prefer_language:
            fused = prefer_editions(fused, corpus.by_id, prefer_language)
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

    def prime(self, queries: Sequence[str]) -> None:
        """Encode the queries not yet remembered in one batch (a batch costs a fraction of one
        call per query): an evaluation's questions, before they are searched one by one."""
        with self._lock:
            todo = [q for q in dict.fromkeys(queries) if q.strip() and q not in self._query_cache]
        todo = todo[:QUERY_CACHE_SIZE]
        if not todo:
            return
        vectors = self.embedder.embed_queries(todo)
        with self._lock:
            for query, vector in zip(todo, vectors, strict=True):
                self._query_cache[query] = vector
            while len(self._query_cache) > QUERY_CACHE_SIZE:
                self._query_cache.popitem(last=False)

    def bm25_ranking(
        self, query: str, spec: SearchFilter, corpus: _Corpus | None = None, expand: bool = True
    ) -> list[str]:
        """BM25 over the query and, with ``expand``, its glossary phrases (other languages'
        terms, the playbooks' wording for colloquial phrases)."""
        corpus = corpus or self.corpus()
        scores = corpus.bm25.scores(query)
        hints = self.glossary.expand(query).phrases if expand else ()
        if hints and self.weights.expansion:
            scores = scores + self.weights.expansion * corpus.bm25.scores(" ".join(hints))
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

    def words(self) -> KnownWords:
        """Words that are words (lower-cased): every one the ingested playbooks use, and the
        English words the embedding model's tokenizer holds whole."""
        whole: frozenset[str] = getattr(self.embedder, "whole_words", frozenset())
        return KnownWords(self.corpus().bm25.vocabulary, whole)

    def refresh(self) -> None:
        """Forget the snapshot; call after another process re-ingested the store."""
        with self._lock:
            self._corpus = None


@dataclass(frozen=True)
class KnownWords:
    """Two word sets read as one, without copying either: ``"better" in words``."""

    playbooks: frozenset[str]
    model: frozenset[str]

    def __contains__(self, word: object) -> bool:
        return word in self.playbooks or word in self.model


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


def edition_key(doc_id: str) -> str:
    """Playbooks in two languages are editions of one: ``guides/x`` and ``guides/x-en`` (the
    ``-en``/``-zh`` suffix convention of the playbook library)."""
    return doc_id.removesuffix("-en").removesuffix("-zh")


def prefer_editions(
    fused: list[tuple[str, float]], by_id: dict[str, StoredChunk], language: str
) -> list[tuple[str, float]]:
    """Where both editions of a playbook were found, lift the best passage of the reader's
    edition to the rank of the best passage of the other one (just ahead of it). Nothing is
    dropped: the other edition can hold sections this one lacks."""
    best: dict[str, tuple[float, float]] = {}  # edition -> (best other-language, best own)
    for chunk_id, score in fused:
        chunk = by_id.get(chunk_id)
        if chunk is None:
            continue
        key = edition_key(chunk.metadata.get("doc_id", ""))
        other, own = best.get(key, (-1.0, -1.0))
        if chunk.metadata.get("language") == language:
            best[key] = (other, max(own, score))
        else:
            best[key] = (max(other, score), own)
    lifted: set[str] = set()
    out = []
    for chunk_id, score in fused:
        chunk = by_id.get(chunk_id)
        if chunk is not None and chunk.metadata.get("language") == language:
            key = edition_key(chunk.metadata.get("doc_id", ""))
            other, own = best[key]
            if score == own and other >= own and key not in lifted:
                lifted.add(key)
                score = other + 1e-6
        out.append((chunk_id, score))
    return sorted(out, key=lambda x: -x[1])


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
