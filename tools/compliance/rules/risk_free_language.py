"""零风险 / 无风险 / 绝对安全 / "risk-free" / "can't lose": no product a bank sells is without
risk (even deposits are insured only up to a limit)."""

from __future__ import annotations

from tools.compliance.rules.base import PhraseRule, phrase

_WHY = (
    "任何金融产品都存在风险，不得使用“零风险”“无风险”“绝对安全”等表述。",
    "No financial product is free of risk; 'risk-free', 'no risk' or 'can't lose' misleads.",
)
_FIX = (
    "产品有风险，请结合产品风险等级和自身风险承受能力审慎选择。",
    "Every product carries risk; please weigh its risk rating against your own risk tolerance.",
)
_NOT_ABOUT_PRODUCT = r"(?!测评|评估|承受|等级|提示|揭示|偏好)"


class RiskFreeLanguageRule(PhraseRule):
    code = "risk_free_language"
    PHRASES = (
        phrase(
            rf"零风险|无风险{_NOT_ABOUT_PRODUCT}|没有(?:任何)?风险{_NOT_ABOUT_PRODUCT}|没风险|"
            r"毫无风险|风险为零|绝对安全|百分之?百安全|100\s*%\s*安全|稳稳的?不会亏|"
            r"不会亏(?:损|本|钱)?|不可能亏|亏不了|不亏本|只涨不跌|"
            # "和存款一样安全": a product likened to a deposit's safety
            r"(?:和|跟|同|与)(?:银行)?(?:定期)?存款一样(?:安全|稳|稳妥|保本|有保障)",
            _WHY,
            _FIX,
        ),
        phrase(
            r"risk[- ]free(?!\s+(?:rate|interest|asset))|\bno\s+risks?\b(?!-)|\bzero\s+risk\b|"
            r"without\s+(?:any\s+)?risk|(?:completely|totally|absolutely|100\s*%)\s+safe|"
            r"\bcan'?t\s+lose|\bcannot\s+lose|\bwon'?t\s+lose|\bnever\s+lose|nothing\s+to\s+lose|"
            r"\bas\s+safe\s+as\s+(?:a\s+|any\s+|bank\s+|your\s+)?(?:time\s+)?deposits?\b",
            _WHY,
            _FIX,
        ),
    )
