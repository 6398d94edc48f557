"""A full resident ID (GB 11643), USCC (GB 32100), bank card (Luhn) or mobile number typed into
an outreach text. Drafts carry tokens (⟦PHONE_1⟧); a full identifier must never go out."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from tools.bank.identifiers import is_card_number, is_resident_id, is_uscc
from tools.compliance.models import Finding, Remedy, Severity
from tools.compliance.text import LEFT, RIGHT, Document, non_overlapping


def _card(value: str) -> bool:
    return value.lstrip()[:1] in "345692" and is_card_number(value)


@dataclass(frozen=True)
class _Kind:
    name_zh: str
    name_en: str
    pattern: re.Pattern[str]
    valid: Callable[[str], bool]


_KINDS = (
    _Kind(
        "身份证号",
        "resident ID number",
        re.compile(r"(?<!\d)\d{6}[ -]?\d{8}[ -]?\d{3} ?[\dXx](?!\d)"),
        is_resident_id,
    ),
    _Kind(
        "统一社会信用代码",
        "unified social credit code",
        re.compile(LEFT + r"[0-9A-HJ-NP-RTUWY]{2}\d{6}[0-9A-HJ-NP-RTUWY]{10}" + RIGHT),
        is_uscc,
    ),
    _Kind(
        "银行卡号",
        "bank card number",
        re.compile(LEFT + r"(?:\d{16,19}|\d{4}(?:[ -]\d{4}){2,3}(?:[ -]\d{1,3})?)" + RIGHT),
        _card,
    ),
    _Kind(
        "手机号码",
        "mobile number",
        re.compile(r"(?<![0-9A-Za-z+])(?:(?:\+|00)86[ -]?)?1[3-9]\d(?:[ -]?\d{4}){2}" + RIGHT),
        lambda v: True,
    ),
)


class FullIdentifierRule:
    code = "full_identifier"
    severity = Severity.HIGH

    def check(self, doc: Document) -> list[Finding]:
        found = [
            (m.start(), m.end(), kind)
            for kind in _KINDS
            for m in kind.pattern.finditer(doc.norm)
            if kind.valid(m.group())
        ]
        return [self._finding(doc, s, e, k) for s, e, k in non_overlapping(found)]  # type: ignore[arg-type]

    def _finding(self, doc: Document, start: int, end: int, kind: _Kind) -> Finding:
        return Finding(
            code=self.code,
            severity=self.severity,
            remedy=Remedy.REMOVE_SENTENCE,
            matched=doc.text[start:end],
            start=start,
            end=end,
            explanation=doc.pick(
                f"外发文本中出现完整{kind.name_zh}，客户信息不得以明文外发。",
                f"A full {kind.name_en} appears in client-facing text; identifiers never leave "
                "in full.",
            ),
            suggestion=doc.pick(
                "删除该号码；如需提及，请使用系统提供的脱敏占位符（如⟦PHONE_1⟧）。",
                "Remove the number; refer to it only through the masked placeholder the system "
                "provides (e.g. ⟦PHONE_1⟧).",
            ),
        )
