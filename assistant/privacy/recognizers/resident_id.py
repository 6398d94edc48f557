"""PRC resident identity card numbers (身份证, GB 11643): 18 characters, the last a check digit
(0-9 or X), validated with ``stdnum.cn.ric`` (checksum, birth date)."""

from __future__ import annotations

import re

from stdnum.cn import ric

from assistant.privacy.entities import Entity
from assistant.privacy.normalize import LEFT, RIGHT
from assistant.privacy.recognizers.base import Pattern, RegexRecognizer, Span

_ID = r"[1-9]\d{5}[ ]?(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])[ ]?\d{3}[\dXx]"


class ResidentIdRecognizer(RegexRecognizer):
    ENTITY = Entity.ID
    PATTERNS = (Pattern("cn_resident_id", re.compile(LEFT + _ID + RIGHT), 1.0),)

    def validate(self, text: str, start: int, end: int, score: float) -> Span | None:
        return (start, end, score) if ric.is_valid(text[start:end].replace(" ", "")) else None
