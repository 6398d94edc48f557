"""``python -m evals.pii``: generate the PII evaluation set and print ours vs Presidio's default
analyzer (stock recognizers, blank spaCy pipeline: no model can be downloaded) as Markdown.

Options: ``--split test|tuning`` (report on test; tune on tuning only), ``--seed``,
``--positives N`` / ``--negatives N`` per split, ``--dump FILE`` to write the samples as JSONL.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from pathlib import Path

from presidio_analyzer import AnalyzerEngine

from assistant.config import load_settings
from assistant.privacy.analyzer import PiiAnalyzer
from assistant.privacy.dictionary import NameDictionary
from assistant.privacy.nlp import blank_nlp_engine, keep_tldextract_offline
from assistant.privacy.recognizers.chinese_person import LacModel
from evals.pii.generator import Generator, Sample
from evals.pii.runner import OURS_MAP, PRESIDIO_MAP, markdown, score


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m evals.pii", description=__doc__)
    parser.add_argument("--split", choices=["test", "tuning"], default="test")
    parser.add_argument("--seed", type=int, default=20261128)
    parser.add_argument("--positives", type=int, default=800)
    parser.add_argument("--negatives", type=int, default=300)
    parser.add_argument("--dump", type=Path)
    args = parser.parse_args(argv)

    generator = Generator(seed=args.seed)
    # Both halves are generated (>= 2,200 sentences) so the set is reproducible; one is scored.
    splits = {s: generator.samples(s, args.positives, args.negatives) for s in ("tuning", "test")}
    samples = splits[args.split]
    if args.dump:
        with args.dump.open("w", encoding="utf-8") as fh:
            for sample in splits["tuning"] + splits["test"]:
                fh.write(json.dumps(asdict(sample), ensure_ascii=False) + "\n")

    models = load_settings().models_dir
    ours = PiiAnalyzer(blank_nlp_engine(models), NameDictionary(generator.bank.names()), LacModel())
    keep_tldextract_offline()
    presidio = AnalyzerEngine(
        nlp_engine=blank_nlp_engine(models, ["en"]), supported_languages=["en"]
    )

    def detect_ours(sample: Sample) -> list[tuple[int, int, str]]:
        return [(d.start, d.end, d.entity_type.value) for d in ours.analyze(sample.text)]

    def detect_presidio(sample: Sample) -> list[tuple[int, int, str]]:
        return [
            (r.start, r.end, r.entity_type) for r in presidio.analyze(sample.text, language="en")
        ]

    print(
        markdown(
            score(samples, detect_ours, OURS_MAP),
            score(samples, detect_presidio, PRESIDIO_MAP),
            len(samples),
        )
    )


if __name__ == "__main__":
    main()
