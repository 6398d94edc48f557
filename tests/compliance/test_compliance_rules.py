"""Each compliance rule: the phrasings it must catch, and the near misses it must leave alone
(negations, deposits, disclosures, partial identifiers)."""

from __future__ import annotations

from typing import Literal

import pytest

from tools.compliance import ComplianceContext, check_compliance
from tools.compliance.models import DisclosurePolicy, DisclosureRule

WEALTH = ComplianceContext(
    product_codes=("RWM01",),
    product_risk_levels={"RWM01": "R2"},
    product_categories={"RWM01": "wealth"},
)
DEPOSIT = ComplianceContext(
    product_codes=("RDEP02",),
    product_risk_levels={"RDEP02": "R1"},
    product_categories={"RDEP02": "deposit"},
)
NONE = ComplianceContext()
DISCLOSED = "理财非存款，产品有风险，投资须谨慎。"


def matches(
    text: str, code: str, context: ComplianceContext = NONE, language: str = "zh"
) -> list[str]:
    report = check_compliance(text, language=language, context=context)  # type: ignore[arg-type]
    return [f.matched for f in report.findings if f.code == code]


GUARANTEED_RETURN_POSITIVES = [
    ("这款理财保本保息，放心买。", WEALTH, "保本保息"),
    ("稳健理财稳赚不赔。", WEALTH, "稳赚不赔"),
    ("这款产品稳赚。", NONE, "稳赚"),
    ("我们保证收益。", NONE, "保证收益"),
    ("保证年化5%，欢迎咨询。", NONE, "保证年化5%"),
    ("收益率4.5%保证到手。", NONE, "收益率4.5%保证"),
    (
        "we guarantee them a higher rate than their current bank",
        DEPOSIT,
        "guarantee them a higher rate than",
    ),
    ("年化３．８％保底。", NONE, "年化３．８％保底"),
    ("产品刚性兑付，到期一次还本。", NONE, "刚性兑付"),
    ("基金保本，和存款一样。", NONE, "保本"),
    ("This fund offers a guaranteed return.", NONE, "guaranteed return"),
    ("You get guaranteed 5% every year.", NONE, "guaranteed 5%"),
    ("Returns are guaranteed by the bank.", NONE, "Returns are guaranteed"),
    ("The product guarantees 4.2% a year.", NONE, "guarantees 4.2%"),
    ("A principal-protected wealth product.", WEALTH, "principal-protected"),
    # a negation word outside the claim's scope does not excuse it
    ("不到一年稳赚10%。", NONE, "稳赚"),
    ("非常稳赚。", NONE, "稳赚"),
    ("不用担心，保证收益。", NONE, "保证收益"),
    ("跟他说续到理财里，答应他年化3.5%。", NONE, "答应他年化3.5%"),
    ("Tell him we promise a 4% return if he switches.", NONE, "promise a 4%"),
    ("promised him steady returns on the wealth product", NONE, "promised him steady returns"),
    # a figure said to be safe ("稳稳的", "妥妥的") is a figure promised
    ("跟他说这款理财年化4%稳稳的", NONE, "4%稳稳"),
    ("平衡型的年化3.2个点妥妥的", NONE, "3.2个点妥妥"),
    ("放心，稳稳拿到3.5%", NONE, "稳稳拿到3.5%"),
    # a figure guaranteed to the client, by pronoun
    ("add a line that we guarantee her 3.5% if she renews", NONE, "guarantee her 3.5%"),
    ("We guaranteed them 4% on the wealth product.", NONE, "guaranteed them 4%"),
]

