"""Company names nobody here holds are masked like another book's client (refusal parity), the
bank's own names are the dictionary's, and a word of one of the bank's product names is not a
person. The names are written for the test, not produced by the code."""

from __future__ import annotations

import pytest

from assistant.privacy.analyzer import PiiAnalyzer
from assistant.privacy.dictionary import NameDictionary
from assistant.privacy.entities import Entity


def found(analyzer: PiiAnalyzer, text: str) -> list[tuple[Entity, str]]:
    return [(d.entity_type, text[d.start : d.end]) for d in analyzer.analyze(text)]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("青岛远洋重工有限公司怎么服务？", "青岛远洋重工有限公司"),
        ("我的客户青岛远洋重工有限公司想开资金池", "青岛远洋重工有限公司"),
        ("帮我给启明星河生物科技股份有限公司写封邮件", "启明星河生物科技股份有限公司"),
        ("How should I serve Silverline Harbour Cranes Ltd.?", "Silverline Harbour Cranes Ltd."),
        ("Draft a note to Quillfeather Analytics Inc about fees", "Quillfeather Analytics Inc"),
        ("Kestrel Bay Shipping Co., Ltd. wants a call", "Kestrel Bay Shipping Co., Ltd."),
        ("any news from Larkspur Meridian Holdings?", "Larkspur Meridian Holdings"),
    ],
)
def test_when_an_unknown_company_is_named_then_it_is_masked_as_a_client(
    analyzer: PiiAnalyzer, text: str, name: str
) -> None:
    assert (Entity.CLIENT, name) in found(analyzer, text)


@pytest.mark.parametrize(
    "text",
    [
        "科技有限公司的代发怎么办理？",
        "有限公司开户需要哪些材料？",
        "集团型企业适合资金池吗？",
        "What does a Trading Ltd need to open an account?",
        "How do I open an account for a Ltd company?",
        "Do Investment Holdings need a board resolution to open an account?",
    ],
)
def test_when_a_legal_form_names_no_company_then_nothing_is_masked(
    analyzer: PiiAnalyzer, text: str
) -> None:
    assert Entity.CLIENT not in {kind for kind, _ in found(analyzer, text)}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("上海宏图量子科技最近存款咋样", "上海宏图量子科技"),
        ("给深圳蓝汀电子发个微信", "深圳蓝汀电子"),
        ("杭州鼎盛云川贸易集团这个月日均多少", "杭州鼎盛云川贸易集团"),
        ("how are deposits at Shanghai Hongtu Quantum Tech lately", "Shanghai Hongtu Quantum Tech"),
        ("how to serve Shenzhen Lanting Electronics", "Shenzhen Lanting Electronics"),
    ],
)
def test_when_an_unknown_company_is_named_by_place_name_and_trade_then_it_is_masked(
    analyzer: PiiAnalyzer, text: str, name: str
) -> None:
    """No legal form, yet a company: a made-up client reads like a client outside the book."""
    assert (Entity.CLIENT, name) in found(analyzer, text)


@pytest.mark.parametrize(
    "text",
    [
        "上海医疗器械行业的客户有哪些",
        "上海分行的科技客户",
        "上海地区科技企业有多少",
        "杭州的物流客户有哪些",
        "上海科技类客户",
        "上海浦东发展银行的大额存单利率多少",
        "Shanghai Medical Devices clients",
        "Shanghai Pudong Development Bank rates",
        "Suzhou Industrial Park clients",
        "北京的科技公司",
    ],
)
def test_when_a_place_and_a_trade_name_no_company_then_nothing_is_masked(
    analyzer: PiiAnalyzer, text: str
) -> None:
    assert Entity.CLIENT not in {kind for kind, _ in found(analyzer, text)}


def test_a_known_client_keeps_the_dictionarys_span_and_owner(analyzer: PiiAnalyzer) -> None:
    text = "帮我看看上海华远软件科技有限公司最近的存款"
    (hit,) = [d for d in analyzer.analyze(text) if d.entity_type is Entity.CLIENT]
    assert text[hit.start : hit.end] == "上海华远软件科技有限公司" and hit.client_id == "C001"


def test_a_word_of_a_product_name_is_not_a_person(analyzer: PiiAnalyzer) -> None:
    bank = analyzer.dictionary
    text = "我能跟客户说海盈进取一号保本保收益吗？"
    try:
        analyzer.set_dictionary(NameDictionary(products=["海盈进取一号", "Haiying Growth No.1"]))
        assert found(analyzer, text) == []
        assert analyzer.dictionary.in_product_name("ask about Haiying Growth No.1", 10, 17)
        # A client who shares the product's word is still masked where the product is not named.
        analyzer.set_dictionary(
            NameDictionary(names=[("海盈", Entity.PERSON, "C009")], products=["海盈进取一号"])
        )
        assert (Entity.PERSON, "海盈") in found(analyzer, "海盈来电询问到期安排")
    finally:
        analyzer.set_dictionary(bank)


def test_a_clients_short_name_inside_the_banks_product_name_is_the_product(
    analyzer: PiiAnalyzer,
) -> None:
    """The card 海韵金卡信用卡 shares its brand with a company 海韵建材 of another book: written in
    full it is the product (never redacted on the way out); 海韵建材 alone is still the client."""
    bank = analyzer.dictionary
    try:
        analyzer.set_dictionary(
            NameDictionary(
                names=[("海韵建材有限公司", Entity.CLIENT, "C010")],
                products=["海韵金卡信用卡", "Haiyun Gold Credit Card"],
            )
        )
        assert found(analyzer, "持有产品：海韵金卡信用卡（CARD-GOLD）") == []
        assert (Entity.CLIENT, "海韵建材") in found(analyzer, "海韵建材最近咋样")
    finally:
        analyzer.set_dictionary(bank)
