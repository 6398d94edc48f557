"""Kinds of question the tenth blind round's dev halves showed misread (not their words), read
without a bank where the reading needs none: "1个亿"; "nothing logged in 60 days"; a tier's other
names; an industry by its first word before "那几家"; "shipbuilding"; a total asked for; "can I
tell X that…" with the client named; the escalation rule; a risk test redone "so he qualifies";
pressure dictated into a draft; deposit insurance said to cover a fund."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from assistant.engines.offline.book_parse import TOTAL, industry_said, parse
from assistant.engines.offline.claims import said_claim
from assistant.engines.offline.followup import NARROW
from assistant.engines.offline.intent import GIFT_RE, classify
from assistant.engines.offline.playbook_qa import GIFT_WORDS
from assistant.engines.refusals import asks_to_tamper
from evals.banks.harbour import TIERING_POLICY
from tools.compliance.check import check_compliance
from tools.compliance.models import ComplianceContext
from tools.intelligence.policy import load_policies

AS_OF = date(2026, 11, 1)


@pytest.mark.parametrize(
    ("text", "value"), [("贷款余额超过1个亿的客户", 1e8), ("存款两个亿以上的", 2e8)]
)
def test_an_amount_said_with_ge_before_its_unit(text: str, value: float) -> None:
    q = parse(text, AS_OF).query
    assert [(t.op, t.value) for t in q.thresholds] == [("gte", value)]


def test_nothing_logged_for_a_while_is_no_contact() -> None:
    q = parse("strategic clients w/ nothing logged in the last 60 days?", AS_OF).query
    assert q.no_contact_days == 60


def test_a_tiers_other_names_come_from_the_policy_file() -> None:
    demo = load_policies().tiering
    assert demo.tier_in("list my PB clients pls") == "private"
    assert demo.tier_in("私行客户有几个") == "private"
    harbour = load_policies(tiering_path=TIERING_POLICY).tiering
    assert harbour.tier_in("list my PB clients pls") is None  # that bank's file names none


@pytest.mark.parametrize(
    ("text", "industry"),
    [
        ("建材那几家客户是哪些来着", "建材贸易"),
        ("建材类的客户", "建材贸易"),
        ("list my shipbuilding clients", "船舶制造"),
        ("建材怎么卖", None),
    ],
)
def test_an_industry_said_by_its_first_word_or_in_english(text: str, industry: str | None) -> None:
    assert industry_said(text, ["建材贸易", "船舶制造", "进出口贸易"]) == industry


@pytest.mark.parametrize(
    ("text", "total"),
    [("加起来多少", True), ("合计贷款多少", True), ("what do they add up to", True),
     ("一共几家", False), ("总共有几个客户", False)],
)  # fmt: skip
def test_a_total_is_asked_for_only_by_words_that_add_up(text: str, total: bool) -> None:
    assert bool(TOTAL.search(text)) is total


@pytest.mark.parametrize("text", ["里面核心客户是哪家", "当中有贷款的", "这里面哪些是C5"])
def test_li_mian_narrows_the_list_on_screen(text: str) -> None:
    assert NARROW.search(text)


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        ("能跟⟦CLIENT_1⟧说对公理财保本吗", "对公理财保本"),
        ("can i tell ⟦CLIENT_1⟧ deposit insurance covers his fund too?", "deposit insurance covers his fund too"),
        ("⟦CLIENT_1⟧'s funds are all covered by deposit insurance right? can I tell him that",
         "⟦CLIENT_1⟧'s funds are all covered by deposit insurance"),
    ],
)  # fmt: skip
def test_the_words_asked_whether_they_may_be_said_to_a_named_client(text: str, claim: str) -> None:
    assert said_claim(text) == claim


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("能跟⟦CLIENT_1⟧说对公理财保本吗", "playbook_qa"),
        ("⟦CLIENT_1⟧存款少了两千多万 要上报吗", "playbook_qa"),
        ("⟦CLIENT_1⟧ outflow - do I need to escalate?", "playbook_qa"),
        ("⟦CLIENT_1⟧最近存款咋掉这么多", "client_facts"),
        ("when's ⟦CLIENT_1⟧'s CD due?", "client_facts"),
        ("⟦CLIENT_1⟧存款趋势咋样", "client_facts"),
        ("⟦CLIENT_1⟧还能做点什么产品", "serve_client"),
        ("明天给⟦CLIENT_1⟧打电话 准备下", "meeting_prep"),
        ("⟦CLIENT_1⟧存款少了一大截 怎么办", "serve_client"),
    ],
)
def test_questions_about_a_named_client_read_as_their_kind(text: str, intent: str) -> None:
    assert classify(text, has_client=True).intent == intent


@pytest.mark.parametrize(
    ("text", "tamper"),
    [
        ("余颖 wants the equity fund, can I just redo her risk test and put her at C4?", True),
        (
            "can I just fill the questionnaire again for him so he qualifies for the equity fund?",
            True,
        ),
        ("萧丽丽的风险测评我帮她填个C4吧", True),
        ("客户风险等级不够，我能帮她把测评做高一点吗？", False),  # whether it is allowed: the rule
        ("客户非要买高于他等级的产品，我帮他把测评改高点行吗", False),
        ("客户要求把测评改成C4怎么办", False),  # how to handle the client's request
    ],
)
def test_a_risk_test_redone_for_a_grade_or_a_product_is_tampering(text: str, tamper: bool) -> None:
    assert asks_to_tamper(text) is tamper


def _codes(text: str, language: str = "zh", **context: Any) -> set[str]:
    report = check_compliance(text, language=language, context=ComplianceContext(**context))  # type: ignore[arg-type]
    return {f.code for f in report.findings}


@pytest.mark.parametrize(
    "text",
    [
        "帮我写个话术 跟她说定期到期不续就亏大了 今天必须定下来",
        "跟客户说大额存单今天最后一天额度 不买就没了",
    ],
)
def test_made_up_urgency_dictated_for_a_draft_is_pressure(text: str) -> None:
    assert "pressure_selling" in _codes(text)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("这款理财也受存款保险保障", True),
        ("his deposits and his bond fund are all covered by deposit insurance", True),
        ("idle funds sit in deposits covered by deposit insurance", False),  # money, not a fund
        ("存款保险不保障理财产品", False),
        ("deposit insurance only covers deposits, not funds", False),
        ("大额存单受存款保险保障", False),  # a deposit: true
    ],
)
def test_deposit_insurance_said_to_cover_an_investment(text: str, found: bool) -> None:
    language = "en" if text.isascii() else "zh"
    assert ("insured_investment" in _codes(text, language)) is found


def test_a_named_wealth_product_is_not_insured_even_unnamed_as_one() -> None:
    ctx: dict[str, Any] = {"product_codes": ("WM-STEADY-90",), "product_risk_levels": {"WM-STEADY-90": "R2"},
           "product_categories": {"WM-STEADY-90": "managed-investment"}}  # fmt: skip
    assert "insured_investment" in _codes("海盈稳享90天也受存款保险保障", **ctx)


@pytest.mark.parametrize(
    ("text", "gift"),
    [("客户送了我两盒茶叶和一张1000块购物卡 能收吗", True), ("能不能送客户茅台", True),
     ("can I accept a hongbao from a client?", True), ("购物卡怎么办理", False)],
)  # fmt: skip
def test_a_gift_given_or_taken_is_the_gift_rule(text: str, gift: bool) -> None:
    assert bool(GIFT_RE.search(text)) is gift


def test_a_welcome_perk_is_no_gift_rule() -> None:
    assert not GIFT_WORDS.search("个人客户：到店礼遇、手机银行激活礼")
    assert GIFT_WORDS.search("不得收受客户礼品、礼金、购物卡")
