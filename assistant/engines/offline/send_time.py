"""When the RM means to send a message, if they say ("周六中午12点半给她发条企微", "send it tonight
at 9:30pm"): the contact policy's quiet hours are read at that time, not now. Only a time of
day makes a send time; a day alone ("周六发") leaves it to now."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from assistant.engines.offline.numbers import zh_number

_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_EN_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DAY_ZH = re.compile(r"(今天|今晚|明天|明早|明晚|后天|(?:周|星期|礼拜)([一二三四五六日天]))")
_TIME_ZH = re.compile(
    r"(凌晨|早上|早晨|上午|中午|下午|傍晚|晚上|今晚|明晚|夜里|夜间)?\s*"
    r"(\d{1,2}|[一二两三四五六七八九十]{1,3})\s*(?:点|[:：](\d{2}))(半|一刻|(\d{1,2})分?)?"
)
_DAY_EN = re.compile(r"\b(today|tonight|tomorrow|" + "|".join(_EN_DAYS) + r")\b", re.I)
_TIME_EN = re.compile(r"\b(\d{1,2})(?::(\d{2}))?\s*(am|pm)\b|\b(noon|midday|midnight)\b", re.I)


def send_time(text: str, today: date) -> datetime | None:
    """The send time said in ``text``, on or after ``today``; None when no time of day is said."""
    clock = _clock_en(text) or _clock_zh(text)
    if clock is None:
        return None
    return datetime.combine(_day(text, today), clock)


def _clock_zh(text: str) -> time | None:
    m = _TIME_ZH.search(text)
    if m is None:
        return None
    part, hour_said, colon_min, rest, minutes = m.groups()
    hour = int(hour_said) if hour_said.isdigit() else zh_number(hour_said)
    if hour is None or hour > 24:
        return None
    minute = (
        int(colon_min)
        if colon_min
        else 30
        if rest == "半"
        else 15
        if rest == "一刻"
        else int(minutes or 0)
    )
    if (
        part in ("下午", "傍晚", "晚上", "今晚", "明晚", "夜里", "夜间")
        and hour < 12
        or part == "中午"
        and hour < 6
    ):
        hour += 12
    return time(hour % 24, min(minute, 59))


def _clock_en(text: str) -> time | None:
    m = _TIME_EN.search(text)
    if m is None:
        return None
    if m.group(4):
        return time(0) if m.group(4).lower() == "midnight" else time(12)
    hour, minute, half = int(m.group(1)), int(m.group(2) or 0), m.group(3).lower()
    if hour > 12:
        return None
    hour = hour % 12 + (12 if half == "pm" else 0)
    return time(hour, min(minute, 59))


def _day(text: str, today: date) -> date:
    if m := _DAY_ZH.search(text):
        word = m.group(1)
        if m.group(2):
            ahead = (_WEEKDAYS[m.group(2)] - today.weekday()) % 7
            return today + timedelta(days=ahead)
        return today + timedelta(days={"明天": 1, "明早": 1, "明晚": 1, "后天": 2}.get(word, 0))
    if m := _DAY_EN.search(text):
        word = m.group(1).lower()
        if word in _EN_DAYS:
            return today + timedelta(days=(_EN_DAYS.index(word) - today.weekday()) % 7)
        return today + timedelta(days=1 if word == "tomorrow" else 0)
    return today
