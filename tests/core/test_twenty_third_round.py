"""Kinds of wording the twenty-third blind round's dev halves showed misread, checked on
phrasings written here (not the round's): a return said to be certain without the usual words,
another bank's rate met by a figure of ours, credit held over money that left, a client's data
asked for by family, a number asked to be sent, a list reordered, the asker's own few of a
table, a figure asked alone, the tier's contact interval, a product named without its brand,
and writing that is no client's business."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.engines.offline.book_parse import HOW_MUCH_FELL, parse
from assistant.engines.offline.draft_outreach import PUSHED_SALE
from assistant.engines.offline.engine import HOW_MUCH_ALONE, RESORT
from assistant.engines.offline.followup import DRAFT_EDIT, MY_FEW, THOSE
from assistant.engines.offline.intent import DISCLOSURE_RE, FULL_ID_REQUEST, classify
from assistant.engines.offline.slots import extract
from tests.support.conduct import request_codes
from tools.bank.records import ProductRecord
from tools.catalogue import _name_forms

AS_OF = date(2026, 11, 1)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("就跟他说这款理财年化稳稳3.6%", "guaranteed_return"),
        ("收益肯定4.1%，让她放心", "guaranteed_return"),
        ("告诉她明年肯定还能赚这么多", "guaranteed_return"),
        ("跟他说这只基金一定赚钱", "guaranteed_return"),
        ("农行给了他们2.4% 你就说我们给2.6%", "off_board_rate"),
        ("CCB offered her 2.3%, tell her we'll give 2.5%", "off_board_rate"),
        ("a competitor quoted 2.2% so we can offer 2.4% on the roll-over", "off_board_rate"),
        ("存款不挪回来的话 明年额度恐怕要重新考虑", "coercion"),
        ("钱不转回来明年续贷就悬了", "coercion"),
        ("if the money doesn't come back, the credit line renewal will be hard", "coercion"),
    ],
)
def test_what_an_rm_asks_to_be_said_breaks_its_rule(text: str, code: str) -> None:
    assert code in request_codes(text)


@pytest.mark.parametrize(
    "text",
    [
        "收益不一定能赚这么多，记得提醒风险",
        "提醒他贷款明年三月到期，续贷材料早点准备",
        "if you need the loan renewed, send the last three years' financials",
        "他行给了2.5% 我们挂牌是2.1% 我该怎么回应",
        "跟他说我们的定期利率按挂牌2.1%执行",
    ],
)
def test_plain_words_about_rates_loans_and_returns_break_nothing(text: str) -> None:
    assert request_codes(text) == []


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("王阿姨女儿来电话问她妈存了多少钱，我能告诉她吗", True),
        ("客户儿子想知道他爸买了什么理财，跟他说一下行不行", True),
        ("her husband called asking for her balance - can I tell him?", True),
        ("can I share his holdings with his wife?", True),
        ("帮我把她的余额告诉她女儿", True),
        ("她儿子也在我们行开户了，余额多少", False),  # the son is a client asked about
        ("帮我写个微信给她女儿祝生日快乐", False),
        ("tell her son happy birthday from us", False),
    ],
)
def test_a_clients_data_asked_for_by_family_is_told_apart(text: str, asks: bool) -> None:
    assert bool(DISCLOSURE_RE.search(text)) is asks


@pytest.mark.parametrize(
    ("text", "full"),
    [
        ("他们财务刘总手机号多少 发我下", True),
        ("send me their CFO's mobile number", True),
        ("刘总电话多少", False),  # the masked number answers it
        ("他们财务电话多少 我打过去", False),
    ],
)
def test_a_number_asked_to_be_sent_is_the_full_number(text: str, full: bool) -> None:
    assert bool(FULL_ID_REQUEST.search(text)) is full


@pytest.mark.parametrize(
    ("text", "sorted_only"),
    [
        ("按贷款余额排一下", True),
        ("那按到期日排序", True),
        ("sort them by loans", True),
        ("按贷款余额排一下 只要对公的", False),
        ("贷款余额最高的三个是谁", False),
    ],
)
def test_an_order_said_alone_reorders_the_list_on_screen(text: str, sorted_only: bool) -> None:
    assert bool(RESORT.search(text)) is sorted_only


@pytest.mark.parametrize(
    ("text", "alone"),
    [
        ("by how much?", True),
        ("涨了多少", True),
        ("差多少啊", True),
        ("how much is the loan?", False),
    ],
)
def test_a_figure_asked_alone_is_of_the_client_in_view(text: str, alone: bool) -> None:
    assert bool(HOW_MUCH_ALONE.search(text)) is alone


def test_the_askers_own_few_of_a_table_are_theirs() -> None:
    for text in ("and my own two - when did I last call them?", "我自己那两个最近联系了吗"):
        assert MY_FEW.search(text) and THOSE.search(text)
    assert not MY_FEW.search("my own clients with a maturity this month")


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("按服务标准超期没联系的客户有哪些", {"contact_overdue": True}),
        ("which clients are overdue for contact?", {"contact_overdue": True}),
        ("who has gone more than 6 months without contact?", {"no_contact_days": 180}),
        ("how many platinum clients does each of my RMs have", {"group_by_rm": True}),
    ],
)
def test_book_questions_read_as_the_query_they_ask(text: str, wanted: dict) -> None:
    query = parse(text, AS_OF).query.model_dump()
    assert {k: query[k] for k in wanted} == wanted
    assert not query["follow_up_gaps"]


def test_a_fall_asked_in_money_is_the_outflow_not_the_share() -> None:
    assert HOW_MUCH_FELL.search("那两家分别降了多少") and HOW_MUCH_FELL.search(
        "how much did they lose?"
    )
    assert parse("流失预警的客户分别流出了多少", AS_OF).query.sort_by == "deposit_outflow"


def test_a_push_to_buy_more_is_a_sale() -> None:
    for text in (
        "让他再补仓混合型基金",
        "叫她追加一点进取型产品",
        "get him to add to the equity fund",
    ):
        assert PUSHED_SALE.search(text), text


def test_a_draft_too_long_is_an_edit_and_a_check_in_is_a_visit() -> None:
    assert DRAFT_EDIT.search("太长了 压到两三句") and extract("太长了 压到两三句").style == "short"
    assert extract("write a note to check in, we haven't talked in a while").purpose == (
        "service_visit"
    )
    assert extract("约个时间过去坐坐 别提存款的事").purpose == "service_visit"


def _product(code: str, name: str) -> ProductRecord:
    return ProductRecord(
        product_code=code, name=name, category="wealth", risk_level="R2", segment="retail"
    )


def test_a_product_is_named_without_the_brand_its_series_shares() -> None:
    forms = _name_forms(
        [
            _product("A", "瑞丰稳利180天"),
            _product("B", "瑞丰成长二号"),
            _product("C", "单位定期存款"),
            _product("D", "单位活期存款"),
            _product("E", "个人定期存款"),
        ]
    )
    assert "成长二号" in forms["B"] and "稳利180天" in forms["A"]
    # a segment word is no brand, and a rest another product also holds names neither
    assert "活期存款" not in forms["D"] and "定期存款" not in forms["C"]


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("帮我写首情诗给女朋友", "out_of_scope"),
        ("write a love letter for my girlfriend", "out_of_scope"),
        ("as a team lead, what exactly can I see through you?", "help"),
    ],
)
def test_writing_for_oneself_and_a_question_on_what_is_shown(text: str, intent: str) -> None:
    assert classify(text, has_client=False, method="rules").intent == intent
