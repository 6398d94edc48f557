"""The morning brief on the demo bank: what the planted truth says is due for RM001 is in
RM001's brief (derived here from demo_truth.json and the CSVs, not from the engine), nothing
of another book is, and no full identifier ever is."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from assistant.brief.model import Brief
from tests.brief.conftest import Bank

pytestmark = pytest.mark.slow  # generates the full demo bank

RM, LEAD, OTHER_TEAM = "RM001", "RM004", "T02"


@pytest.fixture(scope="module")
def brief(demo_bank: Bank) -> Brief:
    return demo_bank.fl.briefs.build(RM, demo_bank.first_working_day, "zh")


def clients(brief: Brief, section: str, kind: str | None = None) -> set[str]:
    return {
        i.client_id
        for i in brief.items
        if i.section == section and (kind is None or i.signal_kind == kind)
    }


def test_when_churn_was_not_followed_up_in_time_then_the_brief_lists_it_overdue(
    demo_bank: Bank, brief: Brief
) -> None:
    expected = set(demo_bank.truth["patterns"]["churn_no_followup"]) & demo_bank.book(RM)
    assert expected, "the demo bank plants missed churn follow-ups in RM001's book"
    assert clients(brief, "overdue", "deposit_churn") == expected


def test_when_churn_was_followed_up_in_time_then_it_is_not_overdue(
    demo_bank: Bank, brief: Brief
) -> None:
    followed = set(demo_bank.truth["churn_followup"]) & demo_bank.book(RM)
    assert followed
    assert not followed & clients(brief, "overdue")


def test_when_other_follow_ups_are_overdue_then_the_truth_planted_their_signal(
    demo_bank: Bank, brief: Brief
) -> None:
    patterns = demo_bank.truth["patterns"]
    assert clients(brief, "overdue", "dormancy") <= set(patterns["dormant"])
    assert clients(brief, "overdue", "suitability") <= set(patterns["suitability_mismatch"])


def test_when_a_holding_matures_within_seven_days_then_the_brief_lists_it(
    demo_bank: Bank, brief: Brief
) -> None:
    soon = set(demo_bank.truth["patterns"]["maturing_30"]) & demo_bank.maturing_within(
        demo_bank.book(RM), demo_bank.first_working_day, 7
    )
    assert soon, "the demo bank plants a maturity within a week in RM001's book"
    assert clients(brief, "maturing") == soon


def test_every_line_is_cited_and_every_action_can_be_drafted(demo_bank: Bank, brief: Brief) -> None:
    cited = {c.n: c.doc_id for c in brief.citations}
    actions = [i for i in brief.items if i.section == "actions"]
    assert 1 <= len(actions) <= 5
    for item in brief.items:
        assert cited[item.citation] == item.playbook
        assert item.text.endswith(f"[{item.citation}]")
        assert f"[{item.citation}] {item.playbook}" in brief.text
    for item in actions:
        [name] = demo_bank.names({item.client_id})
        assert item.draft_request is not None and item.draft_request.startswith(f"给{name}起草")


def test_when_read_by_its_rm_then_only_their_own_clients_appear_by_name(
    demo_bank: Bank, brief: Brief
) -> None:
    book = demo_bank.book(RM)
    assert {i.client_id for i in brief.items} <= book
    assert "⟦" not in brief.text and "[redacted]" not in brief.text
    named = {n for n in demo_bank.names(book) if n in brief.text}
    assert named == demo_bank.names({i.client_id for i in brief.items})
    everyone = {c["client_id"] for c in demo_bank.rows("clients")}
    # Long names only: a two-character personal name can sit inside a company's name.
    foreign = {n for n in demo_bank.names(everyone - book) if len(n) >= 6}
    assert not [n for n in foreign if n in brief.text]


def test_no_full_identifier_in_any_brief(demo_bank: Bank, brief: Brief) -> None:
    lead = demo_bank.fl.briefs.build(LEAD, demo_bank.first_working_day, "en")
    shown = brief.model_dump_json() + lead.model_dump_json()
    leaked = [v for v in demo_bank.identifiers() if v in shown]
    assert leaked == []


def test_when_a_team_lead_reads_then_the_team_brief_has_no_client_of_another_team(
    demo_bank: Bank,
) -> None:
    lead = demo_bank.fl.briefs.build(LEAD, demo_bank.first_working_day, "zh")
    assert lead.role == "team_lead" and not lead.items
    team_book = demo_bank.team_book("T01")
    listed = {i.client_id for m in lead.team for i in m.items}
    assert listed and listed <= team_book
    assert not [n for n in demo_bank.names(demo_bank.team_book(OTHER_TEAM)) if n in lead.text]
    missed = set(demo_bank.truth["patterns"]["churn_no_followup"])
    rm001 = next(m for m in lead.team if m.rm_id == RM)
    assert rm001.overdue >= len(missed & demo_bank.book(RM))
    # A lead reads gaps, not figures: no amounts, no actions to draft.
    assert all(i.section in ("due_today", "overdue") for m in lead.team for i in m.items)
    assert "万" not in lead.text and all(
        i.draft_request is None for m in lead.team for i in m.items
    )


def test_when_asked_in_english_then_the_brief_is_in_english(demo_bank: Bank) -> None:
    en = demo_bank.fl.briefs.build(RM, demo_bank.first_working_day, "en")
    assert en.language == "en" and "Overdue follow-ups" in en.text
    assert all(
        i.draft_request.startswith("Draft a message to") for i in en.items if i.draft_request
    )
    assert json.loads(en.model_dump_json())["rm_id"] == RM


def test_when_an_admin_asks_for_a_brief_then_refused(demo_bank: Bank) -> None:
    from assistant.errors import EntitlementError

    admin = next(r["rm_id"] for r in demo_bank.rows("rms") if r["role"] == "admin")
    with pytest.raises(EntitlementError):
        demo_bank.fl.briefs.build(admin, demo_bank.as_of)


def test_when_the_extract_is_as_of_the_day_before_then_the_brief_does_not_call_it_stale(
    demo_bank: Bank,
) -> None:
    # The demo extract is as of 2026-11-01 (a Sunday): fresh for Monday 2026-11-02.
    day = demo_bank.as_of + timedelta(days=1)
    assert demo_bank.fl.briefs.is_working_day(day)
    brief = demo_bank.fl.briefs.build(RM, day, "zh")
    assert brief.data_as_of == demo_bank.as_of
    assert "数据截至" not in brief.text


def test_when_the_extract_is_older_than_the_last_working_day_then_the_brief_says_so(
    demo_bank: Bank,
) -> None:
    day = demo_bank.as_of + timedelta(days=9)  # Tuesday of the week after
    zh = demo_bank.fl.briefs.build(RM, day, "zh")
    en = demo_bank.fl.briefs.build(RM, day, "en")
    assert f"数据截至 {demo_bank.as_of.isoformat()}" in zh.text
    assert f"Data as of {demo_bank.as_of.isoformat()}, not refreshed since" in en.text
    assert en.data_as_of == demo_bank.as_of
