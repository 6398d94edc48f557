"""Intent accuracy alone, by method, without running whole turns (seconds, not minutes).

Each case's question is masked and looked up exactly as a turn would (``has_client``), then
classified by the keyword rules, by the bank's examples, and by both combined; the score is
agreement with ``expect.intent`` (policy refusals count as the intent the engine records).
Follow-up cases are left out: their intent depends on the conversation before them.

    FRONTLINE_HOME=... python -m evals.intents evals/datasets/blind-demo-dev.jsonl [--failures]

Prints one line per method per dataset; ``--failures`` lists the misses (dev sets only).
"""

from __future__ import annotations

import argparse
import asyncio
import pickle
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.engines.base import EngineContext
from assistant.engines.offline.engine import _names_a_client
from assistant.engines.offline.examples import ExampleClassifier
from assistant.engines.offline.intent import METHODS, IntentResult, classifier_text, classify
from assistant.engines.offline.slots import detect_language, extract
from assistant.engines.refusals import policy_refusal
from assistant.wiring import Frontline
from evals.runner import Case, load_dataset
from tools.client_tools import client_ids_in
from tools.entitlement import resolve_caller
from tools.toolbox import Toolbox


@dataclass
class Sample:
    case: Case
    masked: str
    has_client: bool
    vector: np.ndarray


async def read(fl: Frontline, case: Case) -> tuple[str, bool, str]:
    """The case's question as a turn reads it: masked, whether it names a client, and as the
    classifier reads it."""
    masked = fl.privacy.mask(case.question, rm_id=case.as_rm, conversation_id=f"intents-{case.id}")
    language = detect_language(masked.text)
    caller = resolve_caller(fl.bank, case.as_rm)
    toolbox = Toolbox(fl.tool_services(), caller, f"intents-{case.id}", language)
    ctx = EngineContext(toolbox, masked.text, language, {})
    slots = extract(masked.text, language)
    slots.client_ids = client_ids_in(toolbox, masked.text)
    has_client = await _names_a_client(ctx, slots)
    return masked.text, has_client, classifier_text(masked.text, slots.client_ids)


async def _sample(fl: Frontline, case: Case) -> Sample:
    masked, has_client, text = await read(fl, case)
    return Sample(case, masked, has_client, fl.retriever.query_vector(text))


def recorded_intent(verdict: IntentResult, has_client: bool) -> str:
    """The intent a turn records: a policy refusal's, else the classified one."""
    refusal = policy_refusal(verdict, "en", full_id_intent="client_facts" if has_client else None)
    return refusal.intent if refusal is not None else verdict.intent


def predict(sample: Sample, method: str, examples: ExampleClassifier) -> str:
    verdict = classify(
        sample.masked,
        has_client=sample.has_client,
        examples=lambda: examples.scores(sample.vector),
        method=method,
    )
    return recorded_intent(verdict, sample.has_client)


def samples_of(fl: Frontline, path: Path, cache: Path | None = None) -> list[Sample]:
    """The dataset's single-turn cases with an expected intent, masked and looked up (kept in
    ``cache`` when given: the lookup is the slow part, classification takes milliseconds)."""
    stored = cache / f"{path.stem}.pkl" if cache else None
    if stored is not None and stored.exists():
        with stored.open("rb") as fh:
            return [Sample(**row) for row in pickle.load(fh)]  # noqa: S301 - written below
    cases = [c for c in load_dataset(path).cases if c.expect.get("intent") and not c.follow_up_of]
    samples = [asyncio.run(_sample(fl, c)) for c in cases]
    if stored is not None:
        stored.parent.mkdir(parents=True, exist_ok=True)
        with stored.open("wb") as fh:
            pickle.dump([vars(s) for s in samples], fh)
    return samples


def score(
    fl: Frontline,
    path: Path,
    examples: ExampleClassifier,
    failures: bool = False,
    cache: Path | None = None,
) -> dict[str, float]:
    samples = samples_of(fl, path, cache)
    out: dict[str, float] = {}
    for method in METHODS:
        misses = [
            (s, got)
            for s in samples
            if (got := predict(s, method, examples)) != s.case.expect["intent"]
        ]
        out[method] = 1 - len(misses) / max(1, len(samples))
        print(
            f"{path.name}\t{method}\t{len(samples) - len(misses)}/{len(samples)}\t{out[method]:.1%}"
        )
        if failures:
            for s, got in misses:
                print(f"   {s.case.id} want {s.case.expect['intent']} got {got}: {s.masked}")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("datasets", nargs="+", type=Path)
    parser.add_argument("--failures", action="store_true", help="list misses (dev sets only)")
    parser.add_argument("--cache", type=Path, help="keep the looked-up cases here (tuning)")
    args = parser.parse_args(argv)
    fl = Frontline()
    try:
        examples = fl.intent_examples
        for path in args.datasets:
            score(fl, path, examples, args.failures, args.cache)
    finally:
        fl.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
