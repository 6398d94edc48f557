"""Dates in a note resolve against the data's as-of date and the bank's calendar (signals.yaml):
a deadline on a public holiday moves back to the working day before it, working days skip the
holidays and count the make-up weekends (调休)."""

from __future__ import annotations

from datetime import date

import pytest

from tools.intelligence.policy import load_policies
from tools.notes.dates import due_by, happened_on

CALENDAR = load_policies().signals.calendar
SUNDAY = date(2026, 11, 1)  # a Sunday: "next week" is the week that starts tomorrow
BEFORE_MID_AUTUMN = date(2026, 9, 23)  # Wednesday; 25-27 September are holidays


@pytest.mark.parametrize(
    ("text", "as_of", "due"),
    [
        ("下周三前给代发方案", SUNDAY, date(2026, 11, 4)),
        ("next Wednesday", SUNDAY, date(2026, 11, 4)),
        ("they want an FX quote by Friday", SUNDAY, date(2026, 11, 6)),
        ("3个工作日内报方案", SUNDAY, date(2026, 11, 4)),
        ("within 5 working days", SUNDAY, date(2026, 11, 6)),
        ("明天回电", SUNDAY, date(2026, 11, 2)),
        ("月底前", SUNDAY, date(2026, 11, 30)),
        ("11月20日前", SUNDAY, date(2026, 11, 20)),
        ("周五前", BEFORE_MID_AUTUMN, date(2026, 9, 24)),  # Friday is 中秋: Thursday
        ("3个工作日内", BEFORE_MID_AUTUMN, date(2026, 9, 29)),  # skips 25-27 September
        ("明天", date(2026, 9, 19), date(2026, 9, 20)),  # a make-up working Sunday
        ("看看再说", SUNDAY, None),
    ],
)
def test_when_a_next_step_names_a_deadline_then_it_resolves_on_the_calendar(
    text: str, as_of: date, due: date | None
) -> None:
    assert due_by(text, as_of, CALENDAR) == due


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("今天拜访了", SUNDAY),
        ("昨天电话", date(2026, 10, 31)),
        ("上周五见了客户", date(2026, 10, 23)),
        ("called them yesterday", date(2026, 10, 31)),
        ("met them last Monday", date(2026, 10, 19)),
        ("客户说要扩招", SUNDAY),  # unsaid: the data's as-of date
    ],
)
def test_when_a_note_says_when_then_the_day_is_resolved(text: str, day: date) -> None:
    assert happened_on(text, SUNDAY) == day
