"""The demo bank on SQLite and PostgreSQL with a clock the test turns: outcomes are recorded
on the bank's "today", and the hide window is measured in the bank's days."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

import pytest

from assistant.wiring import Frontline
from tests.conftest import DATABASES, demo_bank_on
from tools.outcomes.service import OutcomeService


@dataclass
class Clock:
    day: date

    def __call__(self) -> date:
        return self.day


def with_clock(fl: Frontline, day: date) -> Clock:
    """Replace the bank's "today" for outcomes and the brief (the wiring's services are
    rebuilt around it)."""
    clock = Clock(day)
    fl.__dict__["outcomes"] = OutcomeService(fl.bank, fl.outcome_policy, clock, fl.audit)
    for built in ("briefs", "outcome_desk"):
        fl.__dict__.pop(built, None)
    return clock


@dataclass
class Bank:
    fl: Frontline
    truth: dict
    clock: Clock

    @property
    def as_of(self) -> date:
        return date.fromisoformat(self.truth["as_of"])


@pytest.fixture(scope="module", params=DATABASES)
def bank(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Bank]:
    home = tmp_path_factory.mktemp("outcomes")
    with demo_bank_on(request.param, home, "frontline_outcomes") as (fl, truth):
        yield Bank(fl, truth, with_clock(fl, date.fromisoformat(truth["as_of"])))
