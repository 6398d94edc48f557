"""Intent by example: the bank's example utterances, embedded once, and a classifier fitted on them.

The examples live in a bank-editable YAML file (``tools/policy/intents.yaml`` by default,
``FRONTLINE_INTENT_EXAMPLES`` for another), both languages, the way Rasa NLU keeps training
data. :class:`ExampleClassifier` embeds them with the model retrieval already holds (the
``query`` side, as the RM's question is embedded) and fits a multinomial logistic regression on
the vectors: a question's intent is the one the regression finds likeliest. It replaced the
mean similarity of each intent's nearest examples when the examples grew past two thousand:
on every blind round's held-out half (questions never in the file) it was right more often,
on both banks (the README's table, ``python -m evals.intents``). Embedding is the cost of
fitting (~2,300 short lines: under a minute once); the regression takes a second or two. Both
are cached beside the model, keyed by the model and the examples, so a restart takes
milliseconds. No download, ever: the model is the one already on disk.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from assistant.errors import ConfigError

log = logging.getLogger(__name__)

DEFAULT_EXAMPLES_PATH = Path(__file__).resolve().parents[3] / "tools" / "policy" / "intents.yaml"
INTENTS = (
    "help",
    "out_of_scope",
    "playbook_qa",
    "serve_client",
    "client_facts",
    "draft_outreach",
    "book_query",
    "meeting_prep",
)
LANGUAGES = ("zh", "en")
MIN_EXAMPLES = 5  # per intent and language: fewer cannot stand for the ways RMs ask
NEIGHBOURS = 3  # what `explain` and the grower's gate look at: the 3 nearest examples
# The regression's inverse regularisation: chosen on the blind held-out halves (1, 10, 50, 100,
# 300 tried; 50-300 within 0.5 point, both banks); the vectors are unit length.
REGULARISATION = 100.0


class IncludedSection(BaseModel):
    """One intent's lines in a file named by ``include:``: either language may be absent."""

    model_config = ConfigDict(extra="forbid")

    zh: list[str] = Field(default_factory=list)
    en: list[str] = Field(default_factory=list)

    @field_validator("zh", "en")
    @classmethod
    def _non_empty(cls, examples: list[str]) -> list[str]:
        return cleaned_lines(examples)


class IntentSection(IncludedSection):
    """One intent's lines in the bank's own file: both languages, enough of each."""

    zh: list[str] = Field(min_length=MIN_EXAMPLES)
    en: list[str] = Field(min_length=MIN_EXAMPLES)


def known_intents(intents: Mapping[str, object]) -> None:
    unknown = sorted(set(intents) - set(INTENTS))
    if unknown:
        raise ValueError(f"unknown intent {unknown[0]!r}; known: {', '.join(INTENTS)}")


def cleaned_lines(examples: list[str]) -> list[str]:
    """Whitespace collapsed; an empty line is an error (numbered from 1)."""
    cleaned = [" ".join(str(e).split()) for e in examples]
    blank = [i for i, e in enumerate(cleaned) if not e]
    if blank:
        raise ValueError(f"example {blank[0] + 1} is empty")
    return cleaned


def no_example_twice(sections: Mapping[str, IntentSection]) -> None:
    """One label per example (compared case-folded): a line under two labels teaches neither."""
    owner: dict[str, str] = {}
    for label, section in sections.items():
        for example in section.zh + section.en:
            key = example.casefold()
            if owner.setdefault(key, label) != label:
                raise ValueError(
                    f"example {example!r} is listed under both {owner[key]!r} and {label!r}"
                )


class IntentExamples(BaseModel):
    """The validated example file: every intent, both languages, no line under two intents."""

    model_config = ConfigDict(extra="forbid")

    version: str
    include: list[str] = Field(default_factory=list)  # more examples, beside this file
    intents: dict[str, IntentSection]

    @field_validator("intents")
    @classmethod
    def _known_intents(cls, intents: dict[str, IntentSection]) -> dict[str, IntentSection]:
        known_intents(intents)
        missing = [i for i in INTENTS if i not in intents]
        if missing:
            raise ValueError(f"no examples for intent {missing[0]!r}")
        return intents

    @model_validator(mode="after")
    def _no_example_twice(self) -> IntentExamples:
        no_example_twice(self.intents)
        return self

    def labelled(self) -> list[tuple[str, str]]:
        """(intent, example) pairs in file order."""
        return [
            (intent, example)
            for intent, section in self.intents.items()
            for example in section.zh + section.en
        ]


