"""Each recognizer: positives, and the near misses it must leave alone."""

from __future__ import annotations

import pytest

from assistant.privacy.analyzer import PiiAnalyzer
from assistant.privacy.entities import Entity


def found(analyzer: PiiAnalyzer, text: str) -> list[tuple[Entity, str]]:
    return [(d.entity_type, text[d.start : d.end]) for d in analyzer.analyze(text)]


POSITIVES = [
    # resident ID: glued to Chinese, X check digit, full-width digits
    ("身份证号110101199003074477的客户", Entity.ID, "110101199003074477"),
    ("证件号码11010519491231002X。", Entity.ID, "11010519491231002X"),
    (
        "身份证１１０１０１１９９００３０７４４７７",
        Entity.ID,
        "１１０１０１１９９００３０７４４７７",
    ),
    ("ID: 110101199003074477, verified", Entity.ID, "110101199003074477"),
    # USCC
    ("统一社会信用代码91110000600037341L，", Entity.USCC, "91110000600037341L"),
    ("USCC 91310000MA1FL4XQ3A on file", Entity.USCC, "91310000MA1FL4XQ3A"),
    # bank cards: UnionPay 19 digits, grouped, hyphenated, Visa 16
    ("卡号6222021234567890128，请核对", Entity.CARD, "6222021234567890128"),
    ("卡号 6222 0212 3456 7890 128 已冻结", Entity.CARD, "6222 0212 3456 7890 128"),
    ("card 4111-1111-1111-1111 expired", Entity.CARD, "4111-1111-1111-1111"),
    ("信用卡4111111111111111到期", Entity.CARD, "4111111111111111"),
    # account numbers need an account word
    ("对公账号31050161393600000123请查收", Entity.ACCOUNT, "31050161393600000123"),
    ("account no. 1234 5678 9012 3456 789 please", Entity.ACCOUNT, "1234 5678 9012 3456 789"),
    # mobiles: prefixes, separators, full-width, glued to Chinese
    ("电话13812345678联系", Entity.PHONE, "13812345678"),
    ("请拨+86 138 1234 5678。", Entity.PHONE, "+86 138 1234 5678"),
    ("手机0086-13812345678", Entity.PHONE, "0086-13812345678"),
    ("手机１３８１２３４５６７８", Entity.PHONE, "１３８１２３４５６７８"),
    ("mobile 138-1234-5678", Entity.PHONE, "138-1234-5678"),
    # landlines
    ("座机021-68881234转", Entity.PHONE, "021-68881234"),
    ("电话(0755) 8888 1234", Entity.PHONE, "(0755) 8888 1234"),
    # e-mail does not swallow Chinese
    ("邮箱zhang.wei@example.com联系", Entity.EMAIL, "zhang.wei@example.com"),
    (
        "发到ｚｈａｎｇ＠ｅｘａｍｐｌｅ．ｃｏｍ吧",
        Entity.EMAIL,
        "ｚｈａｎｇ＠ｅｘａｍｐｌｅ．ｃｏｍ",
    ),
    # addresses
    (
        "地址是上海市浦东新区世纪大道100号2号楼1201室，",
        Entity.ADDRESS,
        "上海市浦东新区世纪大道100号2号楼1201室",
    ),
    ("住在杭州市西湖区文三路478号", Entity.ADDRESS, "杭州市西湖区文三路478号"),
    (
        "Ship to 12 Main Street, Springfield, IL 62704 today",
        Entity.ADDRESS,
        "12 Main Street, Springfield, IL 62704",
    ),
    # names: dictionary (full, short forms, foreign), LAC, honorific
    ("上海华远软件科技有限公司来电", Entity.CLIENT, "上海华远软件科技有限公司"),
    ("华远软件科技的贷款", Entity.CLIENT, "华远软件科技"),
    ("约了stephen williams trading明天", Entity.CLIENT, "stephen williams trading"),
    ("Met Stephen Williams yesterday", Entity.PERSON, "Stephen Williams"),
    ("联系人王晓明已确认", Entity.PERSON, "王晓明"),
    ("李娜昨天去拜访了陈晓东总经理", Entity.PERSON, "陈晓东"),
    ("Please call Ms. Garcia tomorrow", Entity.PERSON, "Garcia"),
    ("Sarah Johnson called about the payroll file", Entity.PERSON, "Sarah Johnson"),
    ("CFO is Michael O'Brien, met him Monday", Entity.PERSON, "Michael O'Brien"),
]


