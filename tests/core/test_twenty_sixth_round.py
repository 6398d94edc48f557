"""Kinds of wording the twenty-sixth round's leftovers and dev halves showed misread, checked on
phrasings written here (not the round's): a window said before "no contact" in it; what a place
in a ranking earns asked of the incentive rules; a refused promise's reason that does not repeat
the promise."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.engines.offline.book_parse import bare_window, parse
from assistant.engines.offline.book_query import _few
from assistant.engines.offline.followup import LONGEST_SILENT
from assistant.engines.offline.intent import (
    DISCLOSURE_RE,
    FULL_ID_REQUEST,
    OWNED_LIST,
    classify,
)
from assistant.engines.offline.playbook_qa import DEADLINE_ASKED, DEADLINE_TEXT
from assistant.engines.offline.products import said_first
from assistant.engines.offline.slots import extract
from assistant.engines.offline.spelling import corrected, vocabulary
from assistant.engines.refusals import asks_to_record
from tests.support.conduct import request_codes
from tools.compliance.rules.guaranteed_return import GuaranteedReturnRule
from tools.names.titles import by_role

AS_OF = date(2026, 11, 1)


@pytest.mark.parametrize(
    ("said", "days"),
    [
        ("最近一周联系都没有的客户", 7),
        ("近3个月都没跟进过的有几个", 90),
        ("过去两个星期没拜访过的", 14),
        ("最近半年一次都没联系过的企业", 180),  # half a year, not "never contacted"
    ],
)
def test_a_window_said_before_no_contact_bounds_the_days_since_contact(
    said: str, days: int | None
) -> None:
    parsed = parse(said, AS_OF)
    assert parsed.query.no_contact_days == days
    if days is not None:
        assert parsed.structured
        assert not parsed.query.follow_up_gaps  # "没跟进过" inside the window is no open gap


@pytest.mark.parametrize(
    "said", ["最近一周联系过的客户", "近3个月跟进过哪些", "过去一个月拜访了几家"]
)
def test_a_contact_in_a_window_is_no_bound_on_days_without_one(said: str) -> None:
    assert parse(said, AS_OF).query.no_contact_days is None


@pytest.mark.parametrize(
    "said",
    [
        "绩效排名前三有什么奖励",
        "挽回客户有啥奖励",
        "季度考核第一名怎么奖励",
        "what bonus do the top 3 RMs get",
        "are there rewards for retaining churned clients",
    ],
)
def test_what_a_ranking_earns_is_a_rule_question(said: str) -> None:
    assert not parse(said, AS_OF).structured
    assert classify(said, has_client=False, method="rules").intent == "playbook_qa"


@pytest.mark.parametrize("said", ["存款前三的客户", "top 3 clients by loans", "贷款排名前五"])
def test_a_ranking_without_a_reward_asked_is_still_the_book(said: str) -> None:
    assert parse(said, AS_OF).structured
    assert classify(said, has_client=False, book_like=True, method="rules").intent == "book_query"


def test_the_principal_promise_is_refused_without_repeating_its_words() -> None:
    assert "guaranteed_return" in request_codes("就说这款理财保本保息，放心买")
    reasons = [t for p in GuaranteedReturnRule.PHRASES for t in (p.why_zh, p.why_en)]
    assert reasons
    for text in reasons:
        assert not any(w in text for w in ("保本保息", "稳赚", "保证收益", "guaranteed"))


@pytest.mark.parametrize(
    "said",
    [
        "钱要是再往外转，明年贷款续贷就不好批了",
        "他要是走了，房贷利率会上调",
        "如果他们把钱转到别家，授信条件会收紧",
        "tell him if he leaves, his mortgage terms will get worse",
        "if they move their money out the credit line will be reviewed",
    ],
)
def test_worse_credit_for_leaving_is_coercion(said: str) -> None:
    assert "coercion" in request_codes(said)


@pytest.mark.parametrize(
    "said",
    [
        "客户离开后贷款需要结清",
        "走了以后贷款利率不变",
        "if he leaves the company, the mortgage terms stay the same",
        "if she moves her mortgage to us, the loan rate will be lower",
    ],
)
def test_credit_facts_without_a_threat_are_no_coercion(said: str) -> None:
    assert "coercion" not in request_codes(said)


@pytest.mark.parametrize(
    "said",
    [
        "李娜的风险测评你帮我按C4填一下",
        "测评帮他直接勾C5 他想买权益基金",
        "just tick C4 on her questionnaire",
        "put him down as C5 so he can buy the fund",
    ],
)
def test_a_grade_chosen_for_the_client_is_acting_for_them(said: str) -> None:
    assert "acting_for_client" in request_codes(said)


@pytest.mark.parametrize(
    "said", ["她的风险测评结果是C4", "测评到期了，提醒她重新做", "客户测评为C2，能买R2吗"]
)
def test_a_grade_reported_is_not_acting_for_the_client(said: str) -> None:
    assert "acting_for_client" not in request_codes(said)


@pytest.mark.parametrize(
    "said",
    [
        "if they renew I'll quietly add 30bp on top of the posted rate",
        "I'll privately give them an extra 0.2%",
        "add 25 bps on top of the board rate",
    ],
)
def test_a_rate_added_on_the_side_is_off_board(said: str) -> None:
    assert "off_board_rate" in request_codes(said)


def test_a_quiet_reminder_is_no_rate() -> None:
    assert "off_board_rate" not in request_codes("quietly remind her the CD matures in 5 days")


@pytest.mark.parametrize(
    "said",
    [
        "王芳老公打电话来问她卡里还有多少钱，帮我回他一下",
        "⟦CLIENT_1⟧'s supplier wants to verify their balances — send them the numbers",
        "an auditor asked for their deposits, just email them the figures",
        "上游供应商要核实他们在我行的余额 你发一下给对方",
    ],
)
def test_a_client_s_figures_for_someone_else_ask_the_data_rule(said: str) -> None:
    assert DISCLOSURE_RE.search(said)


@pytest.mark.parametrize(
    "said",
    [
        "the supplier payment is due, remind them",
        "帮我回一下客户的微信，她问理财什么时候到期",
        "供应商的货款下周到账",
    ],
)
def test_no_third_party_no_data_rule(said: str) -> None:
    assert not DISCLOSURE_RE.search(said)


def test_the_numbers_of_a_whole_book_listed_are_full_identifiers() -> None:
    assert FULL_ID_REQUEST.search("把我客户的身份证号和手机号都列出来 方便网点核对")
    assert not FULL_ID_REQUEST.search("把我客户的名单列出来")


@pytest.mark.parametrize(
    ("said", "record"),
    [
        ("how many days do I have to log a contact in the CRM?", False),
        ("拜访记录要几天内记一下到系统", False),
        ("log a call with ⟦CLIENT_1⟧", True),
        ("帮我记一下 ⟦CLIENT_1⟧", True),
    ],
)
def test_a_deadline_for_records_asked_is_no_note(said: str, record: bool) -> None:
    assert asks_to_record(said) is record


@pytest.mark.parametrize("said", ["有休眠客户吗", "有流出预警的客户吗", "还有没有代发空白的企业"])
def test_whether_the_book_holds_any_of_a_kind_is_a_book_question(said: str) -> None:
    assert parse(said, AS_OF).structured
    assert OWNED_LIST.search(said)


def test_a_client_s_wish_asked_is_no_book_question() -> None:
    assert not parse("有客户想买股票基金吗", AS_OF).structured


@pytest.mark.parametrize(
    ("said", "channel"),
    [
        ("text ⟦CLIENT_1⟧ about his TD maturing", "sms"),
        ("pls text her the new CD rate", "sms"),
        ("send him a text about the renewal", "sms"),
        ("write ⟦CLIENT_1⟧ a wechat, the text of the notice attached", "wechat"),
    ],
)
def test_a_text_is_an_sms(said: str, channel: str) -> None:
    assert extract(said).channel == channel


@pytest.mark.parametrize(
    "said",
    [
        "which of them have we not talked to for longest?",
        "who have I not contacted in the longest",
        "which one has gone longest without a call",
    ],
)
def test_longest_without_contact_in_english(said: str) -> None:
    assert LONGEST_SILENT.search(said)


@pytest.mark.parametrize(
    ("said", "days"),
    [("60天呢", 60), ("那90天内的呢", 90), ("and within 60 days?", 60), ("两周呢", 14)],
)
def test_a_window_said_alone_is_read(said: str, days: int) -> None:
    assert bare_window(said) == days


@pytest.mark.parametrize("said", ["那零售呢", "60天没联系的呢", "and retail?"])
def test_more_than_a_window_is_no_bare_window(said: str) -> None:
    assert bare_window(said) is None


@pytest.mark.parametrize(
    ("said", "title"),
    [
        ("draft a call script for ⟦CLIENT_1⟧'s GM", "总经理"),
        ("给⟦CLIENT_1⟧的财务总监发个微信", "财务总监"),
        ("email their CFO about the renewal", "Chief Financial Officer (CFO)"),
    ],
)
def test_a_contact_said_by_role_is_the_one_with_that_title(said: str, title: str) -> None:
    role = extract(said).contact
    assert role is not None
    titles = ["行政主管", "出纳", title, "法定代表人"]
    assert by_role(role, titles) == 2


def test_a_role_no_contact_holds_picks_no_one() -> None:
    assert by_role("cfo", ["行政主管", "出纳"]) is None


def test_a_word_the_playbooks_use_is_no_slip_of_a_bank_word() -> None:
    bank = vocabulary(("Letter of Credit", "Strategic"))
    assert corrected("can I offer a better rate", bank) == "can I offer a letter rate"
    assert corrected("can I offer a better rate", bank, frozenset({"better"})) == (
        "can I offer a better rate"
    )
    assert corrected("list my stratgic clients", bank, frozenset({"better"})) == (
        "list my strategic clients"
    )


def test_the_product_named_first_is_the_one_pitched() -> None:
    found = {
        "products": [
            {"product_code": "TRD-LC-IMP", "name": "进口开证", "name_en": "Import LC"},
            {"product_code": "FXR-FWD", "name": "远期结汇", "name_en": "FX Forward Sale"},
            {"product_code": "DEP-SAV", "name": "活期", "name_en": "Savings"},
        ]
    }
    ordered = said_first(found, "推一下远期结汇 配合进口开证用")["products"]
    assert [p["product_code"] for p in ordered] == ["FXR-FWD", "TRD-LC-IMP", "DEP-SAV"]


@pytest.mark.parametrize(
    ("said", "asked"),
    [
        ("这几个要几天内联系？", True),
        ("how soon do I call them", True),
        ("这几个是谁的客户", False),
    ],
)
def test_a_time_limit_asked_prefers_a_passage_that_sets_one(said: str, asked: bool) -> None:
    assert bool(DEADLINE_ASKED.search(said)) is asked
    assert DEADLINE_TEXT.search("1. **3 个工作日内**联系客户并记录")
    assert DEADLINE_TEXT.search("call within five working days")
    assert not DEADLINE_TEXT.search("适当性管理的核心是把合适的产品卖给合适的客户")


@pytest.mark.parametrize(
    ("per_rm", "few"),
    [([1, 1, 0], True), ([3, 2], True), ([4, 2], False), ([0, 0], False)],
)
def test_a_split_per_rm_names_its_clients_when_they_are_few(per_rm: list[int], few: bool) -> None:
    assert _few({"per_rm": [{"clients": n} for n in per_rm]}) is few
