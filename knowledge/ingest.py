"""Incremental playbook ingestion: load, chunk, embed what changed, and sync the store.

A chunk is re-embedded only when its text (title + heading path + body) changed; a metadata
change (a new review date) rewrites metadata only. Chunks of deleted files, and of sections
removed from a file, are deleted. A file that cannot be read is reported and its previous
chunks are kept, so a broken upload never empties the knowledge base.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from assistant.config import Settings
from knowledge.chunking import Chunk, Chunker
from knowledge.embeddings import Embedder, load_embedder
from knowledge.loaders import Document, DocumentError, LoaderRegistry, default_registry
from knowledge.metadata import chunk_metadata
from knowledge.store import ChromaStore

log = logging.getLogger(__name__)

_SKIPPED_NAMES = {"readme.md", "readme.markdown"}


def default_playbook_dir() -> Path:
    """The playbooks shipped with Frontline (``knowledge/playbooks/``)."""
    return Path(__file__).resolve().parent / "playbooks"


@dataclass
class IngestReport:
    files: int = 0
    chunks_added: int = 0
    chunks_updated: int = 0
    chunks_unchanged: int = 0
    chunks_removed: int = 0
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def chunks_embedded(self) -> int:
        return self.chunks_added + self.chunks_updated

    def summary_line(self) -> str:
        errors = f"; {len(self.errors)} error(s)" if self.errors else ""
        return (
            f"ingested {self.files} file(s): {self.chunks_added} chunk(s) added, "
            f"{self.chunks_updated} updated, {self.chunks_unchanged} unchanged, "
            f"{self.chunks_removed} removed in {self.seconds:.1f}s{errors}"
        )


@dataclass
class _Plan:
    """What one ingest run will do to the store."""

    embed: list[tuple[Chunk, dict[str, Any]]] = field(default_factory=list)
    embed_is_new: list[bool] = field(default_factory=list)
    retag: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    remove: set[str] = field(default_factory=set)
    unchanged: int = 0


class Ingestor:
    def __init__(
        self,
        settings: Settings,
        embedder: Embedder | None = None,
        store: ChromaStore | None = None,
        registry: LoaderRegistry | None = None,
        chunker: Chunker | None = None,
        progress: bool = True,
        batch_size: int = 64,
    ) -> None:
        self._settings = settings
        self._embedder = embedder
        self.store = store or ChromaStore(settings)
        self.registry = registry or default_registry()
        self.chunker = chunker or Chunker()
        self.progress = progress
        self.batch_size = batch_size

    @property
    def embedder(self) -> Embedder:
        # Loaded only when something must be embedded: an unchanged re-ingest stays fast.
        if self._embedder is None:
            self._embedder = load_embedder(self._settings)
        return self._embedder

    def ingest(self, paths: list[Path]) -> IngestReport:
        started = time.perf_counter()
        report = IngestReport()
        documents, scanned_roots, failed = self._load_all(paths, report)
        existing = {c.id: c.metadata for c in self.store.all(include_documents=False)}
        plan = self._plan(documents, existing, scanned_roots, failed)
        self._apply(plan, report)
        report.chunks_unchanged = plan.unchanged
        report.chunks_removed = len(plan.remove)
        report.seconds = time.perf_counter() - started
        log.info(report.summary_line())
        return report

    def _load_all(
        self, paths: list[Path], report: IngestReport
    ) -> tuple[list[Document], list[Path], set[str]]:
        documents: list[Document] = []
        roots: list[Path] = []
        failed: set[str] = set()
        seen_ids: dict[str, Path] = {}
        for raw in paths:
            path = Path(raw).resolve()
            if not path.exists():
                report.errors.append(f"{raw}: no such file or folder")
                continue
            root = path if path.is_dir() else path.parent
            roots.append(path)
            for file in self._files(path):
                report.files += 1
                try:
                    doc = self.registry.load(file, root)
                    if doc.meta.id in seen_ids:
                        other = seen_ids[doc.meta.id]
                        raise DocumentError(
                            f"{file}: playbook id {doc.meta.id!r} is also used by {other}"
                        )
                except DocumentError as exc:
                    report.errors.append(str(exc))
                    failed.add(str(file))
                    continue
                seen_ids[doc.meta.id] = file
                documents.append(doc)
        return documents, roots, failed

    def _files(self, path: Path) -> list[Path]:
        if path.is_file():
            return [path]
        return sorted(
            p
            for p in path.rglob("*")
            if p.is_file()
            and self.registry.supports(p)
            and p.name.lower() not in _SKIPPED_NAMES
            and not any(part.startswith(".") for part in p.relative_to(path).parts)
        )

    def _plan(
        self,
        documents: list[Document],
        existing: dict[str, dict[str, Any]],
        roots: list[Path],
        failed: set[str],
    ) -> _Plan:
        plan = _Plan()
        fresh_ids: set[str] = set()
        for doc in documents:
            for chunk in self.chunker.chunk(doc):
                meta = chunk_metadata(doc.meta, chunk) | {"source_file": str(doc.source)}
                fresh_ids.add(chunk.id)
                old = existing.get(chunk.id)
                if old is None or old.get("content_hash") != chunk.content_hash:
                    plan.embed.append((chunk, meta))
                    plan.embed_is_new.append(old is None)
                elif (
                    old.get("meta_hash") != meta["meta_hash"]
                    or old.get("source_file") != meta["source_file"]
                ):
                    plan.retag.append((chunk.id, meta))
                else:
                    plan.unchanged += 1
        plan.remove = {
            chunk_id
            for chunk_id, meta in existing.items()
            if chunk_id not in fresh_ids
            and _within(meta.get("source_file", ""), roots)
            and meta.get("source_file") not in failed
        }
        return plan

    def _apply(self, plan: _Plan, report: IngestReport) -> None:
        if plan.remove:
            self.store.delete(sorted(plan.remove))
        if plan.retag:
            ids, metas = zip(*plan.retag, strict=True)
            self.store.update_metadata(list(ids), list(metas))
            report.chunks_updated += len(plan.retag)
        if plan.embed:
            self._embed_and_store(plan.embed)
            report.chunks_added += sum(plan.embed_is_new)
            report.chunks_updated += len(plan.embed) - sum(plan.embed_is_new)

    def _embed_and_store(self, items: list[tuple[Chunk, dict[str, Any]]]) -> None:
        # Similar lengths batch together, so little compute is spent on padding.
        items = sorted(items, key=lambda item: len(item[0].embed_text))
        batches = range(0, len(items), self.batch_size)
        for start in self._progress(batches, total=len(batches)):
            batch = items[start : start + self.batch_size]
            vectors = self.embedder.embed_passages([c.embed_text for c, _ in batch])
            self.store.upsert(
                ids=[c.id for c, _ in batch],
                embeddings=np.asarray(vectors, dtype=np.float32),
                documents=[c.embed_text for c, _ in batch],
                metadatas=[m for _, m in batch],
            )

    def _progress(self, iterable, total: int):
        if not self.progress:
            return iterable
        from tqdm import tqdm

        return tqdm(iterable, total=total, desc="embedding", unit="batch", leave=False)


def _within(source_file: str, roots: list[Path]) -> bool:
    """Is a stored chunk's file under one of the paths this run scanned?"""
    if not source_file:
        return False
    path = Path(source_file)
    return any(path == root or root in path.parents for root in roots)
