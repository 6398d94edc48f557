"""Kinds of turn the fourteenth round's leftovers and the fifteenth blind round's dev halves
showed misread (not their words), read without a bank."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from assistant.engines.offline import capture, followup
from assistant.engines.offline.book_parse import parse
from assistant.engines.offline.book_query import PER_RM_LISTED
from assistant.engines.offline.client_facts import CONTACTS_ASKED, RECENT_ASKED, WHO_MANAGES
from assistant.engines.offline.clients import AGE_SAID, _option
from assistant.engines.offline.compose import talking_points
from assistant.engines.offline.draft_outreach import TAKEN_OUT, _draft_product
from assistant.engines.offline.intent import classify
from assistant.engines.offline.slots import SIGNALS, _first
from assistant.engines.offline.unknown_client import company_named
from assistant.engines.refusals import FULL_ID_FLAG, policy_refusal
from tools.bank.records import RMRecord
from tools.intelligence.age import age_on
from tools.outreach.bank_profile import load_bank_profile

AS_OF = date(2026, 11, 1)
HARBOUR = Path(__file__).resolve().parents[2] / "evals" / "banks" / "harbour"


def test_a_which_one_tells_two_clients_of_one_name_apart() -> None:
    a = {
        "name": "⟦CLIENT_1⟧",
        "client_id": "C1",
        "client_type": "retail",
        "branch": "杭州分行",
        "onboarded": 2011,
    }
    b = {**a, "client_id": "C2", "branch": "上海分行", "onboarded": 2019}
    zh = [_option(m, "zh") for m in (a, b)]
    assert zh[0] != zh[1].replace("C2", "C1")
    assert "杭州分行" in zh[0] and "2011年开户" in zh[0] and "零售客户" in zh[0]
    assert "client since 2019" in _option(b, "en") and "Retail" in _option(b, "en")


def test_a_colleagues_client_in_a_which_one_says_whose_it_is() -> None:
    m = {
        "name": "⟦CLIENT_1⟧",
        "client_id": "C1",
        "client_type": "corporate",
        "rm": {"name": "周以宁"},
    }
    assert "周以宁" in _option(m, "zh") and "对公客户" in _option(m, "zh")


# --- a team lead's counts per RM -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "listed"),
    [("which RM on my team has the most clients?", False), ("组里谁的客户最多", False),
     ("how many head-office tier clients does each RM have? just the numbers", False),
     ("list the dormant clients across my team, grouped by RM", True),
     ("按客户经理列一下组里的休眠客户", True), ("每个人分别是哪些客户", True)],
)  # fmt: skip
def test_counts_per_rm_name_clients_only_when_asked(text: str, listed: bool) -> None:
    assert bool(PER_RM_LISTED.search(text)) is listed


def test_two_colleagues_named_side_by_side_are_counted_per_rm() -> None:
    rms = [RMRecord("E1", "马骁", "T", "B", "rm"), RMRecord("E2", "何雨桐", "T", "B", "rm"),
           RMRecord("E0", "许静怡", "T", "B", "team_lead")]  # fmt: skip
    parsed = parse("马骁和何雨桐谁的铂金客户多", AS_OF, rms=rms, team=["E0", "E1", "E2"])
    assert parsed.query.group_by_rm and parsed.query.rm is None and parsed.structured
    one = parse("马骁名下有几个客户", AS_OF, rms=rms, team=["E0", "E1", "E2"])
    assert one.query.rm == "E1" and not one.query.group_by_rm


# --- questions about the book ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "days"),
    [("who have I been in touch with in the last month?", 30), ("最近一个月联系过的客户有哪些", 30),
     ("最近两周拜访过哪些客户", 14), ("which clients did I call in the past 2 weeks", 14),
     ("最近联系过的客户", 30)],
)  # fmt: skip
def test_a_recent_contact_is_a_filter_latest_first(text: str, days: int) -> None:
    query = parse(text, AS_OF).query
    assert query.contacted_within_days == days and query.no_contact_days is None
    assert query.sort_by == "days_since_contact" and query.descending is False


def test_no_contact_for_a_while_is_still_the_opposite_filter() -> None:
    query = parse("哪些客户30天没联系了", AS_OF).query
    assert query.no_contact_days == 30 and query.contacted_within_days is None


def test_the_ones_with_a_signal_said_by_the_end_are_a_list() -> None:
    assert parse("组里核心以上客户有流失预警的", AS_OF).structured


@pytest.mark.parametrize(
    "text",
    ["client wants to email me their payroll employee list - ok?",
     "客户想把代发名单用微信发我 可以吗"],
)  # fmt: skip
def test_a_clients_wish_asked_as_may_i_is_not_a_list(text: str) -> None:
    assert not parse(text, AS_OF).structured


# --- what was meant, in a conversation -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "statement"),
    [("he wants to move the equity fund into something safer, I'll send him options by Friday", True),
     ("客户说下周来签代发协议，我周三前把材料发过去", True),
     ("what's his deposit balance?", False), ("他存款多少", False), ("帮我写个微信给他", False),
     ("draft him an email", False)],
)  # fmt: skip
def test_a_reply_to_what_was_discussed_is_a_statement(text: str, statement: bool) -> None:
    assert (not capture.ASKS.search(text)) is statement


@pytest.mark.parametrize(
    ("text", "said"),
    [("那⟦CLIENT_2⟧的呢", "⟦CLIENT_2⟧"), ("what about ⟦CLIENT_2⟧?", "⟦CLIENT_2⟧"),
     ("那外汇期权组合呢", "外汇期权组合"), ("and the CD?", "the CD")],
)  # fmt: skip
def test_an_ellipsis_says_the_one_thing_it_swaps(text: str, said: str) -> None:
    assert followup.ELLIPSIS.search(text)
    assert followup.ELLIPSIS_WORDS.sub("", text).strip() == said


def test_the_question_answered_is_kept_unless_it_was_a_number_refused() -> None:
    kept = followup.asked({}, "帮我看看⟦PERSON_1⟧的持仓", "client_facts", refused=True)
    assert (
        kept["last_question"] == "帮我看看⟦PERSON_1⟧的持仓"
        and kept["asked_intent"] == "client_facts"
    )
    number = followup.asked(
        {followup.MASKED_OFFER: True}, "把⟦CLIENT_1⟧身份证号给我", "client_facts", True
    )
    assert number["last_question"] is None
    assert followup.asked({}, "组里谁最慢", "book_query", False)["last_question"] is None


@pytest.mark.parametrize(
    ("text", "intent"),
    [("anything I should watch out for before seeing ⟦CLIENT_1⟧?", "meeting_prep"),
     ("去见⟦CLIENT_1⟧之前要注意点啥", "meeting_prep"),
     ("WeChat him about it, keep it short", "draft_outreach"),
     ("text her a reminder", "draft_outreach")],
)  # fmt: skip
def test_a_meeting_ahead_and_a_channel_as_a_verb_are_read(text: str, intent: str) -> None:
    assert classify(text, has_client="⟦" in text, follow_up_client=True).intent == intent


@pytest.mark.parametrize(
    "text", ["who's covering the Ruiyang one?", "who is handling ⟦CLIENT_1⟧", "⟦CLIENT_1⟧谁在管"]
)
def test_who_covers_a_client_is_its_rm(text: str) -> None:
    assert WHO_MANAGES.search(text)


def test_an_export_of_the_book_with_numbers_is_refused_as_an_export() -> None:
    text = "export my whole client list with phone numbers to excel"
    verdict = classify(text, has_client=False, follow_up_client=False)
    refused = policy_refusal(verdict, "en", text=text)
    assert refused is not None and refused.refused and refused.intent == "book_query"
    assert FULL_ID_FLAG in refused.flags


# --- drafts ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "left"),
    [("那去掉保本那些，正常写一版", "那 ，正常写一版"), ("drop the guarantee part and redo it", "  and redo it"),
     ("别提收益率，写短点", " ，写短点")],
)  # fmt: skip
def test_words_named_to_be_taken_out_are_not_checked_as_dictated(text: str, left: str) -> None:
    assert TAKEN_OUT.sub(" ", text) == left


def test_a_maturity_reminder_is_about_the_holding_that_matures_not_the_one_suggested() -> None:
    profile = {"holdings": [{"product_code": "CD", "maturity_date": "2026-12-27"},
                            {"product_code": "SAV", "maturity_date": None}]}  # fmt: skip
    gap = [{"product_code": "WM", "kind": "product_gap"}]
    assert _draft_product(gap, "maturity_reminder", "WM", profile) == "CD"
    assert _draft_product([], "maturity_reminder", "CD", profile) == "CD"
    assert _draft_product([], "product_pitch", "WM", profile) == "WM"


@pytest.mark.parametrize(
    ("text", "first"),
    [("what's the credit line on the top one?", True), ("排第一的那个存款多少", True),
     ("the top client's loans", True), ("top 3 of them", False)],
)  # fmt: skip
def test_the_top_one_is_the_head_of_the_list(text: str, first: bool) -> None:
    assert (followup.by_position(text, ["A", "B", "C"]) == ["A"]) is first


@pytest.mark.parametrize(
    ("text", "contacts"),
    [("when did I last contact the earliest one?", False), ("who is the contact at ⟦CLIENT_1⟧", True),
     ("last contact?", False)],
)  # fmt: skip
def test_when_i_last_contacted_asks_when_not_who(text: str, contacts: bool) -> None:
    assert bool(CONTACTS_ASKED.search(text)) is contacts and (contacts or RECENT_ASKED.search(text))


def test_talking_points_are_a_few_lines_each_said_once() -> None:
    same = "- 每两个月至少一次拜访，每季度一次资金往来分析。"
    pitch = {
        "n": 3,
        "text": "## 落地步骤\n1. 与财务负责人确认发薪日、人数、现有代发行。\n2. 签订代发协议，完成批量开卡。\n3. 首次代发后一个月内回访。",
    }
    standard = {"n": 2, "text": f"{same}\n- 1 个工作日内响应。"}
    points = talking_points([pitch, standard, {**standard, "n": 4}])
    assert points[:2] == [
        "- 与财务负责人确认发薪日、人数、现有代发行。 [3]",
        "- 签订代发协议，完成批量开卡。 [3]",
    ]
    assert sum(same[2:] in p for p in points) == 1 and len(points) == 4


# --- a company no book holds -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [("东港远洋渔业的授信额度是多少", "东港远洋渔业"), ("宏达建材现在存款多少", "宏达建材"),
     ("海通物流那边联系人是谁", "海通物流"), ("建材公司的存款一般多少", None),
     ("化工集团的授信额度是多少", None), ("代发工资的手续费是多少", None),
     ("我们行对公客户的存款一般多少", None), ("大额存单的起存金额是多少", None),
     ("新能源汽车的贷款政策是什么", None)],
)  # fmt: skip
def test_a_company_asked_about_by_name_is_told_from_a_kind_of_company(
    text: str, name: str | None
) -> None:
    assert company_named(text) == name


# --- older clients ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "on", "age"),
    [("110101193911213835", date(2026, 7, 1), 86), ("110101193911213835", date(2026, 11, 21), 87),
     ("11010119811231001X", date(2026, 12, 30), 44), ("9131011", date(2026, 1, 1), None),
     ("110101198102301610", date(2026, 1, 1), None), (None, date(2026, 1, 1), None),
     ("110101203001010016", date(2026, 1, 1), None)],
)  # fmt: skip
def test_an_age_is_read_off_a_resident_ids_birth_date(
    number: str | None, on: date, age: int | None
) -> None:
    assert age_on(number, on) == age


@pytest.mark.parametrize(
    ("text", "age"),
    [("张永强86了，想买点海盈进取一号，可以吗", 86), ("she's 78 years old, can she buy the fund", 78),
     ("客户72岁 能买R3吗", 72), ("client aged 81 wants the equity fund", 81)],
)  # fmt: skip
def test_an_age_said_by_the_rm_is_read(text: str, age: int) -> None:
    said = AGE_SAID.search(text)
    assert said is not None and int(next(g for g in said.groups() if g)) == age


def test_both_banks_profiles_say_when_the_elderly_rule_applies() -> None:
    for path in (None, HARBOUR / "bank.yaml"):
        rule = load_bank_profile(path).elderly
        assert rule is not None and rule.age == 65 and rule.product_risk_at_least == "R3"


def test_helping_a_named_client_round_a_rule_is_refused_as_serving_them() -> None:
    text = "⟦CLIENT_1⟧老板想分几笔转出去，每笔4万9，免得被查，我怎么帮他安排"
    verdict = classify(text, has_client=True, follow_up_client=False)
    refused = policy_refusal(verdict, "zh", text=text, served_intent="serve_client")
    assert refused is not None and refused.refused and refused.intent == "serve_client"
    unnamed = policy_refusal(verdict, "zh", text=text)
    assert unnamed is not None and unnamed.intent == verdict.intent


@pytest.mark.parametrize(
    ("text", "key", "value"),
    [("how many corp clients in my book?", "client_type", "corporate"),
     ("how many of my clients have had zero contact so far this year?", "no_contact_days", 305)],
)  # fmt: skip
def test_a_corp_client_and_zero_contact_are_read(text: str, key: str, value: object) -> None:
    assert parse(text, AS_OF).query.model_dump()[key] == value


@pytest.mark.parametrize(
    "text",
    ["her deposits halved last month", "存款掉了一半", "他存款掉得挺厉害", "deposits fell sharply"],
)
def test_deposits_halved_or_fallen_are_the_churn_signal(text: str) -> None:
    assert _first(SIGNALS, text) == "deposit_churn"


def test_a_call_outline_for_a_client_is_a_draft() -> None:
    text = "call outline for ⟦CLIENT_1⟧ - her deposits halved last month"
    verdict = classify(text, has_client=True, follow_up_client=False)
    assert verdict.intent == "draft_outreach"
