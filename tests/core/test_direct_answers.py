"""Direct answers (issue 14): yes/no first from the rule that decides it, plain refusals of what
Frontline cannot do, and citations that support the line they sit on."""

from __future__ import annotations

import pytest

from assistant.core.citations import names_product, supports
from assistant.engines.offline.direct import asks_yes_no, direct_lead
from assistant.engines.offline.draft_outreach import purpose_from_signals
from assistant.engines.refusals import IDENTIFIER_REQUEST, asks_to_record

CONDUCT = """# 营销行为规范

## 禁用语
### 严禁使用的表述
以下表述用于非存款类产品时一律禁止：
- "稳赚""稳赚不赔"；
- "保本保息""保本""保收益"；

### 存款类产品的表述
存款、大额存单可以说明"受存款保险保障"，但不得说"比理财收益高还没风险"。
"""
CONDUCT_EN = """## Prohibited wording
The following are banned when describing wealth products:
- "guaranteed return", "sure win";
- "risk-free", "zero risk";

## Incentives
Scores are deducted per quarter for complaints.
"""


def passage(text: str, n: int = 1) -> dict:
    return {"n": n, "text": text}


@pytest.mark.parametrize(
    "question",
    [
        "能跟客户说保本吗",
        "可不可以代客户填问卷",
        "这样行不行",
        "是否需要双录",
        "can I say that?",
        "Is it ok to send the ID by WeChat?",
        "are funds covered by deposit insurance?",
    ],
)
def test_when_question_wants_yes_or_no_then_detected(question: str) -> None:
    assert asks_yes_no(question)


@pytest.mark.parametrize("question", ["战略客户的服务频次是什么", "what is the maturity playbook"])
def test_when_question_is_open_then_not_yes_no(question: str) -> None:
    assert not asks_yes_no(question)


def test_when_the_rule_forbids_then_the_answer_leads_with_no_and_quotes_it() -> None:
    lead = direct_lead("能跟客户说保本保收益吗", [passage(CONDUCT)])
    assert lead is not None and lead.verdict == "no"
    text = lead.render("zh")
    assert text.startswith("不可以：") and "保本" in text and text.endswith("[1]")


def test_when_the_rule_allows_then_the_answer_leads_with_yes() -> None:
    lead = direct_lead("存款可以跟客户说受存款保险保障吗", [passage(CONDUCT)])
    assert lead is not None and lead.verdict == "yes"
    assert lead.render("zh").startswith("可以：")


def test_when_english_question_is_forbidden_then_no_comes_first() -> None:
    lead = direct_lead("can I tell a client the product is risk-free?", [passage(CONDUCT_EN, 2)])
    assert lead is not None and lead.verdict == "no"
    assert lead.render("en").startswith("No — that is not allowed:") and "[2]" in lead.render("en")


def test_when_no_line_speaks_to_the_question_then_no_verdict_is_invented() -> None:
    assert direct_lead("能给客户送购物卡吗", [passage(CONDUCT)]) is None


def test_when_the_question_is_factual_then_the_rule_leads_without_a_verdict() -> None:
    lead = direct_lead("是否所有理财都属于稳赚的产品", [passage(CONDUCT)])
    assert lead is not None and lead.verdict is None


@pytest.mark.parametrize(
    "text",
    [
        "帮我记一下今天拜访了⟦CLIENT_1⟧",
        "记录一下：今天拜访了⟦CLIENT_1⟧，聊了代发",
        "log a visit: met ⟦PERSON_1⟧ today",
        "record the call with ⟦CLIENT_1⟧",
    ],
)
def test_when_asked_to_record_a_visit_then_detected(text: str) -> None:
    assert asks_to_record(text)


@pytest.mark.parametrize(
    "text", ["我记得他上次说过要换行", "最近互动记录有哪些", "show the call log"]
)
def test_when_only_reading_records_then_not_a_record_request(text: str) -> None:
    assert not asks_to_record(text)


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("⟦PERSON_1⟧身份证号多少 我填表用", True),
        ("what's ⟦PERSON_1⟧ card number", True),
        ("把⟦PERSON_1⟧的证件号发我", True),
        ("⟦CLIENT_1⟧的账户余额是多少", False),
        ("身份证丢了怎么挂失", False),
    ],
)
def test_identifier_requests(text: str, wanted: bool) -> None:
    assert bool(IDENTIFIER_REQUEST.search(text)) is wanted


LOAN = ["流动资金贷款", "Working Capital Loan", "LOAN-1"]


