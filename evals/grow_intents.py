"""Intent examples grown from the questions RMs asked: the dev halves of the blind rounds.

Each single-turn dev question with an expected intent is masked by the bank's own masker and
written as the classifier reads it (``classifier_text``: a client, named or masked, becomes
``⟦CLIENT_1⟧``), then appended under its expected intent and language. What would tie an
example to one bank is neutralised from the loaded extract, never from a list in code: a
colleague's name reads as ``⟦STAFF⟧``, a product code as the product's name, an id of the
bank's own shapes as ``⟦ID⟧``. Lines the base file already holds, and lines asked under two
intents, are left out. Held-out halves are never read: they are the measure.

    FRONTLINE_HOME=<bank home> python -m evals.grow_intents OUT.yaml [DEV.jsonl...] \
        [--into] [--gate GOLDEN.jsonl...]

Run once per bank with that bank's home (each bank's questions masked by its own data);
``--into`` appends to a file an earlier run wrote, so one file holds both banks. ``--gate``
keeps the conventions a regression set pins: a gate question the hand-written file alone
classifies right and the grown file wrong loses the grown lines nearest it that voted for the
wrong intent, until none does. With no datasets, a run only gates the file it is given.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import sys
from pathlib import Path

import numpy as np
import yaml

from assistant.engines.offline.examples import (
    INTENTS,
    LANGUAGES,
    NEIGHBOURS,
    ExampleClassifier,
    IntentExamples,
    load_intent_examples,
    with_lines,
)
from assistant.wiring import Frontline
from evals.intents import predict, read, samples_of
from evals.runner import Case, load_dataset

Grown = dict[str, dict[str, list[str]]]  # intent -> language -> lines


def empty() -> Grown:
    return {i: {lang: [] for lang in LANGUAGES} for i in INTENTS}


MAX_DROPS = 9  # grown lines a gate case may take back: more would thin an intent for one case

STAFF_TOKEN = "⟦STAFF⟧"
ID_TOKEN = "⟦ID⟧"
HEADER = """\
# Intent examples grown from questions RMs asked (the dev halves of the blind rounds), written
# by `python -m evals.grow_intents`; read beside the hand-written intents.yaml, which includes
# this file. Regenerate rather than edit: a colleague's name reads ⟦STAFF⟧, an id ⟦ID⟧.
"""


def bank_words(fl: Frontline, language: str) -> list[tuple[re.Pattern[str], str]]:
    """What ties a question to one bank, from its extract, longest first: a colleague's name
    (and the given name of a three-character Chinese name) reads ``⟦STAFF⟧``, a product code
    the product's name as an RM would say it (the names are the catalogue's plain words), a
    client or staff id of the bank's shapes ``⟦ID⟧``."""
    words: dict[str, str] = {}
    for rm in fl.bank.all_rms():
        words[rm.name] = STAFF_TOKEN
        if re.fullmatch(r"[\u4e00-\u9fff]{3}", rm.name):
            words.setdefault(rm.name[1:], STAFF_TOKEN)
        parts = rm.name.split()
        for part in parts if len(parts) > 1 else []:  # "Emily" of "Emily Carter"
            words.setdefault(part, STAFF_TOKEN)
    for product in fl.bank.products().values():
        said = product.name_en if language == "en" and product.name_en else product.name
        words.setdefault(product.product_code, said)
    patterns = [(_word_re(w), words[w]) for w in sorted(words, key=len, reverse=True)]
    ids = [c.client_id for c in fl.bank.all_clients()] + [r.rm_id for r in fl.bank.all_rms()]
    shapes = {re.sub(r"\d", r"\\d", re.escape(i)) for i in ids}  # C000123 -> C\d\d\d\d\d\d
    patterns += [(re.compile(rf"(?<![A-Za-z0-9]){s}(?![0-9])", re.I), ID_TOKEN) for s in shapes]
    return patterns


def _word_re(word: str) -> re.Pattern[str]:
    edge = r"(?<![A-Za-z0-9])" if word[:1].isascii() else ""
    tail = r"(?![A-Za-z0-9])" if word[-1:].isascii() else ""
    return re.compile(edge + re.escape(word) + tail, re.IGNORECASE)


def neutral(text: str, patterns: list[tuple[re.Pattern[str], str]]) -> str:
    for pattern, token in patterns:
        text = pattern.sub(token, text)
    return " ".join(text.split())


async def _texts(fl: Frontline, cases: list[Case]) -> list[str]:
    """Each question as the classifier reads it (no vector: the gate embeds what it keeps)."""
    return [(await read(fl, case))[2] for case in cases]


def grow(fl: Frontline, datasets: list[Path]) -> Grown:
    """{intent: {language: [example, …]}} from the datasets' single-turn cases."""
    patterns = {lang: bank_words(fl, lang) for lang in LANGUAGES}
    cases = [
        c
        for path in datasets
        for c in load_dataset(path).cases
        if c.expect.get("intent") in INTENTS and not c.follow_up_of
    ]
    texts = asyncio.run(_texts(fl, cases))
    grown = empty()
    for case, text in zip(cases, texts, strict=True):
        language = case.language if case.language in LANGUAGES else "zh"
        grown[case.expect["intent"]][language].append(neutral(text, patterns[language]))
    return grown


