"""Unified social credit codes (统一社会信用代码, GB 32100): 18 characters over a 31-symbol
alphabet with a check character, validated by the standard (``tools.bank.identifiers``)."""

from __future__ import annotations

import re

from assistant.privacy.entities import Entity
from assistant.privacy.normalize import LEFT, RIGHT
from assistant.privacy.recognizers.base import Pattern, RegexRecognizer, Span
from tools.bank.identifiers import is_resident_id, is_uscc

_SYM = "[0-9A-HJ-NPQRTUWXYa-hj-npqrtuwxy]"


class UsccRecognizer(RegexRecognizer):
    ENTITY = Entity.USCC
    PATTERNS = (
        Pattern("cn_uscc", re.compile(LEFT + f"{_SYM}{{2}}\\d{{6}}{_SYM}{{10}}" + RIGHT), 1.0),
    )

    def validate(self, text: str, start: int, end: int, score: float) -> Span | None:
        value = text[start:end].upper()
        # A code that is also a valid resident ID is the ID: its birth date and province check
        # too, while 1 in 31 IDs ending in X passes the USCC check by chance.
        if not is_uscc(value) or is_resident_id(value):
            return None
        return start, end, score
