""" "存款保险也保这个理财" / "deposit insurance covers his fund too": deposit insurance protects
deposits only; saying it covers a wealth product, a fund or an insurance policy misrepresents
the product's risk. A sentence that says deposit insurance does not cover it is the rule itself."""

from __future__ import annotations

import re

from tools.compliance.models import Finding, Remedy, Severity
from tools.compliance.products import mentions_investment, needs_disclosure
from tools.compliance.text import Document

_WHY = (
    "存款保险只保障存款，理财、基金、保险等产品不在保障范围内，不得宣称受存款保险保障。",
    "Deposit insurance covers deposits only; wealth products, funds and insurance are not "
    "covered, and may not be presented as if they were.",
)
_FIX = (
    "理财非存款，产品有风险，投资须谨慎；存款保险不保障理财产品。",
    "Wealth products are not deposits and carry risk; deposit insurance does not cover them.",
)
INSURED = re.compile(
    r"存款保险|存保|\bdeposit[- ]insurance\b|\binsured by (?:the )?(?:deposit|fdic|pboc)", re.I
)
# "不受存款保险保障", "only covers deposits", "doesn't cover": the rule, not the claim.
DENIED = re.compile(
    r"不|非|没有|无法|仅|只|除外|\b(?:not|no|only|never|excludes?|excluding|except)\b|n't\b", re.I
)


# "整笔71万都受存款保险保障，没有上限", "fully covered by deposit insurance, no limit": deposit
# insurance pays up to a limit per depositor (存款保险条例: 50 万元), never without one.
UNLIMITED = re.compile(
    r"(?:存款保险|存保)[^。；;]{0,16}(?:全额|全部|全都|不限额?|无上限|没有上限|没上限|多少都|不管多少)|"
    r"(?:全额|全部|全都|不限额|无上限|没有上限|没上限|多少都|不管多少)[^。；;]{0,16}(?:存款保险|存保)|"
    r"\bdeposit[- ]insurance\b[^.;]{0,40}\b(?:no (?:limit|cap|ceiling)|unlimited|without (?:a )?limit|"
    r"in full|every (?:yuan|cent|penny))\b|"
    r"\b(?:fully|entirely|completely|100%)\s+(?:covered|insured|protected)\b[^.;]{0,30}\bdeposit[- ]insurance\b",
    re.I,
)
ASKED = re.compile(
    r"[吗么嘛？?]|是不是|是否|有没有|能不能|\b(?:is|are|does|do|can|will|would)\b[^.;]*\?",
    re.I,
)
LIMIT_SAID = re.compile(
    r"50\s*万|五十万|500,?000|500\s*k|\b0\.5\s*m(?:illion)?\b|(?<!没有)(?<!无)(?<!没)(?<!不)(?:限额|上限)|"
    r"最高(?:偿付|赔付|保障)|\bup to\b|(?<!no )(?<!without )(?<!without a )\b(?:cap(?:ped)?|limit(?:ed)?)\b",
    re.I,
)
_LIMIT_WHY = (
    "存款保险实行限额偿付（同一存款人在同一家银行最高 50 万元），不得宣称全额或无上限保障。",
    "Deposit insurance pays up to a limit per depositor and bank (CNY 500,000); it may not be "
    "presented as covering any amount.",
)
_LIMIT_FIX = (
    "存款受存款保险保障，同一存款人在同一家银行最高偿付 50 万元。",
    "Deposits are covered by deposit insurance up to CNY 500,000 per depositor per bank.",
)


NEAR = 12  # characters either side of the mention where a negation denies the claim


class InsuredInvestmentRule:
    code = "insured_investment"
    severity = Severity.HIGH

    def check(self, doc: Document) -> list[Finding]:
        for m in UNLIMITED.finditer(doc.norm):
            sentence = doc.sentence_at(m.start())
            # "存款保险是不是全额保障？" asks; "50万以内全额受存款保险保障" states the limit itself.
            if not (ASKED.search(sentence) or LIMIT_SAID.search(sentence)):
                return [self._finding(doc, m, _LIMIT_WHY, _LIMIT_FIX)]
        named = any(needs_disclosure(doc.context, c) for c in doc.context.product_codes)
        for m in INSURED.finditer(doc.norm):
            sentence = doc.sentence_at(m.start())
            near = doc.norm[max(0, m.start() - NEAR) : m.end() + NEAR]
            if DENIED.search(near) or not (named or mentions_investment(sentence)):
                continue
            return [self._finding(doc, m, _WHY, _FIX)]  # one finding says it
        return []

    def _finding(
        self, doc: Document, m: re.Match[str], why: tuple[str, str], fix: tuple[str, str]
    ) -> Finding:
        return Finding(
            code=self.code,
            severity=self.severity,
            remedy=Remedy.REMOVE_SENTENCE,
            matched=doc.text[m.start() : m.end()],
            start=m.start(),
            end=m.end(),
            explanation=doc.pick(*why),
            suggestion=doc.pick(*fix),
        )
