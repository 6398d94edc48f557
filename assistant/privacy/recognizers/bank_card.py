"""Bank card numbers: 13-19 digits passing Luhn, written solid or in groups of four separated
by spaces or hyphens; UnionPay (62...) included. Short (13-15 digit) numbers count only when
grouped or next to a card word, so 13-digit amounts do not."""

from __future__ import annotations

import re

from assistant.privacy.entities import Entity
from assistant.privacy.normalize import LEFT, RIGHT, digits_of
from assistant.privacy.recognizers.base import (
    Pattern,
    RegexRecognizer,
    Span,
    has_context,
    looks_like_amount,
)
from tools.bank.identifiers import is_card_number

CARD_WORDS = ("卡", "card", "visa", "mastercard", "银联", "unionpay", "信用卡", "借记")
# Issuer prefixes: Amex/JCB/Diners (3), Visa (4), Mastercard (51-55, 22-27), Maestro (50, 56-69),
# UnionPay (62), Discover (6), and national assignment (9: Chinese banks' domestic-only debit
# cards such as 9558 / 9559). A Luhn-valid run with another first digit is rarely a card.
_ISSUER = re.compile(r"^(?:[3-69]|2[2-7])")


class BankCardRecognizer(RegexRecognizer):
    ENTITY = Entity.CARD
    PATTERNS = (
        Pattern("card_solid", re.compile(LEFT + r"\d{13,19}" + RIGHT), 0.95),
        Pattern(
            "card_grouped",
            re.compile(LEFT + r"\d{4}(?:([ -])\d{4}){2,3}(?:\1\d{1,3})?" + RIGHT),
            0.95,
        ),
    )

    def validate(self, text: str, start: int, end: int, score: float) -> Span | None:
        digits = digits_of(text[start:end])
        if not _ISSUER.match(digits) or not is_card_number(digits):
            return None
        if looks_like_amount(text, start, end):
            return None
        grouped = len(digits) != end - start
        if len(digits) < 16 and not (grouped or has_context(text, start, CARD_WORDS)):
            return None
        return start, end, score
