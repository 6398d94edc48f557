"""保本保息 / 稳赚 / 保证收益 / 刚性兑付 / "guaranteed return": promising a return or the
principal of a product that does not carry one. A deposit is 保本保息 (and insured), so that
family is allowed when the sentence is about deposits or deposit insurance."""

from __future__ import annotations

import re

from tools.compliance.products import (
    DEPOSIT_WORDS,
    all_deposits,
    mentions_investment,
)
from tools.compliance.rules.base import PhraseRule, phrase
from tools.compliance.text import NUMBER, Document

# No quoted words: a reason said back to the RM must not repeat the wording refused.
_PRINCIPAL = (
    "除存款外，理财、基金、保险等产品不得承诺本金或利息不受损失（资管新规打破刚性兑付）。",
    "Only deposits may be described as principal-protected; wealth, fund and insurance products "
    "may not promise principal or interest.",
)
_PRINCIPAL_FIX = (
    "产品为非保本浮动收益型，本金可能损失，请以产品说明书为准。",
    "The product does not protect principal; returns vary and you could lose money. See the "
    "product documents.",
)
_PROMISE = (
    "不得承诺或暗示收益，不得宣传刚性兑付。",
    "Promising or implying a return is prohibited in product marketing.",
)
_PROMISE_FIX = (
    "业绩比较基准不代表实际收益，产品收益存在不确定性，请以产品说明书为准。",
    "Any benchmark is not a promise of return; actual returns may vary. Please refer to the "
    "product documents.",
)


