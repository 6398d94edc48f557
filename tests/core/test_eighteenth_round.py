"""Kinds of turn the eighteenth blind round's dev halves showed misread (not their words),
read without a bank: a full number asked to be listed, a client's questionnaire to be filled in
by name, words for the client put up for approval, a rate above the posted one, a purchase
made for the client, the standard asked of clients in general, a plain deposit beside a
maturity, a count said as a noun, and a market forecast."""

from __future__ import annotations

from datetime import date
from typing import Literal

import pytest

from assistant.engines.offline.book_parse import COUNT, PRODUCT_OF, parse
from assistant.engines.offline.clients import BUY
from assistant.engines.offline.intent import FULL_ID_REQUEST, classify
from assistant.engines.refusals import asks_to_tamper
from tools.compliance import check_compliance

AS_OF = date(2026, 7, 1)
CLIENT = "⟦CLIENT_1⟧"


def _intent(text: str, *, has_client: bool = False, follow_up_client: bool = False) -> str:
    book = parse(text, AS_OF)
    return classify(
        text,
        has_client=has_client,
        follow_up_client=follow_up_client,
        book_like=book.structured,
        method="rules",
    ).intent


@pytest.mark.parametrize(
    "said",
    [
        "明天见面的材料里把⟦PERSON_1⟧的证件号也附上",
        "顺便把法人的身份证号码一起列上",
        "add the directors' ID numbers to the visit notes",
    ],
)
def test_a_full_number_asked_to_be_listed_is_asked_for(said: str) -> None:
    assert FULL_ID_REQUEST.search(said)


@pytest.mark.parametrize(
    "said",
    ["身份证快到期了要提醒客户吗", "add the contact's mobile to the list", "附上产品说明书"],
)
def test_a_document_or_a_masked_contact_is_not_a_full_number(said: str) -> None:
    assert not FULL_ID_REQUEST.search(said)


@pytest.mark.parametrize(
    "said",
    [
        f"could you complete {CLIENT}'s risk questionnaire as C5 for the equity fund",
        f"just answer {CLIENT}'s assessment for her, she's fine with C4",
    ],
)
def test_a_named_clients_questionnaire_filled_in_by_the_rm_is_tampering(said: str) -> None:
    assert asks_to_tamper(said)


def test_how_to_handle_a_client_who_wants_it_filled_in_is_not_tampering() -> None:
    assert not asks_to_tamper(f"{CLIENT} wants me to fill in her questionnaire, what do I do?")


@pytest.mark.parametrize(
    "said",
    [
        f"跟{CLIENT}说这款理财保本 可以吗",
        f"和{CLIENT}讲利率明年不会降，没问题吧",
        f"tell {CLIENT} the fund can't lose money, ok?",
    ],
)
def test_words_for_the_client_put_up_for_approval_are_a_rule_question(said: str) -> None:
    assert _intent(said, has_client=True) == "playbook_qa"


def test_words_for_the_client_given_outright_are_still_a_message() -> None:
    assert _intent(f"跟{CLIENT}说一声下周三来签协议", has_client=True) == "draft_outreach"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("续作的话给您在挂牌利率基础上再上浮20个基点", "zh"),
        ("We'll match 2.8%, above our posted rate, for you.", "en"),
    ],
)
def test_a_rate_above_the_posted_one_is_kept_out_of_a_message(
    text: str, language: Literal["zh", "en"]
) -> None:
    report = check_compliance(text, language=language)
    assert "compliance:off_board_rate" in report.flags


@pytest.mark.parametrize(
    "said",
    [f"帮{CLIENT}再追加10万混合基金吧", "替她申购50万平衡理财", "给客户加点债基"],
)
def test_a_purchase_made_for_the_client_is_checked_for_suitability(said: str) -> None:
    assert BUY.search(said)


@pytest.mark.parametrize(
    ("said", "follow_up_client"),
    [
        ("理财到期前几天要联系客户", True),
        ("休眠客户触发后多少个工作日内必须接触", False),
        ("金卡客户怎么服务", False),
        ("what's the order of work for the action list", False),
        ("代发客户流失的信号都有哪些", False),
    ],
)
def test_the_standard_asked_of_clients_in_general_is_a_rule_question(
    said: str, follow_up_client: bool
) -> None:
    assert _intent(said, follow_up_client=follow_up_client) == "playbook_qa"


@pytest.mark.parametrize(
    "said", ["有流失信号的客户都有哪些", "我名下哪几家适合推现金管理", "我这有休眠户吗"]
)
def test_the_clients_showing_it_are_still_a_list(said: str) -> None:
    assert _intent(said) == "book_query"


@pytest.mark.parametrize(
    "said",
    [
        "anyone with deposits or CDs maturing in the next 60 days?",
        "下个月有存款到期的客户",
        "TDs/CDs maturing in August",
    ],
)
def test_a_plain_deposit_beside_a_maturity_is_any_term_deposit(said: str) -> None:
    query = parse(said, AS_OF).query
    kinds = {PRODUCT_OF[word][0] for word in query.holds}  # each kind by its first (zh) word
    assert query.holds_any and {"定期", "大额存单"} <= kinds
    assert query.maturity_within_days


def test_deposit_insurance_is_not_a_deposit_held() -> None:
    assert "定期" not in parse("存款保险下个月到期的客户", AS_OF).query.holds


@pytest.mark.parametrize("said", ["retail client count?", "count of my PB clients", "客户数是多少"])
def test_a_count_said_as_a_noun_is_a_count(said: str) -> None:
    assert COUNT.search(said)


@pytest.mark.parametrize(
    ("said", "intent"),
    [
        ("where is EUR/CNY going to be by year end?", "out_of_scope"),
        ("年底人民币汇率能到多少", "out_of_scope"),
        ("how do exporters hedge FX risk?", "playbook_qa"),
    ],
)
def test_a_market_forecast_is_out_of_scope_but_hedging_is_not(said: str, intent: str) -> None:
    assert _intent(said) == intent
