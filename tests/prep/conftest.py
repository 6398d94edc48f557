"""The demo bank (generated, imported, playbooks ingested with the hashing embedder) and a
client of RM001's chosen from the extract for what a prep must show."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest

from assistant.wiring import Frontline
from testkit.demo import build_demo_frontline
from tools.bank.records import ClientData
from tools.entitlement import resolve_caller
from tools.prep.policy import load_prep_policy
from tools.toolbox import Toolbox

pytestmark = pytest.mark.slow


@pytest.fixture(scope="session")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Frontline, dict]]:
    fl, truth = build_demo_frontline(tmp_path_factory.mktemp("prep-home"))
    yield fl, truth
    fl.close()


def toolbox(fl: Frontline, rm: str = "RM001", language: str = "zh") -> Toolbox:
    return Toolbox(fl.tool_services(), resolve_caller(fl.bank, rm), f"prep-test-{rm}", language)


def book(fl: Frontline, rm: str) -> list[ClientData]:
    return fl.bank.client_data(sorted(resolve_caller(fl.bank, rm).client_ids))


@pytest.fixture(scope="session")
def busy_client(demo) -> ClientData:
    """A client of RM001's with notes and a holding maturing within the prep's horizon: the
    prep has something to say in every section that reads the extract."""
    fl, _ = demo
    horizon = timedelta(days=load_prep_policy().maturity_horizon_days)
    as_of = fl.insights.as_of
    for data in book(fl, "RM001"):
        soon = [
            h
            for h in data.holdings
            if h.maturity_date and as_of < h.maturity_date <= as_of + horizon
        ]
        if soon and len(data.interactions) >= 2 and len(data.balances) >= 2:
            return data
    raise AssertionError("the demo bank has no such client for RM001")