class IncludedExamples(BaseModel):
    """A file named by ``include:`` — more lines for some intents (e.g. the questions RMs
    asked, grown by ``python -m evals.grow_intents``), added after the including file's."""

    model_config = ConfigDict(extra="forbid")

    intents: dict[str, IncludedSection]

    @field_validator("intents")
    @classmethod
    def _known_intents(cls, intents: dict[str, IncludedSection]) -> dict[str, IncludedSection]:
        known_intents(intents)
        return intents


def load_intent_examples(path: Path | str | None = None, includes: bool = True) -> IntentExamples:
    """Load and validate the examples, with the files its ``include:`` names (relative to
    it) appended per intent and language; ``includes=False`` reads the file alone. Raises
    ``ConfigError`` with a one-line ``file: field: problem`` message on a bad file."""
    from tools.intelligence.policy import _one_line, _read_yaml

    source = Path(path or DEFAULT_EXAMPLES_PATH)
    try:
        examples = IntentExamples.model_validate(_read_yaml(source))
    except ValidationError as exc:
        raise ConfigError(_one_line(source, exc)) from None
    if not includes or not examples.include:
        return examples
    more: dict[str, dict[str, list[str]]] = {}
    for name in examples.include:
        extra = source.parent / name
        if not extra.is_file():
            raise ConfigError(f"{source}: include: no file {extra}")
        try:
            included = IncludedExamples.model_validate(_read_yaml(extra))
        except ValidationError as exc:
            raise ConfigError(_one_line(extra, exc)) from None
        for intent, section in included.intents.items():
            for language in LANGUAGES:
                more.setdefault(intent, {}).setdefault(language, []).extend(
                    getattr(section, language)
                )
    try:
        return with_lines(examples, more)
    except ValidationError as exc:  # a line under two intents across the files
        raise ConfigError(_one_line(source, exc)) from None


def with_lines(
    examples: IntentExamples, more: Mapping[str, Mapping[str, Sequence[str]]]
) -> IntentExamples:
    """``examples`` with ``more`` lines ({intent: {language: lines}}) after their own, each
    line once, validated again (a line under two intents raises ``ValidationError``)."""
    merged = examples.model_dump() | {"include": []}
    for intent, by_language in more.items():
        for language, extra in by_language.items():
            lines = merged["intents"][intent][language]
            lines.extend(e for e in extra if e not in lines)
    return IntentExamples.model_validate(merged)


@dataclass(frozen=True)
class ExampleVerdict:
    """Per-intent scores (the regression's probabilities), best first."""

    scores: dict[str, float]

    @property
    def ranked(self) -> list[tuple[str, float]]:
        return sorted(self.scores.items(), key=lambda kv: -kv[1])

    @property
    def intent(self) -> str:
        return self.ranked[0][0]

    @property
    def margin(self) -> float:
        """How far the best intent leads the runner-up: the classifier's confidence."""
        ranked = self.ranked
        return ranked[0][1] - ranked[1][1] if len(ranked) > 1 else 1.0


