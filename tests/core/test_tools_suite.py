"""The shared tool suite (every tool of DESIGN §4.5): the schema matches the invocation, a
foreign client is refused, and no raw PII leaves in the output."""

from __future__ import annotations

import json
from typing import Any

import pytest
from langchain_core.tools import StructuredTool
from sqlalchemy import select

from tools.bank import models as m
from tools.entitlement import resolve_caller
from tools.specs import ALL_TOOLS
from tools.toolbox import Refusal, Toolbox

OWN, FOREIGN = "C000029", "C000205"
CONTRACT = [
    "find_clients",
    "get_client_profile",
    "get_client_signals",
    "recommend_next_actions",
    "get_interactions",
    "list_book",
    "search_playbooks",
    "draft_outreach",
    "draft_campaign",
    "contact_allowance",
    "check_compliance",
    "find_products",
    "data_gaps",
    "prepare_meeting",
    "capture_interaction",
    "save_interaction",
    "record_action_outcome",
    "refer_client",
    "list_referrals",
    "update_referral",
    "team_performance",
    "show_chart",
]
# A saved note dated long before the extract: it is the client's oldest, so it changes no
# last contact, follow-up or answer of the session's other tests.
OLD_NOTE = {"date": "2020-01-02", "channel": "phone", "client_said": "客户询问代发"}
VALID_ARGS: dict[str, dict[str, Any]] = {
    "find_clients": {"query": "华东精密"},
    "get_client_profile": {"client_id": OWN},
    "get_client_signals": {"client_id": OWN},
    "recommend_next_actions": {"client_id": OWN},
    "get_interactions": {"client_id": OWN, "limit": 20},
    "list_book": {"signal": "deposit_churn", "limit": 50},
    "search_playbooks": {"query": "代发工资 准入条件"},
    "draft_outreach": {"client_id": OWN, "channel": "sms", "purpose": "maturity_reminder"},
    # A campaign recorded and never exported: it counts as no contact.
    "draft_campaign": {"segment": {"tier": "core"}, "purpose": "product_intro"},
    "contact_allowance": {"client_id": OWN},
    "check_compliance": {
        "text": "本产品保证年化5%，稳赚不赔",
        "product_codes": ["RWM02"],
        "client_id": OWN,
    },
    "find_products": {"query": "大额存单", "client_id": OWN},
    "data_gaps": {"limit": 3},
    "prepare_meeting": {"client_id": OWN},
    "capture_interaction": {
        "text": "记一下：今天电话联系，客户询问代发，下周给方案",
        "client_id": OWN,
    },
    "save_interaction": {"client_id": OWN, **OLD_NOTE},
    # Undo with nothing recorded: a real call that changes no later test's brief or list.
    "record_action_outcome": {"client_id": OWN, "outcome": "undo"},
    # A referral of RM001's own client (routed to another branch's RM: RM001 reads nothing
    # of theirs); the one RM001 receives is made by the fixture below.
    "refer_client": {
        "client_id": OWN,
        "to": "private_banking",
        "consent": "verbal",
        "need": "家族信托",
    },
    "list_referrals": {},
    "update_referral": {"referral_id": "", "status": "contacted"},
    "team_performance": {"period": "quarter"},
    "show_chart": {"kind": "client_trend", "client_id": OWN},
}
FOREIGN_ARGS = {
    "find_clients": {"query": FOREIGN},
    "get_client_profile": {"client_id": FOREIGN},
    "get_client_signals": {"client_id": FOREIGN},
    "recommend_next_actions": {"client_id": FOREIGN},
    "get_interactions": {"client_id": FOREIGN},
    "draft_outreach": {"client_id": FOREIGN},
    "contact_allowance": {"client_id": FOREIGN},
    "check_compliance": {"text": "您好", "client_id": FOREIGN},
    "find_products": {"query": "理财", "client_id": FOREIGN},
    "prepare_meeting": {"client_id": FOREIGN},
    "capture_interaction": {"text": "记一下：今天电话联系，客户询问代发", "client_id": FOREIGN},
    "save_interaction": {"client_id": FOREIGN, **OLD_NOTE},
    "record_action_outcome": {"client_id": FOREIGN, "outcome": "done"},
    "refer_client": {"client_id": FOREIGN, "to": "private_banking", "consent": "verbal"},
    "show_chart": {"kind": "client_trend", "client_id": FOREIGN},
}
# A lead reads the team's clients but acts for no one: outcomes are the client's own RM's.
ACTS_FOR_THE_RM = {"record_action_outcome"}


@pytest.fixture(scope="module")
def raw_pii(demo) -> set[str]:
    """Every raw name and identifier the bank holds (values of 4+ characters)."""
    fl, _ = demo
    values: set[str] = set()
    with fl.sessions() as s:
        for c in s.scalars(select(m.Client)):
            values |= {c.name, c.phone or "", c.email or "", c.registration_id or ""}
        for p in s.scalars(select(m.Contact)):
            values |= {p.name, p.phone or "", p.email or "", p.id_number or ""}
        values |= {a for a in s.scalars(select(m.Holding.account_no)) if a}
    return {v for v in values if len(v) >= 4}


