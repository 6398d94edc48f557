"""The planted client experience (evals.banks.experience) on both evaluation banks' real
extracts: every planted client where the golden sets expect it, the import reads the rows, a
watch rating is one the bank's own overlay watches, and an extract whose books differ is refused
without the full client id."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from evals.banks.experience import DEMO, HARBOUR, Planting, plant
from evals.banks.harbour import TIERING_POLICY
from evals.banks.harbour.generate import generate
from testkit.demo import demo_extract
from tools.intelligence.policy import load_policies


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.parametrize(
    ("bank", "planting", "tiering"),
    [("demo", DEMO, None), ("harbour", HARBOUR, TIERING_POLICY)],
)
def test_the_planting_lands_in_the_books_the_cases_ask_from(
    tmp_path: Path, bank: str, planting: Planting, tiering: Path | None
) -> None:
    extract = demo_extract(tmp_path / bank) if bank == "demo" else tmp_path / bank
    if bank == "harbour":
        generate(extract)
    before = {r["client_id"]: r for r in _rows(extract / "clients.csv")}
    plant(extract, planting)
    clients = {r["client_id"]: r for r in _rows(extract / "clients.csv")}
    assert len(clients) == len(before)
    overlay = load_policies(tiering).tiering.risk_overlay
    assert overlay is not None
    for client_id, rating in planting.watch.items():
        assert clients[client_id]["risk_rating"] == rating
        assert rating in overlay.ratings  # the bank's own watch list, not the demo's
    unchanged = [c for c in clients if c not in planting.watch]
    assert all(clients[c]["risk_rating"] == before[c]["risk_rating"] for c in unchanged)
    complaints = _rows(extract / "complaints.csv")
    assert [c["complaint_id"] for c in complaints] == [
        c["complaint_id"] for c in planting.complaints
    ]
    assert all(
        clients[c["client_id"]]["rm_id"] == planting.books[c["client_id"]] for c in complaints
    )
    assert len(_rows(extract / "surveys.csv")) == len(planting.surveys)


def test_an_extract_whose_books_differ_is_refused_without_the_full_id(tmp_path: Path) -> None:
    extract = demo_extract(tmp_path / "demo")
    moved = Planting(complaints=[], surveys=[], watch={}, books={"C000103": "RM002"})
    with pytest.raises(ValueError) as refused:
        plant(extract, moved)
    assert "…0103" in str(refused.value) and "C000103" not in str(refused.value)


def test_a_second_planting_keeps_the_rows_already_there(tmp_path: Path) -> None:
    extract = demo_extract(tmp_path / "demo")
    plant(extract, DEMO)
    plant(extract, Planting(complaints=DEMO.complaints[:1], surveys=[], watch={}))
    assert len(_rows(extract / "complaints.csv")) == len(DEMO.complaints) + 1
