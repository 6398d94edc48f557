"""Kinds of wording the twenty-seventh round's dev halves showed misread, checked on phrasings
written here (not the round's): a rate given on the side in points; a rival's price beaten
"whatever" it is; credit a client "need not think of"; urgency over a longer clause; an ID card
photographed into a chat; an order placed for the client when told; the channel asked for
beside another one named; the RM's own travel; a compliant redraft; what to answer the client;
a meeting's subject; hyphenated English words in the playbooks."""

from __future__ import annotations

import pytest

from assistant.engines.offline.direct import asked_to_proceed
from assistant.engines.offline.followup import DRAFT_EDIT
from assistant.engines.offline.intent import classify, topic_words
from assistant.engines.offline.slots import channel_asked
from knowledge.lexical import TextTokenizer
from tests.support.conduct import request_codes


@pytest.mark.parametrize(
    ("said", "code"),
    [
        ("跟他说我私下给他多加0.3个点", "off_board_rate"),
        ("续存的话我私下补他们20bp", "off_board_rate"),
        ("tell them we'll beat whatever price the other bank quotes", "off_board_rate"),
        ("他们要是把钱转走，以后授信就别想批了", "coercion"),
        ("钱不回来的话，续贷甭想了", "coercion"),
        (
            "let her know if she doesn't lock in the CD this week she'll miss out",
            "pressure_selling",
        ),
        ("让他把身份证拍张照片微信发我", "id_document_by_chat"),
        ("营业执照正反面拍照用企业微信传给我就行", "id_document_by_chat"),
        ("ask him to send me a photo of his ID card on WeChat", "id_document_by_chat"),
        ("just WhatsApp me a scan of her passport", "id_document_by_chat"),
        ("身份证拍个照发我", "id_document_by_chat"),
        ("让客户微信发一下身份证", "id_document_by_chat"),
        ("send a photo of her ID to my WhatsApp", "id_document_by_chat"),
        ("Just send me a photo of your passport on WeChat.", "id_document_by_chat"),
    ],
)
def test_a_plan_against_the_conduct_rules_is_found(said: str, code: str) -> None:
    assert code in request_codes(said)


@pytest.mark.parametrize(
    "said",
    [
        "请带身份证原件到网点更新资料",
        "身份证到期了，提醒她在手机银行上传新证件",
        "客户私下里说别家利率高",
        "他说贷款明年要续，想先了解下条件",
        "if you don't have time this week we'll meet next month",
        "bring your passport to the branch and we'll update it there",
        "please bring a copy of your ID card and message me when you arrive",
        "身份证照片请勿通过微信发送，请到网点办理",  # the rule said to the client
        "客户私下加了我微信问存款利率",
        "私下补了一份收益说明给他",
        "您不用担心续贷别想太多了",
        "If you don't renew the deposit before it matures you will lose nothing",
        "If she doesn't read the risk disclosure carefully she will miss important details",
    ],
)
def test_the_same_words_without_the_act_are_not_a_breach(said: str) -> None:
    assert request_codes(said) == []


@pytest.mark.parametrize(
    ("said", "told"),
    [
        ("他是C2 你直接帮他下单吧", True),
        ("直接帮她买了吧", True),
        ("你就替客户申购一下", True),
        ("她想买股票基金，能帮她下单吗", False),  # asked whether, not told to
        ("帮她下单需要什么材料", False),
        ("我上周就给他操作了续存", False),  # reported
        ("你给他买了什么理财？", False),
    ],
)
def test_an_order_placed_for_the_client_is_told_not_asked(said: str, told: bool) -> None:
    assert asked_to_proceed(said) is told