GUARANTEED_RETURN_NEGATIVES = [
    ("本产品不保证收益，过往业绩不代表未来表现。", WEALTH),
    ("理财产品不保本，请注意风险。", WEALTH),
    ("本产品为非保本浮动收益型产品。", WEALTH),
    ("我们无法保证收益。", NONE),
    ("银行不承诺保本保息。", WEALTH),
    ("定期存款保本保息，受存款保险保护。", NONE),
    ("您的定期存款保本保息，到期自动转存。", DEPOSIT),
    ("存款受存款保险保障，保本保息。", WEALTH),
    (
        "Returns are not guaranteed and past performance is not indicative of future results.",
        WEALTH,
    ),
    ("There is no guaranteed return on this fund.", WEALTH),
    ("Past performance does not guarantee future returns.", WEALTH),
    ("We guarantee her a call back within 1 working day.", NONE),
    ("Your time deposit has guaranteed interest and is covered by deposit insurance.", DEPOSIT),
    ("We never promise returns on wealth products.", WEALTH),
    ("I promise to send you the product documents today.", WEALTH),
    ("我们的存款利率比他行高一些", DEPOSIT),
    ("我们稳稳地推进代发方案，今年目标4%的增长", WEALTH),
]


@pytest.mark.parametrize(("text", "context", "matched"), GUARANTEED_RETURN_POSITIVES)
def test_when_return_is_promised_then_guaranteed_return_fires(text, context, matched):
    assert matched in matches(text, "guaranteed_return", context)


@pytest.mark.parametrize(("text", "context"), GUARANTEED_RETURN_NEGATIVES)
def test_when_return_is_negated_or_deposit_then_guaranteed_return_is_silent(text, context):
    assert matches(text, "guaranteed_return", context) == []


RISK_FREE_POSITIVES = [
    ("这款产品零风险。", "零风险"),
    ("无风险，随时可取。", "无风险"),
    ("没有任何风险，您放心。", "没有任何风险"),
    ("绝对安全，不会亏本。", "绝对安全"),
    ("放心买，不会亏损。", "不会亏损"),
    ("It is completely risk-free.", "risk-free"),
    ("There is no risk at all.", "no risk"),
    ("You can't lose with this one.", "can't lose"),
    ("It's 100% safe.", "100% safe"),
    ("It is not only liquid but risk-free.", "risk-free"),
    ("未来零风险。", "零风险"),
]

RISK_FREE_NEGATIVES = [
    "理财并非无风险产品。",
    "任何投资都不是零风险的。",
    "请先完成风险测评，没有风险测评无法购买。",
    "客户无风险承受能力评估记录。",
    "No investment is risk-free.",
    "This product is not risk-free.",
    "We compare it with the risk-free rate.",
    "There is no risk-free investment.",
]


@pytest.mark.parametrize(("text", "matched"), RISK_FREE_POSITIVES)
def test_when_text_claims_no_risk_then_risk_free_language_fires(text, matched):
    assert matched in matches(text, "risk_free_language")


@pytest.mark.parametrize("text", RISK_FREE_NEGATIVES)
def test_when_risk_claim_is_negated_then_risk_free_language_is_silent(text):
    assert matches(text, "risk_free_language") == []


PRESSURE_POSITIVES = [
    ("今天是最后一天，手慢无！", "最后一天"),
    ("额度仅剩3个名额。", "仅剩3个名额"),
    ("先到先得，欲购从速。", "先到先得"),
    ("赶紧下单吧。", "赶紧"),
    ("错过再等一年。", "错过再等"),
    ("Act now before it's gone!", "Act now"),
    ("Last chance to join.", "Last chance"),
    ("Limited-time offer, today only.", "Limited-time offer"),
    ("Only 5 spots left.", "Only 5 spots left"),
    ("跟她说月底前不续就没额度了。", "月底前不续"),
    ("这款额度快没了，尽早考虑。", "额度快没了"),
    ("不认购就抢不到了。", "不认购就抢不到"),
    (
        "If you don't renew this week you'll lose the rate.",
        "If you don't renew this week you'll lose",
    ),
    ("Tell her she will lose her quota otherwise.", "lose her quota"),
]

PRESSURE_NEGATIVES = [
    "您可以慢慢考虑，不着急。",
    "请在到期日前告知续存安排。",
    "There's no need to hurry; take your time.",
    "Your deposit matures next month.",
    "大额存单额度不足时，我会如实告知并提供定期存款等替代方案。",
    "本周不方便的话，下周再约也可以。",
    "If you do not need the funds, you will not lose anything by renewing.",
]


@pytest.mark.parametrize(("text", "matched"), PRESSURE_POSITIVES)
def test_when_text_pushes_urgency_then_pressure_selling_fires(text, matched):
    assert matched in matches(text, "pressure_selling")


