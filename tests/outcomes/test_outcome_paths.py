"""Action outcomes end to end on the demo bank, on SQLite and PostgreSQL: stored through the
repository beside the extract (an import keeps them), "done" closes the action's signal in the
brief, recommend_next_actions and list_book, "not now" hides it for the reason's days to the
day, entitlement for an RM, a team lead and an admin, the team brief's counts, and nothing raw
in the audit trail. Clients are chosen from the RM's own brief, never by a literal id."""

from __future__ import annotations

import csv
import json
import shutil
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from assistant.audit import AuditEvent
from assistant.errors import EntitlementError, UserError
from assistant.outcomes import OutcomeRequest
from tests.outcomes.conftest import Bank
from tools.bank.importer import import_extract
from tools.bank.records import ActionOutcome
from tools.entitlement import resolve_caller
from tools.outcomes.keys import parse_key
from tools.toolbox import Refusal, Toolbox

RM, LEAD, ADMIN = "RM001", "RM004", "RM900"  # the demo's roles: an RM, their lead, an admin


def toolbox(bank: Bank, rm: str = RM, conversation: str = "outcomes") -> Toolbox:
    return Toolbox(bank.fl.tool_services(), resolve_caller(bank.fl.bank, rm), conversation, "zh")


def keyed_items(bank: Bank, rm: str = RM, section: str | None = None) -> list:
    brief = bank.fl.briefs.build(rm, bank.clock.day)
    return [i for i in brief.items if i.action_key and section in (None, i.section)]


def open_keys(bank: Bank, rm: str = RM) -> set[str]:
    return {i.action_key for i in keyed_items(bank, rm)}


def advance(bank: Bank, days: int) -> None:
    bank.clock.day += timedelta(days=days)


@pytest.fixture(autouse=True)
def _back_to_the_extract_day(bank: Bank):
    """Each test starts on a later day than the last ended: outcomes a test recorded stay,
    but each test picks lines still open on its own day."""
    advance(bank, 400)
    yield


def reimport_changed(bank: Bank, tmp_path: Path) -> None:
    """The demo extract again with one harmless change (an extra products column, kept as an
    attribute), so the import really replaces the extract's tables."""
    extract = tmp_path / "extract"
    shutil.copytree(bank.fl.settings.home / "demo", extract)
    with (extract / "products.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    with (extract / "products.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=[*rows[0], "reviewed"], lineterminator="\n")
        writer.writeheader()
        writer.writerows([r | {"reviewed": "yes"} for r in rows])
    assert not import_extract(bank.fl.sessions, extract).unchanged
    bank.fl.after_import()


def test_when_stored_then_read_back_undone_and_kept_through_an_import(
    bank: Bank, tmp_path: Path
) -> None:
    repo = bank.fl.bank
    client = next(iter(sorted(repo.client_ids_of([RM]))))
    record = ActionOutcome(
        outcome_id="out_roundtrip0000000001",
        action_key="a1.roundtrip",
        client_id=client,
        rm_id=RM,
        kind="maturity",
        period="2030-01-01",
        outcome="not_now",
        day=bank.clock.day,
        channel="api",
        reason="timing",
        note="客户 138****5678 下月再谈",
        hide_until=bank.clock.day + timedelta(days=30),
        recorded_at=datetime.now(UTC),
    )
    repo.add_outcome(record)
    [back] = [o for o in repo.outcomes_for([client]) if o.outcome_id == record.outcome_id]
    assert (back.reason, back.note, back.hide_until, back.period) == (
        "timing",
        record.note,
        record.hide_until,
        "2030-01-01",
    )
    assert [o.outcome_id for o in repo.outcomes_for(rm_ids=[RM], since=bank.clock.day)] == [
        record.outcome_id
    ]
    reimport_changed(bank, tmp_path)
    assert any(o.outcome_id == record.outcome_id for o in repo.outcomes_for([client]))
    assert repo.undo_outcome(record.outcome_id, datetime.now(UTC))
    assert not repo.undo_outcome(record.outcome_id, datetime.now(UTC))  # once only
    assert all(o.outcome_id != record.outcome_id for o in repo.outcomes_for([client]))


def test_when_done_then_the_signal_leaves_the_brief_the_recommendations_and_the_book(
    bank: Bank,
) -> None:
    item = keyed_items(bank, section="actions")[0]
    ref = parse_key(item.action_key)
    tb = toolbox(bank)
    shown = tb.call("recommend_next_actions", {"client_id": item.client_id})
    assert item.action_key in {a["action_key"] for a in shown["actions"]}
    out = tb.call("record_action_outcome", {"action_key": item.action_key, "outcome": "done"})
    assert out["status"] == "recorded" and out["outcome"] == "done"
    assert item.action_key not in open_keys(bank)
    after = toolbox(bank).call("recommend_next_actions", {"client_id": item.client_id})
    assert item.action_key not in {a["action_key"] for a in after["actions"]}
    assert after["set_aside"] >= 1
    rows = toolbox(bank).call("list_book", {"limit": 200})["clients"]
    [row] = [r for r in rows if r["client_id"] == item.client_id]
    assert item.action_key not in {a["action_key"] for a in row["actions"]}
    if ref.kind in {
        "deposit_churn",
        "maturity",
        "product_gap",
        "dormancy",
        "growth",
        "suitability",
    }:
        signals = toolbox(bank).call("get_client_signals", {"client_id": item.client_id})
        assert item.action_key not in {s["action_key"] for s in signals["signals"]}


