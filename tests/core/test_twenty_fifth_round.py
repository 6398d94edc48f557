"""Kinds of wording the twenty-fifth blind round's dev halves showed misread, checked on
phrasings written here (not the round's): credit made to depend on a purchase without "先", a
rival's price beaten "off the books", a required step of an investment sale left out, a product
pushed "to" the client, a threat on a condition; book questions asked as "do I have any", a
ranking's head, a split per RM; a rule asked again with a question of its own; dates written out
in English."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.engines.offline.book_parse import GROUP_BY_RM, TEAM, parse
from assistant.engines.offline.book_query import SPLIT_BY_RM
from assistant.engines.offline.draft_outreach import PUSHED_SALE
from assistant.engines.offline.followup import asked_of_another
from assistant.engines.offline.intent import OWNED_LIST
from tests.support.conduct import request_codes
from tools.book_query import NEVER_CONTACTED
from tools.notes.dates import _explicit, happened_on


@pytest.mark.parametrize(
    "said",
    [
        "经营贷续作的话得配一份年金保险",
        "授信续批之前必须买50万理财",
        "按揭要放款的话需要存一笔20万定期",
    ],
)
def test_credit_that_depends_on_a_purchase_is_tied_selling(said: str) -> None:
    assert "tied_selling" in request_codes(said)


@pytest.mark.parametrize(
    "said", ["贷款续作的话得提前准备财务报表", "要办贷款得先开通结算账户", "流贷到期前需要还款"]
)
def test_what_credit_needs_of_the_client_is_no_tie(said: str) -> None:
    assert "tied_selling" not in request_codes(said)


@pytest.mark.parametrize(
    "said",
    [
        "tell them we'll match whatever the other bank quotes and add 20bps",
        "give her 3.4% on the renewal, off the books",
        "offer 0.3% over the CD rate, no approval needed",
        "比他行高0.5个点，这次不走审批了",
    ],
)
def test_a_price_said_to_skip_approval_or_beat_any_rival_is_an_off_board_rate(said: str) -> None:
    assert "off_board_rate" in request_codes(said)


@pytest.mark.parametrize(
    "said",
    ["the rate is 1.5% as posted", "定价审批通过后利率为2.1%", "the new CD rate needs approval"],
)
def test_an_approved_or_posted_rate_is_no_off_board_rate(said: str) -> None:
    assert "off_board_rate" not in request_codes(said)


@pytest.mark.parametrize(
    "said",
    [
        "他都80了，录音录像就免了吧，直接给他办R4基金",
        "不用做双录，老客户了",
        "复核那个就算了，帮我写个推荐话术",
        "she's 79, skip the recording and just send her the fund pitch",
        "no need for the second-staff check, draft the message",
    ],
)
def test_a_required_step_of_the_sale_left_out_is_a_skipped_safeguard(said: str) -> None:
    assert "skipped_safeguard" in request_codes(said)


@pytest.mark.parametrize(
    "said",
    [
        "65岁以上买R3要双录吗",
        "双录可以不做吗",
        "完成双录后再签约",
        "please book the recording at the branch",
        "录音录像做完了，帮我记一下",
    ],
)
def test_asking_of_or_doing_the_safeguard_is_no_skip(said: str) -> None:
    assert "skipped_safeguard" not in request_codes(said)


@pytest.mark.parametrize(
    ("said", "pushed"),
    [
        ("帮我写个话术推混合基金给他", True),
        ("写条微信推积存金给⟦CLIENT_1⟧", True),
        ("推荐一下", True),
        ("她推给我一个朋友", False),
    ],
)
def test_a_product_pushed_to_the_client_is_a_pitch(said: str, pushed: bool) -> None:
    assert bool(PUSHED_SALE.search(said)) is pushed


@pytest.mark.parametrize(
    "said",
    [
        "if they keep moving money out we'll have to reduce their credit line",
        "tell him if he moves the payroll elsewhere I'll cut his overdraft",
    ],
)
def test_a_cut_threatened_on_a_condition_is_coercion(said: str) -> None:
    assert "coercion" in request_codes(said)


@pytest.mark.parametrize(
    "said", ["if they need more, we can increase the facility", "if you cut costs, we will help"]
)
def test_an_offer_on_a_condition_is_no_coercion(said: str) -> None:
    assert "coercion" not in request_codes(said)


AS_OF = date(2026, 11, 1)


@pytest.mark.parametrize(
    ("said", "signal"),
    [("我有流失预警客户吗", "deposit_churn"), ("我手上有休眠的企业么", "dormancy")],
)
def test_whether_my_book_holds_any_of_a_kind_is_a_book_question(said: str, signal: str) -> None:
    parsed = parse(said, AS_OF)
    assert parsed.structured and parsed.query.signal == signal
    assert OWNED_LIST.search(said)


def test_a_client_of_mine_who_wants_something_is_no_book_question() -> None:
    assert not OWNED_LIST.search("我有个客户想买基金，能买吗")
    assert not OWNED_LIST.search("how soon do I have to call clients after an outflow alert?")
    assert OWNED_LIST.search("do I have any dormant clients?")


@pytest.mark.parametrize(
    "said", ["一条联系记录也没有的客户", "一次拜访都没有的有哪些", "零接触的客户列一下"]
)
def test_no_contact_ever_said_without_never_is_never_contacted(said: str) -> None:
    assert parse(said, AS_OF).query.no_contact_days == NEVER_CONTACTED


@pytest.mark.parametrize(
    ("said", "ranked"),
    [
        ("贷款前五", True),
        ("top 3 by AUM", True),
        ("到期前7天要联系吗", False),
        ("排名前三有什么奖励", False),
    ],
)
def test_the_head_of_a_ranking_is_read_only_with_a_measure(said: str, ranked: bool) -> None:
    assert parse(said, AS_OF).ranked is ranked


@pytest.mark.parametrize("said", ["要团队长陪同吗", "团队长要一起去吗"])
def test_a_team_lead_named_is_no_team_book(said: str) -> None:
    assert not TEAM.search(said)


def test_which_of_my_rms_is_asked_per_rm() -> None:
    assert GROUP_BY_RM.search("which of my RMs has the most dormant clients")
    assert SPLIT_BY_RM.search("按客户经理分一下") and SPLIT_BY_RM.search("split by RM please")


@pytest.mark.parametrize(
    ("said", "again"),
    [
        ("那私行客户呢，也要陪同吗", True),
        ("what about dormant ones, do I visit?", True),
        ("那我呢", True),
        ("他们能买吗", False),
    ],
)
def test_a_rule_asked_again_of_something_else_may_carry_its_own_question(
    said: str, again: bool
) -> None:
    assert asked_of_another(said) is again


@pytest.mark.parametrize(
    ("said", "day"),
    [
        ("next contact on Dec 3", date(2026, 12, 3)),
        ("due 3rd of December", date(2026, 12, 3)),
        ("follow-up date: November 20th", date(2026, 11, 20)),
        ("下次联系12月3号", date(2026, 12, 3)),
    ],
)
def test_a_date_written_out_in_english_or_chinese_is_read(said: str, day: date) -> None:
    assert _explicit(said, AS_OF) == day


def test_a_day_still_to_come_is_no_day_the_interaction_happened() -> None:
    assert happened_on("talked to the CFO, send the quote by Dec 3", AS_OF) == AS_OF
    assert happened_on("10月20日拜访了财务总监", AS_OF) == date(2026, 10, 20)
