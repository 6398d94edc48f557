"""The write path end to end, on SQLite and PostgreSQL: a note in chat is shown back, saved on
"是", read back by the profile and the brief, exported as interactions.csv and re-imported
once. Empty notes and another book's clients are refused; identifiers are masked before
storing; nothing raw reaches the conversation store or the audit trail.

Clients are chosen from the demo extract by what the test needs (a contact, an open churn
follow-up), never by a literal id."""

from __future__ import annotations

import asyncio
import csv
import io
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select, text

from assistant.core.types import Answer, Turn
from assistant.wiring import Frontline
from tests.conftest import DATABASES, demo_bank_on
from tools.bank import models as m
from tools.bank.importer import import_extract
from tools.intelligence.followup import client_gaps, requirements
from tools.notes.export import write_notes

RM = "RM001"


@pytest.fixture(scope="module", params=DATABASES)
def bank(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Frontline]:
    home = tmp_path_factory.mktemp("notes")
    with demo_bank_on(request.param, home, "frontline_notes") as (fl, _truth):
        yield fl


def ask(fl: Frontline, question: str, conversation: str | None = None, rm: str = RM) -> Answer:
    turn = Turn(
        text=question, channel="api", rm_id=rm, conversation_id=conversation, engine="offline"
    )
    return asyncio.run(fl.core.answer(turn))


def own_client(fl: Frontline, *, with_contact: bool = False) -> tuple[str, str, str | None]:
    """(client id, name, a contact's name) of a corporate client in RM's book."""
    ids = sorted(fl.bank.client_ids_of([RM]))
    for data in fl.bank.client_data(ids):
        contact = next((c.name for c in data.contacts if len(c.name) >= 2), None)
        if data.client.client_type == "corporate" and (contact or not with_contact):
            return data.client.client_id, data.client.name, contact
    raise AssertionError("no corporate client in the book")


def foreign_client(fl: Frontline) -> str:
    others = [c for c in fl.bank.all_clients() if c.rm_id != RM and c.client_type == "corporate"]
    return others[0].name


def churn_client(fl: Frontline) -> tuple[str, str]:
    """A client of RM's with a deposit-churn follow-up still open on the data's date."""
    intel, as_of = fl.insights, fl.insights.as_of
    needs = requirements(intel.policy)
    for data in fl.bank.client_data(sorted(fl.bank.client_ids_of([RM]))):
        insight = intel.intel.analyze(data, intel.peers, as_of)
        gaps = client_gaps(data, insight.signals, needs, as_of, include_pending=True)
        if any(g.signal_kind == "deposit_churn" and g.days_overdue <= 0 for g in gaps):
            return data.client.client_id, data.client.name
    # The demo bank plants churning clients in every book: none open means the bank or the
    # follow-up rules broke, which this test must report, not step around.
    raise AssertionError("the demo book has no open churn follow-up")


def captured(fl: Frontline, client_id: str) -> list[m.CapturedInteraction]:
    with fl.sessions() as s:
        return list(
            s.scalars(
                select(m.CapturedInteraction).where(m.CapturedInteraction.client_id == client_id)
            )
        )


def test_when_a_note_is_confirmed_then_it_is_saved_and_the_profile_sees_it(
    bank: Frontline,
) -> None:
    client_id, name, contact = own_client(bank, with_contact=True)
    assert contact is not None
    before = len(captured(bank, client_id))
    shown = ask(bank, f"记一下：今天拜访了{name}的{contact}，他们明年扩招200人，下周三前给代发方案")
    assert shown.intent == "capture_note" and not shown.refused
    assert contact in shown.text and "200" in shown.text and "拜访" in shown.text
    assert len(captured(bank, client_id)) == before  # nothing saved before the RM says so
    edited = ask(bank, "改成电话", shown.conversation_id)
    assert "电话" in edited.text
    saved = ask(bank, "是", shown.conversation_id)
    assert "已保存" in saved.text and [t.name for t in saved.tool_calls] == ["save_interaction"]
    [note] = captured(bank, client_id)[before:]
    assert (note.channel, note.contact, note.rm_id) == ("phone", contact, RM)
    assert note.date == bank.insights.as_of and note.due_date is not None
    assert note.due_date.weekday() == 2  # 下周三
    latest = bank.bank.client_data([client_id])[0].interactions[0]
    assert latest.summary == note.summary  # the profile's last contact is the note


