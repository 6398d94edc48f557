"""Aggregate per-case results into the metrics of ``summary.json``.

A case passes when every one of its checks passes (the PII check always runs). Rates are
``passed / total`` over the cases a metric applies to; a metric with no applicable case is
``None`` rather than a flattering 1.0. Model-judged faithfulness needs a judge model and is out
of scope offline: ``"judged": null``.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable

from evals.checks import called_tools, citation_rank

HIT_AT = (1, 3, 5)


def case_passed(record: dict) -> bool:
    return bool(record.get("checks")) and all(record["checks"].values())


def rate(passed: int, total: int) -> float | None:
    return round(passed / total, 4) if total else None


def _bucket(values: Iterable[tuple[str, bool]]) -> dict[str, dict]:
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for key, ok in values:
        counts[key][0] += ok
        counts[key][1] += 1
    return {
        k: {"passed": p, "total": t, "rate": rate(p, t)} for k, (p, t) in sorted(counts.items())
    }


def percentile(values: list[float], q: float) -> float | None:
    """Nearest-rank percentile (q in 0..100)."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q / 100 * len(ordered)) - 1)]


def intent_key(record: dict) -> str:
    expected = (record.get("expect") or {}).get("intent")
    return expected or ((record.get("answer") or {}).get("intent")) or "unknown"


def tool_scores(records: list[dict]) -> dict:
    tp = fp = fn = 0
    for r in records:
        expected = (r.get("expect") or {}).get("tools")
        if expected is None or r.get("answer") is None:
            continue
        called, wanted = called_tools(r["answer"]), set(expected)
        tp, fp, fn = tp + len(called & wanted), fp + len(called - wanted), fn + len(wanted - called)
    return {
        "precision": rate(tp, tp + fp),
        "recall": rate(tp, tp + fn),
        "tp": tp,
        "fp": fp,
        "fn": fn,
    }


def citation_scores(records: list[dict]) -> dict:
    ranks: list[int | None] = []
    for r in records:
        expected = (r.get("expect") or {}).get("citations_any")
        if expected:
            ranks.append(citation_rank(expected, r["answer"]) if r.get("answer") else None)
    n = len(ranks)
    out: dict = {
        "cases": n,
        "hit_rate": rate(sum(x is not None for x in ranks), n),
        "mrr": round(sum(1 / x for x in ranks if x) / n, 4) if n else None,
    }
    for k in HIT_AT:
        out[f"hit@{k}"] = rate(sum(x is not None and x <= k for x in ranks), n)
    return out


def refusal_scores(records: list[dict]) -> dict:
    """Positive class = refused. An unknown caller's UserError counts as a refusal (no data left)."""
    tp = fp = fn = tn = 0
    for r in records:
        expected = (r.get("expect") or {}).get("refused")
        if expected is None:
            continue
        error = r.get("error") or {}
        actual = bool((r.get("answer") or {}).get("refused")) or error.get("kind") == "user_error"
        tp, fp = tp + (expected and actual), fp + (not expected and actual)
        fn, tn = fn + (expected and not actual), tn + (not expected and not actual)
    return {
        "precision": rate(tp, tp + fp),
        "recall": rate(tp, tp + fn),
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "tn": tn,
    }


def latency(records: list[dict]) -> dict:
    values = [float(r["answer"].get("latency_ms", 0)) for r in records if r.get("answer")]
    return {
        "p50": percentile(values, 50),
        "p95": percentile(values, 95),
        "mean": round(sum(values) / len(values), 1) if values else None,
        "max": max(values) if values else None,
    }


def citation_support(records: list[dict]) -> dict:
    """Recommended actions whose citation speaks of their product or signal (checks.py)."""
    checked = sum((r.get("citation_support") or {}).get("checked", 0) for r in records)
    bad = [
        f"{r['id']}: {title}"
        for r in records
        for title in (r.get("citation_support") or {}).get("unsupported", [])
    ]
    return {
        "checked": checked,
        "unsupported": len(bad),
        "rate": rate(checked - len(bad), checked),
        "examples": bad[:10],
    }


def summarise(
    records: list[dict],
    *,
    dataset: str = "",
    warnings: list[str] | None = None,
    engine: str | None = None,
) -> dict:
    answers = [r["answer"] for r in records if r.get("answer")]
    errors = [r for r in records if r.get("error")]
    passed = [r for r in records if case_passed(r)]
    check_names = sorted({k for r in records for k in r.get("checks", {})})
    checks = _bucket(
        (k, r["checks"][k]) for r in records for k in check_names if k in r.get("checks", {})
    )
    leaks = sum(len(r.get("pii_findings") or []) for r in records)
    return {
        "dataset": dataset,
        "engine_requested": engine,
        "cases": len(records),
        "passed": len(passed),
        "pass_rate": rate(len(passed), len(records)),
        "intent_accuracy": (checks.get("intent") or {}).get("rate"),
        "checks": checks,
        "by_intent": _bucket((intent_key(r), case_passed(r)) for r in records),
        "by_language": _bucket(((r.get("language") or "unknown"), case_passed(r)) for r in records),
        "by_category": _bucket(
            ((r.get("category") or "uncategorised"), case_passed(r)) for r in records
        ),
        "tools": tool_scores(records),
        "citations": citation_scores(records),
        "refusal": refusal_scores(records),
        "pii_leaks": leaks,
        "pii_leak_cases": sum(1 for r in records if r.get("pii_findings")),
        "citation_support": citation_support(records),
        "latency_ms": latency(records),
        "fallbacks": sum("engine:fallback" in a.get("flags", []) for a in answers),
        "engines": dict(Counter(a.get("engine", "?") for a in answers)),
        "errored": len(errors),
        "errored_unexpected": sum(1 for r in errors if not case_passed(r)),
        "errors_by_kind": dict(Counter(r["error"]["kind"] for r in errors)),
        "judged": None,
        "failed_ids": sorted(r["id"] for r in records if not case_passed(r)),
        "warnings": list(warnings or []),
    }