@pytest.fixture(scope="module", autouse=True)
def referral_to_rm001(demo) -> None:
    """A referral RM002 sends RM001 (of FOREIGN, RM002's client): what update_referral moves."""
    fl, _ = demo
    referral, _ = fl.referrals.create(
        resolve_caller(fl.bank, "RM002"), FOREIGN, target=None, to_rm="RM001",
        consent="verbal", need="结算", scope="conv-tools-RM002",
    )  # fmt: skip
    VALID_ARGS["update_referral"]["referral_id"] = referral.referral_id


def toolbox(fl, rm: str = "RM001") -> Toolbox:
    return Toolbox(fl.tool_services(), resolve_caller(fl.bank, rm), f"conv-tools-{rm}", "zh")


def test_the_contract_names_every_tool_once() -> None:
    assert [s.name for s in ALL_TOOLS] == CONTRACT


@pytest.mark.parametrize("spec", ALL_TOOLS, ids=lambda s: s.name)
def test_when_invoked_through_langchain_then_the_schema_matches_and_a_description_exists(
    demo, spec
) -> None:
    fl, _ = demo
    fields = set(spec.schema.model_fields)
    tool = next(t for t in toolbox(fl).langchain_tools() if t.name == spec.name)
    assert (
        isinstance(tool, StructuredTool)
        and tool.args_schema is spec.schema
        and len(tool.description) > 60
    )
    assert set(VALID_ARGS[spec.name]) <= fields
    result = json.loads(tool.invoke(VALID_ARGS[spec.name]))
    assert isinstance(result, dict) and result


@pytest.mark.parametrize("name", sorted(FOREIGN_ARGS))
def test_when_the_client_is_outside_the_book_then_the_tool_refuses(demo, name) -> None:
    fl, _ = demo
    tb = toolbox(fl)
    with pytest.raises(Refusal):
        tb.call(name, FOREIGN_ARGS[name])
    assert tb.refusal == "not_entitled" and not tb.calls[-1].ok and FOREIGN not in tb.client_ids


CLIENT_DATA_TOOLS = sorted(set(FOREIGN_ARGS) | {"list_book", "team_performance", "draft_campaign"})


@pytest.mark.parametrize("name", CLIENT_DATA_TOOLS)
def test_when_the_caller_is_an_admin_then_every_client_data_tool_refuses(demo, name) -> None:
    fl, _ = demo
    with pytest.raises(Refusal):
        toolbox(fl, "RM900").call(name, VALID_ARGS[name])


def test_when_an_admin_searches_playbooks_then_it_is_allowed(demo) -> None:
    fl, _ = demo
    assert toolbox(fl, "RM900").call("search_playbooks", VALID_ARGS["search_playbooks"])["passages"]


@pytest.mark.parametrize("name", sorted(set(FOREIGN_ARGS) - ACTS_FOR_THE_RM))
def test_when_a_team_lead_asks_about_a_team_members_client_then_every_tool_answers(
    demo, name
) -> None:
    fl, _ = demo
    lead = toolbox(fl, "RM004")  # RM002, who holds the FOREIGN client, is in RM004's team
    assert lead.call(name, FOREIGN_ARGS[name]) and lead.calls[-1].ok


@pytest.mark.parametrize("name", sorted(ACTS_FOR_THE_RM))
def test_when_a_team_lead_marks_a_team_members_action_then_it_is_refused(demo, name) -> None:
    fl, _ = demo
    with pytest.raises(Refusal):
        toolbox(fl, "RM004").call(name, FOREIGN_ARGS[name])


def test_when_a_team_lead_lists_the_book_then_it_is_the_whole_team(demo) -> None:
    fl, _ = demo
    lead, rm = toolbox(fl, "RM004"), toolbox(fl, "RM001")
    team = fl.bank.client_ids_of(fl.bank.team_rm_ids(lead.caller.rm.team_id))
    assert lead.caller.client_ids == team and rm.caller.client_ids < team
    assert lead.call("list_book", {"limit": 50})["book_size"] == len(team)


@pytest.mark.parametrize("spec", ALL_TOOLS, ids=lambda s: s.name)
def test_when_a_tool_returns_then_no_raw_pii_is_in_the_output(demo, raw_pii, spec) -> None:
    fl, _ = demo
    out = json.dumps(toolbox(fl).call(spec.name, VALID_ARGS[spec.name]), ensure_ascii=False)
    leaked = sorted(v for v in raw_pii if v in out)
    assert leaked == []


def test_when_arguments_are_malformed_then_a_recoverable_tool_error_is_raised(demo) -> None:
    from tools.toolbox import ToolError

    fl, _ = demo
    tb = toolbox(fl)
    with pytest.raises(ToolError):
        tb.call("get_interactions", {"client_id": OWN, "limit": 500})
    with pytest.raises(ToolError):
        tb.call("invented_tool", {})