def merge(base: Grown, more: Grown, known: set[str]) -> Grown:
    """``base`` plus ``more``: lines already known (the hand-written file) left out, and a
    line asked under two intents left out of both (it teaches neither)."""
    owner: dict[str, set[str]] = {}
    for source in (base, more):
        for intent, by_lang in source.items():
            for lines in by_lang.values():
                for line in lines:
                    owner.setdefault(line.casefold(), set()).add(intent)
    out = empty()
    seen: set[str] = set()
    for source in (base, more):
        for intent, by_lang in source.items():
            for lang, lines in by_lang.items():
                for line in lines:
                    key = line.casefold()
                    if key in seen or key in known or len(owner[key]) > 1 or not line:
                        continue
                    seen.add(key)
                    out[intent][lang].append(line)
    return out


def gate(
    fl: Frontline, hand: IntentExamples, grown: Grown, gates: list[Path]
) -> tuple[Grown, list[str], list[str]]:
    """``grown`` without the lines that turn a gate case the hand-written file gets right into
    a miss: while the grown examples' best intent for it is wrong, the grown lines of that
    intent nearest it go, at most ``MAX_DROPS`` per case. Returns the file, the lines dropped
    and the gate cases still missed (for the rules to mend, not for more lines to go)."""
    samples = [s for path in gates for s in samples_of(fl, path)]
    if not samples:
        return grown, [], []
    hand_texts = {t for _, t in hand.labelled()}
    texts = sorted(hand_texts | {t for by in grown.values() for ls in by.values() for t in ls})
    embedded = np.asarray(fl.embedder.embed_queries(texts), dtype=np.float32)
    vectors = dict(zip(texts, embedded, strict=True))
    method = fl.settings.intent_method
    alone = _classifier(hand, {}, vectors)
    protected = [s for s in samples if predict(s, method, alone) == s.case.expect["intent"]]
    dropped: list[str] = []
    given_up: list[str] = []
    drops: dict[str, int] = {}
    while True:
        merged = _classifier(hand, grown, vectors)
        misses = [s for s in protected if predict(s, method, merged) != s.case.expect["intent"]]
        if not misses:
            return grown, dropped, given_up
        for sample in misses:
            top = merged.scores(sample.vector).intent
            case = sample.case.id
            ranked = sorted(
                (t for lang in LANGUAGES for t in grown[top][lang] if t not in hand_texts),
                key=lambda t: -float(vectors[t] @ sample.vector),
            )
            if top == sample.case.expect["intent"] or not ranked or drops.get(case, 0) >= MAX_DROPS:
                protected.remove(sample)  # not the grown lines' doing, or not theirs alone
                given_up.append(f"{case}: want {sample.case.expect['intent']}: {sample.masked}")
                continue
            for text in ranked[:NEIGHBOURS]:
                for lang in LANGUAGES:
                    if text in grown[top][lang]:
                        grown[top][lang].remove(text)
                        dropped.append(f"{top}: {text}  (gate {case})")
            drops[case] = drops.get(case, 0) + NEIGHBOURS


def _classifier(
    hand: IntentExamples, grown: Grown, vectors: dict[str, np.ndarray]
) -> ExampleClassifier:
    examples = with_lines(hand, grown)
    return ExampleClassifier(examples, np.stack([vectors[t] for _, t in examples.labelled()]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("datasets", nargs="*", type=Path, help="dev halves only")
    parser.add_argument("--into", action="store_true", help="append to OUT written before")
    parser.add_argument("--gate", nargs="+", type=Path, default=[], help="regression sets")
    args = parser.parse_args(argv)
    held_out = [p for p in args.datasets if "holdout" in p.name]
    if held_out:
        parser.error(f"{held_out[0]} is a held-out half: it is the measure, never grown from")
    into = args.into or not args.datasets
    base = (
        (yaml.safe_load(args.out.read_text(encoding="utf-8")) or {}).get("intents", {})
        if into and args.out.exists()
        else {}
    )
    fl = Frontline()
    try:
        hand = load_intent_examples(fl.settings.intent_examples, includes=False)
        known = {text.casefold() for _, text in hand.labelled()}
        merged = merge(base, grow(fl, args.datasets), known)
        merged, dropped, missed = gate(fl, hand, merged, args.gate)
    finally:
        fl.close()
    for line in dropped:
        print(f"dropped {line}")
    for line in missed:
        print(f"still missed {line}")
    body = yaml.safe_dump({"intents": merged}, allow_unicode=True, sort_keys=False, width=1000)
    args.out.write_text(HEADER + body, encoding="utf-8")
    print(f"{sum(len(v) for by in merged.values() for v in by.values())} examples in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
