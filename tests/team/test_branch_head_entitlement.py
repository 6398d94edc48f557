"""What a branch head may see, tool by tool (the issue's entitlement matrix, as
``tests/core/test_tools_suite.py`` keeps it for RMs, leads and admins), on both evaluation banks
with a planted branch head: every tool that reads a client refuses a client of the branch that
is not in their own book; the book they list is their own (none); the team measures are the
branch's, as aggregates with no client named, the picture by RM."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.brief.conftest import Bank
from tests.team.conftest import BRANCH_HEAD
from tools.entitlement import resolve_caller
from tools.specs import ALL_TOOLS
from tools.toolbox import Refusal, Toolbox, ToolError

# A client of the branch (the planted slow RM's), by each tool that takes one.
CLIENT_ARGS: dict[str, dict[str, Any]] = {
    "get_client_profile": {},
    "get_client_signals": {},
    "recommend_next_actions": {},
    "get_interactions": {},
    "draft_outreach": {},
    "contact_allowance": {},
    "check_compliance": {"text": "您好"},
    "find_products": {"query": "理财"},
    "prepare_meeting": {},
    "capture_interaction": {"text": "记一下：今天电话联系，客户询问代发"},
    "save_interaction": {"date": "2020-01-02", "channel": "phone", "client_said": "客户询问代发"},
    "record_action_outcome": {"outcome": "done"},
    "refer_client": {"to": "private_banking", "consent": "verbal"},
    "show_chart": {"kind": "client_trend"},
}
# Tools that read no client by id: each has its own row below.
BOOKLESS = {
    "data_gaps",
    "find_clients",
    "list_book",
    "search_playbooks",
    "team_performance",
    "draft_campaign",
    "list_referrals",  # their own referrals only (none here)
    "update_referral",  # a referral sent to them: none here, so a refusal
}


def _head(bank: Bank) -> Toolbox:
    fl = bank.fl
    return Toolbox(fl.tool_services(), resolve_caller(fl.bank, BRANCH_HEAD), "conv-bh", "zh")


def test_every_tool_is_in_the_matrix() -> None:
    assert {s.name for s in ALL_TOOLS} == set(CLIENT_ARGS) | BOOKLESS


@pytest.mark.parametrize("name", sorted(CLIENT_ARGS))
def test_a_client_of_the_branch_outside_their_own_book_is_refused(
    planted: tuple[Bank, str, str], name: str
) -> None:
    bank, slow, _ = planted
    client = sorted(bank.book(slow))[0]
    tb = _head(bank)
    with pytest.raises(Refusal):
        tb.call(name, {"client_id": client, **CLIENT_ARGS[name]})
    assert tb.refusal == "not_entitled" and client not in tb.client_ids


def test_their_book_and_their_search_are_their_own(planted: tuple[Bank, str, str]) -> None:
    bank, slow, _ = planted
    tb = _head(bank)
    assert tb.call("list_book", {"limit": 50})["book_size"] == 0
    assert tb.call("data_gaps", {})["clients"] == 0  # the branch's records are not theirs
    with pytest.raises(ToolError, match="no client of your book"):
        tb.call("draft_campaign", {"segment": {}})  # the branch's clients are not theirs
    name = bank.names({sorted(bank.book(slow))[0]}).pop()
    found = json.dumps(tb.call("find_clients", {"query": name}), ensure_ascii=False)
    assert name not in found and sorted(bank.book(slow))[0] not in found
    assert tb.call("search_playbooks", {"query": "存款流失"})["passages"] is not None
    assert tb.call("list_referrals", {}) == {"sent": [], "received": []}
    with pytest.raises(Refusal):
        tb.call("update_referral", {"referral_id": "R00000000", "status": "won"})


def test_the_measures_are_the_branchs_as_aggregates(planted: tuple[Bank, str, str]) -> None:
    bank, slow, _ = planted
    tb = _head(bank)
    out = tb.call("team_performance", {"period": "quarter"})
    branch = next(r["branch"] for r in bank.rows("rms") if r["rm_id"] == slow)
    staff = {r["rm_id"] for r in bank.rows("rms") if r["branch"] == branch}
    assert out["aggregate_only"] and {r["rm_id"] for r in out["rows"]} <= staff
    assert slow in {r["rm_id"] for r in out["rows"]}
    assert "late" not in out and "due_soon" not in out and not tb.client_ids
    dumped = json.dumps(out, ensure_ascii=False) + json.dumps(
        [c.model_dump() for c in tb.charts], ensure_ascii=False
    )
    assert not any(cid in dumped for cid in bank.book_of_all())
    staff_names = {r["name"] for r in bank.rows("rms")}  # a client may share a colleague's name
    leaked = [n for n in bank.names(bank.book_of_all()) - staff_names if n in dumped]
    assert not leaked, leaked
    assert [c.kind for c in tb.charts] == ["bar"]  # one bar per RM of the branch


def test_the_branch_page_shows_its_books_in_aggregate(planted: tuple[Bank, str, str]) -> None:
    """``/dashboard``'s content for the branch head: the measures, the tier mix, the deposit
    trend and the maturities within 30 days — every client of the branch counted, none named."""
    from integrations.dashboard.render import render_dashboard

    bank, slow, _ = planted
    reports = bank.fl.team_reports
    view = reports.view(BRANCH_HEAD, "quarter", None)
    books = reports.book_charts(BRANCH_HEAD, "quarter", None, "zh")
    tiers = next(c for c in books if c.title == "客户分层")
    branch = next(r["branch"] for r in bank.rows("rms") if r["rm_id"] == slow)
    staff = {r["rm_id"] for r in bank.rows("rms") if r["branch"] == branch}
    clients = {c["client_id"] for c in bank.rows("clients") if c["rm_id"] in staff}
    assert sum(p.value or 0 for p in tiers.data) == len(clients)
    page = render_dashboard(view, "zh", books)
    staff_names = {r["name"] for r in bank.rows("rms")}
    assert not any(cid in page for cid in bank.book_of_all())
    assert not [n for n in bank.names(bank.book_of_all()) - staff_names if n in page]
    assert page.count('role="img"') == len(books) + 3 and "<script" not in page
