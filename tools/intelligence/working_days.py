"""Working-day arithmetic for follow-up deadlines ("5 个工作日内面访").

Weekends are skipped; public holidays and the make-up working Saturdays (调休) of the PRC
calendar change every year, so callers pass them in rather than this module guessing.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, timedelta

_SATURDAY = 5


def is_working_day(day: date, holidays: Collection[date] = ()) -> bool:
    return day.weekday() < _SATURDAY and day not in holidays


def add_working_days(start: date, days: int, holidays: Collection[date] = ()) -> date:
    """The date ``days`` working days after ``start`` (``start`` itself is not counted).

    Friday + 1 is Monday; Saturday + 1 is also Monday. ``days=0`` returns ``start``.
    """
    if days < 0:
        raise ValueError("days must be >= 0")
    current = start
    remaining = days
    while remaining:
        current += timedelta(days=1)
        if is_working_day(current, holidays):
            remaining -= 1
    return current


def working_days_between(start: date, end: date, holidays: Collection[date] = ()) -> int:
    """Working days in ``(start, end]``; negative when ``end`` is before ``start``."""
    if end < start:
        return -working_days_between(end, start, holidays)
    return sum(
        is_working_day(start + timedelta(days=i), holidays)
        for i in range(1, (end - start).days + 1)
    )