def test_when_not_now_then_hidden_for_the_reasons_days_and_back_on_the_day_after(
    bank: Bank,
) -> None:
    policy = bank.fl.outcome_policy
    code, reason = next(iter(policy.reasons.items()))
    item = keyed_items(bank)[0]
    out = toolbox(bank).call(
        "record_action_outcome",
        {"action_key": item.action_key, "outcome": "not_now", "reason": code},
    )
    recorded_on = bank.clock.day
    assert out["hidden_until"] == (recorded_on + timedelta(days=reason.hide_days)).isoformat()
    assert item.action_key not in open_keys(bank)
    advance(bank, reason.hide_days - 1)  # the last day it is hidden
    assert item.action_key not in open_keys(bank)
    advance(bank, 1)  # the reason's days are over: back, if it still applies that day
    brief = bank.fl.briefs.build(RM, bank.clock.day)
    book = bank.fl.outcomes.book([item.client_id], bank.clock.day)
    assert book.is_open(item.action_key)
    assert brief is not None


def test_when_a_reason_is_unknown_then_it_is_asked_for_and_nothing_is_stored(bank: Bank) -> None:
    item = keyed_items(bank)[0]
    before = len(bank.fl.bank.outcomes_for([item.client_id]))
    out = toolbox(bank).call(
        "record_action_outcome",
        {"action_key": item.action_key, "outcome": "not_now", "reason": "月相不佳"},
    )
    assert out["status"] == "needs_reason"
    assert [r["code"] for r in out["reasons"]] == list(bank.fl.outcome_policy.reasons)
    assert len(bank.fl.bank.outcomes_for([item.client_id])) == before


@pytest.mark.parametrize("who", [LEAD, ADMIN, "RM002"])
def test_when_anyone_but_the_clients_rm_marks_it_then_it_is_refused_alike(
    bank: Bank, who: str
) -> None:
    item = keyed_items(bank)[0]
    tb = toolbox(bank, who)
    with pytest.raises(Refusal) as refused:
        tb.call("record_action_outcome", {"action_key": item.action_key, "outcome": "done"})
    assert item.client_id not in str(refused.value)
    with pytest.raises(EntitlementError, match="not in your book"):
        bank.fl.outcome_desk._record(who, item.action_key, OutcomeRequest(outcome="done"), "api")
    assert item.action_key in open_keys(bank)


def test_when_a_key_is_forged_or_malformed_then_a_user_error(bank: Bank) -> None:
    for key in ("a1.!!!", "not-a-key", "a1." + "A" * 300):
        with pytest.raises(UserError):
            bank.fl.outcome_desk._record(RM, key, OutcomeRequest(outcome="done"), "api")


def test_when_marked_then_the_audit_has_kind_and_reason_codes_but_no_text(bank: Bank) -> None:
    item = keyed_items(bank)[0]
    note = "客户出差，手机 13912345678 下周回来"
    reply = bank.fl.outcome_desk._record(
        RM,
        item.action_key,
        OutcomeRequest(outcome="not_now", reason="client_unavailable", note=note),
        "widget",
    )
    assert reply.status == "recorded" and reply.hidden_until
    [stored] = [
        o for o in bank.fl.bank.outcomes_for([item.client_id]) if o.action_key == item.action_key
    ][-1:]
    assert "13912345678" not in (stored.note or "") and "139****5678" in (stored.note or "")
    assert stored.channel == "widget"
    with bank.fl.sessions() as s:
        events = list(s.scalars(select(AuditEvent).where(AuditEvent.kind == "action_outcome")))
    payload = json.dumps([e.payload for e in events], ensure_ascii=False)
    assert events and "1391234" not in payload and "出差" not in payload
    names = {c.name for c in bank.fl.bank.get_clients([item.client_id])}
    assert not any(n in payload for n in names)


def test_the_team_brief_counts_each_rms_outcomes_for_their_lead_only(bank: Bank) -> None:
    items = keyed_items(bank)
    tb = toolbox(bank)
    tb.call("record_action_outcome", {"action_key": items[0].action_key, "outcome": "done"})
    tb.call(
        "record_action_outcome",
        {"action_key": items[1].action_key, "outcome": "not_now", "reason": "timing"},
    )
    team = bank.fl.briefs.build(LEAD, bank.clock.day)
    [mine] = [m for m in team.team if m.rm_id == RM]
    assert mine.done >= 1 and mine.not_now.get("timing", 0) >= 1
    label = bank.fl.outcome_policy.reasons["timing"].zh
    assert label in team.text
    own_team = bank.fl.bank.get_rm(LEAD).team_id  # type: ignore[union-attr]
    others = [r for r in bank.fl.bank.all_rms() if r.role == "team_lead" and r.team_id != own_team]
    for lead in others:
        assert RM not in {m.rm_id for m in bank.fl.briefs.build(lead.rm_id, bank.clock.day).team}
    assert bank.fl.briefs.build(RM, bank.clock.day).team == []  # an RM sees no counts


def test_when_undone_then_the_action_is_back(bank: Bank) -> None:
    item = keyed_items(bank)[0]
    tb = toolbox(bank)
    tb.call("record_action_outcome", {"action_key": item.action_key, "outcome": "done"})
    assert item.action_key not in open_keys(bank)
    out = tb.call("record_action_outcome", {"action_key": item.action_key, "outcome": "undo"})
    assert out["status"] == "undone"
    assert item.action_key in open_keys(bank)


def test_a_brief_of_an_earlier_day_knows_nothing_of_a_later_outcome(bank: Bank) -> None:
    item = keyed_items(bank)[0]
    toolbox(bank).call("record_action_outcome", {"action_key": item.action_key, "outcome": "done"})
    earlier: date = bank.clock.day - timedelta(days=1)
    assert bank.fl.outcomes.book([item.client_id], earlier).is_open(item.action_key)
