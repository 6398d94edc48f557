"""Intent examples: what the bundled file (and the files it includes) costs to embed and fit
once per home, what the regression alone costs, and what scoring one question costs per turn.

    .venv/bin/python benchmarks/intent_examples.py [--questions N]

Uses the converted e5 model of the repository's models folder (``.frontline/models``, converted
once if absent); the fit is timed without the vector cache, as a home's first start pays it.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from assistant.config import load_settings
from assistant.engines.offline.examples import ExampleClassifier, load_intent_examples
from knowledge.embeddings import (
    SentenceTransformerEmbedder,
    ensure_model,
    open_sentence_transformer,
)

QUESTIONS = ["⟦CLIENT_1⟧最近存款咋样", "who has CDs maturing next month", "营销禁用语有哪些"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=2000)
    args = parser.parse_args()
    repo = Path(__file__).resolve().parents[1]
    folder = ensure_model(load_settings(_env_file=None, home=repo / ".frontline"))
    embedder = SentenceTransformerEmbedder(open_sentence_transformer(folder), folder.name)
    examples = load_intent_examples()
    start = time.perf_counter()
    classifier = ExampleClassifier.fit(examples, embedder)  # no cache_dir: the cold start
    fit = time.perf_counter() - start
    start = time.perf_counter()
    ExampleClassifier(examples, classifier.matrix)  # the regression alone, on the same vectors
    regression = time.perf_counter() - start
    vectors = embedder.embed_queries(QUESTIONS)
    timings = []
    for n in range(args.questions):
        start = time.perf_counter()
        classifier.scores(vectors[n % len(vectors)])
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    p95 = timings[int(0.95 * len(timings)) - 1]
    print(
        f"{len(examples.labelled())} examples: embedded and fitted {fit:.1f} s (once per home, "
        f"then cached), of which the regression {regression:.1f} s; "
        f"scoring p50 {statistics.median(timings):.3f} ms, p95 {p95:.3f} ms per question"
    )


if __name__ == "__main__":
    main()
