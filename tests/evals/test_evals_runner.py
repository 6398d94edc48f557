"""The runner: resumability, isolation of bad cases, follow-ups, workers, engine, outputs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from evals.runner import read_results, run_eval
from testkit.fake_core import FakeCore
from tests.evals.fakes import FakeFrontline, case, eval_core, fake_index, write_dataset

BASE = [
    case("serve-1", "我该怎么服务华东精密机械？", intent="serve_client", client_ids=["C000001"]),
    case(
        "pb-1",
        "What is the churn rule?",
        intent="playbook_qa",
        citations_any=["lifecycle/deposit-churn-rescue-en"],
    ),
    case("foreign-1", "蓝鲸星河的电话", refused=True, client_ids=[]),
]


def _run(tmp_path: Path, rows: list, core: FakeCore | None = None, **kwargs: Any):
    core = core or eval_core()
    dataset = write_dataset(tmp_path / "cases.jsonl", rows)
    summary = run_eval(
        FakeFrontline(core), dataset, tmp_path / "out", progress=False, index=fake_index(), **kwargs
    )
    return core, summary


def test_when_run_then_every_output_file_is_written(tmp_path: Path) -> None:
    _, summary = _run(tmp_path, BASE)
    out = tmp_path / "out"
    assert {p.name for p in out.iterdir()} >= {
        "results.jsonl",
        "summary.json",
        "report.html",
        "report.md",
    }
    records = read_results(out / "results.jsonl")
    assert [r["id"] for r in records] == ["serve-1", "pb-1", "foreign-1"]
    assert set(records[0]) >= {"id", "answer", "checks", "category", "language"}
    assert summary.metrics["pass_rate"] == 1.0


def test_when_rerun_with_same_out_then_finished_cases_are_skipped(tmp_path: Path) -> None:
    first, _ = _run(tmp_path, BASE)
    assert len(first.turns) == 3
    second, summary = _run(tmp_path, BASE + [case("help-1", "what can you do", intent="help")])
    assert [t.text for t in second.turns] == ["what can you do"]
    assert (summary.ran, summary.skipped) == (1, 3)
    assert len(read_results(tmp_path / "out" / "results.jsonl")) == 4


def test_when_interrupted_mid_line_then_the_cut_case_runs_again(tmp_path: Path) -> None:
    _run(tmp_path, BASE)
    results = tmp_path / "out" / "results.jsonl"
    lines = results.read_text(encoding="utf-8").splitlines()
    results.write_text("\n".join(lines[:2]) + "\n" + lines[2][:40], encoding="utf-8")
    again, _ = _run(tmp_path, BASE)
    assert [t.text for t in again.turns] == ["蓝鲸星河的电话"]


def test_when_line_malformed_and_rm_unknown_then_both_errored_and_rest_run(tmp_path: Path) -> None:
    rows = [
        BASE[0],
        "{not json",
        case("ghost-1", "我该怎么服务华东精密机械？", rm="RM999", intent="serve_client"),
        BASE[1],
    ]
    core, summary = _run(tmp_path, rows)
    by_id = {r["id"]: r for r in read_results(tmp_path / "out" / "results.jsonl")}
    assert by_id["line-2"]["error"]["kind"] == "malformed"
    assert by_id["ghost-1"]["error"]["kind"] == "user_error"
    assert by_id["serve-1"]["answer"] and by_id["pb-1"]["answer"]
    assert summary.metrics["errored"] == 2 and summary.metrics["passed"] == 2


def test_when_unknown_rm_case_expects_refusal_then_the_user_error_counts_as_refused(
    tmp_path: Path,
) -> None:
    _, summary = _run(tmp_path, [case("ghost-1", "hello", rm="RM999", refused=True, client_ids=[])])
    assert summary.metrics["pass_rate"] == 1.0
    assert summary.metrics["refusal"]["recall"] == 1.0


def test_when_expect_has_unknown_keys_then_warned_not_fatal(tmp_path: Path) -> None:
    _, summary = _run(
        tmp_path,
        [case("serve-1", "我该怎么服务华东精密机械？", intent="serve_client", tone="warm")],
    )
    assert summary.warnings == ["serve-1: unknown expect key(s) tone (ignored)"]
    assert summary.metrics["warnings"] == summary.warnings and summary.metrics["pass_rate"] == 1.0


def test_when_follow_up_then_it_continues_the_parent_conversation(tmp_path: Path) -> None:
    child = case("fu-2", "and draft it", intent="draft_outreach") | {"follow_up_of": "fu-1"}
    core, _ = _run(tmp_path, [child, case("fu-1", "我该怎么服务华东精密机械？")])
    assert [t.text for t in core.turns] == ["我该怎么服务华东精密机械？", "and draft it"]
    parent = core.conversations[core.turns[1].conversation_id or ""]
    assert [t.question for t in parent.turns] == ["我该怎么服务华东精密机械？", "and draft it"]


def test_when_parent_errored_then_follow_up_is_errored_too(tmp_path: Path) -> None:
    rows = [case("fu-1", "hi", rm="RM999"), case("fu-2", "and draft it") | {"follow_up_of": "fu-1"}]
    _, summary = _run(tmp_path, rows)
    assert summary.metrics["errors_by_kind"] == {"user_error": 1, "parent_failed": 1}


def test_workers_bound_concurrency_and_engine_reaches_the_turn(tmp_path: Path) -> None:
    rows = [case(f"c-{i}", f"question {i}") for i in range(6)]
    core, _ = _run(tmp_path, rows, eval_core(delay_s=0.05), workers=2, engine="offline")
    assert core.peak == 2
    assert {t.engine for t in core.turns} == {"offline"} and {t.channel for t in core.turns} == {
        "eval"
    }


def test_pii_leak_is_recorded_and_fails_the_case(tmp_path: Path) -> None:
    _, summary = _run(tmp_path, [case("leak-1", "leak please")])
    record = read_results(tmp_path / "out" / "results.jsonl")[0]
    assert record["checks"]["pii"] is False
    assert summary.metrics["pii_leaks"] == 2
    assert json.loads((tmp_path / "out" / "summary.json").read_text())["pii_leak_cases"] == 1
