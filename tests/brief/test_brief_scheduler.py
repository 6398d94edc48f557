"""The brief scheduler on a fake clock, over real claims (SQLite and PostgreSQL): it sends at
``FRONTLINE_BRIEF_AT`` local time on the bank's working days only (holidays and 调休 from the
bundled calendar), two replicas and a restart still give each RM one brief a day, a late
start catches up within the window and not after, a failed channel is retried, and the task
stops when cancelled."""

from __future__ import annotations

import asyncio
import threading
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from assistant.brief.claims import BriefClaims
from assistant.brief.model import Brief
from assistant.brief.scheduler import BriefSchedule, BriefScheduler
from assistant.brief.send import SendReport, send_briefs
from assistant.storage import schema
from assistant.storage.db import make_engine, make_sessionmaker
from tests.conftest import make_settings
from tools.bank.records import RMRecord
from tools.intelligence.policy import load_policies

ZONE = ZoneInfo("Asia/Shanghai")
AT = time(8, 30)
CALENDAR = load_policies().signals.calendar
RMS = [RMRecord(f"R{n}", f"Staff {n}", "T1", "B1", "rm") for n in range(3)]


def local(day: date, at: time) -> datetime:
    return datetime.combine(day, at, tzinfo=ZONE)


class FakeClock:
    """Time moves only when the scheduler sleeps; past ``until`` it parks, so the test can
    cancel it at a known point."""

    def __init__(self, start: datetime, until: datetime) -> None:
        self.t = start.astimezone(UTC)
        self.until = until
        self.parked = asyncio.Event()

    def now(self) -> datetime:
        return self.t

    async def sleep(self, seconds: float) -> None:
        assert seconds > 0
        self.t += timedelta(seconds=seconds)
        if self.t >= self.until:
            self.parked.set()
            await asyncio.Event().wait()  # until cancelled
        await asyncio.sleep(0)


class Books:
    """The part of ``BriefService`` a send run uses, over a fixed staff list."""

    def recipients(self) -> list[RMRecord]:
        return RMS

    def is_working_day(self, day: date) -> bool:
        return CALENDAR.is_working_day(day)

    def build(self, rm_id: str, day: date, language: str = "zh", channel: str = "cli") -> Brief:
        return Brief(
            brief_id=f"brief:{rm_id}:{day}",
            rm_id=rm_id,
            role="rm",
            date=day,
            working_day=True,
            language="zh",
            text="今日暂无待办。",
        )


class Sink:
    name = "recording"

    def __init__(self, clock: FakeClock, fail_first: frozenset[str] = frozenset()) -> None:
        self.clock = clock
        self.sent: list[tuple[str, date, datetime]] = []
        self.runs: list[date] = []  # the days the scheduler started a send run for
        self._fail = set(fail_first)
        self._lock = threading.Lock()

    def deliver(self, brief: Brief) -> None:
        if brief.rm_id in self._fail:
            self._fail.discard(brief.rm_id)
            raise ConnectionError("channel down")
        with self._lock:
            self.sent.append((brief.rm_id, brief.date, self.clock.now()))


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def claim_stores(request, tmp_path):
    """Two replicas' claim stores over one database, each with its own connection pool."""
    url = request.getfixturevalue("fresh_pg_database") if request.param == "postgres" else None
    settings = make_settings(tmp_path / "home", database_url=url)
    engines = [make_engine(settings), make_engine(settings)]
    schema.upgrade(engines[0])
    yield [BriefClaims(make_sessionmaker(e)) for e in engines]
    for e in engines:
        e.dispose()


def scheduler(claims: BriefClaims, sink: Sink, clock: FakeClock) -> BriefScheduler:
    async def send(day: date) -> SendReport:
        sink.runs.append(day)
        return await asyncio.to_thread(send_briefs, Books(), claims, sink, day)  # type: ignore[arg-type]

    return BriefScheduler(
        BriefSchedule(AT, ZONE, CALENDAR.is_working_day), send, clock, retry_after_s=600
    )


async def run_until_parked(*pairs: tuple[BriefScheduler, FakeClock]) -> None:
    tasks = [asyncio.create_task(s.run()) for s, _ in pairs]
    await asyncio.wait_for(asyncio.gather(*(c.parked.wait() for _, c in pairs)), 30)
    for task in tasks:
        task.cancel()
    for task in tasks:
        with pytest.raises(asyncio.CancelledError):
            await task
        assert task.cancelled()


