"""Book-query slots by example: what a ranking is by, when the rules find no measure word.

"top 3 by size" names its measure in words the rule table knows; "who owes us the most" or
"钱跑得最多的几家" do not. The bank's example phrases per measure (``tools/policy/book_slots.yaml``,
``FRONTLINE_BOOK_SLOT_EXAMPLES`` for another file) are embedded once by the retrieval model,
like the intent examples, and the question's nearest examples name the measure — only when
they agree clearly. Numbers, amounts and dates stay with the rules: they are exact.
"""

from __future__ import annotations

from pathlib import Path
from typing import get_args

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from assistant.engines.offline.examples import IntentSection, _cache_file, _save, no_example_twice
from assistant.errors import ConfigError
from tools.book_query import Measure

DEFAULT_SLOT_EXAMPLES_PATH = (
    Path(__file__).resolve().parents[3] / "tools" / "policy" / "book_slots.yaml"
)
MIN_EXAMPLES = 3  # per measure and language
NEIGHBOURS = 2  # a measure's score: the mean similarity of its 2 nearest examples
# The nearest measure must be close and lead the runner-up: a question that names no measure
# at all ("top 5 please") keeps the rules' default (client value).
FLOOR = 0.90
MARGIN = 0.02


class SlotSection(IntentSection):
    zh: list[str] = Field(min_length=MIN_EXAMPLES)
    en: list[str] = Field(min_length=MIN_EXAMPLES)


class SlotExamples(BaseModel):
    """The validated file: known measures only, both languages, no line under two measures."""

    model_config = ConfigDict(extra="forbid")

    version: str
    measures: dict[str, SlotSection]

    @field_validator("measures")
    @classmethod
    def _known(cls, measures: dict[str, SlotSection]) -> dict[str, SlotSection]:
        known = get_args(Measure)
        unknown = sorted(set(measures) - set(known))
        if unknown:
            raise ValueError(f"unknown measure {unknown[0]!r}; known: {', '.join(known)}")
        no_example_twice(measures)
        return measures

    def labelled(self) -> list[tuple[str, str]]:
        return [(m, e) for m, section in self.measures.items() for e in section.zh + section.en]


def load_slot_examples(path: Path | str | None = None) -> SlotExamples:
    """Load and validate the file; a bad one is a one-line ``ConfigError``."""
    from tools.intelligence.policy import _one_line, _read_yaml

    source = Path(path or DEFAULT_SLOT_EXAMPLES_PATH)
    try:
        return SlotExamples.model_validate(_read_yaml(source))
    except ValidationError as exc:
        raise ConfigError(_one_line(source, exc)) from None


class SlotClassifier:
    """Nearest examples per measure over unit vectors from the retrieval model."""

    def __init__(self, examples: SlotExamples, vectors: np.ndarray) -> None:
        labels = [m for m, _ in examples.labelled()]
        if len(labels) != len(vectors):
            raise ValueError("one vector per example")
        self.examples = examples
        self.matrix = np.asarray(vectors, dtype=np.float32)
        self._rows = {m: np.array([i for i, x in enumerate(labels) if x == m]) for m in set(labels)}

    @classmethod
    def fit(
        cls, examples: SlotExamples, embedder: object, cache_dir: Path | None = None
    ) -> SlotClassifier:
        texts = [text for _, text in examples.labelled()]
        name = str(getattr(embedder, "name", type(embedder).__name__))
        cached = _cache_file(cache_dir, f"{name}:book-slots", texts) if cache_dir else None
        if cached is not None and cached.exists():
            vectors = np.load(cached)
            if vectors.shape[0] == len(texts):
                return cls(examples, vectors)
        vectors = np.asarray(embedder.embed_queries(texts), dtype=np.float32)  # type: ignore[attr-defined]
        if cached is not None:
            _save(cached, vectors)
        return cls(examples, vectors)

    def scores(self, vector: np.ndarray) -> list[tuple[str, float]]:
        """(measure, score), best first."""
        sims = self.matrix @ np.asarray(vector, dtype=np.float32)
        out = {m: float(np.sort(sims[rows])[-NEIGHBOURS:].mean()) for m, rows in self._rows.items()}
        return sorted(out.items(), key=lambda kv: -kv[1])

    def measure(self, vector: np.ndarray) -> str | None:
        """The measure the nearest examples agree on, or None when they do not clearly."""
        ranked = self.scores(vector)
        best, score = ranked[0]
        runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
        return best if score >= FLOOR and score - runner_up >= MARGIN else None
