"""Kinds of wording the twenty-fourth blind round's dev halves showed misread, checked on
phrasings written here (not the round's): a rate the RM vouches for in person, a sentence added
to a draft read as "shorten it", a balance asked for by its English name, contact gaps said
without the usual words, and an RM's book asked of by pronoun."""

from __future__ import annotations

import re
from datetime import date

import pytest

from assistant.engines.offline.book_parse import parse
from assistant.engines.offline.followup import ONE_OF_RM, THEIR_BOOK, THOSE
from assistant.engines.offline.intent import OWNED_LIST
from assistant.engines.offline.slots import CUT_DOWN
from tests.support.conduct import request_codes

AS_OF = date(2026, 7, 1)


@pytest.mark.parametrize(
    "said",
    [
        "续存的话我保证给4个点",
        "转存过来利率我承诺给到3.5%",
        "定期到期续作，我包你3.2%",
        "If you renew I guarantee 4 points",
        "we will promise them 3.1% on the rollover",
    ],
)
def test_a_rate_the_rm_vouches_for_in_person_is_an_off_board_rate(said: str) -> None:
    assert "off_board_rate" in request_codes(said)


@pytest.mark.parametrize(
    "said", ["挂牌利率为1.5%，以我行公告为准", "我保证4点前到", "本产品业绩比较基准3.5%"]
)
def test_a_posted_rate_or_a_time_of_day_is_no_rate_promise(said: str) -> None:
    assert "off_board_rate" not in request_codes(said)


@pytest.mark.parametrize(
    ("said", "shortens"),
    [
        ("再加一句 续存请带身份证", False),
        ("补一句到期日", False),
        ("压成一句", True),
        ("两句话说完", True),
    ],
)
def test_a_sentence_added_is_not_a_draft_cut_down(said: str, shortens: bool) -> None:
    assert bool(re.search(CUT_DOWN, said, re.I)) is shortens


@pytest.mark.parametrize(
    ("question", "measure"),
    [
        ("top 5 clients by avg daily balance?", "deposit"),
        ("which of them has the biggest balance?", "deposit"),
        ("rank them by average daily balances", "deposit"),
        ("top 3 by loan balance", "loan"),
    ],
)
def test_a_balance_asked_by_its_english_name_is_the_deposit(question: str, measure: str) -> None:
    assert parse(question, AS_OF).query.sort_by == measure


@pytest.mark.parametrize(
    ("question", "days"),
    [
        ("which of my clients havent been contacted in 180+ days", 180),
        ("anyone who hasn't been called for 3 months?", 90),
        ("clients that have not been visited in 60 days", 60),
    ],
)
def test_a_contact_gap_said_as_not_been_contacted_is_read(question: str, days: int) -> None:
    assert parse(question, AS_OF).query.no_contact_days == days


@pytest.mark.parametrize(
    "question",
    [
        "Which of my clients are overdue for their monthly contact?",
        "who's overdue for a quarterly visit",
        "我组里谁的逾期未联系客户最多",
    ],
)
def test_overdue_for_a_contact_is_the_tiers_interval(question: str) -> None:
    assert parse(question, AS_OF).query.contact_overdue


@pytest.mark.parametrize(
    ("said", "theirs"),
    [
        ("她名下总行级里最久没联系的是哪家", True),
        ("what about his clients with maturities", True),
        ("那她手上那个进取一号还合适吗", False),
        ("他的存款多少", False),
        ("her balance?", False),
    ],
)
def test_an_rms_book_by_pronoun(said: str, theirs: bool) -> None:
    assert bool(THEIR_BOOK.search(said)) is theirs


@pytest.mark.parametrize(
    ("said", "code"),
    [
        ("今天不定大额存单，额度就没了", "pressure_selling"),
        ("这周不签的话名额就没了", "pressure_selling"),
        ("贷款要续批的话，先买一份我们的对公理财", "tied_selling"),
        ("授信之前先存一笔500万定期", "tied_selling"),
        ("the bond fund did 6% last year so she'll get 6% this year too", "guaranteed_return"),
        ("去年收益6%，今年也能拿6%", "guaranteed_return"),
    ],
)
def test_urgency_a_tie_or_last_years_return_said_again_break_the_rules(
    said: str, code: str
) -> None:
    assert code in request_codes(said)


@pytest.mark.parametrize(
    "said",
    [
        "要办贷款的话先开通结算账户",
        "续贷的话先准备好财报",
        "基金去年涨了8%，过往业绩不代表未来表现",
        "the CD pays 2.1% and you'll get 2.1% at maturity",
    ],
)
def test_an_account_a_paper_or_a_stated_past_return_is_none_of_them(said: str) -> None:
    assert not set(request_codes(said)) & {"pressure_selling", "tied_selling", "guaranteed_return"}


@pytest.mark.parametrize(
    ("said", "one"),
    [
        ("丁涛那个是谁 资产多少", True),
        ("Emily's one?", True),
        ("那个客户叫啥", False),
        ("那三家", False),
    ],
)
def test_an_rms_one_client_of_the_table(said: str, one: bool) -> None:
    assert bool(ONE_OF_RM.search(said)) is one


@pytest.mark.parametrize(
    ("said", "owned"),
    [
        ("覃玉梅名下适当性不匹配的有哪些", True),
        ("how many strategic clients in Emily's book", True),
        ("适当性不匹配要几天内处理", False),
    ],
)
def test_a_list_asked_of_someones_book_is_never_a_rule(said: str, owned: bool) -> None:
    assert bool(OWNED_LIST.search(said)) is owned


@pytest.mark.parametrize("said", ["Emily那8个里已经沟通过流出原因的是哪几个", "这12家呢"])
def test_those_few_counted_in_digits_are_the_ones_on_screen(said: str) -> None:
    assert THOSE.search(said)
