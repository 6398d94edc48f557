"""Two replicas over one database, on SQLite and PostgreSQL: a note saved through one is seen
by the other's book, gaps and brief — its cached clients are read again — without a restart.
The other replica learns of it by polling the captured notes (ids and times only)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest

import tools.insights
from assistant.core.types import Answer, Turn
from assistant.wiring import Frontline
from tests.conftest import DATABASES, demo_bank_on
from tests.notes.test_note_capture import RM, churn_client
from tools.bank.records import CapturedNote
from tools.bank.repository import SqlBankRepository
from tools.insights import CLOCK_SKEW, InsightService


@pytest.fixture(scope="module", params=DATABASES)
def replicas(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Frontline, Frontline]]:
    home = tmp_path_factory.mktemp("replicas")
    with demo_bank_on(request.param, home, "frontline_replicas") as (one, _truth):
        other = Frontline(one.settings)  # a second process on the same settings and database
        try:
            yield one, other
        finally:
            other.close()


def ask(fl: Frontline, question: str, conversation: str | None = None) -> Answer:
    turn = Turn(
        text=question, channel="api", rm_id=RM, conversation_id=conversation, engine="offline"
    )
    return asyncio.run(fl.core.answer(turn))


def test_when_one_replica_saves_a_note_then_the_others_brief_drops_the_gap_it_closed(
    replicas: tuple[Frontline, Frontline], monkeypatch: pytest.MonkeyPatch
) -> None:
    one, other = replicas
    monkeypatch.setattr(tools.insights, "NOTE_POLL_SECONDS", 0.0)
    client_id, name = churn_client(other)
    day = other.insights.as_of
    while not other.briefs.is_working_day(day):
        day = date.fromordinal(day.toordinal() + 1)
    before = {(i.client_id, i.signal_kind) for i in other.briefs.build(RM, day).items}
    assert (client_id, "deposit_churn") in before  # read, and cached, by the other replica
    shown = ask(
        one, f"记一下：今天上门拜访{name}，财务说资金是付工程款，月底回流，3个工作日内报方案"
    )
    saved = ask(one, "确认", shown.conversation_id)
    assert [t.name for t in saved.tool_calls] == ["save_interaction"]
    after = {(i.client_id, i.signal_kind) for i in other.briefs.build(RM, day).items}
    assert (client_id, "deposit_churn") not in after


def _note(note_id: str, client_id: str, at: datetime) -> CapturedNote:
    return CapturedNote(
        note_id=note_id, client_id=client_id, date=at.date(), rm_id=RM, channel="phone",
        summary="客户确认下月续存", captured_at=at,
    )  # fmt: skip


def test_a_note_stamped_by_a_clock_behind_this_ones_is_still_seen_once(
    replicas: tuple[Frontline, Frontline],
) -> None:
    one, _ = replicas
    repo = SqlBankRepository(one.sessions)
    service = InsightService(repo, one.policies)
    client = sorted(one.bank.client_ids_of([RM]))[0]
    service.sync_notes(now=0.0)  # the first look re-reads whatever is within the skew: once
    assert service.sync_notes(now=5.0) == set()
    late = datetime.now(UTC) - CLOCK_SKEW / 2  # written by a replica whose clock is behind
    repo.add_interaction(_note("note-skew-1", client, late))
    assert service.sync_notes(now=10.0) == {client}
    assert service.sync_notes(now=20.0) == set()  # seen once, not on every look
    repo.add_interaction(_note("note-skew-2", client, datetime.now(UTC)))
    assert service.sync_notes(now=20.5) == set()  # looked half a second ago: not yet
    assert service.sync_notes(now=30.0) == {client}
    too_late = datetime.now(UTC) - CLOCK_SKEW * 3  # beyond any skew the replicas allow
    repo.add_interaction(_note("note-skew-3", client, too_late))
    assert service.sync_notes(now=40.0) == set()
    assert timedelta(0) < CLOCK_SKEW
