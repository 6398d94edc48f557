"""高于挂牌利率 / "3% on the renewal, above the board rate": a rate promised above the one the bank
posts. Pricing above the posted rate goes through the bank's pricing approval; an RM promising
it to a client, privately or ahead of approval, is forbidden by the maturity and outflow
playbooks of both evaluation banks — the message must not carry the promise."""

from __future__ import annotations

from tools.compliance.models import Severity
from tools.compliance.rules.base import PhraseRule, phrase

_WHY = (  # no quoted words: a reason said back to the RM must not repeat the wording refused
    "高于挂牌的利率须经行内定价审批，客户经理不得私下或先行承诺。",
    "A rate above the posted one needs the bank's pricing approval; it is never promised "
    "privately or ahead of that approval.",
)
_FIX = (
    "说明以我行挂牌利率为准；如需优惠定价，先按流程申请，获批后再告知客户。",
    "Quote the posted rate; if better pricing is needed, apply for it first and tell the "
    "client only once it is approved.",
)
_POSTED_ZH = r"(?:挂牌|牌告|公告|柜面|官方|公布的?)(?:利率|价格?)?"
_POSTED_EN = r"(?:board|posted|published|listed|official|counter|standard) (?:rates?|pricing)"
# Another bank, by name or by kind: the rate an RM is asked to meet or beat is theirs.
_RIVAL_ZH = r"(?:工行|建行|农行|中行|交行|招行|邮储|兴业|浦发|中信|民生|光大|平安|他行|别家|别的银行|其他银行|同业|外行)"
_RIVAL_EN = (
    r"\b(?:ICBC|CCB|ABC|BOC|BoCom|CMB|PSBC|HSBC|Citi|another bank|the other bank|other banks?|"
    r"a competitor|competitors?|rival bank)\b"
)


