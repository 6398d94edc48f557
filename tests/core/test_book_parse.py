"""A book question in the RM's words -> the typed BookQuery: zh and en, numbers in digits,
Chinese numerals and English words, amounts with 万/亿/k/m, relative dates."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.engines.offline.book_parse import parse
from assistant.engines.offline.numbers import amount, number, zh_number
from tools.bank.records import RMRecord

AS_OF = date(2026, 11, 1)  # a Sunday
RMS = [
    RMRecord("S1", "王敏", "T1", "branch", "rm"),
    RMRecord("S2", "李强", "T1", "branch", "rm"),
    RMRecord("S3", "Emily Zhou", "T2", "branch", "rm"),
    RMRecord("S4", "唐晓菲", "T2", "branch", "rm"),
]


@pytest.mark.parametrize(
    ("text", "value"),
    [("三十五", 35), ("十", 10), ("两百", 200), ("十九", 19), ("二十一", 21), ("三", 3)],
)
def test_when_a_chinese_numeral_is_read_then_its_value_is_returned(text: str, value: int) -> None:
    assert zh_number(text) == value


@pytest.mark.parametrize(
    ("num", "unit", "value"),
    [
        ("5000", "万", 5e7),
        ("1.2", "亿", 1.2e8),
        ("500", "k", 5e5),
        ("3", "m", 3e6),
        ("two", "million", 2e6),
        ("五", "千万", 5e7),
        ("80000", None, 8e4),
    ],
)
def test_when_an_amount_has_a_unit_then_it_is_in_yuan(
    num: str, unit: str | None, value: float
) -> None:
    assert amount(num, unit) == value


def test_when_a_word_is_not_a_number_then_none() -> None:
    assert number("clients") is None and zh_number("客户") is None


CASES = [
    ("top 3 by loans", {"sort_by": "loan", "limit": 3}),
    ("top three clients by deposits", {"sort_by": "deposit", "limit": 3}),
    # English beside Chinese with no space: "top3", "按AUM排" are still words
    ("top3客户按存款", {"sort_by": "deposit", "limit": 3}),
    ("贷款top5", {"sort_by": "loan", "limit": 5}),
    ("我名下客户按AUM排前十", {"sort_by": "aum", "limit": 10}),
    ("按贷款余额排一下，前五名", {"sort_by": "loan", "limit": 5}),
    ("我名下30天内到期的有几个", {"maturity_within_days": 30, "count_only": True}),
    ("三十天内到期的客户", {"maturity_within_days": 30}),
    ("anything maturing within two weeks?", {"maturity_within_days": 14}),
    ("下个月到期的有哪些", {"maturity_within_days": 60}),  # to the end of December
    ("下周到期的有哪些", {"maturity_within_days": 7}),  # to the end of next week
    ("60天没联系过的客户有多少个", {"no_contact_days": 60, "count_only": True}),
    ("who haven't I contacted in over a year?", {"no_contact_days": 365}),
    ("no contact for 90+ days", {"no_contact_days": 90}),
    (
        "存款超过5000万的对公客户",
        {
            "client_type": "corporate",
            "thresholds": [{"measure": "deposit", "op": "gte", "value": 5e7}],
        },
    ),
    ("clients with AUM over 5m", {"thresholds": [{"measure": "aum", "op": "gte", "value": 5e6}]}),
    (
        "近三个月存款下降超过两成的客户",
        {"thresholds": [{"measure": "deposit_change", "op": "lte", "value": -0.2}]},
    ),
    (
        "which clients' deposits dropped by half",
        {"thresholds": [{"measure": "deposit_change", "op": "lte", "value": -0.5}]},
    ),
    ("风险偏好C2但买了R3以上产品的客户", {"risk_appetite": "C2", "product_risk_at_least": "R3"}),
    ("团队里哪些客户持有的产品风险超过风险承受能力", {"risk_mismatch": True}),
    ("谁买了大额存单", {"holds": ["大额存单"]}),
    ("which of my clients hold an LC", {"holds": ["lc"]}),
    ("没开资金池的客户有哪些", {"lacks": ["资金池"]}),
    ("哪些企业客户还没在我行代发工资？", {"client_type": "corporate", "lacks": ["代发", "工资"]}),
    ("Which of my corporate clients don't run payroll with us?", {"lacks": ["payroll"]}),
    ("我名下哪些公司适合营销代发？", {"lacks": ["代发"], "holds": []}),
    ("我的客户里谁买了理财？", {"holds": ["理财"], "lacks": []}),
    ("Which clients in my book are losing deposits?", {"signal": "deposit_churn"}),
    (
        "which corporate clients have no payroll",
        {"client_type": "corporate", "signal": "product_gap"},
    ),
    (
        "有贷款但没开现金管理的客户有几家",
        {
            "lacks": ["现金管理"],
            "thresholds": [{"measure": "loan", "op": "gte", "value": 1.0}],
            "count_only": True,
        },
    ),
    # A loan said with a negation is the clients without one, counted: never "有贷款" inside
    # "没有贷款", and never ranked by the loan balance every one of them has at nil.
    (
        "我有多少客户没有贷款",
        {
            "thresholds": [{"measure": "loan", "op": "lte", "value": 0.0}],
            "count_only": True,
            "sort_by": "urgency",
        },
    ),
    (
        "how many of my clients don't have a loan with us",
        {"thresholds": [{"measure": "loan", "op": "lte", "value": 0.0}], "count_only": True},
    ),
    ("clients with no loans?", {"thresholds": [{"measure": "loan", "op": "lte", "value": 0.0}]}),
    ("which clients have loans", {"thresholds": [{"measure": "loan", "op": "gte", "value": 1.0}]}),
    # of maturities, "金额最大" / "the biggest" is the sum that matures, not the client's size
    ("下个月到期的哪笔最大", {"sort_by": "maturing_amount", "limit": 5}),
    ("which maturity next month is the biggest", {"sort_by": "maturing_amount"}),
    ("年终客户答谢会邀请谁比较合适", {"sort_by": "value", "limit": 10}),
    ("哪个组员跟进最慢", {"group_by_rm": True, "follow_up_gaps": True}),
    (
        "which RM in my team has the most dormant clients",
        {"group_by_rm": True, "signal": "dormancy"},
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_when_a_book_question_is_read_then_the_query_holds_what_it_asked(
    text: str, expected: dict
) -> None:
    parsed = parse(text, AS_OF, rms=RMS)
    got = parsed.query.model_dump()
    assert {k: got[k] for k in expected} == expected
    assert parsed.structured


def test_when_a_colleague_is_named_then_the_rm_is_read_in_any_written_form() -> None:
    assert parse("show me 王敏's top clients", AS_OF, rms=RMS).query.rm == "S1"
    assert parse("tang xiaofei's biggest client by deposits?", AS_OF, rms=RMS).query.rm == "S4"
    assert parse("Emily那边谁的流出最大", AS_OF, rms=RMS).query.rm == "S3"


def test_when_a_familiar_name_is_used_then_only_the_team_resolves_it() -> None:
    assert parse("小王那边贷款最多的客户", AS_OF, rms=RMS, team=["S1", "S2"]).query.rm == "S1"
    assert parse("小王那边贷款最多的客户", AS_OF, rms=RMS, team=["S3", "S4"]).query.rm is None


def test_when_a_question_is_about_policy_then_it_has_no_book_shape() -> None:
    assert not parse("战略客户的服务频次是什么？", AS_OF, rms=RMS).structured
