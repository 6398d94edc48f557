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
            r"过了这(?:个)?村|机不可失|今天不(?:买|投)|必须今天|速速|"
            # a deadline or a quota made up to hurry the client: "这周不买就没额度了"
            r"(?:今天|今日|明天|这周|本周|周末|这个月|本月|月底)(?:之?前|内)?(?:再)?不(?:买|投|续|存|认购|下单|定|订|签|抢)|"
            r"不(?:买|投|续|存|认购|下单|定|订|签|抢)[^，,。；;]{0,8}?就(?:会)?(?:没|抢不到|买不到|来不及|亏|吃亏|损失)|"
            r"(?:今天|今日|马上|当天)(?:必须|一定要|务必)(?:要)?(?:定|决定|签|买|办|拍板)|"
            r"(?:额度|名额)(?:就|快|就要|马上)?(?:没了|用完|抢光|卖完|不多了)|(?:就|快|要)没(?:有)?(?:额度|名额)",
            _WHY,
            _FIX,
        ),
        phrase(
            r"\bact\s+(?:now|fast|quickly|today)|before\s+it'?s\s+(?:gone|too\s+late|sold\s+out)|"
            r"\blast\s+chance|limited[- ]time\s+(?:only|offer)|\btoday\s+only|"
            r"\bdon'?t\s+miss\s+out|\bhurry\b|only\s+\d+\s+(?:spots?|places?|slots?|units?)\s+left|"
            r"won'?t\s+last|now\s+or\s+never|first\s+come,?\s+first\s+served|selling\s+out\s+fast|"
            r"\bif\s+(?:you|she|he|they)\s+(?:don'?t|doesn'?t|do\s+not|does\s+not)\s+(?:\w+\s+){1,6}?"
            r"(?:you|she|he|they)(?:'ll|\s+will)\s+(?:lose|miss)(?!\s+(?:nothing|none|no\b|any\b|important|details))|"
            r"\blose\s+(?:your|her|his|their|the)\s+(?:quota|allocation|spot|place)|"
            r"(?:quota|allocation)\s+(?:is\s+)?(?:running\s+out|almost\s+gone|nearly\s+gone|runs\s+out)",
            _WHY,
            _FIX,
        ),
    )
