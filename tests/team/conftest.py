"""The evaluation banks for the team measures: each bank as imported (the brief tests' banks),
and each with a planted slow RM — the extract's interactions of its busiest churn RM dropped
before the import, and a branch head added to that RM's branch."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from evals.banks.harbour.generate import generate
from testkit.demo import demo_extract
from tests.brief.conftest import (  # noqa: F401 (the brief tests' session banks, shared here)
    Bank,
    _frontline,
    demo_bank,
    harbour_bank,
    harbour_frontline_at,
)
from tools.bank.importer import import_extract

# The churn pattern's name in each bank's truth file.
CHURN = {"demo": ("churn_gradual", "churn_sudden"), "harbour": ("outflow",)}
BRANCH_HEAD = "BH9001"


def _rewrite(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def plant_slow_rm(extract: Path, truth: dict, bank: str) -> str:
    """Drop every interaction of the RM with the most churn clients, add a branch head to
    their branch, and return that RM's id."""
    clients = {c["client_id"]: c for c in _read(extract / "clients.csv")}
    churned = {cid for p in CHURN[bank] for cid in truth["patterns"].get(p, [])}
    counts: dict[str, int] = {}
    for cid in churned:
        counts[clients[cid]["rm_id"]] = counts.get(clients[cid]["rm_id"], 0) + 1
    slow = max(sorted(counts), key=lambda rm: counts[rm])
    kept = [i for i in _read(extract / "interactions.csv") if i["rm_id"] != slow]
    _rewrite(extract / "interactions.csv", kept)
    rms = _read(extract / "rms.csv")
    branch = next(r["branch"] for r in rms if r["rm_id"] == slow)
    head = dict.fromkeys(rms[0], "") | {
        "rm_id": BRANCH_HEAD, "name": "分行长", "team_id": "BRANCH", "branch": branch,
        "role": "branch_head",
    }  # fmt: skip
    _rewrite(extract / "rms.csv", [*rms, head])
    return slow


@pytest.fixture(scope="session", params=["demo", "harbour"])
def planted(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Bank, str, str]]:
    """(the bank with a planted slow RM, that RM, the bank's name)."""
    bank = request.param
    home = tmp_path_factory.mktemp(f"team-{bank}")
    extract = home / bank
    if bank == "demo":
        fl = _frontline(home)
        demo_extract(extract)
        truth = json.loads((extract / "demo_truth.json").read_text("utf-8"))
    else:
        fl = harbour_frontline_at(home)
        truth = generate(extract)
    slow = plant_slow_rm(extract, truth, bank)
    import_extract(fl.sessions, extract)
    fl.after_import()
    yield Bank(fl, extract, truth), slow, bank
    fl.close()