@pytest.mark.parametrize("text", PRESSURE_NEGATIVES)
def test_when_text_is_calm_then_pressure_selling_is_silent(text):
    assert matches(text, "pressure_selling") == []


TIED_POSITIVES = [
    "您办了我行代发就给您贷款利率优惠",
    "买理财才能给大额存单额度",
    "必须先开通代发，贷款才批",
    "不办代发就不给额度",
    "payroll is free and we'll cut the loan rate if he signs up",
    "we can lower the rate if they move their payroll to us",
    "the CD quota is only if she buys the wealth product",
    "a discount conditional on opening a card",
    "续贷得买30万理财才能批下来",
    "额度要批的话得先开通代发",
    "to get the mortgage approved he has to buy 200k of the bond fund",
    "she needs to open a payroll account to get the lower rate",
    "结算账户搬到我行的话贷款利率再给您降一点",
    "代发转过来就给你们把授信提上去",
    "the loan is nearly through - let them know they have to take a wealth product once it's approved",
    "credit facility approved; he must open an insurance policy when it is drawn",
]
TIED_NEGATIVES = [
    "代发和贷款可以分别了解，您自主选择",
    "贷款利率按审批结果执行",
    "if he signs up for payroll, his staff get a debit card each",
    "大额存单额度紧张，需要的话先帮您登记预约",
    "we will review the loan rate at renewal",
    "批下来之后要先签合同",
    "要买理财的话请先做风险测评",
    "to get the loan renewed we need to review the financials",
    "代发做起来以后我们再聊授信",
    "存款放我们这的话，到期会短信提醒您",
    "the loan comes through next week; she needs to sign the contract before it is disbursed",
    "once the loan is approved they can choose any product they like",
]


@pytest.mark.parametrize("text", TIED_POSITIVES)
def test_when_one_product_is_made_the_condition_of_another_then_tied_selling_fires(text):
    assert matches(text, "tied_selling") != []


@pytest.mark.parametrize("text", TIED_NEGATIVES)
def test_when_products_are_offered_on_their_own_then_tied_selling_is_silent(text):
    assert matches(text, "tied_selling") == []


IDENTIFIER_POSITIVES = [
    ("有事请打13912345678联系。", "13912345678"),
    ("手机：+86 139 1234 5678。", "+86 139 1234 5678"),
    ("手机１３９１２３４５６７８", "１３９１２３４５６７８"),
    ("身份证11010519491231002X已核实。", "11010519491231002X"),
    ("统一社会信用代码91110000600037341L。", "91110000600037341L"),
    ("卡号6222021234567890128。", "6222021234567890128"),
    ("card 4111 1111 1111 1111 on file", "4111 1111 1111 1111"),
]

IDENTIFIER_NEGATIVES = [
    "请联系⟦PHONE_2⟧。",
    "尾号5678的手机138****5678。",
    "卡号6222 **** **** 1234。",
    "金额1391234567元。",
    "身份证号110105194912310021不校验。",  # wrong check digit
    "订单号6222021234567890129。",  # fails Luhn
    "客户号C000123。",
]


@pytest.mark.parametrize(("text", "matched"), IDENTIFIER_POSITIVES)
def test_when_full_identifier_is_typed_then_full_identifier_fires(text, matched):
    assert matches(text, "full_identifier") == [matched]


@pytest.mark.parametrize("text", IDENTIFIER_NEGATIVES)
def test_when_identifier_is_tokenised_partial_or_invalid_then_full_identifier_is_silent(text):
    assert matches(text, "full_identifier") == []


RiskLevel = Literal["R1", "R2", "R3", "R4", "R5"]
RiskAppetite = Literal["C1", "C2", "C3", "C4", "C5"]


def ctx(
    risk: RiskLevel, appetite: RiskAppetite | None, category: str = "fund"
) -> ComplianceContext:
    return ComplianceContext(
        product_codes=("P1",),
        product_risk_levels={"P1": risk},
        product_categories={"P1": category},
        client_risk_appetite=appetite,
    )


