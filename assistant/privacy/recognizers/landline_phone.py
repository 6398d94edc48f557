"""Mainland landlines: an area code starting with 0 (010, 021, 0755 ...) and a 7-8 digit number,
written ``021-12345678``, ``(021) 1234 5678``, ``0755 12345678`` or ``+86 21 12345678``; an
extension (转 / ext / x) is included. A separator or brackets are required: a bare 11-12 digit
run is too often something else."""

from __future__ import annotations

import re

from assistant.privacy.entities import Entity
from assistant.privacy.normalize import RIGHT
from assistant.privacy.recognizers.base import Pattern, RegexRecognizer, Span, looks_like_amount

_LOCAL = r"[2-9]\d{2,3}[ -]?\d{4}"
_EXT = r"(?:\s?(?:转|ext\.?|x)\s?\d{1,5})?"
_LEFT = r"(?<![0-9A-Za-z+])"

_LANDLINE = (
    _LEFT
    + r"(?:0\d{2,3}[ -]|\(0\d{2,3}\)\s?|(?:\+|00)86[ -]?\(?0?\d{2,3}\)?[ -]?)"
    + _LOCAL
    + _EXT
    + RIGHT
)


class LandlinePhoneRecognizer(RegexRecognizer):
    ENTITY = Entity.PHONE
    PATTERNS = (Pattern("cn_landline", re.compile(_LANDLINE), 0.85),)

    def validate(self, text: str, start: int, end: int, score: float) -> Span | None:
        return None if looks_like_amount(text, start, end) else (start, end, score)