def expected_days(start: datetime, end: datetime) -> list[date]:
    days, day = [], start.date()
    while day <= end.date():
        if CALENDAR.is_working_day(day) and start <= local(day, AT) < end:
            days.append(day)
        day += timedelta(days=1)
    return days


async def test_when_two_replicas_run_across_a_holiday_then_each_rm_gets_one_brief_a_working_day(
    claim_stores: list[BriefClaims],
) -> None:
    start, end = local(date(2026, 9, 29), time(6, 0)), local(date(2026, 10, 13), time(12, 0))
    clocks = [FakeClock(start, end), FakeClock(start, end)]
    sinks = [Sink(clocks[0]), Sink(clocks[1])]
    await run_until_parked(
        *((scheduler(claim_stores[i], sinks[i], clocks[i]), clocks[i]) for i in range(2))
    )
    sent = sorted((rm, day) for s in sinks for rm, day, _ in s.sent)
    days = expected_days(start, end)
    assert date(2026, 10, 10) in days and date(2026, 10, 1) not in days  # 调休 and National Day
    assert sent == sorted((rm.rm_id, d) for rm in RMS for d in days)
    for s in sinks:  # at the hour, in the bank's zone, and no run at all on a holiday
        assert {when.astimezone(ZONE).time() for _, _, when in s.sent} <= {AT}
        assert sorted(set(s.runs)) == days


@pytest.mark.parametrize(
    ("started", "sends"),
    [(time(8, 40), True), (time(11, 0), True), (time(11, 31), False), (time(7, 0), True)],
)
async def test_when_a_replica_starts_late_then_it_catches_up_within_the_window_only(
    claim_stores: list[BriefClaims], started: time, sends: bool
) -> None:
    day = date(2026, 11, 3)  # a Tuesday
    clock = FakeClock(local(day, started), local(day, time(18, 0)))
    sink = Sink(clock)
    await run_until_parked((scheduler(claim_stores[0], sink, clock), clock))
    assert len(sink.sent) == (len(RMS) if sends else 0)


async def test_when_restarted_after_sending_then_nobody_gets_a_second_brief(
    claim_stores: list[BriefClaims],
) -> None:
    day = date(2026, 11, 4)
    first = FakeClock(local(day, time(8, 0)), local(day, time(8, 45)))
    sink = Sink(first)
    await run_until_parked((scheduler(claim_stores[0], sink, first), first))
    assert len(sink.sent) == len(RMS)
    again = FakeClock(local(day, time(8, 50)), local(day, time(18, 0)))  # the process restarted
    second = Sink(again)
    await run_until_parked((scheduler(claim_stores[1], second, again), again))
    assert second.sent == []


async def test_when_a_channel_fails_then_that_rm_is_retried_and_gets_one_brief(
    claim_stores: list[BriefClaims],
) -> None:
    day = date(2026, 11, 5)
    clock = FakeClock(local(day, time(8, 0)), local(day, time(12, 0)))
    sink = Sink(clock, fail_first=frozenset({"R1"}))
    await run_until_parked((scheduler(claim_stores[0], sink, clock), clock))
    assert sorted(rm for rm, _, _ in sink.sent) == ["R0", "R1", "R2"]
    [(_, _, retried)] = [s for s in sink.sent if s[0] == "R1"]
    assert retried.astimezone(ZONE).time() == time(8, 40)  # the retry interval later


class Channel:
    name = "recording"

    def reaches(self, rm: RMRecord) -> bool:
        return True

    async def send(self, rm: RMRecord, brief: Brief) -> None:
        return None

    async def notify(self, rm: RMRecord, text: str) -> None:
        return None


async def test_when_no_channel_is_configured_then_the_server_runs_no_scheduler(tmp_path) -> None:
    from assistant.wiring import Frontline
    from integrations.server import brief_scheduler

    fl = Frontline(make_settings(tmp_path / "home", brief_at="07:45"))
    try:
        assert brief_scheduler(fl, []) is None
        on = brief_scheduler(fl, [Channel()])
        assert on is not None and on.done is None
    finally:
        fl.close()