@pytest.mark.parametrize(
    ("said", "channel"),
    [
        ("给他发个短信，提醒他把回执微信发我", "sms"),
        ("客户说微信不看，帮我发个短信", "sms"),
        ("写封邮件，顺便说下微信群的事", "email"),
        ("draft a text to her, she never reads wechat", "sms"),
        ("email him about the wechat group", "email"),
        ("写个微信", "wechat"),
        ("昨天来电话说续贷的事，帮我写封邮件回复他", "email"),  # what the client did comes first
        ("发邮件问续贷，帮我回个微信", "wechat"),
        ("电话话术", "call"),
    ],
)
def test_the_channel_asked_for_is_the_one_after_the_verb(said: str, channel: str) -> None:
    assert channel_asked(said) == channel


@pytest.mark.parametrize(
    "said",
    [
        "帮我订两张周五去上海的高铁票",
        "帮我定个⟦CLIENT_1⟧附近的酒店",
        "book me a flight to Shenzhen",
    ],
)
def test_the_rms_own_travel_is_out_of_scope(said: str) -> None:
    assert classify(said, has_client="⟦" in said).intent == "out_of_scope"


@pytest.mark.parametrize(
    "said",
    [
        "⟦CLIENT_1⟧的订单主要来自酒店行业，我们有机会吗",
        "⟦CLIENT_1⟧制定了酒店扩张计划",
        "⟦CLIENT_1⟧主营打车平台",
        "⟦CLIENT_1⟧买了一批车票给员工做福利",
    ],
)
def test_a_clients_business_in_travel_is_not_the_rms_travel(said: str) -> None:
    assert classify(said, has_client=True).intent != "out_of_scope"


@pytest.mark.parametrize(
    ("said", "edit"),
    [
        ("那就按合规的说法写", True),
        ("出一版合规的", True),
        ("ok give me a compliant version then", True),
        ("合规部门的电话是多少", False),
        ("按合规要求，大额存单起存多少？", False),
    ],
)
def test_a_compliant_redraft_edits_the_last_draft(said: str, edit: bool) -> None:
    assert bool(DRAFT_EDIT.search(said)) is edit


@pytest.mark.parametrize(
    "said",
    [
        "客户说别家送礼品，他再问我该怎么回",
        "那她问起收益我应该怎么答复",
        "how should I respond to him if he asks again?",
    ],
)
def test_what_to_answer_the_client_is_a_service_question(said: str) -> None:
    # the rules alone: the follow-up's "她" is the client in view, no client token in the words
    assert classify(said, has_client=False, follow_up_client=True).intent == "serve_client"


@pytest.mark.parametrize(
    ("said", "intent"),
    [
        ("客户问定期能不能提前支取，我该怎么回答", "playbook_qa"),  # a client in general
        ("what should I say in the email to ⟦CLIENT_1⟧ about the renewal", "draft_outreach"),
    ],
)
def test_what_to_answer_anyone_or_to_write_is_not_a_service_question(
    said: str, intent: str
) -> None:
    assert classify(said, has_client="⟦" in said).intent == intent


@pytest.mark.parametrize(
    ("said", "topic"),
    [
        ("给⟦CLIENT_1⟧发个邮件，约一下年度授信回顾", "年度授信回顾"),
        ("约她来谈谈孩子留学的换汇安排", "孩子留学的换汇安排"),
        ("约他们聊聊代发方案", "代发方案"),
        ("大约300万的定期要到期了，写个微信", None),  # "约" inside 大约 is no meeting
        ("约个时间", None),
    ],
)
def test_the_subject_of_a_meeting_asked_for_is_the_drafts_topic(
    said: str, topic: str | None
) -> None:
    assert topic_words(said) == topic


def test_a_hyphenated_word_asked_is_also_its_words_and_a_code_stays_whole() -> None:
    said = "Head-office tier clients, follow-up on DEP-TD-1Y by 2026-07-01"
    asked = TextTokenizer().tokens(said, query=True)
    assert {"head-office", "head", "office", "follow-up", "follow", "up"} <= set(asked)
    assert "dep-td-1y" in asked and "td" not in asked
    written = TextTokenizer().tokens(said)  # a playbook's own hyphenated word stays one word
    assert "follow-up" in written and "follow" not in written