class GuaranteedReturnRule(PhraseRule):
    code = "guaranteed_return"
    PHRASES = (
        phrase(
            r"保本保息|保本(?!金)|保息|保证本金(?:安全)?|本金无忧|保障本金|"
            r"(?:principal|capital)[- ](?:is\s+)?(?:guaranteed|protected)|"
            r"guaranteed\s+(?:principal|capital|interest)",
            _PRINCIPAL,
            _PRINCIPAL_FIX,
            exemptable=True,
        ),
        phrase(
            r"稳赚不赔|稳赚不亏|稳赚|包赚|只赚不赔|躺赚|稳拿收益|"
            # "下一期稳拿最高档收益": a structured deposit's top tier said to be certain
            r"(?:稳拿|稳拿到|肯定(?:能)?拿到?|一定(?:能)?拿到?|保证拿到?|包拿)(?:最高档?|顶格|最高一档|上限)?的?(?:收益|利率|回报)|"
            r"保证(?:您的?)?(?:年化)?(?:收益|回报|利润|盈利)|保收益|承诺(?:年化)?(?:收益|回报)|"
            r"收益(?:有)?保证|保底收益|收益保底|刚性兑付|刚兑",
            _PROMISE,
            _PROMISE_FIX,
        ),
        phrase(
            rf"保证(?:年化)?(?:收益率?|回报率?)?\s*{NUMBER}|保底(?:年化)?(?:收益率?|回报率?)?\s*{NUMBER}|"
            rf"(?:年化)?(?:收益率?|回报率?)?\s*{NUMBER}\s*(?:保证|保底|稳拿|有保障|没跑)|"
            # "年化4%稳稳的", "4个点妥妥的", "稳稳拿3.5%": a figure said to be safe is promised
            rf"(?:{NUMBER}|\d+(?:\.\d+)?\s*个点)\s*(?:的收益)?\s*(?:稳稳|稳了|妥妥|跑不了|板上钉钉)|"
            rf"(?:稳稳|妥妥)(?:的|地)?(?:拿|赚|有|收)?(?:到)?\s*(?:年化)?\s*{NUMBER}|"
            # "年化稳稳4%", "收益肯定5%": the figure said to be certain, its certainty first
            rf"(?:年化|收益率?|回报率?)\s*(?:稳稳|妥妥|肯定|一定|保证|绝对)(?:的|地|是|有|能有)?\s*{NUMBER}|"
            # "今年肯定还能赚这么多", "一定赚钱": earning said to be certain, with or without a figure
            r"(?:一定|肯定|绝对|百分百|铁定|保准|准保)(?:还|也)?(?:能|会|可以)?(?:赚|挣)(?:到|回)?"
            r"(?:这么多|那么多|一样多|不少|钱|回来)|"
            rf"(?:承诺|答应|许诺)(?:给)?(?:她|他|您|你|客户)?(?:年化)?(?:收益率?|回报率?)?\s*{NUMBER}|"
            # "肯定能有4%", "一定赚3个点": a return said to be certain is a return promised
            rf"(?:一定|肯定|绝对|百分百|100%)(?:能|会|可以)?(?:有|赚|拿到|达到|收益)[^，,。；;]{{0,6}}?{NUMBER}|"
            # "利率保证高于挂牌" / "一定比挂牌高": a rate above the published one, promised
            r"(?:保证|承诺|答应|一定|肯定|包)[^，,。；;]{0,8}(?:高于|超过|比)挂牌[^，,。；;]{0,4}|"
            r"(?:高于|超过)挂牌利率[^，,。；;]{0,6}(?:保证|没问题|肯定|一定)|"
            # "去年收益6%，今年也能拿6%": last year's figure said of this one is a return promised
            rf"(?:今年|明年|下一?年|这期|下期)(?:也|还|照样|同样|一样)(?:能|会|可以|有)?(?:拿到?|赚|有|收益|达到)?\s*{NUMBER}",
            _PROMISE,
            _PROMISE_FIX,
        ),
        phrase(
            r"guaranteed\s+(?:an?\s+)?(?:annual(?:ised|ized)?\s+|fixed\s+|high\s+|steady\s+)?"
            r"(?:returns?|yields?|income|profits?|gains?|payouts?)|"
            rf"guaranteed\s+(?:an?\s+)?(?:[a-z]+\s+){{0,2}}?{NUMBER}|{NUMBER}\s*,?\s+(?:[a-z]+\s+)?guaranteed|"
            rf"guarantee[sd]?\s+(?:you\s+|her\s+|him\s+|them\s+|the client\s+|⟦(?:CLIENT|PERSON)_\d+⟧\s+)?(?:an?\s+)?(?:{NUMBER}|returns?|profits?|income|yields?)|"
            r"(?:returns?|yields?|income|profits?)\s+(?:is|are)\s+(?:fully\s+|100%\s+)?guaranteed|"
            r"sure[- ](?:fire\s+)?(?:profit|win|bet)|"
            r"guarantee\w*\s+(?:you\s+|them\s+|her\s+|him\s+)?(?:an?\s+)?(?:better|higher)\s+(?:rate|return|yield)s?\s+than|"
            # "guarantee them a rate above the posted one": a rate beyond the published one
            r"(?:guarantee|promise|commit|assure)\w*\s+(?:\w+\s+){0,3}?(?:rates?|returns?|yields?)\s+"
            r"(?:above|over|higher\s+than|better\s+than|beating)\b|"
            rf"\bpromis(?:e|es|ed|ing)\s+(?:\w+\s+){{0,3}}?(?:{NUMBER}|returns?\b|yields?\b|profits?\b|gains?\b)|"
            # "will definitely return 2%", "is certain to earn 3%": a return said to be certain
            r"\b(?:definitely|certainly|surely|for sure|without fail|is certain to|are certain to)\s+"
            rf"(?:return|yield|earn|make|pay|give|deliver)\w*\s+(?:you\s+|them\s+)?(?:an?\s+)?{NUMBER}|"
            # "did 6% last year so she'll get 6% this year too": past returns said to repeat
            r"\b(?:so|then)\s+(?:you|she|he|they|the client)(?:'ll|\s+will|\s+can expect to)\s+"
            rf"(?:get|earn|make|see|receive|have)\s+(?:another\s+|the same\s+)?{NUMBER}|"
            r"\b(?:you|she|he|they)(?:'ll|\s+will)\s+(?:get|earn|make|see|receive)\s+"
            rf"{NUMBER}\s+(?:again|this year|next year|too)\b",
            _PROMISE,
            _PROMISE_FIX,
        ),
    )

    def exempt(self, doc: Document, match: re.Match[str]) -> bool:
        sentence = doc.sentence_at(match.start())
        if mentions_investment(sentence):
            return False
        insured = "存款保险" in sentence or "deposit insurance" in sentence.lower()
        return insured or all_deposits(doc.context) or bool(DEPOSIT_WORDS.search(sentence))
