"""最后一天 / 手慢无 / 先到先得 / "act now before it's gone": urgency that pushes a client to
decide before they understand the product (销售适当性: 不得诱导客户仓促购买)."""

from __future__ import annotations

from tools.compliance.models import Severity
from tools.compliance.rules.base import PhraseRule, phrase

_WHY = (
    "不得以限时、限量、错过不再等方式诱导客户仓促决策。",
    "Urgency and scarcity pressure push clients to decide before they understand the product.",
)
_FIX = (
    "如您感兴趣，可以先了解产品详情，我随时为您解答，您考虑清楚后再决定。",
    "If you are interested, take your time to review the details; I'm happy to answer any "
    "questions before you decide.",
)


class PressureSellingRule(PhraseRule):
    code = "pressure_selling"
    severity = Severity.MEDIUM
    PHRASES = (
        phrase(
            r"最后(?:一天|机会|一次机会|\d+\s*天)|仅剩\s*\d*\s*(?:个|份)?(?:名额|额度|份额)|名额有限|"
            r"手慢无|错过(?:就|再)?(?:没有|没了|再等|要等|不再)|再不(?:买|投|抢|下手)|"
            r"(?:马上|立即|立刻|尽快)(?:抢购|下单|购买|买入|认购|入手)|赶紧|赶快|"
            r"抓紧(?:时间)?(?:购买|抢购|下单|入手|认购)|先到先得|限时抢购|秒杀|抢购|"
            r"过了这(?:个)?村|机不可失|今天不(?:买|投)|必须今天|速速",
            _WHY,
            _FIX,
        ),
        phrase(
            r"\bact\s+(?:now|fast|quickly|today)|before\s+it'?s\s+(?:gone|too\s+late|sold\s+out)|"
            r"\blast\s+chance|limited[- ]time\s+(?:only|offer)|\btoday\s+only|"
            r"\bdon'?t\s+miss\s+out|\bhurry\b|only\s+\d+\s+(?:spots?|places?|slots?|units?)\s+left|"
            r"won'?t\s+last|now\s+or\s+never|first\s+come,?\s+first\s+served|selling\s+out\s+fast",
            _WHY,
            _FIX,
        ),
    )