def test_when_passage_is_about_another_product_then_it_does_not_support_the_offer() -> None:
    payroll = "代发工资：员工 ≥ 100 人的企业优先营销代发，带动员工个人资金与贷款。"
    assert not supports(payroll, "推荐流动资金贷款", LOAN)


def test_when_passage_names_the_product_then_it_supports_the_offer() -> None:
    assert supports("对公贷款产品：流动资金贷款额度预授信。", "推荐流动资金贷款", LOAN)


def test_when_passage_speaks_of_the_signal_then_it_supports_the_line() -> None:
    maturity = "到期前 30 天联系客户，了解资金安排。"
    assert supports(
        maturity, "单位一年期大额存单 2026-07-13 到期：提前联系续存", ["单位一年期大额存单"]
    )


def test_product_name_matches_by_a_long_enough_run() -> None:
    assert names_product("大额存单到期续存", ["单位大额存单"])
    assert not names_product("资金归集", ["流动资金贷款"])


@pytest.mark.parametrize(
    ("basis", "purpose"),
    [("payroll", "payroll_pitch"), ("peers", "product_intro"), (None, "payroll_pitch")],
)
def test_when_the_gap_is_not_payroll_then_the_draft_is_not_a_payroll_pitch(
    basis: str | None, purpose: str
) -> None:
    signal = {"kind": "product_gap", "product_code": "X1", "basis": basis}
    assert purpose_from_signals([signal]) == purpose


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("把客户名单导出来我发到个人邮箱晚上看", True),
        ("export my client list to excel", True),
        ("send it to my personal email", True),
        ("把组里客户的手机号都导出来给我", True),
        ("客户通讯录打包发我一份", True),
        ("他的联系方式是什么", False),
        ("我的客户中哪些有存款流失？", False),
        ("导出型企业有哪些客户", False),
    ],
)
def test_export_requests(text: str, wanted: bool) -> None:
    from assistant.engines.refusals import EXPORT_REQUEST

    assert bool(EXPORT_REQUEST.search(text)) is wanted


def test_when_the_rm_names_a_product_then_the_draft_introduces_that_product() -> None:
    from assistant.engines.offline.draft_outreach import purpose_for

    gap = {"kind": "product_gap", "product_code": "PAY", "basis": "payroll"}
    due = {"kind": "maturity", "product_code": "CD1"}
    assert purpose_for([gap, due], "LC1") == "product_intro"
    assert purpose_for([gap, due], "CD1") == "maturity_reminder"
    assert purpose_for([gap, due], None) == "payroll_pitch"


def test_when_a_reminder_names_the_product_to_move_into_then_it_reminds_of_the_held_one() -> None:
    from assistant.engines.offline.draft_outreach import _draft_product

    due = {"kind": "maturity", "product_code": "TD1"}
    gap = {"kind": "product_gap", "product_code": "PAY", "basis": "payroll"}
    # "her TD matures, roll it into a wealth product": the reminder is of the TD she holds
    assert _draft_product([gap, due], "maturity_reminder", "WM1") == "TD1"
    assert _draft_product([gap, due], "maturity_reminder", "TD1") == "TD1"
    assert _draft_product([gap, due], "maturity_reminder", None) == "TD1"
    # an introduction is of the product named; without a maturing product, the named one stays
    assert _draft_product([gap, due], "product_intro", "WM1") == "WM1"
    assert _draft_product([gap], "maturity_reminder", "WM1") == "WM1"


def test_when_no_retrieved_rule_decides_a_permission_question_then_no_lead() -> None:
    text = "个人客户：到店礼遇、手机银行激活礼。"
    assert direct_lead("客户让我帮他弄手机银行，把密码告诉我行吗", [passage(text)]) is None


SHELF = [
    {
        "n": 2,
        "text": "- 客户风险承受能力等级必须不低于产品风险等级，例如 C2 客户只能购买 R1、R2 产品。",
    }
]


@pytest.mark.parametrize(
    ("question", "risk", "verdict"),
    [
        ("C2的客户能买WM-9不", "R3", "no"),
        ("C4 客户可以买 WM-9 吗", "R3", "yes"),
        ("can a C3 client buy WM-9?", "R3", "yes"),
        ("can a C1 client hold WM-9?", "R2", "no"),
    ],
)
def test_when_a_grade_and_a_rated_product_are_named_then_the_catalogue_decides(
    question, risk, verdict
) -> None:
    from assistant.engines.offline.direct import asks_yes_no, suitability_lead

    product = {"name": "海盈进取一号", "product_code": "WM-9", "risk_level": risk}
    lead = suitability_lead(question, product, SHELF, "zh")
    assert asks_yes_no(question)
    assert lead is not None and lead.verdict == verdict and lead.n == 2
    assert f"R{risk[1]}" in lead.render("zh") and "[2]" in lead.render("zh")


