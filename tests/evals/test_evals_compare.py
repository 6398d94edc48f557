"""``frontline eval compare``: deltas, flipped cases and the floor gate's exit code."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.errors import UserError
from evals.cli import eval_app
from evals.compare import compare
from evals.metrics import summarise

FLOORS = "pass_rate: {min: 0.5}\nrefusal.recall: {min: 1.0}\npii_leaks: {max: 0}\n"


def _run_dir(root: Path, name: str, outcomes: dict[str, bool], leaks: int = 0) -> Path:
    records = [
        {
            "id": cid,
            "checks": {"refused": ok},
            "expect": {"refused": True},
            "language": "zh",
            "category": "c",
            "answer": {"refused": ok, "latency_ms": 5, "flags": [], "intent": "client_facts"},
            "pii_findings": ["x"] * leaks if cid == "a" else [],
        }
        for cid, ok in outcomes.items()
    ]
    out = root / name
    out.mkdir()
    (out / "results.jsonl").write_text(
        "".join(json.dumps(r) + "\n" for r in records), encoding="utf-8"
    )
    (out / "summary.json").write_text(json.dumps(summarise(records)), encoding="utf-8")
    return out


@pytest.fixture
def floors(tmp_path: Path) -> Path:
    path = tmp_path / "floors.yaml"
    path.write_text(FLOORS, encoding="utf-8")
    return path


def test_when_new_run_meets_the_floors_then_exit_zero(tmp_path: Path, floors: Path) -> None:
    base = _run_dir(tmp_path, "base", {"a": True, "b": False})
    new = _run_dir(tmp_path, "new", {"a": True, "b": True})
    result = CliRunner().invoke(
        eval_app, ["compare", str(base), str(new / "summary.json"), "--floors", str(floors)]
    )
    assert result.exit_code == 0, result.output
    assert "fail -> pass (1): b" in result.output and "all floors met" in result.output
    assert "pass_rate" in result.output and "+0.5" in result.output


def test_when_new_run_is_below_a_floor_then_exit_one_and_flips_listed(
    tmp_path: Path, floors: Path
) -> None:
    base = _run_dir(tmp_path, "base", {"a": True, "b": True})
    new = _run_dir(tmp_path, "new", {"a": True, "b": False}, leaks=1)
    result = CliRunner().invoke(eval_app, ["compare", str(base), str(new), "--floors", str(floors)])
    assert result.exit_code == 1
    assert "pass -> fail (1): b" in result.output
    assert (
        "BELOW FLOOR: refusal.recall = 0.5 < min 1" in result.output
        and "BELOW FLOOR: pii_leaks = 1 > max 0" in result.output
    )


def test_when_a_floor_metric_is_missing_then_it_is_a_breach(tmp_path: Path) -> None:
    base = _run_dir(tmp_path, "base", {"a": True})
    result = compare(base, base, {"citations.hit_rate": {"min": 0.5}})
    assert result.breaches == ["citations.hit_rate: missing (floor {'min': 0.5})"]


def test_when_base_is_not_a_run_then_user_error(tmp_path: Path, floors: Path) -> None:
    with pytest.raises(UserError):
        compare(tmp_path / "nowhere", tmp_path / "nowhere", {})


def test_the_shipped_floors_file_parses() -> None:
    from evals.compare import load_floors

    floors = load_floors()
    assert floors["pii_leaks"] == {"max": 0} and floors[
        "by_category.foreign_client_by_name.rate"
    ] == {"min": 1.0}


def test_a_partial_set_with_no_cited_case_holds_no_citation_floor() -> None:
    from evals.compare import floors_for_a_partial_set

    floors: dict[str, dict] = {
        "pass_rate": {"min": 0.97},
        "citations.hit_rate": {"min": 0.96},
        "citations.mrr": {"min": 0.95},
        "latency_ms.p95": {"max": 5000},
    }
    uncited = {"pass_rate": 1.0, "citations": {"hit_rate": None, "mrr": 0.0}}
    assert set(floors_for_a_partial_set(uncited, floors)) == {"pass_rate"}
    cited = {"pass_rate": 1.0, "citations": {"hit_rate": 0.5, "mrr": 0.4}}
    assert set(floors_for_a_partial_set(cited, floors)) == {
        "pass_rate", "citations.hit_rate", "citations.mrr",
    }  # fmt: skip
