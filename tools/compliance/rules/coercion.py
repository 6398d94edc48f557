"""不续存就给你降级 / "tell them we'll cut their credit line unless the money comes back": a threat
made to bring a client into line. Both evaluation banks' playbooks forbid pressuring a client
(outflow response, supply-chain finance: 不得对客户施压); a tier, a credit line or a service held
over a client's head is that pressure, whatever the RM's reason."""

from __future__ import annotations

from tools.compliance.models import Severity
from tools.compliance.rules.base import PhraseRule, phrase

_WHY = (
    "不得以降级、抽贷、停办业务等后果威胁或施压客户。",
    "A client is never threatened or pressured with a downgrade, a withdrawn credit line or a "
    "stopped service.",
)
_FIX = (
    "了解客户资金安排和真实需求，说明我行能提供的服务与方案，由客户自主决定。",
    "Ask about the client's plans and needs, explain what the bank can offer, and let the "
    "client decide.",
)
_CONSEQUENCE_ZH = r"(?:降级|降层|降等|冻结|抽贷|断贷|停贷|压贷|收贷|收回(?:额度|贷款|授信)|停(?:掉|办)|取消(?:额度|授信|优惠|服务))"


class CoercionRule(PhraseRule):
    code = "coercion"
    severity = Severity.MEDIUM
    PHRASES = (
        phrase(
            rf"不[\u4e00-\u9fff]{{1,6}}(?:就|的话)[^，。,]{{0,10}}{_CONSEQUENCE_ZH}|"
            r"吓唬|威胁(?:一下|他们|她们|他|她|客户)|要挟|"
            # "…不然今年授信续不了", "否则贷款就别想批": credit held over what was asked
            r"(?:不然|否则|要不然|要不)[^。]{0,12}(?:续贷|贷款|房贷|额度|授信|审批|利率|业务)[^，。,]{0,4}"
            r"(?:续不了|批不了|批不下来|办不了|续不上|没了|不给|悬了?|够呛|难批|不好批|别想|甭想|没戏|保不住)|"
            # "钱不转回来明年续贷就不好说了", "把钱转走以后贷款就不好批了": credit held over the money
            r"(?:不|没|转走|转出|挪走|拿走|搬走|往外转|外转|转到别|离开|走了?|"
            r"往(?:他行|别家|别的银行|其他银行|外面|外行)(?:转|挪|搬|走))[^。]{0,16}"
            r"(?:续贷|贷款|房贷|额度|授信|审批|利率|条件|业务)[^，。,]{0,4}"
            r"(?:就|可就|恐怕|怕是|可能|会)?(?:不好说|不好批|难批|很难|难办|批不下来|批不了|悬了?|够呛|没戏|"
            r"保不住|受影响|要重新考虑|没那么容易|变差|上调|收紧|别想(?!太多|多|了)(?:批|续|贷|再|在)?|甭想|休想|没门)",
            _WHY,
            _FIX,
        ),
        phrase(
            r"\b(?:unless|or else|or we(?:'ll| will)|otherwise we(?:'ll| will))\b.{0,40}\b(?:downgrade|cut|"
            r"freeze|pull|withdraw|cancel|stop)\b|\b(?:threaten|scare|intimidate)\b|"
            r"\b(?:we'?ll|we will|i'?ll|i will|going to)\s+(?:downgrade|cut|freeze|pull|withdraw|cancel|stop)\b"
            r".{0,40}\b(?:unless|if (?:they|you|he|she) (?:don'?t|doesn'?t|do not|does not))\b|"
            # "if they keep moving money out we'll cut their LC facility": a threat on a condition
            r"\bif (?:they|you|he|she|the client)\s+(?:keep|continue|move|moves|take|takes|pull|pulls|"
            r"transfer|transfers|leave|leaves|switch|switches|go|goes|refuse|refuses|won'?t|don'?t|doesn'?t)\b"
            r".{0,40}\b(?:we|i)(?:'ll| will| would| are going to)\s+(?:have to\s+)?(?:downgrade|cut|freeze|"
            r"pull|withdraw|cancel|stop|reduce|shrink|call in)\b(?![^.,;]{0,24}\bfor (?:you|them|him|her)\b)|"
            # "if the money doesn't come back, the loan renewal will be difficult"
            r"\b(?:if|unless)\b.{0,40}\b(?:loan|credit|renewal|facility|line)\b.{0,25}\b(?:difficult|hard|"
            r"tricky|at risk|in doubt|won'?t (?:be )?(?:renewed|approved)|may not (?:be )?(?:renewed|approved))\b|"
            # "tell him if he leaves, his mortgage terms will get worse": worse credit for leaving
            r"\bif (?:they|you|he|she|the client)\s+(?:leave|leaves|move|moves|pull|pulls|switch|"
            r"switches|go|goes|transfer|transfers)\b.{0,40}\b(?:loan|mortgage|credit|facility|credit line)s?\b"
            r".{0,25}\b(?:get|go|be|become)\s+(?:worse|up|higher|tighter|harder|reviewed)\b",
            _WHY,
            _FIX,
        ),
    )