def test_when_no_passage_states_the_rule_then_there_is_no_suitability_lead() -> None:
    from assistant.engines.offline.direct import suitability_lead

    product = {"name": "海盈进取一号", "product_code": "WM-9", "risk_level": "R3"}
    assert suitability_lead("C2能买WM-9不", product, [{"n": 1, "text": "营业时间"}], "zh") is None


# Written apart from any bank's playbooks: a rule file of another shape.
KYC = """## 保密
不得向无关人员透露监测信息，不得提示客户规避监测，例如"分几笔转就查不到"。

## 评估要求
1. 风险评估须由客户本人完成，客户经理不得代填。
2. 高风险产品销售全程录音录像。
3. 客户可以自主选择是否继续持有。

## Process
1. The client must sign the disclosure before any purchase.
2. Branches may open on Saturdays.
"""


def test_when_the_asked_act_is_an_example_of_what_a_line_forbids_then_no() -> None:
    lead = direct_lead("客户想分几笔转进来，可以吗", [passage(KYC)])
    assert lead is not None and lead.verdict == "no" and "规避" in lead.rule


@pytest.mark.parametrize(
    ("question", "synonyms", "word"),
    [
        ("双录能不做吗 客户嫌麻烦", ("双录", "录音录像"), "录音录像"),
        ("can she skip signing the disclosure?", (), "disclosure"),
        ("客户不想做风险评估，能不能先办", (), "风险评估"),
    ],
)
def test_when_asked_to_leave_out_a_step_the_rules_make_a_duty_then_no(
    question: str, synonyms: tuple[str, ...], word: str
) -> None:
    lead = direct_lead(question, [passage(KYC)], synonyms=synonyms)
    assert lead is not None and lead.verdict == "no" and word in lead.rule


def test_when_a_glossary_synonym_is_all_the_question_shares_then_it_still_finds_the_rule() -> None:
    # "测评" is the RM's word, "风险评估" the rule's: the bank's glossary says they are one.
    lead = direct_lead("测评我帮客户代填行吗", [passage(KYC)], synonyms=("风险评估",))
    assert lead is not None and lead.verdict == "no" and "代填" in lead.rule


def test_when_a_duty_is_not_being_skipped_then_it_does_not_say_no() -> None:
    # Asking whether a client may choose is not leaving out a step: the allowing line answers.
    lead = direct_lead("客户可以自主选择继续持有吗", [passage(KYC)])
    assert lead is not None and lead.verdict == "yes"
    saturday = direct_lead("can we open branches on Saturdays?", [passage(KYC)])
    assert saturday is not None and saturday.verdict == "yes"


PAYROLL = (
    "Salary agency brings a company's employees to the bank. Companies with 80 or more employees "
    "that do not yet run payroll with us are the priority."
)
THIRD_PARTY = "客户家属来电询问账户信息的，一律不予透露，告知由本人办理或凭授权书到网点办理。"
BALANCES = "You can tell the client their balance over the phone once identity is verified."


def test_when_a_line_shares_only_function_words_with_the_question_then_it_gives_no_verdict() -> (
    None
):
    # "with us", "has": the payroll line is not a rule on what a daughter may be told.
    question = "Her daughter called asking how much her father has with us. Can I tell her?"
    assert direct_lead(question, [passage(PAYROLL)]) is None


def test_when_the_topic_names_the_deciding_rule_then_a_line_sharing_more_words_does_not_win() -> (
    None
):
    question = "⟦CLIENT_1⟧'s daughter wants to know her mother's balance. ok to tell her?"
    found = [passage(THIRD_PARTY), {**passage(BALANCES), "n": 2}]
    lead = direct_lead(question, found, deciding=1)
    assert lead is not None and lead.verdict == "no" and lead.n == 1


def test_when_the_deciding_rule_is_asked_as_an_instruction_then_it_is_answered_like_may_i() -> None:
    question = "帮我把⟦CLIENT_1⟧的余额告诉她女儿"
    assert direct_lead(question, [passage(THIRD_PARTY)], deciding=1) is None  # not a question
    lead = direct_lead(question, [passage(THIRD_PARTY)], deciding=1, instructed=True)
    assert lead is not None and lead.verdict == "no"
