"""What a client record lacks by the data-quality policy (``tools.data_quality``): fields per
segment, a primary contact, stale contact, a review due — read on records built here; and the
``data_gaps`` tool over the demo bank, its counts matching a count of the extract's own rows."""

from __future__ import annotations

import json
from datetime import date

from assistant.engines.offline.data_gaps import asked
from tools.bank.records import ClientData, ClientRecord, ContactRecord
from tools.data_quality import load_data_quality_policy
from tools.data_quality.gaps import client_gaps
from tools.data_quality.policy import DataQualityPolicy
from tools.entitlement import resolve_caller
from tools.toolbox import Toolbox

AS_OF = date(2026, 11, 1)


def _client(**fields: object) -> ClientRecord:
    base: dict = {
        "client_id": "X1",
        "client_type": "corporate",
        "name": "测试实业有限公司",
        "rm_id": "R1",
        "branch": "B",
        "onboard_date": date(2020, 1, 1),
        "industry": "制造业",
        "registration_id": "91310000MA1FL0XX0X",
        "risk_rating": "A",
        "risk_appetite": "C3",
        "annual_revenue": 1e8,
        "employees": 300,
    }
    return ClientRecord(**(base | fields))  # type: ignore[arg-type]


def _data(client: ClientRecord, primary: bool = True) -> ClientData:
    contacts = (ContactRecord(client.client_id, "王五", "财务总监", is_primary=primary),)
    return ClientData(client=client, holdings=(), balances=(), interactions=(), contacts=contacts)


def test_a_full_record_with_recent_contact_has_no_gap() -> None:
    assert client_gaps(_data(_client()), load_data_quality_policy(), AS_OF, 30) == []


def test_each_gap_is_found_at_its_boundary() -> None:
    policy = load_data_quality_policy()
    lacking = _data(_client(employees=None, risk_appetite=None), primary=False)
    assert client_gaps(lacking, policy, AS_OF, 180) == [
        "risk_appetite",
        "employees",
        "primary_contact",
    ]
    assert "stale_contact" in client_gaps(_data(_client()), policy, AS_OF, 181)
    assert "stale_contact" in client_gaps(_data(_client()), policy, AS_OF, None)  # none on record
    retail = _client(client_type="retail", phone=None, employees=None, industry=None)
    assert client_gaps(_data(retail, primary=False), policy, AS_OF, 10) == ["phone"]


def test_a_review_column_of_the_banks_own_is_read() -> None:
    policy = DataQualityPolicy.model_validate(
        {"version": "t", "review": {"column": "kyc_review_date", "every_months": 12}}
    )
    due = _client(attributes={"kyc_review_date": "2025-11-01"})
    fresh = _client(attributes={"kyc_review_date": "2025-11-02"})
    assert client_gaps(_data(due), policy, AS_OF, 1) == ["review_due"]
    assert client_gaps(_data(fresh), policy, AS_OF, 1) == []


def test_the_question_is_recognised_in_both_languages() -> None:
    assert asked("我的客户数据缺什么") and asked("客户资料哪些没填全")
    assert asked("what's missing in my client data?") and asked("data gaps in my book")
    assert not asked("华东精密的存款数据怎么样") and not asked("what data do you have on Northwind")


def test_the_tool_counts_what_the_extract_lacks(demo) -> None:
    fl, _ = demo
    tb = Toolbox(fl.tool_services(), resolve_caller(fl.bank, "RM004"), "conv-gaps", "zh")
    out = tb.call("data_gaps", {"limit": 2})
    team = fl.bank.client_ids_of(fl.bank.team_rm_ids(tb.caller.rm.team_id))
    assert out["clients"] == len(team) and out["data_as_of"] == "2026-11-01"
    stale = next(f for f in out["fields"] if f["field"] == "stale_contact")
    rows = {r.client_id: r for r in fl.insights.book_rows(frozenset(team))}
    expected = sum(
        1 for r in rows.values() if r.days_since_contact is None or r.days_since_contact > 180
    )
    assert stale["missing"] == expected and len(stale["clients"]) == 2
    assert sum(r["with_gaps"] for r in out["per_rm"]) == out["with_gaps"]
    dumped = json.dumps(out, ensure_ascii=False)
    assert not any(c.name in dumped for c in fl.bank.get_clients(team))  # names as tokens
