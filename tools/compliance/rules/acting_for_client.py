"""客户不会填风险测评 我帮他填了 / "I'll sign the risk disclosure for her": the client's own risk
assessment answered, or the client's documents signed, by the RM. The suitability rules of both
evaluation banks, and every bank's, have the client do both in person (本人完成, 本人签署); an RM
who does it for them — however willing the client — leaves the bank without the client's own
assessment or consent."""

from __future__ import annotations

import re

from tools.compliance.models import Severity
from tools.compliance.rules.base import PhraseRule, phrase
from tools.compliance.text import Document

_WHY = (
    "风险测评须由客户本人完成，合同和风险揭示书须由客户本人签署；客户经理不得代填、代答、代签。",
    "The client completes the risk assessment and signs the documents personally; an RM never "
    "fills them in, answers or signs for the client.",
)
_FIX = (
    "请客户本人完成测评和签署，客户经理可以解释题目和条款，但不替客户作答或签字。",
    "Have the client answer and sign in person; explain the questions and terms, but never "
    "answer or sign for them.",
)
_FORM_ZH = r"(?:风险)?(?:测评|评估问卷|问卷|风评)|风险揭示书|合同|协议|申请表|签字|签名"
_FORM_EN = (
    r"(?:risk )?(?:questionnaire|assessment|profil(?:e|ing) form)|(?:risk )?disclosures?|"
    r"contracts?|agreements?|application forms?|forms?|paperwork"
)


class ActingForClientRule(PhraseRule):
    code = "acting_for_client"
    severity = Severity.HIGH
    PHRASES = (
        phrase(
            rf"代填|代答|代签|代客签|(?:帮|替|代)(?:他|她|他们|她们|客户)?(?:填|答|签|做)(?:了|一下|个)?[^，。,？?]{{0,6}}(?:{_FORM_ZH})",
            _WHY,
            _FIX,
        ),
        phrase(
            # "风险测评你帮我按C5填一下", "测评帮她直接勾C4": the grade chosen for the client
            rf"(?:{_FORM_ZH})[^。？?]{{0,12}}?(?:帮|替|代|直接|你)[^。？?]{{0,6}}?"
            r"(?:按|勾|选|填|改|定|写)(?:成|为|到|个)?\s*C[1-5]|"
            r"(?:按|勾|选|改|定)(?:成|为|到)?\s*C[1-5][^。？?]{0,4}(?:填|勾|选|做)(?:测评|问卷)|"
            # "我帮他把问卷重做成C4": the client's answers redone to a grade the RM chose
            rf"(?:{_FORM_ZH})(?:重做|重填|重新做|重新填|改|调高|调)(?:一下|下)?[^。？?]{{0,4}}?(?:成|为|到)\s*C[1-5]|"
            # "我帮他把风险测评重新做一下勾成C4": the form taken over to reach a grade
            rf"(?:帮|替|代)(?:他|她|他们|她们|客户)?把[^。？?]{{0,4}}(?:{_FORM_ZH})[^。？?]{{0,12}}C[1-5]|"
            r"\b(?:tick|check|mark|select|put (?:her|him|them) down as|set (?:her|his|their) (?:risk )?(?:profile|grade|rating) to)"
            r"\s+(?:as\s+)?C[1-5]\b",
            _WHY,
            _FIX,
        ),
        phrase(
            # "客户不会填风险测评，我帮他填了": the RM's own clause, the form named before it (and
            # whatever the client could not do there); "我帮他填一下地址" names no such form
            r"(?:我|我们)(?:就|先)?(?:帮|替|代)(?:他|她|他们|她们|客户)(?:填|答|签)(?:了|一下|个)?",
            _WHY,
            _FIX,
            exemptable=True,
        ),
        phrase(
            rf"\b(?:fill(?:ed|ing)? (?:in|out)|complete[ds]?|answer(?:ed|ing)?|sign(?:ed|ing)?|do(?:ne)?)\s+"
            rf"(?:his|her|their|the client'?s)\s+(?:{_FORM_EN})\b|"
            rf"\b(?:fill(?:ed|ing)? (?:in|out)|complete[ds]?|answer(?:ed|ing)?|sign(?:ed|ing)?)\s+(?:the\s+)?(?:{_FORM_EN})\s+"
            r"(?:for|on behalf of)\s+(?:him|her|them|the client)\b|"
            r"\bsign(?:ed|ing)?\s+(?:for|on behalf of)\s+(?:him|her|them|the client)\b",
            _WHY,
            _FIX,
        ),
    )

    def exempt(self, doc: Document, match: re.Match[str]) -> bool:
        """The RM's "我帮他填" counts only beside an assessment, a disclosure or a contract."""
        return not re.search(_FORM_ZH, doc.sentence_at(match.start()))