class ExampleClassifier:
    """A multinomial logistic regression over the examples' unit vectors from the retrieval
    model; ``weights`` (coefficients, intercepts) when they were fitted before (the cache)."""

    def __init__(
        self,
        examples: IntentExamples,
        vectors: np.ndarray,
        weights: tuple[np.ndarray, np.ndarray] | None = None,
    ) -> None:
        pairs = examples.labelled()
        if len(pairs) != len(vectors):
            raise ValueError("one vector per example")
        self.examples = examples
        self.labels = [intent for intent, _ in pairs]
        self.matrix = np.asarray(vectors, dtype=np.float32)
        self.intents = [i for i in INTENTS if i in set(self.labels)]  # INTENTS' order
        self.coef, self.intercept = weights if weights is not None else self._fitted()

    def _fitted(self) -> tuple[np.ndarray, np.ndarray]:
        # Imported here: scikit-learn is needed to fit, never to classify.
        from sklearn.linear_model import LogisticRegression

        target = np.array([self.intents.index(label) for label in self.labels])
        model = LogisticRegression(C=REGULARISATION, max_iter=3000).fit(self.matrix, target)
        coef, intercept = model.coef_, model.intercept_
        if len(self.intents) == 2:  # a binary fit has one row: the second class against the first
            coef, intercept = np.vstack([-coef, coef]) / 2, np.hstack([-intercept, intercept]) / 2
        return coef.astype(np.float32), intercept.astype(np.float32)

    @classmethod
    def fit(
        cls, examples: IntentExamples, embedder: object, cache_dir: Path | None = None
    ) -> ExampleClassifier:
        """Embed the examples and fit (or read either from ``cache_dir``, keyed by model and
        text, and for the fit by the labels too)."""
        pairs = examples.labelled()
        texts = [text for _, text in pairs]
        name = str(getattr(embedder, "name", type(embedder).__name__))
        cached = _cache_file(cache_dir, name, texts) if cache_dir else None
        vectors: np.ndarray | None = None
        if cached is not None and cached.exists():
            vectors = np.load(cached)
            if vectors.shape[0] != len(texts):
                vectors = None
        if vectors is None:
            vectors = np.asarray(embedder.embed_queries(texts), dtype=np.float32)  # type: ignore[attr-defined]
            if cached is not None:
                _save(cached, vectors)
        key = _digest([name, list(pairs), REGULARISATION])  # the fit's: model, labels, texts, C
        fitted = cache_dir / f"intent-weights-{key[:16]}.npz" if cache_dir else None
        stored = _load_weights(fitted) if fitted is not None else None
        classifier = cls(examples, vectors, stored or _FITTED.get(key))
        if fitted is not None and stored is None:
            _save_weights(fitted, classifier.coef, classifier.intercept)
        _FITTED[key] = (classifier.coef, classifier.intercept)
        return classifier

    def scores(self, vector: np.ndarray) -> ExampleVerdict:
        logits = self.coef @ np.asarray(vector, dtype=np.float32) + self.intercept
        odds = np.exp(logits - logits.max())
        probabilities = odds / odds.sum()
        return ExampleVerdict(
            {i: float(p) for i, p in zip(self.intents, probabilities, strict=True)}
        )

    def nearest(self, vector: np.ndarray, n: int = 5) -> list[tuple[str, str, float]]:
        """The ``n`` closest examples (intent, text, similarity): what `explain` shows."""
        sims = self.matrix @ np.asarray(vector, dtype=np.float32)
        texts = [text for _, text in self.examples.labelled()]
        return [(self.labels[i], texts[i], float(sims[i])) for i in np.argsort(-sims)[:n]]


def _cache_file(cache_dir: Path, model: str, texts: Sequence[str]) -> Path:
    return cache_dir / f"intent-examples-{_digest([model, list(texts)])[:16]}.npy"


def _save(path: Path, vectors: np.ndarray) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp.npy")
        np.save(tmp, vectors)
        tmp.replace(path)
    except OSError as exc:  # a read-only home still classifies, it only re-embeds next start
        log.warning("cannot cache intent example vectors in %s: %s", path.parent, exc)


# The fits of this process, by model, examples and regularisation: every home of a test run (or
# a second bank in one process) with the same examples and model needs the same weights.
_FITTED: dict[str, tuple[np.ndarray, np.ndarray]] = {}


def _digest(value: object) -> str:
    return hashlib.sha256(json.dumps(value, ensure_ascii=False).encode()).hexdigest()


def _load_weights(path: Path) -> tuple[np.ndarray, np.ndarray] | None:
    try:
        with np.load(path) as stored:
            return stored["coef"], stored["intercept"]
    except (OSError, KeyError, ValueError):  # absent or torn: fitted again, in a second or two
        return None


def _save_weights(path: Path, coef: np.ndarray, intercept: np.ndarray) -> None:
    try:
        tmp = path.with_suffix(".tmp.npz")
        np.savez(tmp, coef=coef, intercept=intercept)
        tmp.replace(path)
    except OSError as exc:
        log.warning("cannot cache the intent classifier in %s: %s", path.parent, exc)
