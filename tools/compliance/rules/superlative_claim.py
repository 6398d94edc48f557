"""收益最高 / 全市第一 / "the best rate in town": a superlative or a comparison no one can stand
behind. Conduct rules forbid absolute and comparative claims in marketing (the demo bank's
playbook lists "收益最高""全市第一"); rates and returns are stated as published, not ranked."""

from __future__ import annotations

from tools.compliance.models import Severity
from tools.compliance.rules.base import PhraseRule, phrase

_WHY = (  # no quoted words: a reason said back to the RM must not repeat the wording refused
    "利率、收益以我行公告为准，不得作绝对化或与同业比较的夸大宣传。",
    "Rates and returns are stated as published, never claimed as the best or the highest "
    "against other banks.",
)
_FIX = (
    "如实说明我行公布的利率或产品要素，不与同业比较、不作绝对化表述。",
    "State the published rate or the product's terms as they are, without comparing or ranking.",
)
_WHAT_ZH = r"收益|利率|利息|回报|产品|价格|条件"


class SuperlativeClaimRule(PhraseRule):
    code = "superlative_claim"
    severity = Severity.MEDIUM
    PHRASES = (
        phrase(
            rf"(?:{_WHAT_ZH})(?:是|也是|绝对是)?(?:全市|全国|全省|本地|市面上|业内|同业|所有银行)?(?:最高|最好|最优|第一)|"
            r"(?:全市|全国|全省|本地|市面上|业内|同业)(?:最高|最好|最优|第一|独一份)|"
            rf"没有(?:比|哪家|别家|其他银行)[^，,。]{{0,8}}更(?:高|好|优)|"
            r"(?:比|高于)(?:所有|任何|别的|其他)(?:银行|同业)(?:都)?(?:高|好)",
            _WHY,
            _FIX,
        ),
        phrase(
            r"\b(?:the )?best (?:rates?|returns?|yields?|deals?|prices?|products?|terms)\b"
            r"(?: (?:in town|around|anywhere|on the market|in the city|of any bank))?|"
            r"\bbest in (?:town|the city|the market)\b|"
            r"\bhighest (?:rates?|returns?|yields?) (?:in town|around|anywhere|on the market|of any bank)\b|"
            r"\bunbeatable\b|\bbeats? (?:every|any|all) (?:other )?banks?\b|\bnumber one (?:rate|bank|product)\b",
            _WHY,
            _FIX,
        ),
    )
