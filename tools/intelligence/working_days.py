"""Working-day arithmetic for follow-up deadlines ("5 个工作日内面访").

Weekends are skipped, and so are the public holidays of the bank's calendar, while the make-up
working weekends (调休, e.g. a Saturday before the Spring Festival) count as working days. The
PRC schedule changes every year, so it comes from ``tools/policy/signals.yaml`` (``calendar:``),
which the bank extends when the State Council publishes the next year's arrangement.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, timedelta

_SATURDAY = 5


def is_working_day(
    day: date, holidays: Collection[date] = (), working_weekends: Collection[date] = ()
) -> bool:
    if day in working_weekends:
        return True
    return day.weekday() < _SATURDAY and day not in holidays


def add_working_days(
    start: date,
    days: int,
    holidays: Collection[date] = (),
    working_weekends: Collection[date] = (),
) -> date:
    """The date ``days`` working days after ``start`` (``start`` itself is not counted).

    Friday + 1 is Monday; Saturday + 1 is also Monday. ``days=0`` returns ``start``.
    """
    if days < 0:
        raise ValueError("days must be >= 0")
    current = start
    remaining = days
    while remaining:
        current += timedelta(days=1)
        if is_working_day(current, holidays, working_weekends):
            remaining -= 1
    return current


def working_days_between(
    start: date,
    end: date,
    holidays: Collection[date] = (),
    working_weekends: Collection[date] = (),
) -> int:
    """Working days in ``(start, end]``; negative when ``end`` is before ``start``."""
    if end < start:
        return -working_days_between(end, start, holidays, working_weekends)
    return sum(
        is_working_day(start + timedelta(days=i), holidays, working_weekends)
        for i in range(1, (end - start).days + 1)
    )
