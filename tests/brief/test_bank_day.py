"""One bank's day for chat, the brief and outcomes (FRONTLINE_TODAY): what is due counts from
it, balances and contacts stay the extract's, and a stale extract is said in chat as in the
brief. The expected maturities are computed here from the CSVs, not by the engine."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta

import pytest

from assistant.core.types import Answer, Turn
from assistant.errors import ConfigError
from assistant.wiring import Frontline
from testkit.settings import make_settings
from tests.brief.conftest import Bank

pytestmark = pytest.mark.slow  # generates the full demo bank

RM = "RM001"


@contextmanager
def bank_day(fl: Frontline, today: str | None) -> Iterator[None]:
    """``fl`` counting from ``today`` (FRONTLINE_TODAY) for the block."""
    kept = fl.settings
    fl.settings = kept.model_copy(update={"today": today})
    try:
        yield
    finally:
        fl.settings = kept


def ask(fl: Frontline, question: str) -> Answer:
    return asyncio.run(fl.core.answer(Turn(text=question, channel="api", rm_id=RM)))


def test_frontline_today_is_validated_and_names_the_value(tmp_path) -> None:
    assert make_settings(tmp_path, today="2026-12-03").today == "2026-12-03"
    assert make_settings(tmp_path, today="extract").today == "extract"
    assert make_settings(tmp_path, today="").today is None
    with pytest.raises(
        ConfigError, match="FRONTLINE_TODAY: .*a date \\(YYYY-MM-DD\\) or 'extract'"
    ):
        make_settings(tmp_path, today="tomorrow")
    with pytest.raises(
        ConfigError, match="FRONTLINE_TODAY: .*a date \\(YYYY-MM-DD\\) or 'extract'"
    ):
        make_settings(tmp_path, today="2026-02-30")


def test_the_bank_day_is_the_clock_unless_pinned(demo_bank: Bank) -> None:
    fl = demo_bank.fl
    with bank_day(fl, None):
        assert fl.today() == datetime.now(fl.settings.zone).date()
        assert fl.outcomes.today() == fl.today()  # an outcome is recorded on the same day
    with bank_day(fl, "extract"):
        assert fl.today() == demo_bank.as_of
    with bank_day(fl, "2026-11-20"):
        assert fl.today() == date(2026, 11, 20)
        assert fl.briefs.today() == date(2026, 11, 20)


def test_chat_and_the_brief_count_maturities_from_the_same_day(demo_bank: Bank) -> None:
    fl = demo_bank.fl
    book = demo_bank.book(RM)
    moved = demo_bank.maturing_within(book, demo_bank.as_of, 7)
    # A working day a week or more after the extract (stale then) whose window holds others.
    day, expected = next(
        (d, found)
        for d in (demo_bank.as_of + timedelta(days=n) for n in range(7, 60))
        if fl.briefs.is_working_day(d)
        and (found := demo_bank.maturing_within(book, d, 7))
        and found != moved
    )
    with bank_day(fl, day.isoformat()):
        brief = fl.briefs.build(RM, fl.today(), "zh")
        answer = ask(fl, "7天内到期的客户有哪些")
    in_brief = {i.client_id for i in brief.items if i.section == "maturing"}
    assert in_brief == expected
    assert set(answer.client_ids) == expected, answer.text
    stale = f"数据截至 {demo_bank.as_of.isoformat()}"
    assert stale in answer.text and stale in brief.text
    assert answer.data_as_of == demo_bank.as_of


def test_a_fresh_extract_or_a_rule_question_says_no_data_date_in_the_text(
    demo_bank: Bank,
) -> None:
    fl = demo_bank.fl
    with bank_day(fl, (demo_bank.as_of + timedelta(days=1)).isoformat()):  # Monday after
        fresh = ask(fl, "7天内到期的客户有哪些")
    with bank_day(fl, (demo_bank.as_of + timedelta(days=9)).isoformat()):
        rule = ask(fl, "大额存单起存金额是多少")
    assert "数据截至" not in fresh.text and fresh.data_as_of == demo_bank.as_of
    assert "数据截至" not in rule.text and rule.data_as_of is None, rule.text
