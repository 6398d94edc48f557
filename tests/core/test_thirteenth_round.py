"""Kinds of question the twelfth round's leftovers and the thirteenth blind round's dev halves
showed misread (not their words), read without a bank: the team said as 咱们组/本组 and a list
asked "按客户经理列"; who qualifies or who must approve asked of the client in view; whether the
RM may do something ("我帮他填了行不行"); an English ask for a call outline or a msg; client data
posted to a group chat; a product likened to a deposit's safety; a benefit made "easier" by a
product taken; "suitable for an R5 product"; the IME's same-sounding slip of 客户/存款."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.engines.offline.book_parse import PERMISSION_ASKED, parse
from assistant.engines.offline.client_rule import asks_entry_rule, asks_rule
from assistant.engines.offline.clients import BUY
from assistant.engines.offline.followup import PRONOUN
from assistant.engines.offline.intent import classify
from assistant.engines.offline.spelling import corrected_zh
from assistant.engines.refusals import EXPORT_REQUEST
from tools.compliance.rules.base import PhraseRule
from tools.compliance.rules.risk_free_language import RiskFreeLanguageRule
from tools.compliance.rules.tied_selling import TiedSellingRule

AS_OF = date(2026, 11, 1)


@pytest.mark.parametrize("text", ["咱们组流失预警的客户", "本组下个月到期的有哪些", "组内休眠客户"])
def test_the_team_said_in_other_words_is_the_team(text: str) -> None:
    assert parse(text, AS_OF).team


@pytest.mark.parametrize("text", ["我组织一次客户活动", "本组合的收益怎么样"])
def test_words_that_only_contain_the_team_are_not_it(text: str) -> None:
    assert not parse(text, AS_OF).team


@pytest.mark.parametrize(
    "text", ["休眠客户按客户经理列一下", "流失预警的按管户分组", "dormant clients grouped by RM"]
)
def test_a_list_asked_per_rm_is_grouped_by_rm(text: str) -> None:
    assert parse(text, AS_OF).query.group_by_rm


@pytest.mark.parametrize(
    "text",
    ["wait, is she even eligible for the family trust?", "他够资格做家族信托吗",
     "这个要报行长吗", "这笔需要审批吗", "does this need sign-off?"],
)  # fmt: skip
def test_who_qualifies_or_approves_is_a_rule_question(text: str) -> None:
    assert asks_entry_rule(text) and asks_rule(text)


@pytest.mark.parametrize("text", ["他最近怎么样", "她的存款多少", "报表发我一下"])
def test_plain_questions_ask_no_entry_rule(text: str) -> None:
    assert not asks_entry_rule(text)


@pytest.mark.parametrize("word", ["she", "he"])
def test_she_and_he_stand_for_the_client_in_view(word: str) -> None:
    assert PRONOUN.search(f"is {word} eligible?")


@pytest.mark.parametrize(
    ("text", "has_client"),
    [
        ("客户说不会填风险测评，我帮他填了行不行？", False),
        ("⟦CLIENT_1⟧想加仓，我直接给她下单行不行", True),
        ("代发的员工名单能让企业财务直接微信发给我吗", False),
        ("once the loan is approved can I get the client to buy our insurance too?", False),
    ],
)
def test_whether_the_rm_may_do_something_is_a_rule_question(text: str, has_client: bool) -> None:
    assert PERMISSION_ASKED.search(text)
    assert classify(text, has_client=has_client, follow_up_client=not has_client).intent == (
        "playbook_qa"
    )
    assert not parse(text, AS_OF).structured  # "名单…发给我吗" asks no list


@pytest.mark.parametrize(
    "text",
    ["draft a call outline for ⟦CLIENT_1⟧", "write him a msg saying hello",
     "write ⟦CLIENT_1⟧ an email about the renewal"],
)  # fmt: skip
def test_english_asks_for_a_text_are_drafts(text: str) -> None:
    assert classify(text, has_client=True).intent == "draft_outreach"


def test_talking_points_for_a_meeting_stay_meeting_prep() -> None:
    assert classify(
        "prepare talking points for my meeting with ⟦CLIENT_1⟧", has_client=True
    ).intent == ("meeting_prep")


@pytest.mark.parametrize(
    ("text", "refused"),
    [
        ("把⟦CLIENT_1⟧几个联系人的手机号整理一下，我发到部门微信群里", True),
        ("post their phone numbers in the team chat", True),
        ("share the client list with the group chat", True),
        ("活动通知发到群里", False),
        ("⟦CLIENT_1⟧的联系人手机号是多少", False),
    ],
)
def test_client_data_posted_to_a_group_chat_is_refused(text: str, refused: bool) -> None:
    assert bool(EXPORT_REQUEST.search(text)) is refused


@pytest.mark.parametrize(
    ("rule", "text", "fires"),
    [
        (RiskFreeLanguageRule, "这款年金和存款一样安全，收益还更高", True),
        (RiskFreeLanguageRule, "the annuity is as safe as a deposit, just better yield", True),
        (RiskFreeLanguageRule, "理财非存款，产品有风险", False),
        (TiedSellingRule, "办了代发，明年授信续批会更顺利", True),
        (TiedSellingRule, "sign up for payroll and your credit renewal will be smoother", True),
        (TiedSellingRule, "办了代发，员工也能享受专属服务", False),
    ],
)
def test_conduct_phrases(rule: type[PhraseRule], text: str, fires: bool) -> None:
    assert any(p.pattern.search(text) for p in rule.PHRASES) is fires


@pytest.mark.parametrize(
    ("text", "level"),
    [("how many of them are suitable for an R5 product?", "R5"), ("我名下能买R4产品的客户", "R4")],
)
def test_suitable_for_a_level_is_the_grade_not_the_holding(text: str, level: str) -> None:
    query = parse(text, AS_OF).query
    assert query.suitable_for == level and query.product_risk_at_least is None


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("我名下的战略客护有哪些", "我名下的战略客户有哪些"),
        ("存宽多的", "存款多的"),
        ("理才产品", "理财产品"),
    ],
)
def test_the_ime_slip_of_a_bank_noun_is_read_as_the_noun(typed: str, meant: str) -> None:
    assert corrected_zh(typed) == meant


@pytest.mark.parametrize("text", ["人都到齐了", "可互相转账", "⟦CLIENT_1⟧的客户经理"])
def test_other_words_are_left_alone(text: str) -> None:
    assert corrected_zh(text) == text


@pytest.mark.parametrize(
    ("text", "pitch"),
    [
        ("⟦CLIENT_1⟧要不要推远期结售汇", True),
        ("should I pitch the FX forward to them?", True),
        ("is the hybrid fund worth offering her?", True),
        ("⟦CLIENT_1⟧最近怎么样", False),
    ],
)
def test_a_product_pitch_asked_is_checked_against_the_grade(text: str, pitch: bool) -> None:
    assert bool(BUY.search(text)) is pitch
