"""Dates in a note, resolved against the data's as-of date and the bank's working-day
calendar: when it happened ("今天", "昨天", "yesterday") and when the next step is due
("下周三前", "by Friday", "3个工作日内", "within 5 working days", "月底前", "11月20日前").

A deadline that falls on a day the bank does not work moves back to the working day before
it: "by Friday" with Friday a public holiday means Thursday, never the Monday after.
"""

from __future__ import annotations

import re
from calendar import monthrange
from datetime import date, timedelta

from tools.intelligence.policy import CalendarPolicy

ZH_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
EN_WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
    "saturday": 5, "sunday": 6,
}  # fmt: skip
ZH_COUNT = {
    "一": 1,
    "两": 2,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
}

# When it happened.
ZH_PAST = {"今天": 0, "今日": 0, "刚才": 0, "刚刚": 0, "昨天": 1, "昨日": 1, "前天": 2}
EN_PAST = {"today": 0, "this morning": 0, "this afternoon": 0, "yesterday": 1}
ZH_LAST_WEEKDAY = re.compile(r"上(?:周|星期|礼拜)([一二三四五六日天])")
EN_LAST_WEEKDAY = re.compile(r"\blast\s+(" + "|".join(EN_WEEKDAYS) + r")\b", re.I)

# When the next step is due.
ZH_WEEKDAY = re.compile(r"(下|本|这|这个)?(?:周|星期|礼拜)([一二三四五六日天])")
EN_WEEKDAY = re.compile(r"\b(next|this)?\s*(" + "|".join(EN_WEEKDAYS) + r")\b", re.I)
ZH_WORKING = re.compile(r"(\d{1,2}|[一两二三四五六七八九十])\s*个?工作日")
EN_WORKING = re.compile(r"\b(\d{1,2})\s+(?:working|business)\s+days?\b", re.I)
ZH_TOMORROW = re.compile(r"明天|明日|后天")
EN_TOMORROW = re.compile(r"\btomorrow\b", re.I)
MONTH_END = re.compile(r"月底|月末|\bend of (?:the )?month\b", re.I)
WEEK_END = re.compile(r"(?:本|这)周(?:内|末)|\bend of (?:the |this )?week\b|\bthis week\b", re.I)
ISO = re.compile(r"\b(20\d\d)-(\d{1,2})-(\d{1,2})\b")
ZH_MONTH_DAY = re.compile(r"(\d{1,2})月(\d{1,2})[日号]")
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
# "Nov 16", "November 16th", "16 Nov": a date written out in English
EN_MONTH_DAY = re.compile(
    rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?\b|\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?![a-z])",
    re.I,
)

DATE_WORDS = re.compile(
    "|".join(
        p.pattern if isinstance(p, re.Pattern) else p
        for p in (
            ZH_LAST_WEEKDAY, ZH_WEEKDAY, ZH_WORKING, ZH_TOMORROW, ISO, ZH_MONTH_DAY, EN_MONTH_DAY,
            "|".join(ZH_PAST), r"下周|本周|这周|月底|月末",
        )
    )
    + r"|\b(today|yesterday|tomorrow|this (morning|afternoon|week)|next week|end of (the )?"
    r"(month|week)|(last|next|this)\s+\w+day|monday|tuesday|wednesday|thursday|friday|saturday|"
    r"sunday|within|by|before|working days?|business days?|\d{1,2})\b",
    re.I,
)  # fmt: skip


def happened_on(text: str, as_of: date) -> date:
    """The day the interaction happened; the as-of date when the note does not say."""
    for word, back in (*ZH_PAST.items(), *EN_PAST.items()):
        if re.search(rf"(?<![a-z]){re.escape(word)}(?![a-z])", text, re.I):
            return as_of - timedelta(days=back)
    if m := ZH_LAST_WEEKDAY.search(text):
        return _week_start(as_of) - timedelta(days=7) + timedelta(days=ZH_WEEKDAYS[m.group(1)])
    if m := EN_LAST_WEEKDAY.search(text):
        return _week_start(as_of) - timedelta(days=7) + timedelta(EN_WEEKDAYS[m.group(1).lower()])
    day = _explicit(text, as_of)
    # "send the quote by Nov 6": a day still to come is a deadline, not when it happened
    return day if day is not None and day <= as_of else as_of


def due_by(text: str, as_of: date, calendar: CalendarPolicy) -> date | None:
    """The deadline a next step names, moved back to a working day; None when it names none."""
    day = _deadline(text, as_of, calendar)
    if day is None:
        return None
    while not calendar.is_working_day(day) and day > as_of:
        day -= timedelta(days=1)
    return day


def _deadline(text: str, as_of: date, calendar: CalendarPolicy) -> date | None:
    if m := ZH_WORKING.search(text) or EN_WORKING.search(text):
        n = m.group(1)
        return calendar.add_working_days(as_of, int(n) if n.isdigit() else ZH_COUNT[n])
    if m := ZH_WEEKDAY.search(text):
        return _weekday(as_of, ZH_WEEKDAYS[m.group(2)], next_week=m.group(1) == "下")
    if m := EN_WEEKDAY.search(text):
        return _weekday(as_of, EN_WEEKDAYS[m.group(2).lower()], next_week=_is(m.group(1), "next"))
    if m := ZH_TOMORROW.search(text) or EN_TOMORROW.search(text):
        return as_of + timedelta(days=2 if m.group(0) == "后天" else 1)
    if re.search(r"下周|\bnext week\b", text, re.I):
        return _week_start(as_of) + timedelta(days=11)  # next week's Friday
    if WEEK_END.search(text):
        return _week_start(as_of) + timedelta(days=4)
    if MONTH_END.search(text):
        return as_of.replace(day=monthrange(as_of.year, as_of.month)[1])
    return _explicit(text, as_of)


def _is(word: str | None, wanted: str) -> bool:
    return (word or "").lower() == wanted


def _week_start(day: date) -> date:
    """The Monday of ``day``'s week (a Chinese week runs Monday to Sunday)."""
    return day - timedelta(days=day.weekday())


def _weekday(as_of: date, weekday: int, *, next_week: bool) -> date:
    """ "下周三" is in the week after as-of's; "周五前"/"by Friday" is the next such day."""
    if next_week:
        return _week_start(as_of) + timedelta(days=7 + weekday)
    ahead = (weekday - as_of.weekday()) % 7
    return as_of + timedelta(days=ahead or 7)


def _explicit(text: str, as_of: date) -> date | None:
    """ "2026-11-20", "11月20日": a date written out (a month-day before as-of is next year's)."""
    try:
        if m := ISO.search(text):
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if m := ZH_MONTH_DAY.search(text):
            day = date(as_of.year, int(m.group(1)), int(m.group(2)))
            return day
        if m := EN_MONTH_DAY.search(text):
            month, number = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
            return date(as_of.year, MONTHS.index(month.lower()[:3]) + 1, int(number))
    except ValueError:
        return None
    return None