def test_when_an_rm_reports_a_call_then_it_is_drafted_edited_and_saved_on_a_casual_yes(
    bank: Frontline,
) -> None:
    """No "记一下": a call just made and what the client said is a note; the next contact's
    date added in chat becomes the next step and its deadline; "对，存吧" saves it."""
    client_id, _name, contact = own_client(bank, with_contact=True)
    before = len(captured(bank, client_id))
    shown = ask(bank, f"刚跟{contact}通了电话 对方说年底前想把结算户迁过来")
    assert shown.intent == "capture_note" and "结算户" in shown.text
    assert [t.name for t in shown.tool_calls] == ["capture_interaction"]
    edited = ask(bank, "加上下次联系时间 12月2号", shown.conversation_id)
    assert "2026-12-02" in edited.text or f"{bank.insights.as_of.year}-12-02" in edited.text
    saved = ask(bank, "对，存吧", shown.conversation_id)
    assert [t.name for t in saved.tool_calls] == ["save_interaction"]
    [note] = captured(bank, client_id)[before:]
    assert (note.channel, note.contact) == ("phone", contact)
    assert note.next_step and note.due_date is not None
    assert (note.due_date.month, note.due_date.day) == (12, 2)


def test_when_an_rm_reports_a_meeting_in_english_then_ok_save_it_saves_it(
    bank: Frontline,
) -> None:
    client_id, name, _ = own_client(bank)
    before = len(captured(bank, client_id))
    shown = ask(bank, f"met {name} today, they are looking to hedge their USD receivables")
    assert shown.intent == "capture_note" and "hedge" in shown.text
    edited = ask(bank, "next step: send them the forward rates by Thursday", shown.conversation_id)
    assert "forward rates" in edited.text
    saved = ask(bank, "ok, save it", shown.conversation_id)
    assert [t.name for t in saved.tool_calls] == ["save_interaction"]
    [note] = captured(bank, client_id)[before:]
    assert note.channel == "visit" and note.due_date is not None
    assert note.due_date.weekday() == 3


@pytest.mark.parametrize(
    "question", ["{contact}上次说了什么？", "what did {contact} say last time?"]
)
def test_when_an_rm_asks_what_a_client_said_then_nothing_is_drafted(
    bank: Frontline, question: str
) -> None:
    client_id, _name, contact = own_client(bank, with_contact=True)
    answer = ask(bank, question.format(contact=contact))
    assert answer.intent != "capture_note"
    assert "capture_interaction" not in [t.name for t in answer.tool_calls]


def test_when_the_rm_cancels_then_nothing_is_saved(bank: Frontline) -> None:
    client_id, name, _ = own_client(bank)
    before = len(captured(bank, client_id))
    shown = ask(bank, f"记一下：昨天微信联系了{name}，客户对大额存单感兴趣，月底前给利率表")
    dropped = ask(bank, "取消", shown.conversation_id)
    assert "未保存" in dropped.text
    again = ask(bank, "是", shown.conversation_id)  # the draft is gone: "是" saves nothing
    assert again.intent != "capture_note" or "已保存" not in again.text
    assert len(captured(bank, client_id)) == before


def test_when_the_rm_moves_on_then_a_later_yes_saves_nothing(bank: Frontline) -> None:
    client_id, name, _ = own_client(bank)
    before = len(captured(bank, client_id))
    shown = ask(bank, f"记一下：今天拜访了{name}，客户想了解代发，下周三前给方案")
    ask(bank, "战略客户的服务频次是什么？", shown.conversation_id)
    later = ask(bank, "是", shown.conversation_id)
    assert "已保存" not in later.text
    assert len(captured(bank, client_id)) == before


