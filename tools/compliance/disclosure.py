"""Risk-disclosure sentences: how to recognise one, and which one to add."""

from __future__ import annotations

import re

from tools.compliance.models import ComplianceContext, Language

DISCLOSURE = re.compile(
    r"理财非存款|产品有风险|投资[须需]谨慎|投保[须需]谨慎|市场有风险|投资有风险|基金有风险|"
    r"风险自担|不保证本金|"
    r"investments? (?:involves?|carry|carries) risks?|(?:is|are) not (?:a )?deposits?|"
    r"(?:may|could) lose (?:some or all of )?(?:your )?(?:principal|capital|money)|"
    r"capital (?:is )?at risk|invest(?:ment)? with caution",
    re.I,
)

_BY_CATEGORY = {
    "wealth": (
        "理财非存款，产品有风险，投资须谨慎。",
        "Wealth products are not deposits; investment involves risk.",
    ),
    "fund": (
        "基金有风险，投资须谨慎，过往业绩不代表未来表现。",
        "Funds are not deposits; investment involves risk and past performance is not indicative of future results.",
    ),
    "insurance": (
        "保险产品非存款，产品有风险，投保须谨慎。",
        "Insurance products are not deposits; investment involves risk.",
    ),
}
_GENERIC = (
    "本产品非存款，产品有风险，投资须谨慎。",
    "This product is not a deposit; investment involves risk.",
)
# An SMS segment is 70 Chinese characters: short forms keep the key phrases only.
_SHORT = {
    "wealth": ("理财非存款，产品有风险，投资须谨慎。", "Not a deposit; investment involves risk."),
    "fund": ("基金有风险，投资须谨慎。", "Not a deposit; investment involves risk."),
}
_SHORT_GENERIC = ("产品有风险，投资须谨慎。", "Not a deposit; investment involves risk.")


def has_disclosure(text: str) -> bool:
    return bool(DISCLOSURE.search(text))


def disclosure_for(context: ComplianceContext, language: Language) -> str:
    """The disclosure sentence for the context's products, in ``language``; SMS gets the short
    form."""
    i = 0 if language == "zh" else 1
    sms = context.channel == "sms"
    categories = {context.product_categories.get(c) for c in context.product_codes}
    for category, sentences in (_SHORT if sms else _BY_CATEGORY).items():
        if categories == {category}:
            return sentences[i]
    return (_SHORT_GENERIC if sms else _GENERIC)[i]
