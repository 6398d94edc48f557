"""Metric arithmetic on hand-made records."""

from __future__ import annotations

from evals.metrics import percentile, summarise


def rec(
    cid: str,
    checks: dict,
    *,
    intent: str = "serve_client",
    lang: str = "zh",
    expect: dict | None = None,
    answer: dict | None = None,
    error: str | None = None,
    leaks: int = 0,
) -> dict:
    a = (
        None
        if error
        else {
            "intent": intent,
            "refused": False,
            "latency_ms": 100,
            "flags": [],
            "tool_calls": [],
            "citations": [],
            "engine": "offline",
        }
        | (answer or {})
    )
    return {
        "id": cid,
        "checks": checks,
        "language": lang,
        "category": "c",
        "expect": {"intent": intent} | (expect or {}),
        "answer": a,
        "error": {"kind": error} if error else None,
        "pii_findings": ["x"] * leaks,
    }


def test_pass_rates_overall_per_check_and_per_bucket() -> None:
    m = summarise(
        [
            rec("a", {"intent": True, "pii": True}),
            rec("b", {"intent": False, "pii": True}, lang="en"),
            rec("c", {"intent": True, "pii": True}, intent="help", lang="en"),
            rec("d", {"intent": True, "pii": False}, leaks=2),
        ]
    )
    assert (m["passed"], m["cases"], m["pass_rate"]) == (2, 4, 0.5)
    assert m["checks"]["intent"] == {"passed": 3, "total": 4, "rate": 0.75}
    assert m["intent_accuracy"] == 0.75
    assert m["by_language"]["en"]["rate"] == 0.5 and m["by_language"]["zh"]["rate"] == 0.5
    assert m["by_intent"]["help"]["rate"] == 1.0 and m["by_intent"]["serve_client"][
        "rate"
    ] == round(1 / 3, 4)
    assert (m["pii_leaks"], m["pii_leak_cases"]) == (2, 1)
    assert m["failed_ids"] == ["b", "d"] and m["judged"] is None


def test_tool_precision_and_recall_are_micro_averaged() -> None:
    calls = [{"name": n, "ok": True} for n in ("find_clients", "get_client_profile")]
    m = summarise(
        [
            rec(
                "a",
                {"tools": True},
                expect={"tools": ["get_client_profile"]},
                answer={"tool_calls": calls},
            ),
            rec("b", {"tools": False}, expect={"tools": ["list_book"]}, answer={"tool_calls": []}),
        ]
    )
    assert m["tools"] | {} == {"precision": 0.5, "recall": 0.5, "tp": 1, "fp": 1, "fn": 1}


def test_citation_hits_and_mrr() -> None:
    cited = [
        {"n": 1, "doc_id": "a"},
        {"n": 2, "doc_id": "b"},
        {"n": 3, "doc_id": "c"},
        {"n": 4, "doc_id": "d"},
    ]
    m = summarise(
        [
            rec("x", {}, expect={"citations_any": ["a"]}, answer={"citations": cited}),
            rec("y", {}, expect={"citations_any": ["c"]}, answer={"citations": cited}),
            rec("z", {}, expect={"citations_any": ["d"]}, answer={"citations": cited}),
            rec("w", {}, expect={"citations_any": ["q"]}, answer={"citations": cited}),
        ]
    )
    c = m["citations"]
    assert (c["hit@1"], c["hit@3"], c["hit@5"], c["hit_rate"]) == (0.25, 0.5, 0.75, 0.75)
    assert c["mrr"] == round((1 + 1 / 3 + 1 / 4) / 4, 4)


def test_refusal_precision_recall_and_unknown_rm_counts_as_refused() -> None:
    m = summarise(
        [
            rec("tp", {}, expect={"refused": True}, answer={"refused": True}),
            rec("fn", {}, expect={"refused": True}, answer={"refused": False}),
            rec("fp", {}, expect={"refused": False}, answer={"refused": True}),
            rec("tn", {}, expect={"refused": False}),
            rec("rm999", {"refused": True}, expect={"refused": True}, error="user_error"),
        ]
    )
    assert m["refusal"] == {
        "precision": round(2 / 3, 4),
        "recall": round(2 / 3, 4),
        "tp": 2,
        "fp": 1,
        "fn": 1,
        "tn": 1,
    }
    assert m["errored"] == 1 and m["errored_unexpected"] == 0


def test_latency_percentiles_and_fallbacks() -> None:
    records = [
        rec(str(i), {}, answer={"latency_ms": v, "flags": ["engine:fallback"] if i < 2 else []})
        for i, v in enumerate([10, 20, 30, 40, 1000])
    ]
    m = summarise(records)
    assert m["latency_ms"]["p50"] == 30 and m["latency_ms"]["p95"] == 1000 and m["fallbacks"] == 2
    assert percentile([], 50) is None


def test_metrics_without_applicable_cases_are_none_not_perfect() -> None:
    m = summarise([rec("a", {"pii": True})])
    assert m["refusal"]["recall"] is None and m["citations"]["hit_rate"] is None
