"""The morning brief's scheduler, inside ``frontline serve``.

At ``FRONTLINE_BRIEF_AT`` in ``FRONTLINE_TIMEZONE`` on the bank's working days it runs the
day's send. Every replica runs a scheduler; the claim table (``BriefClaims``) decides who
sends each RM's brief, so the schedule itself keeps no state that matters: the ``done`` day
below only stops a replica from re-running a finished day every poll. A replica started
after the hour (a deploy at 08:40) still sends, within ``catch_up`` of it; later in the day
a "morning" brief would be noise and the RM has the widget and the App Home tab.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

from assistant.brief.send import SendReport

log = logging.getLogger("frontline.brief")

CATCH_UP = timedelta(hours=3)
RETRY_AFTER_S = 300.0  # a channel that failed gets the failed RMs again this much later
MAX_ATTEMPTS = 3  # per day and replica: a channel down all morning is an incident, not a loop
MAX_SLEEP_S = 900.0  # re-read the clock at least this often (NTP steps, a suspended host)
_WEEKS_AHEAD = 8  # the longest stretch of holidays a calendar may hold, with margin


class Clock(Protocol):
    def now(self) -> datetime: ...  # timezone-aware

    async def sleep(self, seconds: float) -> None: ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)


@dataclass(frozen=True)
class BriefSchedule:
    at: time
    zone: ZoneInfo
    is_working_day: Callable[[date], bool]
    catch_up: timedelta = CATCH_UP

    def _fire(self, day: date) -> datetime:
        return datetime.combine(day, self.at, tzinfo=self.zone)

    def due(self, now: datetime) -> date | None:
        """The working day whose send is due at ``now`` (its hour passed, within catch-up)."""
        day = now.astimezone(self.zone).date()
        fire = self._fire(day)
        if self.is_working_day(day) and fire <= now < fire + self.catch_up:
            return day
        return None

    def next_fire(self, now: datetime) -> datetime:
        """The first send time after ``now`` on a working day."""
        day = now.astimezone(self.zone).date()
        for _ in range(7 * _WEEKS_AHEAD):
            if self.is_working_day(day) and self._fire(day) > now:
                return self._fire(day)
            day += timedelta(days=1)
        return self._fire(day)


class BriefScheduler:
    """Runs ``send(day)`` when ``schedule`` says a day is due; cancel the task to stop it."""

    def __init__(
        self,
        schedule: BriefSchedule,
        send: Callable[[date], Awaitable[SendReport]],
        clock: Clock | None = None,
        *,
        retry_after_s: float = RETRY_AFTER_S,
        max_attempts: int = MAX_ATTEMPTS,
    ) -> None:
        self._schedule = schedule
        self._send = send
        self._clock = clock or SystemClock()
        self._retry_after_s = retry_after_s
        self._max_attempts = max_attempts
        self.done: date | None = None  # the last day this replica finished

    async def run(self) -> None:
        attempts = 0
        while True:
            day = self._schedule.due(self._clock.now())
            if day is not None and day != self.done:
                attempts += 1
                if await self._attempt(day) or attempts >= self._max_attempts:
                    self.done, attempts = day, 0
                else:
                    await self._clock.sleep(self._retry_after_s)
                    continue
            now = self._clock.now()
            wait = (self._schedule.next_fire(now) - now).total_seconds()
            await self._clock.sleep(min(max(wait, 1.0), MAX_SLEEP_S))

    async def _attempt(self, day: date) -> bool:
        """One send run; True when nothing is left to retry."""
        try:
            report = await self._send(day)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # the database may be briefly away; the next attempt retries
            log.error("brief send for %s failed (%s)", day.isoformat(), type(exc).__name__)
            return False
        log.info("brief send: %s", report.summary(dry_run=False))
        return not report.failed
