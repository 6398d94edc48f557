"""按两倍实际敞口做远期，赌人民币升值 / "book the forward at twice their exposure, bet on the yuan":
a hedge larger than the real trade, or sold as a bet on the rate, is speculation. The FX rules
(实需原则, both banks' FX-hedging playbooks) allow derivatives only against a genuine exposure,
no larger than it, and never sold as a way to make money on the rate."""

from __future__ import annotations

from tools.compliance.models import Severity
from tools.compliance.rules.base import PhraseRule, phrase

_WHY = (
    "外汇衍生品须遵循实需原则：以真实贸易或投融资背景为限，套保金额不得超过实际敞口，不得以赌汇率涨跌为目的。",
    "FX derivatives follow the genuine-need principle: only against a real trade or financing "
    "exposure, never larger than it, and never as a bet on where the rate goes.",
)
_FIX = (
    "按客户真实的收付汇金额和期限设计套保比例（一般不超过实际敞口），说明锁定汇率的目的是管理风险而非获利。",
    "Size the hedge to the client's real receipts or payments and their dates (never above the "
    "exposure), and present it as managing risk, not making money on the rate.",
)
_FX_ZH = r"(?:远期|掉期|期权|外汇|结汇|售汇|套保|锁汇|汇率|敞口)"
_MULTIPLE_ZH = r"(?:两倍|2倍|二倍|三倍|3倍|翻倍|加倍|多倍|超过|超出|高于|大于|多于|多锁|超额)"
_CURRENCY_ZH = r"(?:人民币|美元|欧元|日元|港币|汇率|汇价)"


class SpeculativeHedgingRule(PhraseRule):
    code = "speculative_hedging"
    severity = Severity.HIGH
    PHRASES = (
        phrase(
            # "按两倍实际敞口做远期", "锁汇金额超过实际敞口", "比实际需求多锁一倍"
            rf"(?:按|做|锁|套保|买|卖)?{_MULTIPLE_ZH}[^，。；;]{{0,4}}(?:实际|真实)?(?:的)?(?:敞口|需求|收汇|付汇|贸易)|"
            rf"(?:敞口|需求|贸易背景)[^，。；;]{{0,6}}(?:的)?{_MULTIPLE_ZH}[^，。；;]{{0,4}}{_FX_ZH}|"
            # "赌人民币升值", "押汇率下跌", "靠远期赚汇差"
            rf"(?:赌|押|博|搏)(?:一把|一下)?{_CURRENCY_ZH}[^，。；;]{{0,4}}(?:升值|贬值|涨|跌|走势|方向)|"
            rf"(?:没有|无|不需要|不用)(?:真实|实际)?(?:贸易)?背景[^，。；;]{{0,8}}{_FX_ZH}|"
            rf"比(?:客户)?(?:实际|真实)(?:的)?[^，。；;]{{0,6}}多(?:锁|做|买|卖)?(?:一倍|两倍|一半|不少|很多)|"
            rf"{_FX_ZH}[^，。；;]{{0,10}}(?:投机|赚(?:点|些)?汇差|赚(?:点|些)?差价|炒汇)|"
            rf"(?:多|好)?赚(?:点|些)?汇差",
            _WHY,
            _FIX,
        ),
        phrase(
            # the exposure itself exceeded ("I'll send over what we need" is no hedge)
            r"\b(?:twice|double|triple|2x|3x|more than|larger than|bigger than|above|beyond|in excess of)\b"
            r".{0,12}\b(?:their|the|its|his|her)?\s*(?:actual |real |underlying )?(?:fx |currency )?exposure\b|"
            r"\b(?:forward|swap|option|hedg|lock)\w*\b.{0,40}\b(?:more than|above|beyond|in excess of|twice|"
            r"double)\b.{0,20}\b(?:receivables|payables|trade flows?|exposure)\b|"
            r"\b(?:bet|punt|gamble|speculate|wager)\b.{0,20}\b(?:on )?(?:the )?(?:rmb|cny|yuan|renminbi|usd|"
            r"dollar|euro|rate|fx|currency)\b|"
            r"\bno (?:underlying|real|actual) (?:trade|exposure)\b.{0,30}\b(?:forward|swap|option|hedge)s?\b",
            _WHY,
            _FIX,
        ),
    )
