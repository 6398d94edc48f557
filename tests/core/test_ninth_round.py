"""Kinds of question the eighth blind round's dev halves showed misread (not their words): a
product negated after it ("代发不在我们这"); "过百人", "超3500万"; a tier and every tier above it;
"有没有…客户" as a book question; "啥情况" / "how's X doing" as a fact question; 企微 as a WeChat
draft; a client's short name run into a contact's title by the person recogniser ("睿茂孟总",
"刘总发个企微")."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.engines.offline.book_parse import _headcount, _products, parse
from assistant.engines.offline.followup import NARROW
from assistant.engines.offline.intent import classify
from assistant.engines.offline.slots import extract
from assistant.privacy.analyzer import clients_over_guessed_persons
from assistant.privacy.entities import Detection, Entity
from assistant.privacy.recognizers.name_dictionary import NameDictionaryRecognizer
from evals.banks.harbour import SIGNAL_POLICY, TIERING_POLICY
from tools.intelligence.policy import load_policies

AS_OF = date(2026, 11, 1)


@pytest.mark.parametrize(
    ("text", "holds", "lacks"),
    [
        ("员工过百人 但是代发不在我们这的客户有哪些", [], ["代发"]),
        ("which of my corporates w/ 80+ staff aren't doing payroll with us", [], ["payroll"]),
        ("代发在他行的客户", [], ["代发"]),
        ("有理财没代发的客户", ["理财"], ["代发"]),
        ("没有代发、有理财的", ["理财"], ["代发"]),
        ("没做代发的", [], ["代发"]),
        ("没联系过但持有理财的", ["理财"], []),  # "没" of the contact, not of the product
        ("clients without payroll who hold wealth products", ["wealth products"], ["payroll"]),
        ("clients holding a CD but not payroll", ["cd"], ["payroll"]),
    ],
)
def test_a_product_negated_before_or_after_it_is_one_not_held(
    text: str, holds: list[str], lacks: list[str]
) -> None:
    assert _products(text) == (holds, lacks)


@pytest.mark.parametrize(
    ("text", "value"),
    [("员工过百人", 100), ("上百人的企业", 100), ("逾500人的企业", 500), ("w/ 80+ staff", 80)],
)
def test_a_headcount_said_as_over_a_round_number(text: str, value: int) -> None:
    bound = _headcount(text)
    assert bound is not None and bound.op == "gte" and bound.value == value


def test_a_bound_said_with_chao_alone_is_a_lower_bound() -> None:
    q = parse("存款超2000万的客户", AS_OF).query
    assert [(t.measure, t.op, t.value) for t in q.thresholds] == [("deposit", "gte", 2e7)]


def test_a_tier_and_all_above_it_on_either_banks_ladder() -> None:
    demo = load_policies().tiering
    harbour = load_policies(TIERING_POLICY, SIGNAL_POLICY).tiering
    assert demo.at_or_above("只看重点客户及以上的") == ["strategic", "core", "key"]
    assert demo.at_or_above("核心及以上客户") == ["strategic", "core"]
    assert demo.at_or_above("战略客户里日均5000万以上") == []  # the bound is on the amount
    assert harbour.at_or_above("金卡及以上") == ["diamond", "platinum", "gold"]
    assert harbour.at_or_above("gold clients and up") == ["diamond", "platinum", "gold"]
    assert parse("重点客户以上有哪些", AS_OF, tiering=demo).query.tiers == ["core", "key"]


@pytest.mark.parametrize(
    ("text", "structured"),
    [
        ("团队里有没有战略或核心客户出了流失预警", True),
        ("any clients maturing next week?", True),
        ("高价值客户流失的软信号有哪些", False),  # a question about the rules
        ("有没有客户经理负责外汇", False),  # staff, not clients
    ],
)
def test_is_there_any_client_who_asks_the_book(text: str, structured: bool) -> None:
    tiering = load_policies().tiering
    assert parse(text, AS_OF, tiering=tiering).structured is structured


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("⟦CLIENT_1⟧那家啥情况", "client_facts"),
        # "how is X doing" stays a question of how to serve them, as the golden sets read it
        ("⟦CLIENT_1⟧最近怎么样了", "serve_client"),
        ("how's ⟦CLIENT_1⟧ doing", "serve_client"),
        ("what's the latest with ⟦CLIENT_1⟧?", "client_facts"),
        ("⟦CLIENT_1⟧该怎么跟进", "serve_client"),  # how to serve stays how to serve
        ("给⟦CLIENT_1⟧⟦PERSON_1⟧发个企微 定期12月4号到期 问问怎么安排", "draft_outreach"),
    ],
)
def test_questions_read_as_their_kind(text: str, intent: str) -> None:
    assert classify(text, has_client=True).intent == intent


def test_wecom_is_the_work_wechat_and_the_named_person_is_the_drafts_contact() -> None:
    slots = extract("给⟦CLIENT_1⟧⟦PERSON_1⟧发个企微", "zh")
    assert slots.channel == "wechat" and slots.contact == "⟦PERSON_1⟧"
    assert extract("wecom msg to ⟦CLIENT_1⟧ pls", "en").channel == "wechat"


@pytest.mark.parametrize(
    ("text", "narrows"),
    [
        ("只看重点客户及以上的", True),
        ("这里面还没做远期结售汇或者期权的呢", True),
        ("only the ones in manufacturing", True),
        ("of those, who holds a CD?", True),
        ("我的客户里面哪些有代发", False),  # "里面" of the book, not of the list
        ("哪些客户有理财", False),
    ],
)
def test_words_that_narrow_the_list_on_screen(text: str, narrows: bool) -> None:
    assert bool(NARROW.search(text)) is narrows


def _det(kind: Entity, start: int, end: int, value: str, known: bool) -> Detection:
    recognizer = NameDictionaryRecognizer.__name__ if known else "ChinesePersonRecognizer"
    return Detection(kind, start, end, 0.9 if known else 0.6, value, None, recognizer)


def test_a_guessed_person_run_on_from_a_known_client_is_split_into_client_and_person() -> None:
    # "给睿茂孟总写封邮件": the dictionary knows 睿茂 (1-3), LAC guessed 睿茂孟总 (1-5).
    client = _det(Entity.CLIENT, 1, 3, "睿茂", known=True)
    person = _det(Entity.PERSON, 1, 5, "睿茂孟总", known=False)
    kept = clients_over_guessed_persons([client, person])
    assert [(d.entity_type, d.start, d.end, d.value) for d in kept] == [
        (Entity.CLIENT, 1, 3, "睿茂"),
        (Entity.PERSON, 3, 5, "孟总"),
    ]


def test_a_surname_and_title_run_into_the_next_word_is_cut_at_the_title() -> None:
    person = _det(Entity.PERSON, 7, 10, "刘总发", known=False)  # "…刘总发个企微"
    assert [(d.start, d.end, d.value) for d in clients_over_guessed_persons([person])] == [
        (7, 9, "刘总")
    ]
    known = _det(Entity.PERSON, 0, 3, "刘总发", known=True)  # a contact really named so
    assert clients_over_guessed_persons([known]) == [known]


def test_an_english_name_holding_a_client_word_stays_a_person() -> None:
    client = _det(Entity.CLIENT, 5, 11, "Walker", known=True)
    person = _det(Entity.PERSON, 0, 11, "Lisa Walker", known=False)
    assert person in clients_over_guessed_persons([client, person])


def test_the_banks_own_words_typed_with_one_slip_read_as_meant() -> None:
    from assistant.engines.offline.spelling import corrected, vocabulary

    words = vocabulary(("Strategic", "Core", "Salary Agency Service", "Structured Deposit"))
    assert corrected("how many stratgic clients", words) == "how many strategic clients"
    assert corrected("who has a structred deposit", words) == "who has a structured deposit"
    assert corrected("salery agency for ⟦CLIENT_1⟧", words) == "salary agency for ⟦CLIENT_1⟧"
    # Two slips, a plural, a short word, a token: left as typed.
    for text in ("strategy meeting", "Deposits over 5m", "cores", "⟦CLIENT_1⟧ stratgic"[:10]):
        assert corrected(text, words) == text
    # Another form of a word is not a slip of it: "balance" is not "Balanced Wealth Product".
    balanced = vocabulary(("Balanced Wealth Product",))
    assert corrected("top 3 clients by loan balance", balanced) == "top 3 clients by loan balance"


def test_go_ahead_asks_permission_and_its_no_declines() -> None:
    from assistant.engines.offline.direct import PROCEED, asked_to_proceed, asks_yes_no

    for text in ("she's C1 - just process it?", "直接给她办了吧？", "go ahead?"):
        assert asks_yes_no(text) and asked_to_proceed(text)
    assert not PROCEED.search("process the maturity next week")
    # Asked whether one may, it is a question answered no — not a request declined.
    assert not asked_to_proceed("client is C3 but if he insists can i just process it?")


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        (
            "给⟦CLIENT_1⟧⟦PERSON_1⟧写封邮件 跟进下那笔3360万信用证的授信进度",
            "那笔3360万信用证的授信进度",
        ),
        ("email ⟦CLIENT_1⟧ to follow up on the LC facility renewal", "the LC facility renewal"),
        ("给⟦CLIENT_1⟧发个微信问候一下", None),
    ],
)
def test_what_a_message_is_about_when_the_rm_says_so(text: str, topic: str | None) -> None:
    from assistant.engines.offline.intent import topic_words

    assert topic_words(text) == topic


@pytest.mark.parametrize(
    "text",
    ["can i give ⟦CLIENT_1⟧ a 500 yuan shopping card for her birthday?", "能不能送客户一张购物卡"],
)
def test_a_gift_question_is_the_gift_rule_whoever_the_client(text: str) -> None:
    assert classify(text, has_client="⟦" in text).intent == "playbook_qa"


@pytest.mark.parametrize(
    ("text", "contact"),
    [
        ("帮我写个给⟦CLIENT_1⟧的电话开场白 打给段总", "段总"),
        ("给⟦CLIENT_1⟧写个邮件 发给王经理", "王经理"),
        ("call script for ⟦CLIENT_1⟧ to ⟦PERSON_2⟧", "⟦PERSON_2⟧"),
        ("给⟦CLIENT_1⟧发个汇总", None),  # 汇总 is no one
        ("给⟦CLIENT_1⟧总经理发个微信", None),  # a role, no surname: the primary contact
    ],
)
def test_the_contact_a_draft_is_for(text: str, contact: str | None) -> None:
    assert extract(text, "zh").contact == contact


def test_a_name_that_starts_with_a_clients_name_stays_one_person() -> None:
    # A retail client 陈建 and a person 陈建军: the rest ("军") is no surname and title.
    client = _det(Entity.CLIENT, 0, 2, "陈建", known=True)
    person = _det(Entity.PERSON, 0, 3, "陈建军", known=False)
    kept = clients_over_guessed_persons([client, person])
    assert person in kept
