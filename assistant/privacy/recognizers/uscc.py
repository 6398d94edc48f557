"""Unified social credit codes (统一社会信用代码, GB 32100): 18 characters over a 31-symbol
alphabet with a check character, validated with ``stdnum.cn.uscc``."""

from __future__ import annotations

import re

from stdnum.cn import ric, uscc

from assistant.privacy.entities import Entity
from assistant.privacy.normalize import LEFT, RIGHT
from assistant.privacy.recognizers.base import Pattern, RegexRecognizer, Span

_SYM = "[0-9A-HJ-NPQRTUWXYa-hj-npqrtuwxy]"


class UsccRecognizer(RegexRecognizer):
    ENTITY = Entity.USCC
    PATTERNS = (
        Pattern("cn_uscc", re.compile(LEFT + f"{_SYM}{{2}}\\d{{6}}{_SYM}{{10}}" + RIGHT), 1.0),
    )

    def validate(self, text: str, start: int, end: int, score: float) -> Span | None:
        value = text[start:end].upper()
        # An all-digit code that is also a valid resident ID is the ID (its date checks too).
        if not uscc.is_valid(value) or (value.isdigit() and ric.is_valid(value)):
            return None
        return start, end, score
