"""How fresh the bank's extract is on the bank's day: the brief and chat answers say the same.

Due dates (maturities, overdue follow-ups) count from the bank's day (FRONTLINE_TODAY), while
balances and contact records are the extract's. An extract as of the last working day before
today (or later) is fresh — a nightly extract; an older one is said, not left to be trusted.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

STALE_DATA = (
    "（数据截至 {as_of}，晚于上一个工作日未更新：到期与逾期按今天计算，余额与联系记录以该日为准）",
    "(Data as of {as_of}, not refreshed since: due dates count from today; balances and "
    "contacts are as of that day)",
)


# Under an answer that stands on the extract (every channel's footer; the widget's own words).
DATA_AS_OF = ("客户数据截至 {as_of}", "Client data as of {as_of}")


def data_as_of_label(as_of: date | None, language: str) -> str | None:
    return None if as_of is None else DATA_AS_OF[language != "zh"].format(as_of=as_of.isoformat())


def last_working_day_before(day: date, is_working_day: Callable[[date], bool]) -> date:
    """The working day before ``day``: an extract as of then (or later) is fresh for it."""
    previous = day - timedelta(days=1)
    for _ in range(31):  # the longest PRC closure is 8 days; a month bounds any policy
        if is_working_day(previous):
            return previous
        previous -= timedelta(days=1)
    return previous


def stale_since(as_of: date, day: date, is_working_day: Callable[[date], bool]) -> date | None:
    """The extract's date when it is older than the last working day before ``day``."""
    return as_of if as_of < last_working_day_before(day, is_working_day) else None


def stale_line(as_of: date, zh: bool) -> str:
    return STALE_DATA[0 if zh else 1].format(as_of=as_of.isoformat())
