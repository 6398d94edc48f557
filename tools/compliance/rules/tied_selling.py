"""办代发就给贷款优惠 / 买理财才给大额存单额度 / "we'll cut the loan rate if he signs up": one
product made the condition of another (捆绑搭售). Banking conduct rules forbid it — a price or a
quota may not depend on buying something else — and both banks' playbooks say so."""

from __future__ import annotations

from tools.compliance.models import Severity
from tools.compliance.rules.base import PhraseRule, phrase

_WHY = (
    "不得捆绑搭售：不得以购买或开通一项产品作为办理另一项业务、给予价格优惠或额度的条件。",
    "No tied selling: a price, a quota or a service may not be made conditional on buying or "
    "opening another product.",
)
_FIX = (
    "两项业务分别介绍、由客户自主选择；利率和额度按审批结果如实告知，不与其他产品挂钩。",
    "Present each service on its own and let the client choose; quote rates and quotas as "
    "approved, never tied to another product.",
)
_PRODUCT_ZH = (
    r"代发|理财|保险|年金|保单|基金|黄金|贵金属|信用卡|存款|定期|大额存单|结算账户|资金池|贷款|产品"
)
# An account opened first is the way a loan or payroll is paid, not a sale tied to it
# ("要办贷款得先开通结算账户").
_NOT_AN_ACCOUNT = r"(?![^，,。；;]{0,6}(?:账户|结算户|网银|账号))"
# "买我们对公理财就给额度": the kind of client a product is for, before its name
_KIND_ZH = r"(?:对公|单位|个人|零售|私行)?"
_BENEFIT_ZH = r"贷款|利率|降息|优惠|额度|授信|审批|放款|折扣|减免|大额存单额度"
_AMOUNT_ZH = r"[\d.,，]+\s*[万亿千百]?元?的?"
_GRANT_ZH = r"批|放|给|办|续|下来|通过|" + _BENEFIT_ZH
_PRODUCT_EN = (
    r"payroll|salary|wealth|fund|insurance|card|deposit|cd|account|loan|product|sign(?:s|ed)? up"
)
_BENEFIT_EN = r"rate|loan|discount|quota|allocation|approval|pricing|fee waiver|cheaper"


