"""Amount formatting (万/亿, m/bn) and working-day deadlines."""

from __future__ import annotations

from datetime import date

import pytest

from tools.intelligence.fmt import money_en, money_zh, percent
from tools.intelligence.working_days import add_working_days, working_days_between

MONEY = [
    (52_300_000, "5,230 万", "CNY 52.3m"),
    (50_000_000, "5,000 万", "CNY 50m"),
    (100_000_000, "1 亿", "CNY 100m"),
    (123_456_789, "1.23 亿", "CNY 123.5m"),
    (2_500_000_000, "25 亿", "CNY 2.5bn"),
    (350_000, "35 万", "CNY 350k"),
    (8_500, "8,500 元", "CNY 8.5k"),
    (0, "0 元", "CNY 0"),
]


@pytest.mark.parametrize(("amount", "zh", "en"), MONEY)
def test_when_amount_formatted_then_bank_units_used(amount: float, zh: str, en: str) -> None:
    assert money_zh(amount) == zh
    assert money_en(amount) == en


def test_when_currency_omitted_then_threshold_style() -> None:
    assert money_en(50_000_000, currency=False) == "50m"
    assert percent(0.213) == "21.3%"


WORKING_DAYS = [
    ("friday_plus_one_is_monday", date(2026, 11, 6), 1, date(2026, 11, 9)),
    ("sunday_plus_five_is_friday", date(2026, 11, 1), 5, date(2026, 11, 6)),
    ("thursday_plus_three_skips_weekend", date(2026, 11, 5), 3, date(2026, 11, 10)),
    ("saturday_plus_one_is_monday", date(2026, 11, 7), 1, date(2026, 11, 9)),
    ("zero_days_is_same_day", date(2026, 11, 7), 0, date(2026, 11, 7)),
]


@pytest.mark.parametrize(
    ("case", "start", "days", "expected"), WORKING_DAYS, ids=[c[0] for c in WORKING_DAYS]
)
def test_when_adding_working_days_then_weekends_skipped(
    case: str, start: date, days: int, expected: date
) -> None:
    assert add_working_days(start, days) == expected


def test_when_holiday_given_then_it_is_skipped_too() -> None:
    assert add_working_days(
        date(2026, 9, 30), 1, holidays={date(2026, 10, 1), date(2026, 10, 2)}
    ) == date(2026, 10, 5)


def test_when_counting_between_then_only_weekdays_counted() -> None:
    assert working_days_between(date(2026, 11, 6), date(2026, 11, 13)) == 5
    assert working_days_between(date(2026, 11, 13), date(2026, 11, 6)) == -5


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        (date(2026, 9, 24), 5, date(2026, 10, 9)),  # 中秋 + 国庆 skipped
        (date(2026, 9, 18), 1, date(2026, 9, 20)),  # Sunday 9/20 is a make-up working day
        (date(2026, 2, 13), 2, date(2026, 2, 24)),  # Saturday 2/14 works, 春节 2/15-23 off
        (date(2026, 11, 6), 1, date(2026, 11, 9)),  # an ordinary weekend
    ],
)
def test_when_the_banks_calendar_is_loaded_then_deadlines_follow_the_prc_schedule(
    start: date, days: int, expected: date
) -> None:
    from tools.intelligence.policy import load_policies

    assert load_policies().signals.calendar.add_working_days(start, days) == expected