@pytest.mark.parametrize(
    ("context", "fires"),
    [
        (ctx("R4", "C2"), True),
        (ctx("R3", "C2"), True),
        (ctx("R5", "C4"), True),
        (ctx("R2", "C2"), False),
        (ctx("R1", "C1"), False),
        (ctx("R3", "C5"), False),
        (ctx("R5", None), False),
    ],
)
def test_when_product_risk_exceeds_appetite_then_suitability_mismatch_fires(context, fires):
    assert bool(matches(DISCLOSED, "suitability_mismatch", context)) is fires


MISSING_DISCLOSURE = [
    ("推荐您了解稳健理财，起购1万元。", WEALTH, True),
    ("推荐您了解稳健理财。" + DISCLOSED, WEALTH, False),
    ("Our Hybrid Fund may suit you. Investment involves risk.", ctx("R4", None), False),
    ("Our Hybrid Fund may suit you.", ctx("R4", None), True),
    ("欢迎了解我行的混合型基金。", NONE, True),  # the text itself promotes a fund
    ("您的定期存款下月到期。", DEPOSIT, False),
    ("流动资金贷款审批已通过。", ctx("R2", None, "loan"), False),
    ("外汇套保方案请查收。", ctx("R3", None, "fx_hedging"), True),
    ("您的理财经理会联系您，受存款保险保护。", NONE, False),
    ("", WEALTH, False),
]


@pytest.mark.parametrize(("text", "context", "fires"), MISSING_DISCLOSURE)
def test_when_investment_is_promoted_without_disclosure_then_missing_risk_disclosure_fires(
    text, context, fires
):
    assert bool(matches(text, "missing_risk_disclosure", context)) is fires


REQUESTS_FOR_IDENTIFIERS = [
    ("给⟦CLIENT_1⟧写封邮件，附上法人的证件号", "zh"),
    ("微信里把她手机号也写上", "zh"),
    ("email ⟦CLIENT_1⟧ and put the director's passport number in it", "en"),
    ("include her card number in the sms so she can check", "en"),
]
ORDINARY_REQUESTS = [
    ("给⟦CLIENT_1⟧发短信，提醒带身份证来网点办理", "zh"),
    ("给⟦CLIENT_1⟧发个微信提醒存单到期", "zh"),
    ("send ⟦CLIENT_1⟧ a note asking her to bring her ID card to the branch", "en"),
    ("email ⟦CLIENT_1⟧ about the card annual fee", "en"),
]


def _request_findings(text: str, language: str) -> list[str]:
    from tools.compliance import request_registry

    report = check_compliance(text, language=language, registry=request_registry())  # type: ignore[arg-type]
    return [f.code for f in report.findings]


@pytest.mark.parametrize(("text", "language"), REQUESTS_FOR_IDENTIFIERS)
def test_when_a_request_asks_to_send_an_identifier_then_full_identifier_fires(text, language):
    assert "full_identifier" in _request_findings(text, language)


@pytest.mark.parametrize(("text", "language"), ORDINARY_REQUESTS)
def test_when_a_request_names_a_document_but_no_number_then_it_is_clean(text, language):
    assert _request_findings(text, language) == []


def _bank_context(code: str, category: str, level: Literal["R1", "R2", "R3"]) -> ComplianceContext:
    """A product of another bank's catalogue: its own category names, its own disclosure list."""
    policy = DisclosurePolicy(
        rules=(
            DisclosureRule(
                categories=("managed-investment",), zh="理财非存款。", en="Not a deposit."
            ),
        ),
        exempt=("salary-agency", "credit-facility"),
    )
    return ComplianceContext(
        product_codes=(code,),
        product_risk_levels={code: level},
        product_categories={code: category},
        disclosures=policy,
    )


@pytest.mark.parametrize(
    ("code", "category", "level", "fires"),
    [
        ("DEP-TD-1Y", "term-deposit", "R1", False),  # a deposit by any other name
        ("DEP-CD-3Y", "certificate-of-deposit", "R1", False),
        ("WM-STEADY-90", "managed-investment", "R2", True),  # the bank's policy: an investment
        ("WM-LOWRISK", "managed-investment", "R1", True),  # even at R1: the category decides
        ("SAL-AGENCY", "salary-agency", "R1", True),  # exempt from disclosure, not a deposit
    ],
)
def test_another_banks_categories_decide_what_is_a_deposit(code, category, level, fires):
    found = matches(
        "到期本息一并到账，保本保息。", "guaranteed_return", _bank_context(code, category, level)
    )
    assert bool(found) is fires


