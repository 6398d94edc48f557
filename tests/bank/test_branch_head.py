"""A branch head (``role: branch_head``) is a role of the import format: the extract loads, and
for now the branch head reads their own book only — another RM's client of the branch is out of
reach exactly as for any RM."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from assistant.errors import EntitlementError
from assistant.wiring import Frontline
from testkit.extract import small_extract, write_extract
from tests.conftest import make_settings
from tools.bank.importer import import_extract
from tools.entitlement import resolve_caller


@pytest.fixture
def bank(tmp_path: Path):
    data = copy.deepcopy(small_extract())
    rms = {r["rm_id"]: r for r in data["rms.csv"]}
    rms["RM002"]["role"] = "branch_head"  # owns C000002; RM001 of the branch owns C000001
    rms["RM003"]["role"] = "branch_head"  # owns no client
    fl = Frontline(make_settings(tmp_path / "home"))
    import_extract(fl.sessions, write_extract(tmp_path / "x", data))
    yield fl.bank
    fl.close()


def test_when_an_rm_is_a_branch_head_then_the_extract_imports_with_that_role(bank) -> None:
    rm = bank.get_rm("RM002")
    assert rm is not None and rm.role == "branch_head"


def test_a_branch_head_reads_their_own_book(bank) -> None:
    caller = resolve_caller(bank, "RM002")
    caller.require("C000002")
    assert caller.client_ids == {"C000002"}


@pytest.mark.parametrize("rm_id", ["RM002", "RM003"])
def test_a_branch_head_is_refused_a_client_of_another_book_of_the_branch(bank, rm_id) -> None:
    caller = resolve_caller(bank, rm_id)
    with pytest.raises(EntitlementError):
        caller.require("C000001")
