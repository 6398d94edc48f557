"""The two evaluation banks imported (no playbooks: a brief cites playbooks by id and never
searches), each read back from its own CSVs for what the tests expect."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest

from assistant.wiring import Frontline
from evals.banks.harbour import (
    BANK_PROFILE,
    CONTACT_POLICY,
    NOTE_POLICY,
    PERFORMANCE_POLICY,
    SIGNAL_POLICY,
    TIERING_POLICY,
)
from evals.banks.harbour.generate import generate
from testkit.demo import demo_extract
from testkit.embeddings import HashingEmbeddings
from tests.conftest import make_settings
from tools.bank.importer import import_extract

# Columns of the import format that hold a full identifier or contact detail (DESIGN §3).
IDENTIFIER_COLUMNS = {
    "clients": ("registration_id", "phone", "email"),
    "contacts": ("phone", "email", "id_number"),
    "holdings": ("account_no",),
}


@dataclass
class Bank:
    """An imported bank and its extract, read independently of the engine."""

    fl: Frontline
    extract: Path
    truth: dict

    def rows(self, stem: str) -> list[dict[str, str]]:
        with (self.extract / f"{stem}.csv").open(encoding="utf-8", newline="") as fh:
            return list(csv.DictReader(fh))

    @property
    def as_of(self) -> date:
        return date.fromisoformat(self.truth["as_of"])

    def book(self, rm_id: str) -> set[str]:
        return {c["client_id"] for c in self.rows("clients") if c["rm_id"] == rm_id}

    def team_book(self, team_id: str) -> set[str]:
        team = {r["rm_id"] for r in self.rows("rms") if r["team_id"] == team_id}
        return {c["client_id"] for c in self.rows("clients") if c["rm_id"] in team}

    def book_of_all(self) -> set[str]:
        return {c["client_id"] for c in self.rows("clients")}

    def names(self, client_ids: set[str]) -> set[str]:
        return {c["name"] for c in self.rows("clients") if c["client_id"] in client_ids}

    @property
    def first_working_day(self) -> date:
        """The first day on or after the extract's as-of date the bank's calendar works: the
        first morning a brief would go out on this extract."""
        day = self.as_of
        while not self.fl.briefs.is_working_day(day):
            day += timedelta(days=1)
        return day

    def maturing_within(self, client_ids: set[str], day: date, days: int) -> set[str]:
        return {
            h["client_id"]
            for h in self.rows("holdings")
            if h["client_id"] in client_ids
            and h["maturity_date"]
            and 0 <= (date.fromisoformat(h["maturity_date"]) - day).days <= days
        }

    def identifiers(self) -> set[str]:
        found = set()
        for stem, columns in IDENTIFIER_COLUMNS.items():
            for row in self.rows(stem):
                found |= {row[c] for c in columns if row.get(c) and len(row[c]) >= 6}
        return found


def _frontline(home: Path, **settings: object) -> Frontline:
    return Frontline(make_settings(home, **settings), embedder=HashingEmbeddings())


def harbour_frontline_at(home: Path) -> Frontline:
    """A Frontline under ``home`` with the Harbour bank's profile and policies."""
    return _frontline(
        home,
        bank_profile=BANK_PROFILE,
        tiering_policy=TIERING_POLICY,
        signal_policy=SIGNAL_POLICY,
        performance_policy=PERFORMANCE_POLICY,
        contact_policy=CONTACT_POLICY,
        note_policy=NOTE_POLICY,
    )


@pytest.fixture(scope="session")
def demo_bank(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Bank]:
    home = tmp_path_factory.mktemp("brief-demo")
    fl = _frontline(home)
    extract = home / "demo"
    demo_extract(extract)
    import_extract(fl.sessions, extract)
    fl.after_import()
    yield Bank(fl, extract, json.loads((extract / "demo_truth.json").read_text("utf-8")))
    fl.close()


@pytest.fixture(scope="session")
def harbour_bank(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Bank]:
    home = tmp_path_factory.mktemp("brief-harbour")
    fl = harbour_frontline_at(home)
    extract = home / "harbour"
    truth = generate(extract)
    import_extract(fl.sessions, extract)
    fl.after_import()
    yield Bank(fl, extract, truth)
    fl.close()