# Superlatives and comparisons, written for this test (not the rule's own examples).
SUPERLATIVE_POSITIVES = [
    ("我们这款大额存单的利率是全市最高的。", "zh"),
    ("本产品收益全国第一，欢迎咨询。", "zh"),
    ("没有哪家银行的利息比我们更高。", "zh"),
    ("Our CD rate is the best in town.", "en"),
    ("We offer the highest yields on the market.", "en"),
    ("This deposit rate is unbeatable.", "en"),
]
SUPERLATIVE_NEGATIVES = [
    ("利率以我行挂牌公告为准。", "zh"),
    ("存款保险最高偿付限额 50 万元。", "zh"),  # a limit stated, not a claim
    ("Best regards, Emily", "en"),
    ("What is the best time to call you this week?", "en"),
]


@pytest.mark.parametrize(("text", "language"), SUPERLATIVE_POSITIVES)
def test_when_a_rate_or_return_is_claimed_the_best_then_superlative_claim_fires(text, language):
    assert matches(text, "superlative_claim", language=language) != []


@pytest.mark.parametrize(("text", "language"), SUPERLATIVE_NEGATIVES)
def test_when_nothing_is_ranked_then_superlative_claim_is_silent(text, language):
    assert matches(text, "superlative_claim", language=language) == []


# A rate promised above the posted one, written for this test (not the rule's own examples).
OFF_BOARD_POSITIVES = [
    ("续存的话我们给您比挂牌高0.3个点。", "zh"),
    ("这笔存单可以在牌告利率基础上再上浮一些。", "zh"),
    ("我私下给您保证3%的利率。", "zh"),
    ("We can do 3% on the renewal, above the board rate.", "en"),
    ("I'll get you a rate higher than the posted rate, don't worry.", "en"),
    ("放心，我答应您利率给您上浮20个基点。", "zh"),
    ("这事我私下跟您说，可以给到3.1%。", "zh"),
    # a price promised against other banks' is a price the bank has not approved
    ("存款利率我们保证比他行高", "zh"),
    ("你就跟他们承诺比别家高0.5个点，先留住再说", "zh"),
    ("Promise them 0.3% more than the other bank and they'll stay.", "en"),
]
OFF_BOARD_NEGATIVES = [
    ("利率以我行挂牌公告为准。", "zh"),
    ("到期后按届时挂牌利率自动转存。", "zh"),
    ("The renewal rate is the board rate on the day it matures.", "en"),
    ("Rates are as posted on our website.", "en"),
    ("如需利率上浮，我先按流程提交定价审批，批下来再告诉您。", "zh"),
    ("客户说别家利率比我们高0.3个点，我回去申请报价。", "zh"),
    ("They said the other bank pays 0.3% more; I will ask pricing for a quote.", "en"),
]


@pytest.mark.parametrize(("text", "language"), OFF_BOARD_POSITIVES)
def test_when_a_rate_above_the_posted_one_is_promised_then_off_board_rate_fires(text, language):
    assert matches(text, "off_board_rate", language=language) != []


@pytest.mark.parametrize(("text", "language"), OFF_BOARD_NEGATIVES)
def test_when_the_posted_rate_is_quoted_then_off_board_rate_is_silent(text, language):
    assert matches(text, "off_board_rate", language=language) == []


# Threats made to bring a client into line, written for this test (not the rule's own examples).
COERCION_POSITIVES = [
    ("王总，资金不回流的话我们只能给贵司降级了。", "zh"),
    ("你们不续贷就收回授信额度。", "zh"),
    ("吓唬一下他们，说不转回来就停掉代发。", "zh"),
    ("Let them know we'll freeze the overdraft unless the deposits come back.", "en"),
    ("Tell him we will cancel his preferential pricing if he doesn't move the money back.", "en"),
]
COERCION_NEGATIVES = [
    ("客户层级每月按日均重算，资金回流后会恢复。", "zh"),
    ("想了解一下贵司下季度的资金安排，看看我们能提供哪些服务。", "zh"),
    ("Your tier is reviewed monthly from your average balances.", "en"),
    ("If you don't need the overdraft any more, we can cancel it for you.", "en"),
]