class TiedSellingRule(PhraseRule):
    code = "tied_selling"
    severity = Severity.HIGH
    PHRASES = (
        phrase(
            rf"(?:办|开通|开|签|做|买|购买|用|转)了?(?:我行|我们的?)?{_KIND_ZH}(?:{_PRODUCT_ZH})(?:业务)?"
            rf"(?:就|才|的话)(?:能|可以|可)?(?:给|送|享受?|有)?(?:您|你|他|她|他们)?"
            rf"(?:加|提|提高|提升|增加|多|多批|批|上调)?(?:{_BENEFIT_ZH})|"
            rf"(?:以|把)(?:购买|开通|办理)?.{{0,8}}(?:作为|为)(?:前提|条件)|"
            rf"(?:只有|必须)(?:先)?(?:买|购买|办|开通|签)(?:{_PRODUCT_ZH}).{{0,8}}(?:才)|"
            # "得买50万理财才能批", "要先存一笔大额存单才放款": an amount may sit before the product
            # "要同时买一份福寿年金才能给她优惠利率": a named product may follow a measure word
            rf"(?:只有|必须|得|要|需要)(?:先|同时|另外|再|也)?(?:买|购买|办|开通|签|存|配)"
            rf"(?:点|些|一笔|一份|一张|一单|{_AMOUNT_ZH})?[^，,。；;才]{{0,6}}?"
            rf"(?:{_PRODUCT_ZH}).{{0,8}}才(?:能|可以|会|给)?[^，,。；;]{{0,4}}?(?:{_GRANT_ZH})|"
            rf"不(?:买|办|开通|签)(?:{_PRODUCT_ZH}).{{0,6}}(?:就)?不(?:给|批|能|放)|"
            # "代发放我们这的话授信额度给他们提上去": the product moved here, then the benefit
            rf"(?:{_PRODUCT_ZH})(?:业务)?(?:放|转|挪|落|搬|拿)(?:到|过来|回)?(?:我们|我行|咱们|这)?[^，,。；;]{{0,4}}"
            rf"(?:的话|就)[^。；;]{{0,10}}(?:{_BENEFIT_ZH})|"
            # "要办代发就得先用我们的流贷": what the client wants, then what must be taken first
            # (an account opened first is a prerequisite, not a sale: "要办贷款得先开通结算账户")
            rf"(?:要|想)(?:办|开通|开|做|拿|签|批)(?:{_PRODUCT_ZH}|{_BENEFIT_ZH})[^，,。；;]{{0,4}}?"
            rf"(?:就)?(?:得|必须|需要|要)先(?:用|买|购买|存|配|做){_NOT_AN_ACCOUNT}|"
            # "按揭要批下来得先买20万理财": the grant first, then what must be bought for it
            rf"(?:{_GRANT_ZH}|按揭|续贷)[^，,。；;]{{0,6}}(?:得|必须|需要|要)先(?:买|购买|开通|存|办(?:理)?(?:{_PRODUCT_ZH}))"
            rf"{_NOT_AN_ACCOUNT}|"
            # "贷款要续批的话，先买一份我们的对公理财": the grant wanted, then what comes first
            rf"(?:贷款|按揭|续贷|授信|额度)[^。；;]{{0,8}}?(?:的话|之前|前)[，,]?\s*(?:就)?(?:得|必须|需要|要)?先"
            rf"(?:买|购买|存|配|认购)(?:点|些|一笔|一份|一单|{_AMOUNT_ZH})?[^，,。；;]{{0,6}}?(?:{_PRODUCT_ZH}){_NOT_AN_ACCOUNT}|"
            # "流贷续作的话得买100万对公理财": the credit wanted, then what must be bought for it
            rf"(?:贷款|流贷|经营贷|按揭|续贷|授信|额度|放款)[^。；;]{{0,8}}?(?:的话|之前|前)[，,]?\s*(?:就)?"
            rf"(?:得|必须|需要)(?:先|再|另外|同时)?(?:买|购买|存|配|认购)(?:点|些|一笔|一份|一单|{_AMOUNT_ZH})?"
            rf"[^，,。；;]{{0,6}}?(?:{_PRODUCT_ZH}){_NOT_AN_ACCOUNT}|"
            # "贷款批下来得买我们一份理财": the grant made, then what must be bought with it
            rf"(?:贷款|流贷|经营贷|按揭|续贷|授信|额度)[^。；;]{{0,4}}?(?:批下来|批了|下来|通过|放了|放下来)"
            rf"[^，,。；;]{{0,3}}?(?:就)?(?:得|必须|需要|要)(?:买|购买|配|认购)(?:我们|我行)?的?"
            rf"(?:点|些|一笔|一份|一单|{_AMOUNT_ZH})?[^，,。；;]{{0,6}}?(?:{_PRODUCT_ZH}){_NOT_AN_ACCOUNT}|"
            # "办了代发，明年授信续批会更顺利": the product taken, then the benefit made easier
            # "开代发可以 但得顺带买一笔对公七天理财": a second product to be taken along with it
            rf"(?:得|必须|需要|要)(?:顺带|顺便|捎带|搭着|搭配着?|附带|连带)(?:着)?(?:买|购买|配|办|存|认购)"
            rf"(?:点|些|一笔|一份|一单|{_AMOUNT_ZH})?[^，,。；;]{{0,6}}?(?:{_PRODUCT_ZH})|"
            rf"(?:办|开通|开|签|做|买|购买|用|转)了?(?:我行|我们的?)?(?:{_PRODUCT_ZH})(?:业务)?[，,]?"
            rf"[^。；;]{{0,12}}(?:{_BENEFIT_ZH})[^。；;]{{0,8}}(?:更|会更|就会?)(?:顺利|容易|好批|快|优先|宽松|高)",
            _WHY,
            _FIX,
        ),
        phrase(
            rf"\bif (?:he|she|they|you|the client) (?:signs? up|buys?|takes?|opens?|moves?|"
            rf"switch(?:es)?)\b.{{0,40}}\b(?:{_BENEFIT_EN})\b|"
            rf"\b(?:{_BENEFIT_EN})\b.{{0,50}}\bif (?:he|she|they|you|the client) (?:signs? up|buys?|"
            rf"takes?|opens?|moves?|switch(?:es)?)\b|"
            rf"\b(?:only|provided) (?:if|when) (?:he|she|they|you) (?:buys?|takes?|opens?|signs?)\b|"
            rf"\bconditional on (?:buying|taking|opening|signing|moving)\b|"
            # "she has to buy 500k of the wealth product to get the loan approved"
            rf"\b(?:has|have|needs?|must)\s+(?:to\s+)?(?:buy|take|open|sign up for|put)\b.{{0,40}}"
            rf"\b(?:to get|before)\b.{{0,30}}\b(?:{_BENEFIT_EN}|renew\w*|approv\w*)\b|"
            rf"\bto get (?:the |her |his |their )?(?:{_BENEFIT_EN}|mortgage|renewal)\b.{{0,30}}"
            rf"\b(?:has|have|needs?|must)\s+(?:to\s+)?(?:first\s+)?(?:buy|take|open|sign up for|put)\b|"
            rf"\bin (?:exchange|return) for (?:buying|taking|opening|signing|moving) (?:{_PRODUCT_EN})\b|"
            # "sign up for payroll and next year's credit renewal goes smoother"
            rf"\b(?:sign(?:s|ing)? up for|tak(?:e|es|ing)|open(?:s|ing)?|mov(?:e|es|ing)) (?:our |the |your )?"
            rf"(?:{_PRODUCT_EN})\b.{{0,50}}\b(?:{_BENEFIT_EN}|credit|renewal)\b.{{0,30}}"
            rf"\b(?:easier|smoother|faster|quicker|priority)\b|"
            # "loan is almost approved - tell them they need to buy one of our wealth products
            # once it comes through": a purchase made the price of the loan
            rf"\b(?:loan|credit|mortgage|facility|approval)\b.{{0,60}}\b(?:has|have|needs?|must|got)\s+"
            rf"(?:to\s+)?(?:buy|take|open|sign up for|put money in)\b.{{0,40}}\b(?:once|when|after|"
            rf"as soon as|before)\b.{{0,30}}\b(?:comes? through|approved|goes through|is granted|"
            rf"disburs\w*|drawn)\b",
            _WHY,
            _FIX,
        ),
    )
