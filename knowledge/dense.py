"""Exact dense search over the snapshot, with the language direction projected out.

multilingual-e5-small puts a strong "which language" component into every vector: a Chinese
question scores every Chinese passage above the English one that answers it. The difference
of the Chinese and English passage centroids estimates that direction; removing it from both
query and passages (then re-normalising) leaves mostly topic. Two estimates of that direction
are removed: one from parallel zh/en sentence pairs (``language_pairs.py``; topic cancels
exactly, works for any corpus size) and, once each language has enough chunks, the difference
of the Chinese and English passage centroids. On the labelled set this took dense
cross-language hit@5 from 0.15 to 0.85 (benchmarks/retrieval.py).

The search is exact (one matrix product): playbook collections are thousands of chunks, where
that costs well under a millisecond, and it lets the same projection apply to both sides.
Chroma stays the store and source of truth; the raw vectors there are never altered.
"""

from __future__ import annotations

import numpy as np

# With fewer chunks a language's centroid mostly encodes that corpus's topics, not its language.
_MIN_CHUNKS_PER_LANGUAGE = 50


class DenseIndex:
    def __init__(
        self,
        vectors: np.ndarray,
        languages: list[str],
        directions: list[np.ndarray] | None = None,
    ) -> None:
        found = list(directions or [])
        corpus_direction = language_direction(vectors, languages)
        if corpus_direction is not None:
            found.append(corpus_direction)
        # Orthonormal basis of the subspace to remove (None: plain cosine search).
        self.basis = np.linalg.qr(np.stack(found).T)[0].astype(np.float32) if found else None
        self.matrix = self.project(vectors) if len(vectors) else vectors

    def project(self, vectors: np.ndarray) -> np.ndarray:
        vectors = np.asarray(vectors, dtype=np.float32)
        if self.basis is not None:
            vectors = vectors - (vectors @ self.basis) @ self.basis.T
        norms = np.linalg.norm(vectors, axis=-1, keepdims=True)
        return vectors / np.maximum(norms, 1e-12)

    def scores(self, query_vector: np.ndarray) -> np.ndarray:
        if len(self.matrix) == 0:
            return np.zeros(0, dtype=np.float32)
        return self.matrix @ self.project(query_vector[None, :])[0]


def language_direction(vectors: np.ndarray, languages: list[str]) -> np.ndarray | None:
    """Unit vector from the English to the Chinese passage centroid, if both are present."""
    labels = np.asarray(languages)
    zh, en = vectors[labels == "zh"], vectors[labels == "en"]
    if min(len(zh), len(en)) < _MIN_CHUNKS_PER_LANGUAGE:
        return None
    direction = zh.mean(axis=0) - en.mean(axis=0)
    norm = float(np.linalg.norm(direction))
    return (direction / norm).astype(np.float32) if norm > 1e-6 else None


def pair_direction(embedder) -> np.ndarray:
    """Language direction from parallel sentences, under both the query and passage prompts."""
    from knowledge.language_pairs import PAIRS

    zh, en = [p[0] for p in PAIRS], [p[1] for p in PAIRS]
    difference = np.vstack([
        embedder.embed_passages(zh) - embedder.embed_passages(en),
        embedder.embed_queries(zh) - embedder.embed_queries(en),
    ]).mean(axis=0)  # fmt: skip
    return (difference / np.linalg.norm(difference)).astype(np.float32)
