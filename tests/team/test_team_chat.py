"""The team measures asked in chat, on both evaluation banks with a planted slow RM: a lead's
"how is my team doing" leads with the laggard, a drill-down names only that RM's clients, a
branch head sees no client, an RM sees only their own row and no colleague's, and a question
about the rule itself stays the playbook's."""

from __future__ import annotations

import asyncio

import pytest

from assistant.core.types import Answer, Turn
from knowledge.ingest import default_playbook_dir
from tests.brief.conftest import Bank
from tests.team.conftest import BRANCH_HEAD
from tests.team.test_team_measures import _last_quarter, _lead_of

HARBOUR_PLAYBOOKS = "evals/banks/harbour/playbooks"


@pytest.fixture(scope="module")
def bank(planted: tuple[Bank, str, str]) -> tuple[Bank, str, str]:
    b, _slow, name = planted
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    b.fl.ingestor.ingest([default_playbook_dir() if name == "demo" else root / HARBOUR_PLAYBOOKS])
    return planted


def ask(bank: Bank, rm: str, *questions: str) -> list[Answer]:
    async def run() -> list[Answer]:
        out: list[Answer] = []
        conversation = None
        for q in questions:
            a = await bank.fl.core.answer(
                Turn(text=q, channel="api", rm_id=rm, conversation_id=conversation)
            )
            conversation = a.conversation_id
            out.append(a)
        return out

    return asyncio.run(run())


def _name(bank: Bank, rm_id: str) -> str:
    return next(r["name"] for r in bank.rows("rms") if r["rm_id"] == rm_id)


def _tools(a: Answer) -> list[str]:
    return [c.name for c in a.tool_calls]


def test_a_lead_asking_how_the_team_did_gets_the_laggard_first_then_drills_in(
    bank: tuple[Bank, str, str],
) -> None:
    b, slow, name = bank
    lead = _lead_of(b, slow)
    team, drill = ask(b, lead, "我团队上季度的及时率怎么样", f"看看{_name(b, slow)}的")
    assert team.intent == "book_query" and _tools(team) == ["team_performance"], team.text
    first = team.text.splitlines()[0]
    assert "最低" in first and f"（{slow}）" in first, team.text  # the answer leads
    period = _last_quarter(b)
    assert f"{period.start}" in team.text and f"{period.end}" in team.text
    if name == "demo":  # the demo bank keeps its incentive rules as a playbook: cited
        assert [c.doc_id for c in team.citations] == ["performance/incentive-rules"]
    else:  # Harbour has none: the policy file is named instead
        assert not team.citations and "performance.yaml" in team.text
    assert set(team.client_ids) <= b.team_book(_team(b, slow))
    # "看看X的": that RM's row and follow-ups, the same quarter, only their clients named
    assert _tools(drill) == ["team_performance"], drill.text
    assert drill.tool_calls[0].args["rm_id"] == slow
    rows = [line for line in drill.text.splitlines() if line.startswith("1. ")]
    assert len(rows) == 1 and f"（{slow}）" in rows[0] and "2. " not in drill.text
    assert drill.client_ids and set(drill.client_ids) <= b.book(slow), drill.text
    assert f"{period.start}" in drill.text


def _team(b: Bank, rm_id: str) -> str:
    return next(r["team_id"] for r in b.rows("rms") if r["rm_id"] == rm_id)


def test_in_english_and_for_another_period(bank: tuple[Bank, str, str]) -> None:
    b, slow, _ = bank
    lead = _lead_of(b, slow)
    (a, again) = ask(b, lead, "how is my team doing last quarter?", "this month?")
    assert a.language == "en" and a.text.startswith("Team follow-up timeliness in "), a.text
    assert f"({slow})" in a.text.splitlines()[0]
    assert (
        again.tool_calls[0].args["period"] == "month"
        and again.tool_calls[0].args.get("day") is None
    )


def test_an_rm_sees_their_own_row_and_no_colleagues(bank: tuple[Bank, str, str]) -> None:
    b, slow, _ = bank
    colleague = next(
        r["rm_id"]
        for r in b.rows("rms")
        if r["team_id"] == _team(b, slow) and r["rm_id"] != slow and r["role"] == "rm"
    )
    mine, theirs = ask(b, slow, "我的及时率多少", f"{_name(b, colleague)}的及时率呢")
    assert _tools(mine) == ["team_performance"] and "你的绩效" in mine.text
    assert f"（{slow}）" in mine.text and f"（{colleague}）" not in mine.text
    assert set(mine.client_ids) <= b.book(slow)
    assert theirs.refused and theirs.refusal_reason == "not_entitled"
    assert f"（{colleague}）" not in theirs.text and not theirs.client_ids


def test_a_lead_asking_of_another_teams_rm_is_refused(bank: tuple[Bank, str, str]) -> None:
    b, slow, _ = bank
    lead = _lead_of(b, slow)
    other = next(
        r["rm_id"] for r in b.rows("rms") if r["team_id"] != _team(b, slow) and r["role"] == "rm"
    )
    (a,) = ask(b, lead, f"{_name(b, other)}这个季度的及时率")
    assert a.refused and a.refusal_reason == "not_entitled" and not a.client_ids


def test_a_branch_head_sees_the_branch_and_no_client(bank: tuple[Bank, str, str]) -> None:
    b, slow, _ = bank
    (a,) = ask(b, BRANCH_HEAD, "分行各团队上季度绩效怎么样")
    assert _tools(a) == ["team_performance"] and not a.refused, a.text
    assert not a.client_ids and f"（{slow}）" in a.text.splitlines()[0]
    assert not any(n in a.text for n in b.names(b.book_of_all()))
    assert not any(cid in a.text for cid in b.book_of_all())


def test_an_admin_gets_no_measures(bank: tuple[Bank, str, str]) -> None:
    b, _slow, _ = bank
    admin = next((r["rm_id"] for r in b.rows("rms") if r["role"] == "admin"), None)
    if admin is None:
        pytest.fail("each evaluation bank has an admin")
    (a,) = ask(b, admin, "我团队本月及时率")
    assert "team_performance" not in _tools(a) and not a.client_ids


@pytest.mark.parametrize(
    "question",
    ["信号跟进及时率多少能拿满分", "how is follow-up timeliness scored?", "及时率怎么算"],
)
def test_a_question_about_the_rule_is_the_playbooks(
    bank: tuple[Bank, str, str], question: str
) -> None:
    b, slow, _ = bank
    (a,) = ask(b, _lead_of(b, slow), question)
    assert "team_performance" not in _tools(a) and a.intent == "playbook_qa", a.text