@pytest.mark.parametrize("note", ["记一下：已联系{name}", "note that I called {name}"])
def test_when_a_note_says_nothing_then_it_is_refused_with_the_playbook_rule(
    bank: Frontline, note: str
) -> None:
    client_id, name, _ = own_client(bank)
    before = len(captured(bank, client_id))
    answer = ask(bank, note.format(name=name))
    assert answer.refused and answer.refusal_reason == "empty_note"
    assert answer.citations, "the data playbook's rule is cited"
    assert len(captured(bank, client_id)) == before


def test_when_a_note_is_about_another_books_client_then_it_is_refused_like_any(
    bank: Frontline,
) -> None:
    name = foreign_client(bank)
    answer = ask(bank, f"记一下：今天拜访了{name}，他们要做代发，下周给方案")
    question = ask(bank, f"{name}的存款情况怎么样？")
    assert answer.refused and answer.refusal_reason == "not_entitled"
    assert answer.text == question.text  # the same refusal as any foreign client
    assert name not in answer.text


def test_when_a_note_carries_a_full_identifier_then_it_is_masked_before_storing(
    bank: Frontline,
) -> None:
    client_id, name, _ = own_client(bank)
    raw_id = "11010519491231002X"  # a valid 身份证 (GB 11643), in no extract
    shown = ask(bank, f"note that I called {name} today, his ID is {raw_id}, quote by Friday")
    saved = ask(bank, "yes", shown.conversation_id)
    assert "note:masked_id" in saved.flags and "masked" in saved.text
    stored = captured(bank, client_id)[-1]
    assert raw_id not in f"{stored.summary}{stored.client_said}{stored.next_step}"
    assert raw_id[-4:] in stored.summary  # the partial display form is kept
    with bank.engine.connect() as c:
        for table in ("turns", "audit_events"):
            dump = " ".join(str(r) for r in c.execute(text(f"SELECT * FROM {table}")))
            assert raw_id not in dump and name not in dump


def test_when_a_note_answers_a_follow_up_then_the_gap_closes_and_the_brief_drops_it(
    bank: Frontline,
) -> None:
    client_id, name = churn_client(bank)
    day = bank.insights.as_of
    while not bank.briefs.is_working_day(day):
        day = date.fromordinal(day.toordinal() + 1)
    listed = {(i.client_id, i.signal_kind) for i in bank.briefs.build(RM, day).items}
    assert (client_id, "deposit_churn") in listed
    shown = ask(
        bank,
        f"记一下：今天上门拜访{name}，财务说资金是付工程款，月底回流，3个工作日内给他们报存款方案",
    )
    saved = ask(bank, "确认", shown.conversation_id)
    assert "存款流失" in saved.text  # "已关闭的跟进缺口：存款流失预警"
    after = {(i.client_id, i.signal_kind) for i in bank.briefs.build(RM, day).items}
    assert (client_id, "deposit_churn") not in after


def test_when_notes_are_exported_and_reimported_then_each_comes_back_once(
    bank: Frontline, tmp_path: Path
) -> None:
    client_id, name, _ = own_client(bank)
    shown = ask(bank, f"记一下：今天电话联系{name}，客户计划扩建厂房，5个工作日内提供贷款方案")
    ask(bank, "是", shown.conversation_id)
    notes = bank.bank.captured_notes(date.today())
    out = io.StringIO()
    assert write_notes(notes, out) == len(notes) >= 1
    exported = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert {"client_id", "date", "rm_id", "channel", "summary", "note_id"} <= set(exported[0])
    # The CRM's next extract: the demo extract with the exported rows appended.
    extract = tmp_path / "extract"
    shutil.copytree(bank.settings.home / "demo", extract)
    with (extract / "interactions.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    columns = list(exported[0])
    with (extract / "interactions.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows([{c: r.get(c, "") for c in columns} for r in rows] + exported)
    counted_before = len(bank.bank.client_data([client_id])[0].interactions)
    import_extract(bank.sessions, extract)
    bank.after_import()
    again = bank.bank.client_data([client_id])[0].interactions
    assert len(again) == counted_before  # in the extract now, and counted once
    mine = [r for r in exported if r["client_id"] == client_id]
    assert {(r["date"], r["channel"], r["summary"]) for r in mine} <= {
        (str(i.date), i.channel, i.summary) for i in again
    }
