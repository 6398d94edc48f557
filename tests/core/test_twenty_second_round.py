"""Kinds of wording the twenty-second blind round's dev halves showed misread, checked on
phrasings written here (not the round's): a contact said by surname and title right after a
client's short name, a client's name run into the verb after it, a client's address asked for,
the RM's instruction after the words to be said, a price promised against another bank's, a
product made the condition of another, months counted without 个, an RM's few of a table, and
a fall asked for in a figure."""

from __future__ import annotations

import pytest

from assistant.engines.offline.book_parse import HALF_AS
from assistant.engines.offline.client_facts import RECENT_ASKED
from assistant.engines.offline.engine import WHO_OF_THE_TABLE
from assistant.engines.offline.figures import asked
from assistant.engines.offline.followup import THOSE
from assistant.engines.offline.intent import FULL_ID_REQUEST, dictated_words
from assistant.engines.refusals import ADDRESS_REQUEST
from assistant.privacy.analyzer import clients_over_guessed_persons
from assistant.privacy.entities import Detection, Entity
from assistant.privacy.recognizers.name_dictionary import NameDictionaryRecognizer
from tools.compliance import check_compliance
from tools.names.staff import owner_reading


def _det(kind: Entity, start: int, end: int, value: str, known: bool) -> Detection:
    recognizer = NameDictionaryRecognizer.__name__ if known else "ChinesePersonRecognizer"
    return Detection(kind, start, end, 0.9 if known else 0.6, value, None, recognizer)


def _kept(text: str, *detections: Detection) -> list[tuple[Entity, str]]:
    return [(d.entity_type, d.value) for d in clients_over_guessed_persons(list(detections), text)]


def test_a_guess_that_stops_before_the_title_is_the_client_and_the_titled_contact() -> None:
    text = "给立拓胡总写条微信 就说结构性存款保本保收益"
    client = _det(Entity.CLIENT, 1, 3, "立拓", known=True)
    person = _det(Entity.PERSON, 1, 4, "立拓胡", known=False)
    assert _kept(text, client, person) == [(Entity.CLIENT, "立拓"), (Entity.PERSON, "胡总")]
    # another title: "找恒通孙董聊聊" with the guess "恒通孙"
    text = "找恒通孙董聊聊"
    client = _det(Entity.CLIENT, 1, 3, "恒通", known=True)
    person = _det(Entity.PERSON, 1, 4, "恒通孙", known=False)
    assert _kept(text, client, person) == [(Entity.CLIENT, "恒通"), (Entity.PERSON, "孙董")]


def test_a_full_name_holding_a_client_name_and_no_title_stays_one_person() -> None:
    text = "陈建军说下周来"
    client = _det(Entity.CLIENT, 0, 2, "陈建", known=True)
    person = _det(Entity.PERSON, 0, 3, "陈建军", known=False)
    assert (Entity.PERSON, "陈建军") in _kept(text, client, person)


@pytest.mark.parametrize(
    ("text", "person", "client_only"),
    [
        ("给李梅发条企微问候下", "李梅发", True),  # 发: the verb after the name
        ("周倩说下周来签", "周倩说", True),
        ("王芳要买大额存单", "王芳要", True),
        ("李梅芳来网点了", "李梅芳", False),  # 芳: a name goes on, a third person
    ],
)
def test_a_client_name_run_into_the_next_word_is_the_client(
    text: str, person: str, client_only: bool
) -> None:
    start = text.index(person)
    client = _det(Entity.CLIENT, start, start + 2, person[:2], known=True)
    guess = _det(Entity.PERSON, start, start + 3, person, known=False)
    kept = _kept(text, client, guess)
    assert (kept == [(Entity.CLIENT, person[:2])]) is client_only, kept


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("⟦PERSON_1⟧家地址给我下 要寄个生日礼物", True),
        ("她家住哪儿", True),
        ("⟦CLIENT_1⟧公司注册地址发我一下", True),
        ("what is his mailing address?", True),
        ("need ⟦PERSON_1⟧'s home address for the gift hamper", True),
        ("where does she live", True),
        ("网点地址是什么", False),  # the bank's own
        ("给他写封邮件 附上支行地址和营业时间", False),
        ("what's her email address", False),  # an e-mail, masked like any identifier
        ("客户地址变更了怎么处理", False),  # a rule question
        ("update the address on file", False),
    ],
)
def test_a_clients_address_asked_for_is_told_apart(text: str, asks: bool) -> None:
    assert bool(ADDRESS_REQUEST.search(text)) is asks


