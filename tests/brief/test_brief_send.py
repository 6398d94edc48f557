"""``send_briefs`` on the demo bank: once per RM across two concurrent senders, nothing on a
holiday (the bank's calendar, 调休 included), a dry run claims nothing, and a failed delivery
is retried by the next run."""

from __future__ import annotations

import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pytest

from assistant.brief.claims import BriefClaims
from assistant.brief.model import Brief
from assistant.brief.send import reader_language, send_briefs
from assistant.core.types import Turn
from assistant.storage.db import make_engine, make_sessionmaker
from tests.brief.conftest import Bank

pytestmark = pytest.mark.slow  # generates the full demo bank

NATIONAL_DAY = date(2026, 10, 1)  # a public holiday in tools/policy/signals.yaml
MAKE_UP_SATURDAY = date(2026, 10, 10)  # a working weekend (调休) in the same calendar


class RecordingSink:
    name = "recording"

    def __init__(self, fail_for: str | None = None) -> None:
        self.delivered: list[Brief] = []
        self._fail_for = fail_for
        self._lock = threading.Lock()

    def deliver(self, brief: Brief) -> None:
        if brief.rm_id == self._fail_for:
            raise ConnectionError("channel down")
        with self._lock:
            self.delivered.append(brief)


def _recipients(bank: Bank) -> list[str]:
    return sorted(r["rm_id"] for r in bank.rows("rms") if r["role"] != "admin")


def test_when_two_senders_run_at_once_then_each_rm_gets_one_brief(demo_bank: Bank) -> None:
    day = demo_bank.first_working_day
    engine = make_engine(demo_bank.fl.settings)  # the second replica's own pool
    stores = [demo_bank.fl.brief_claims, BriefClaims(make_sessionmaker(engine))]
    sinks = [RecordingSink(), RecordingSink()]
    start = threading.Barrier(2)

    def run(i: int):
        start.wait()
        return send_briefs(demo_bank.fl.briefs, stores[i], sinks[i], day)

    with ThreadPoolExecutor(2) as pool:
        reports = list(pool.map(run, range(2)))
    engine.dispose()
    got = sorted(b.rm_id for s in sinks for b in s.delivered)
    assert got == _recipients(demo_bank)
    assert sorted(reports[0].sent + reports[1].sent) == got
    again = send_briefs(demo_bank.fl.briefs, stores[0], RecordingSink(), day)
    assert again.sent == [] and sorted(again.skipped) == got


def test_when_a_holiday_then_nothing_is_sent_or_claimed(demo_bank: Bank) -> None:
    sink = RecordingSink()
    report = send_briefs(demo_bank.fl.briefs, demo_bank.fl.brief_claims, sink, NATIONAL_DAY)
    assert not report.working_day and sink.delivered == []
    assert demo_bank.fl.brief_claims.claimed(NATIONAL_DAY) == {}


def test_when_a_make_up_working_saturday_then_briefs_are_sent(demo_bank: Bank) -> None:
    sink = RecordingSink()
    report = send_briefs(demo_bank.fl.briefs, demo_bank.fl.brief_claims, sink, MAKE_UP_SATURDAY)
    assert report.working_day and len(sink.delivered) == len(_recipients(demo_bank))


def test_when_dry_run_then_briefs_are_shown_and_nothing_is_claimed(demo_bank: Bank) -> None:
    day = date(2026, 11, 3)
    sink = RecordingSink()
    report = send_briefs(demo_bank.fl.briefs, demo_bank.fl.brief_claims, sink, day, dry_run=True)
    assert len(report.sent) == len(sink.delivered) == len(_recipients(demo_bank))
    assert demo_bank.fl.brief_claims.claimed(day) == {}


def test_when_a_delivery_fails_then_the_next_run_sends_that_brief_only(demo_bank: Bank) -> None:
    day = date(2026, 11, 4)
    claims = demo_bank.fl.brief_claims
    first = send_briefs(demo_bank.fl.briefs, claims, RecordingSink(fail_for="RM002"), day)
    assert first.failed == ["RM002"] and "RM002" not in claims.claimed(day)
    retry = RecordingSink()
    second = send_briefs(demo_bank.fl.briefs, claims, retry, day)
    assert [b.rm_id for b in retry.delivered] == ["RM002"] and second.sent == ["RM002"]


def test_each_brief_is_in_the_language_its_rm_last_wrote_in(demo_bank: Bank) -> None:
    """No language column in rms.csv: an RM who talks to the assistant in English reads the
    brief in English, the others in Chinese; an explicit language still decides for all."""
    fl = demo_bank.fl
    turn = Turn(text="how many clients do I have?", channel="cli", rm_id="RM003")
    asyncio.run(fl.core.answer(turn))
    language_of = reader_language(fl.conversations.last_language)
    assert language_of("RM003") == "en" and language_of("RM005") == "zh"
    sink = RecordingSink()
    day = date(2026, 11, 5)
    send_briefs(fl.briefs, fl.brief_claims, sink, day, dry_run=True, language_of=language_of)
    read_in = {b.rm_id: b.language for b in sink.delivered}
    assert read_in["RM003"] == "en" and read_in["RM005"] == "zh"
    assert next(b.text for b in sink.delivered if b.rm_id == "RM003").startswith("Morning brief")
    forced = RecordingSink()
    send_briefs(
        fl.briefs,
        fl.brief_claims,
        forced,
        day,
        dry_run=True,
        language="zh",
        language_of=language_of,
    )
    assert {b.language for b in forced.delivered} == {"zh"}
