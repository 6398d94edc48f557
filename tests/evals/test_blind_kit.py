"""The blind round's kit holds only what a writer may see; the split keeps conversations whole
and alternates each kind of question between the halves."""

from __future__ import annotations

from pathlib import Path

from evals.blind.kit import POLICY_FILES, build
from evals.blind.split import split


def _case(i: str, category: str, after: str | None = None) -> dict:
    return {"id": i, "category": category, **({"follow_up_of": after} if after else {})}


def test_a_conversation_stays_whole_and_each_kind_alternates() -> None:
    cases = [
        _case("q1", "client_facts"),
        _case("q2", "follow_up", "q1"),
        _case("q3", "follow_up", "q2"),
        _case("q4", "client_facts"),
        _case("q5", "draft"),
        _case("q6", "client_facts"),
        _case("q7", "draft"),
        _case("q8", "follow_up", "q7"),
    ]
    dev, held = split(cases)
    assert [c["id"] for c in dev] == ["q1", "q2", "q3", "q5", "q6"]
    assert [c["id"] for c in held] == ["q4", "q7", "q8"]


def test_the_kit_holds_the_banks_files_and_never_their_truth(tmp_path: Path) -> None:
    folders = build(tmp_path)
    assert [f.name for f in folders] == ["demo", "harbour"]
    for folder in folders:
        data = {p.name for p in (folder / "data").iterdir()}
        assert {"clients.csv", "rms.csv", "holdings.csv", "balances.csv"} <= data
        assert not any("truth" in name for name in data)
        assert {p.stem for p in (folder / "policy").iterdir()} == set(POLICY_FILES)
        assert any((folder / "playbooks").rglob("*.md"))
        assert not any(p.name.startswith("_test") for p in (folder / "playbooks").rglob("*"))
        assert (folder / "TODAY.txt").read_text(encoding="utf-8").strip()[:4] == "2026"
        assert "client_ids" in (folder / "CONTRACT.md").read_text(encoding="utf-8")
