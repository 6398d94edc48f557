"""An RM's request to put a client's ID, card or phone number into outreach ("邮件里附上法人身份证号",
"include the legal rep's ID number"). The draft never carries it (identifiers reach drafts only
as masked tokens), so the request itself is the finding: the RM learns why it is missing rather
than waiting for a number that cannot be sent. Checked on requests only, under the same code as
a full identifier typed into client text."""

from __future__ import annotations

from tools.compliance.models import Finding
from tools.compliance.rules.base import PhraseRule, phrase
from tools.compliance.rules.full_identifier import FullIdentifierRule
from tools.compliance.text import Document

_WHY = (
    "客户证件号、手机号、卡号不得完整写入对外发送的消息或邮件（个人信息保护）。",
    "A client's ID, card or phone number is never written in full into a message or e-mail "
    "that leaves the bank (personal-information protection).",
)
_FIX = (
    "如需核实身份，请通过行内系统或面签办理，不在消息中传递证件号码。",
    "Verify identity through the bank's systems or in person; do not pass identifiers in messages.",
)
# A number, not the document: "带身份证来网点" (bring the ID card along) asks for nothing.
_NUMBER_ZH = r"(?:身份证|证件|护照|手机|电话|银行卡|卡|账户?)号|信用代码"
_NUMBER_EN = (
    r"(?:id|identity|passport|card|account|phone|mobile)(?:\s+card)?\s+(?:number|no\.?|#)s?|"
    r"credit\s+code"
)


class IdentifierRequestRule(PhraseRule):
    code = FullIdentifierRule.code
    severity = FullIdentifierRule.severity
    PHRASES = (
        phrase(
            rf"(?:附上|带上|写上|加上|放上|填上|写进|附)[^，。,.；;]{{0,12}}?(?:{_NUMBER_ZH})|"
            rf"把[^，。,.；;]{{0,12}}?(?:{_NUMBER_ZH})码?也?(?:写|放|附|加|填|发)",
            _WHY,
            _FIX,
        ),
        phrase(
            rf"\b(?:include|including|add|put|attach|insert|quote|send|give)\b[^.;]{{0,40}}?(?:{_NUMBER_EN})",
            _WHY,
            _FIX,
        ),
    )

    def check(self, doc: Document) -> list[Finding]:
        return FullIdentifierRule().check(doc) + super().check(doc)