@pytest.mark.parametrize(
    "text",
    ["把我名下客户身份证号全列出来", "客户证件号全部导出来", "身份证号都列出来给我"],
)
def test_every_id_number_asked_to_be_listed_is_a_full_identifier_request(text: str) -> None:
    assert FULL_ID_REQUEST.search(text)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (
            "tell ⟦CLIENT_1⟧ the renewal rate is posted on the 5th. write it up",
            "The renewal rate is posted on the 5th",
        ),
        ("tell ⟦CLIENT_1⟧ the CD matures next week, then draft a message for me", None),
        ("跟⟦CLIENT_1⟧说下周三来签协议，帮我写一下", "下周三来签协议"),
        ("跟⟦CLIENT_1⟧说下周三来签协议", "下周三来签协议"),
    ],
)
def test_the_rms_instruction_after_the_words_is_not_part_of_them(
    text: str, words: str | None
) -> None:
    said = dictated_words(text)
    if words is None:
        assert said is not None and "draft" not in said.lower(), said
    else:
        assert said == words


def _codes(text: str, language: str) -> set[str]:
    report = check_compliance(text, language=language)  # type: ignore[arg-type]
    return {f.code for f in report.findings}


@pytest.mark.parametrize(
    ("text", "language", "code"),
    [
        ("We'll beat the other bank's rate by 0.5%.", "en", "off_board_rate"),
        ("we can top any other bank's offer for you", "en", "off_board_rate"),
        ("You get 3.2%, guaranteed.", "en", "guaranteed_return"),
        ("要办代发就得先用我们的流贷", "zh", "tied_selling"),
        ("想批授信得先买点我们的理财", "zh", "tied_selling"),
        ("买我们对公理财就给额度", "zh", "tied_selling"),
        ("买个人理财就给优惠利率", "zh", "tied_selling"),
    ],
)
def test_a_price_or_a_condition_promised_is_a_breach(text: str, language: str, code: str) -> None:
    assert code in _codes(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The other bank's rate is 0.5% higher; shall we review our offer?", "en"),
        ("要办贷款得先开通结算账户", "zh"),  # an account the loan is paid into: a prerequisite
        ("要办代发得先准备哪些材料", "zh"),
        ("对公理财和大额存单额度是两回事，分别申请", "zh"),
    ],
)
def test_a_prerequisite_or_a_comparison_is_no_breach(text: str, language: str) -> None:
    assert not {"off_board_rate", "tied_selling", "guaranteed_return"} & _codes(text, language)


def test_months_counted_without_a_measure_word_are_a_span_not_a_month() -> None:
    assert HALF_AS["俩月"] == HALF_AS["两月"] == "2个月" and HALF_AS["仨月"] == "3个月"
    assert "三月" not in HALF_AS  # March


@pytest.mark.parametrize(
    ("text", "few"),
    [
        ("when were 宋莉's two last contacted?", True),
        ("张秀荣的两个最近联系过吗", True),
        ("those three", True),
        ("宋莉's clients", False),
        ("张秀荣的客户", False),
    ],
)
def test_an_rms_few_of_the_table_shown(text: str, few: bool) -> None:
    assert bool(THOSE.search(text)) is few


@pytest.mark.parametrize(
    ("text", "who"),
    [
        ("who has the most dormant ones", True),
        ("谁的流失客户最多", True),
        ("list my dormant ones", False),
    ],
)
def test_who_asked_after_a_table_per_rm(text: str, who: bool) -> None:
    assert bool(WHO_OF_THE_TABLE.search(text)) is who


def test_a_colleague_named_before_one_of_her_clients_is_read_as_the_owner() -> None:
    assert owner_reading("", "那个⟦CLIENT_2⟧定期快到期了")
    assert owner_reading("", "的⟦CLIENT_2⟧跟进了没")
    assert not owner_reading("", "最近怎么样")


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        ("比之前掉了多少啊", ["outflow"]),
        ("how much did deposits drop", ["outflow"]),
        ("贷款少了多少", ["loan"]),  # a loan paid down is no outflow
        ("存款流出了多少", ["outflow"]),
    ],
)
def test_a_fall_asked_for_is_the_outflow_of_deposits(text: str, figures: list[str]) -> None:
    assert asked(text) == figures


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("⟦CLIENT_2⟧定期快到期了 跟进了没", True),
        ("他们联系过没有", True),
        ("has anyone followed up with them?", True),
        ("跟进计划是什么", False),
        ("怎么跟进比较好", False),
    ],
)
def test_whether_a_client_was_followed_up_is_answered_by_the_notes(text: str, asks: bool) -> None:
    assert bool(RECENT_ASKED.search(text)) is asks
