"""Score PII detectors on generated samples: precision, recall and F2 per entity type, plus the
false-positive rate on ordinary banking sentences.

A prediction is correct when it covers at least half of a gold span of the same type and at
least half of the prediction lies in that span (so masking "上海市" out of an address, or a
whole sentence, does not count). CLIENT and PERSON are scored together as NAME.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from evals.pii.generator import Sample

Span = tuple[int, int, str]
Detector = Callable[[Sample], list[Span]]
TYPES = ["ID", "USCC", "CARD", "ACCOUNT", "PHONE", "EMAIL", "ADDRESS", "NAME"]
OURS_MAP = {"CLIENT": "NAME", "PERSON": "NAME"}
PRESIDIO_MAP = {
    "PHONE_NUMBER": "PHONE",
    "EMAIL_ADDRESS": "EMAIL",
    "CREDIT_CARD": "CARD",
    "PERSON": "NAME",
    "LOCATION": "ADDRESS",
    "US_BANK_NUMBER": "ACCOUNT",
    "IBAN_CODE": "ACCOUNT",
}


@dataclass
class Scores:
    tp: Counter[str]
    fp: Counter[str]
    fn: Counter[str]
    found_by_group: Counter[str]
    gold_by_group: Counter[str]
    negatives: int
    negatives_flagged: int
    unmapped: int

    def precision(self, kind: str | None = None) -> float:
        tp = self.tp[kind] if kind else sum(self.tp.values())
        fp = self.fp[kind] if kind else sum(self.fp.values())
        return tp / (tp + fp) if tp + fp else 1.0

    def recall(self, kind: str | None = None) -> float:
        tp = self.tp[kind] if kind else sum(self.tp.values())
        fn = self.fn[kind] if kind else sum(self.fn.values())
        return tp / (tp + fn) if tp + fn else 1.0

    def f2(self, kind: str | None = None) -> float:
        p, r = self.precision(kind), self.recall(kind)
        return 5 * p * r / (4 * p + r) if p + r else 0.0

    @property
    def fp_rate(self) -> float:
        return self.negatives_flagged / self.negatives if self.negatives else 0.0


def _matches(pred: Span, gold_start: int, gold_end: int) -> bool:
    overlap = min(pred[1], gold_end) - max(pred[0], gold_start)
    return overlap * 2 >= gold_end - gold_start and overlap * 2 >= pred[1] - pred[0] and overlap > 0


def score(samples: Sequence[Sample], detect: Detector, mapping: dict[str, str]) -> Scores:
    s = Scores(Counter(), Counter(), Counter(), Counter(), Counter(), 0, 0, 0)
    for sample in samples:
        raw = detect(sample)
        preds = [(a, b, mapping.get(t, t)) for a, b, t in raw]
        s.unmapped += sum(1 for p in preds if p[2] not in TYPES)
        preds = [p for p in preds if p[2] in TYPES]
        if not sample.gold:
            s.negatives += 1
            s.negatives_flagged += bool(preds)
        matched: set[int] = set()
        for gold in sample.gold:
            s.gold_by_group[gold.group] += 1
            hit = next(
                (
                    i
                    for i, p in enumerate(preds)
                    if p[2] == gold.type and _matches(p, gold.start, gold.end)
                ),
                None,
            )
            if hit is None:
                s.fn[gold.type] += 1
            else:
                s.tp[gold.type] += 1
                s.found_by_group[gold.group] += 1
                matched.add(hit)
        for i, pred in enumerate(preds):
            if i not in matched and not any(
                g.type == pred[2] and _matches(pred, g.start, g.end) for g in sample.gold
            ):
                s.fp[pred[2]] += 1
    return s


def markdown(ours: Scores, theirs: Scores, n_samples: int, split: str = "test") -> str:
    lines = [
        f"PII detection, {split} split ({n_samples} sentences; {ours.negatives} with no PII)",
        "",
        "| entity | gold | ours P | ours R | ours F2 | Presidio P | Presidio R | Presidio F2 |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for kind in [*TYPES, None]:
        gold = (
            (ours.tp[kind] + ours.fn[kind])
            if kind
            else sum(ours.tp.values()) + sum(ours.fn.values())
        )
        lines.append(
            f"| {kind or '**overall (micro)**'} | {gold} | {ours.precision(kind):.3f} | {ours.recall(kind):.3f} | "
            f"{ours.f2(kind):.3f} | {theirs.precision(kind):.3f} | {theirs.recall(kind):.3f} | {theirs.f2(kind):.3f} |"
        )
    lines += ["", "| recall by group | gold | ours | Presidio |", "|---|---:|---:|---:|"]
    for group in sorted(ours.gold_by_group):
        n = ours.gold_by_group[group]
        lines.append(
            f"| {group} | {n} | {ours.found_by_group[group] / n:.3f} | {theirs.found_by_group[group] / n:.3f} |"
        )
    lines += [
        "",
        f"False-positive rate on ordinary banking sentences (share with any detection): "
        f"ours {ours.fp_rate:.3f} ({ours.negatives_flagged}/{ours.negatives}), "
        f"Presidio {theirs.fp_rate:.3f} ({theirs.negatives_flagged}/{theirs.negatives}).",
        f"Presidio detections of types with no counterpart here (DATE_TIME, US_* ...), not scored: {theirs.unmapped}.",
    ]
    return "\n".join(lines)