class OffBoardRateRule(PhraseRule):
    code = "off_board_rate"
    severity = Severity.MEDIUM
    PHRASES = (
        phrase(
            rf"(?:高于|超过|超出|比){_POSTED_ZH}(?:再)?(?:高|多|上浮)?|"
            rf"在{_POSTED_ZH}(?:基础上|之上)(?:再)?(?:上浮|加|多给)|"
            r"私下[^。]{0,12}?(?:给到?|答应|承诺|保证)[^，。,]{0,12}(?:利率|利息|收益|上浮|加点|\d+(?:\.\d+)?\s*%)|"
            # "私下再给他们加0.5个点": a rate added on the side, in points, per cent or bp
            r"私下[^。]{0,12}?(?:加|多给|补)[^，。,]{0,6}?\d+(?:\.\d+)?\s*(?:%|个点|个百分点|bp|BP)|"
            # "保证给他们上浮到3%": a rise over the posted rate, promised before it is approved
            r"(?:承诺|保证|答应)[^，。,]{0,10}(?:利率)?(?:上浮|加点|上调)|"
            # "利率我保证比别家高0.5个点", "跟他们承诺比别家高": a price against other banks', promised
            # before the bank has approved it (未经审批不得报价)
            r"(?:保证|承诺|答应|许诺|包)[^，,。；;]{0,6}比(?:别家|他行|别的银行|其他银行|同业|外面)"
            r"[^，,。；;]{0,4}(?:高|多)|"
            # "工行给了2.6% 跟他说我们给2.8%": another bank's rate met by a figure of ours
            rf"{_RIVAL_ZH}[^。]{{0,20}}?\d+(?:\.\d+)?\s*(?:%|个点)[^。]{{0,30}}?"
            r"(?:我们|我行|咱们|咱)(?:就|也|可以|能)?(?:给|出|开|报)(?:到|你们|他们|他|她|您)?\s*\d+(?:\.\d+)?\s*(?:%|个点)|"
            # "他行给多少利率我们就比他多0.5个点": whatever the rival pays, beaten by a margin
            rf"{_RIVAL_ZH}[^。]{{0,20}}?(?:多少|什么|几个点|几个)[^。]{{0,16}}?(?:我们|我行|咱们|咱)[^。]{{0,6}}?"
            r"比(?:他|它|她|对方)?(?:们|家)?(?:多|高)[^，,。；;]{0,2}?\d+(?:\.\d+)?\s*(?:%|个点|个百分点|bp|BP)|"
            # "续存的话我保证给4个点", "利率我承诺给到3.5%": a rate the RM vouches for in person,
            # which only the bank's posted rate or its approved pricing can give
            r"(?:保证|承诺|答应|许诺|包)[^，,。；;]{0,8}?\d+(?:\.\d+)?\s*个点|"
            r"(?:利率|利息|续存|续作|转存|定期|存款)[^。；;]{0,12}?(?:保证|承诺|答应|许诺|包)"
            r"[^，,。；;]{0,6}?\d+(?:\.\d+)?\s*%|"
            r"(?:保证|承诺|答应|许诺)[^，,。；;]{0,4}?(?:利率|利息)[^，,。；;]{0,4}?\d+(?:\.\d+)?\s*%|"
            # "比他行高0.5个点，不走审批": a price said to skip the bank's pricing approval
            r"(?:利率|利息|收益|个点|%)[^。；;]{0,20}?(?:不走|不用|不需要?|无需|不经|不报|绕过|跳过|(?:先)?别走|先不走|不必走)(?:定价)?审批|"
            r"(?:利率|利息|收益|个点|%)[^。；;]{0,20}?(?:定价)?审批(?:先|就|也)?(?:别走|不走|不用走|不报|免了|跳过|省了)|"
            # "当场给他开个更高的利率": a better rate given on the spot, no approval in sight
            r"(?:当场|直接|私下|马上)(?:给|开|报|答应)[^，。,；;]{0,6}(?:更高|优惠|特殊|更好)的?利率"
            r"(?![^。；;]{0,20}审批)|"
            r"(?:不走|不用|无需|不经|绕过|跳过|(?:先)?别走|先不走|不必走)(?:定价)?审批[^。；;]{0,20}?(?:利率|利息|个点|%)",
            _WHY,
            _FIX,
        ),
        phrase(
            rf"\b(?:above|over|higher than|better than|beat(?:ing)?|on top of) (?:the |our )?{_POSTED_EN}\b|"
            # "can I offer a better deposit rate on the spot": a better rate, no approval named
            r"\b(?:i|we|you)\b(?:'ll| will| can| could| may| should)?(?: just)?\s+(?:offer|give|promise|quote)\s+"
            r"(?:(?:him|her|them|the client)\s+)?(?:a\s+)?(?:better|higher|special|"
            r"preferential|bumped[- ]up)\s+(?:deposit\s+|cd\s+|renewal\s+)?(?:rate|pricing)\b"
            r"(?![^.;?]{0,40}\b(?:approv\w*|sign-?off|pricing committee)\b)|"
            # "I'll quietly add 50bp", "privately give them an extra 0.3%": a rate on the side
            r"\b(?:quietly|privately|secretly|discreetly|on the side)\b.{0,20}\b(?:add|give|throw in|bump|"
            r"top up)\w*\b.{0,20}?\d+(?:\.\d+)?\s*(?:bps?\b|basis points?\b|%|points?\b)|"
            r"\boff-?board (?:rate|pricing)\b|"
            # "we'll beat the other bank's rate by 0.5%": a price against another bank's, promised
            r"\b(?:beat|top|outbid)\w*\s+(?:the\s+|their\s+|any\s+)?(?:other|another|competing|rival)\s+"
            r"banks?['’]?s?\s+(?:rates?|offers?|pricing|prices?)\b|"
            # "we'll beat whatever the other bank offers by 0.5%": the same, the rival's price unseen
            r"\b(?:beat|top|outbid|match|better)\w*\s+(?:whatever|anything|what)\s+(?:rate\s+|price\s+|pricing\s+)?(?:the\s+)?"
            r"(?:other|another|competing|rival)\s+banks?\s+(?:offers?|gives?|pays?|quotes?)\b|"
            # "..., off the books, no approval needed": a price said to skip pricing approval
            r"(?:\b(?:rates?|points?|bps?|pricing)\b|%).{0,60}\b(?:off the books|under the table|"
            r"no approval (?:needed|required)|without (?:any |the )?(?:pricing )?approval)\b|"
            r"\b(?:off the books|under the table)\b.{0,40}(?:\b(?:rates?|points?|bps?)\b|%)|"
            # "promise them 0.5% more than the other bank": a price against another bank's
            r"\b(?:promise|guarantee|commit|assure)\w*\s+(?:\w+\s+){0,3}?(?:[\d.]+\s*%|[\d.]+ (?:points?|bps?)) "
            r"(?:more|higher|above|over)\b.{0,12}\b(?:other|another|the other|their) banks?\b|"
            # "ICBC offered them 2.6%, say we'll give 2.8%": another bank's rate met by one of ours
            rf"{_RIVAL_EN}.{{0,40}}?\d+(?:\.\d+)?\s*%.{{0,60}}?\bwe(?:'ll| will| can| could)?\s+"
            r"(?:give|offer|pay|do|match|beat|go to)\w*\s+(?:them\s+|you\s+|her\s+|him\s+)?"
            r"(?:\d+(?:\.\d+)?\s*%|it|that|the same)|"
            # "if they renew I'll guarantee 4 points": a rate vouched for in person
            r"\b(?:i|we)(?:'ll| will| can)?\s+(?:personally\s+)?(?:guarantee|promise)\w*\s+"
            r"(?:you\s+|them\s+|her\s+|him\s+)?(?:a\s+)?(?:rate\s+of\s+)?\d+(?:\.\d+)?\s*(?:%|points?\b)",
            _WHY,
            _FIX,
        ),
    )