@pytest.mark.parametrize(("text", "entity", "span"), POSITIVES)
def test_when_value_present_then_detected_with_exact_span(analyzer, text, entity, span):
    assert (entity, span) in found(analyzer, text)


NEGATIVES = [
    ("The Grace Period for the loan is 10 days", Entity.PERSON),  # not a given name here
    ("Peter Lynch Trading Co. wired the payment", Entity.PERSON),  # a company
    ("Branch on Victoria Street opens at nine", Entity.PERSON),
    ("Jordan Bank offered a better rate", Entity.PERSON),
    ("身份证号110101199003074478的客户", Entity.ID),  # bad check digit
    ("身份证号110101199013074477", Entity.ID),  # month 13
    ("编号21101011990030744770", Entity.ID),  # inside a longer digit run (letters around an ID
    # no longer hide it: "ID110105…abc" is masked, see test_identifiers.py)
    ("代码91110000600037341M", Entity.USCC),  # bad check character
    ("卡号6222021234567890129", Entity.CARD),  # fails Luhn
    ("金额1234567890123元", Entity.CARD),  # 13-digit amount
    ("交易额 4000000000006 元", Entity.CARD),  # Luhn-valid 13 digits, an amount
    ("合计12,345,678.00元，日期20261127", Entity.CARD),
    ("订单号1234567890123456789已生成", Entity.ACCOUNT),  # no account word
    ("账户余额12345678901.00元", Entity.ACCOUNT),  # an amount after an account word
    ("日期20261127，利率3.25%", Entity.PHONE),
    ("金额13812345678元", Entity.PHONE),  # an amount that looks like a mobile
    ("编号138123456789", Entity.PHONE),  # 12 digits: not a mobile
    ("流水号AB13812345678", Entity.PHONE),  # glued to letters
    ("合同编号HT-2026-001234", Entity.PHONE),
    ("2026-11-27 到期", Entity.PHONE),
    ("邮箱是张三@公司", Entity.EMAIL),
    ("产品代码PRD20261127001，期限365天", Entity.ACCOUNT),
    ("我们在路上，明天再说", Entity.ADDRESS),
]


@pytest.mark.parametrize(("text", "entity"), NEGATIVES)
def test_when_near_miss_then_not_detected(analyzer, text, entity):
    assert entity not in {kind for kind, _ in found(analyzer, text)}


def test_when_ordinary_banking_sentence_then_nothing_detected(analyzer):
    text = "本季度存款余额12,345,678.00元，较上月增长3.25%，合同编号HT2026112700123于20261127到期。"
    assert found(analyzer, text) == []


def test_when_known_phone_found_by_regex_then_owning_client_attached(analyzer):
    detections = analyzer.analyze("回电 138-1234-5678")
    assert [(d.entity_type, d.value, d.client_id) for d in detections] == [
        (Entity.PHONE, "13812345678", "C002")
    ]


def test_when_full_width_text_then_offsets_index_the_original(analyzer):
    text = "ｘ电话１３８１２３４５６７８。"
    (det,) = analyzer.analyze(text)
    assert text[det.start : det.end] == "１３８１２３４５６７８"


def test_when_a_staff_name_then_not_masked_unless_a_client_contact_shares_it(analyzer):
    from assistant.privacy.dictionary import NameDictionary

    bank = analyzer.dictionary
    try:
        analyzer.set_dictionary(
            NameDictionary(names=[("王晓明", Entity.PERSON, "C001")], staff=["李娜", "王晓明"])
        )
        found_names = found(analyzer, "客户经理李娜已联系王晓明，李娜明天再跟进")
        assert (Entity.PERSON, "李娜") not in found_names  # the RM signs her own drafts
        assert (Entity.PERSON, "王晓明") in found_names  # a contact's name: masked, staff or not
        assert analyzer.dictionary.is_staff("李娜") and not analyzer.dictionary.is_staff("王晓明")
    finally:
        analyzer.set_dictionary(bank)