@pytest.mark.parametrize(("text", "language"), COERCION_POSITIVES)
def test_when_a_client_is_threatened_then_coercion_fires(text, language):
    assert matches(text, "coercion", language=language) != []


@pytest.mark.parametrize(("text", "language"), COERCION_NEGATIVES)
def test_when_a_consequence_is_only_explained_then_coercion_is_silent(text, language):
    assert matches(text, "coercion", language=language) == []


# Written as RMs put it, not from the rule's own patterns: the secret known, kept or used, and
# the account operated for the client; advice to the client about their secrets is not.
CREDENTIALS_POSITIVES = [
    ("客户把网银密码告诉我了 让我帮他转账 行吗", "zh"),
    ("老人记不住，把银行卡密码给我了，我先帮她记着", "zh"),
    ("我帮客户保管一下U盾，方便月底代他付款", "zh"),
    ("客户出差，让我替他登录网银操作一笔付款", "zh"),
    ("用他的验证码帮他把理财赎回了", "zh"),
    ("client gave me his online banking password so I can do the transfer for him, ok?", "en"),
    ("she told me her PIN so I could withdraw the cash for her", "en"),
    ("can I keep their USB key at the branch for them?", "en"),
    ("I'll log into her online banking and place the order", "en"),
]
CREDENTIALS_NEGATIVES = [
    ("提醒客户不要把密码告诉任何人，包括银行工作人员", "zh"),
    ("请客户本人在手机银行修改登录密码", "zh"),
    ("客户忘记密码的，请携带身份证到网点重置", "zh"),
    ("Never share your password or verification code with anyone, including us.", "en"),
    ("Ask the client to reset her PIN at the branch.", "en"),
]


@pytest.mark.parametrize(("text", "language"), CREDENTIALS_POSITIVES)
def test_when_a_clients_secret_is_known_or_used_then_client_credentials_fires(text, language):
    assert matches(text, "client_credentials", language=language) != []


@pytest.mark.parametrize(("text", "language"), CREDENTIALS_NEGATIVES)
def test_when_the_client_is_told_to_keep_their_secrets_then_client_credentials_is_silent(
    text, language
):
    assert matches(text, "client_credentials", language=language) == []


# The RM's hand in the client's own assessment or signature, as RMs put it; the client asked to
# do it in person, or a form named nowhere near, is not.
ACTING_POSITIVES = [
    ("客户说不会填风险测评，我帮他填了行不行？", "zh"),
    ("老人眼睛不好，风险揭示书我替她签了吧", "zh"),
    ("合同我帮客户签一下可以吗", "zh"),
    ("问卷让我代填就行", "zh"),
    ("can I sign the risk disclosure for her?", "en"),
    ("I filled in his risk questionnaire since he was busy, ok?", "en"),
    ("he asked me to sign the agreement on behalf of him", "en"),
]
ACTING_NEGATIVES = [
    ("请客户本人签署风险揭示书", "zh"),
    ("签约前请客户本人完成风险测评", "zh"),
    ("我帮他填一下地址吧", "zh"),
    ("客户已签署代发协议", "zh"),
    ("Please ask the client to sign the agreement in person.", "en"),
    ("we signed the payroll agreement last week", "en"),
]


@pytest.mark.parametrize(("text", "language"), ACTING_POSITIVES)
def test_when_the_rm_answers_or_signs_for_the_client_then_acting_for_client_fires(text, language):
    assert matches(text, "acting_for_client", language=language) != []


@pytest.mark.parametrize(("text", "language"), ACTING_NEGATIVES)
def test_when_the_client_does_it_in_person_then_acting_for_client_is_silent(text, language):
    assert matches(text, "acting_for_client", language=language) == []
