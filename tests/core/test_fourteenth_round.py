"""Kinds of turn the thirteenth round's leftovers and the fourteenth blind round's dev halves
showed misread (not their words), read without a bank."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from assistant.engines.offline.book_parse import parse
from assistant.engines.offline.clients import BUY, RENEW, _maturing_next
from assistant.engines.offline.draft_each import SEGMENT
from assistant.engines.offline.followup import _named_reply
from assistant.engines.offline.intent import classify
from assistant.engines.refusals import (
    EXPORT_REQUEST,
    EXPORT_RULE_ASKED,
    asks_to_evade,
    policy_refusal,
)
from tools.book_query import BookQuery
from tools.client_pick import _MATURES_ON, _OPENED_YEAR
from tools.compliance.check import check_compliance
from tools.compliance.disclosure import has_disclosure
from tools.compliance.models import Language
from tools.compliance.text import normalize
from tools.outreach.bank_profile import load_bank_profile

AS_OF = date(2026, 11, 1)
HARBOUR = Path(__file__).resolve().parents[2] / "evals" / "banks" / "harbour"

WHICH = {
    "candidates": ["C1", "C2"],
    "pending_intent": "client_facts",
    "pending_question": "那家的大额存单几号到期",
}


def test_a_which_one_answered_by_the_full_name_keeps_the_question_asked() -> None:
    follow = _named_reply("⟦CLIENT_1⟧", WHICH, ["C2"])
    assert follow is not None
    assert follow.client_ids == ["C2"] and follow.question == WHICH["pending_question"]
    assert follow.intent == "client_facts"


def test_a_name_with_a_question_of_its_own_is_that_question() -> None:
    assert _named_reply("⟦CLIENT_1⟧ 帮我写个微信提醒他", WHICH, ["C2"]) is None
    assert _named_reply("⟦CLIENT_1⟧的贷款余额多少", WHICH, ["C1"]) is None


def test_a_name_not_offered_or_no_question_pending_is_a_new_turn() -> None:
    assert _named_reply("⟦CLIENT_1⟧", WHICH, ["C9"]) is None
    assert _named_reply("⟦CLIENT_1⟧ ⟦CLIENT_2⟧", WHICH, ["C1", "C2"]) is None
    assert _named_reply("⟦CLIENT_1⟧", {"candidates": ["C1"]}, ["C1"]) is None


# --- conduct rules --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language"),
    [("add that we'll guarantee them a rate above the posted one", "en"),
     ("I can promise you a rate above the board rate", "en"),
     ("利率保证高于挂牌", "zh"), ("给您的利率一定比挂牌高", "zh")],
)  # fmt: skip
def test_a_rate_promised_above_the_published_one_is_a_promised_return(
    text: str, language: Language
) -> None:
    codes = [f.code for f in check_compliance(text, language=language).findings]
    assert "guaranteed_return" in codes


@pytest.mark.parametrize(
    ("text", "language"),
    [("we will guarantee the rate quoted today", "en"), ("利率按挂牌执行", "zh")],
)
def test_a_published_rate_said_plainly_is_not_a_promise(text: str, language: Language) -> None:
    codes = [f.code for f in check_compliance(text, language=language).findings]
    assert "guaranteed_return" not in codes


@pytest.mark.parametrize(
    "text", ["大额存单要同时买一份福寿年金才能给她优惠利率", "得另外配一份保单才能批额度"]
)
def test_a_named_product_after_a_measure_word_made_a_condition_is_tied(text: str) -> None:
    assert "tied_selling" in [f.code for f in check_compliance(text, language="zh").findings]


@pytest.mark.parametrize(
    "text", ["要签合同才能放款", "要先开户才能办理代发", "这款年金要满60岁才能领取"]
)
def test_a_step_or_a_term_is_not_a_tie(text: str) -> None:
    assert "tied_selling" not in [f.code for f in check_compliance(text, language="zh").findings]


def test_a_banks_own_disclosure_is_found_in_the_folded_text_a_rule_reads() -> None:
    # Harbour's fund sentence is written with full-width commas; a rule reads "," instead.
    policy = load_bank_profile(HARBOUR / "bank.yaml").disclosures
    assert policy is not None
    fund = next(r for r in policy.rules if "mutual-fund" in r.categories).zh
    text = f"您好！您持有的基金风险等级为R5。{fund}是否调整由您决定。"
    assert has_disclosure(text, policy) and has_disclosure(normalize(text), policy)
    assert not has_disclosure("您好！您持有的基金风险等级为R5。", policy)


# --- refusals and rule questions -------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["客户数据导出的文件要多久内删掉", "下载的名单最多能保留几天", "how long can I keep an exported client file before I delete it"]
)  # fmt: skip
def test_what_to_do_with_exported_data_is_a_rule_question(text: str) -> None:
    assert EXPORT_REQUEST.search(text) is None or EXPORT_RULE_ASKED.search(text)


def test_an_export_of_the_book_is_refused_as_a_book_request() -> None:
    verdict = classify("把我名下客户名单导出来发我邮箱", has_client=False)
    refusal = policy_refusal(verdict, "zh", text="把我名下客户名单导出来发我邮箱")
    assert refusal is not None and refusal.refused and refusal.intent == "book_query"
    named = policy_refusal(verdict, "zh", full_id_intent="client_facts", text="把名单导出来")
    assert named is not None and named.intent == "client_facts"


def test_a_clients_wish_to_split_payments_reported_is_a_rule_question_not_a_request() -> None:
    told = "客户说想拆成几笔小额转账免得被查 我该怎么回他"
    assert not asks_to_evade(told)
    assert classify(told, has_client=False).intent == "playbook_qa"
    assert asks_to_evade("帮客户把钱拆成几笔转 免得被查")


# --- a client's grade against what is pitched or renewed --------------------------------------


@pytest.mark.parametrize(
    "text", ["能给他们推远期结售汇吗", "适合给她推荐这个基金吗", "推这个理财给他合适不"]
)
def test_a_pitch_asked_is_checked_against_the_grade(text: str) -> None:
    assert BUY.search(text)


@pytest.mark.parametrize(
    "text", ["到期了给他再续一期行吗", "这笔理财能续作吗", "can she roll it over?", "should I renew it for him"]
)  # fmt: skip
def test_a_renewal_asked_is_a_purchase_checked_against_the_grade(text: str) -> None:
    assert RENEW.search(text)


def test_a_renewal_with_no_product_named_checks_the_holding_that_matures_next() -> None:
    profile = {
        "holdings": [
            {"product": "A", "product_code": "A1", "risk_level": "R1", "maturity_date": None},
            {
                "product": "B",
                "product_code": "B2",
                "risk_level": "R2",
                "maturity_date": "2026-09-01",
            },
            {
                "product": "C",
                "product_code": "C3",
                "risk_level": "R3",
                "maturity_date": "2026-07-22",
            },
        ]
    }
    assert [p["product_code"] for p in _maturing_next(profile)] == ["C3"]
    assert _maturing_next({"holdings": []}) == []


def test_a_call_outline_asked_is_a_draft_not_a_meeting_prep() -> None:
    text = "帮我准备个电话提纲 打给⟦CLIENT_1⟧ 问问资金去向"
    assert classify(text, has_client=True).intent == "draft_outreach"
    assert classify("明天去见⟦CLIENT_1⟧ 帮我准备一下", has_client=True).intent == "meeting_prep"


# --- the book ---------------------------------------------------------------------------------


def test_next_month_is_the_coming_month_from_today() -> None:
    # Writers of two rounds meant "下个月到期" as due within the coming month, from today; one
    # writer meant the calendar month after this one. The majority reading stays.
    q = parse("下个月到期的", date(2026, 7, 1)).query
    assert (q.maturity_from_days, q.maturity_within_days) == (None, 61)


@pytest.mark.parametrize(
    "text",
    ["any of my import/export trading clients not doing an FX forward yet?",
     "外贸客户里还没做远期结售汇的"],
)  # fmt: skip
def test_the_clients_of_a_kind_not_yet_holding_something_are_a_list(text: str) -> None:
    parsed = parse(text, AS_OF)
    assert parsed.structured and parsed.query.lacks


@pytest.mark.parametrize("text", ["我一共多少客户", "how many clients do I have in total?"])
def test_a_count_of_the_whole_book_narrows_nothing(text: str) -> None:
    query = parse(text, AS_OF).query
    assert query.count_only and not query.narrows()
    assert parse("有贷款但没开现金管理平台的客户有几家", AS_OF).query.narrows()
    assert not BookQuery(count_only=True).narrows()
    assert BookQuery(rm="RM001", count_only=True).narrows()  # a team lead's one RM


def test_a_template_for_the_clients_a_filter_describes_is_for_each_of_them() -> None:
    assert SEGMENT.search("给下个月有存款到期的客户写个短信模板")
    assert SEGMENT.search("draft a template for clients maturing next month")
    assert not SEGMENT.search("给⟦CLIENT_1⟧写个短信")


# --- which one of the clients on screen ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "day", "month"),
    [("那个4号到期的", 4, None), ("11月28日到期的那家", 28, 11), ("the one maturing on the 10th", 10, None),
     ("the one that matures Nov 28", 28, 11)],
)  # fmt: skip
def test_a_maturity_day_said_picks_by_the_day(text: str, day: int, month: int | None) -> None:
    said = _MATURES_ON.search(text)
    assert said is not None
    assert int(said["zd"] or said["zd2"] or said["ed"]) == day
    months = {None: None, "nov": 11}
    assert (
        int(said["zm"] or said["zm2"])
        if (said["zm"] or said["zm2"])
        else months[(said["em"] or "").lower() or None]
    ) == month


@pytest.mark.parametrize(
    ("text", "year"),
    [("the one onboarded in 2011", "2011"), ("2018年开户的那个", "2018"), ("client since 2009", "2009")],
)  # fmt: skip
def test_an_onboarding_year_said_picks_by_the_year(text: str, year: str) -> None:
    said = _OPENED_YEAR.search(text)
    assert said is not None and year in said.groups()


@pytest.mark.parametrize("text", ["do i have any sleeping clients? how many", "我有几个睡眠户"])
def test_sleeping_clients_are_the_dormant_ones(text: str) -> None:
    assert parse(text, AS_OF).query.signal == "dormancy"
