"""Bank account numbers: 10-25 digits (spaces or hyphens allowed) right after an account word
(账号, 账户, account, acct ...); without such a word a long number is not taken for one."""

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

ACCOUNT_WORDS = (
    "账号",
    "帐号",
    "账户",
    "帐户",
    "户号",
    "卡号",
    "收款账",
    "付款账",
    "account",
    "acct",
    "a/c",
    "iban",
)


class AccountNumberRecognizer(RegexRecognizer):
    ENTITY = Entity.ACCOUNT
    PATTERNS = (Pattern("account_number", re.compile(LEFT + r"\d(?:[ -]?\d){9,24}" + RIGHT), 0.8),)

    def validate(self, text: str, start: int, end: int, score: float) -> Span | None:
        if not 10 <= len(digits_of(text[start:end])) <= 25:
            return None
        if not has_context(text, start, ACCOUNT_WORDS, window=14) or looks_like_amount(
            text, start, end
        ):
            return None
        return start, end, score
