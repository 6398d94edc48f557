"""Mainland mobile numbers: 1[3-9] plus nine digits, optionally behind +86 / 0086 / (+86), in
one run or split by spaces or hyphens (3-4-4), or with the first three digits in brackets
("(139)12345602"); and 400 / 800 service numbers (400-820-8820). Full-width digits arrive here
already NFKC'd."""

from __future__ import annotations

import re

from assistant.privacy.entities import Entity
from assistant.privacy.normalize import RIGHT
from assistant.privacy.recognizers.base import Pattern, RegexRecognizer, Span, looks_like_amount

_PREFIX = r"(?:(?:\+|00)86[ -]?|\(\+?86\)[ -]?)?"


class MobilePhoneRecognizer(RegexRecognizer):
    ENTITY = Entity.PHONE
    PATTERNS = (
        Pattern(
            "cn_mobile",
            re.compile(
                r"(?<![0-9A-Za-z+])"  # "+" too: never split "+86"
                + _PREFIX
                + r"1[3-9]\d(?:[ -]?\d{4}){2}"
                + RIGHT
            ),
            0.9,
        ),
        Pattern(
            "cn_mobile_bracketed",
            re.compile(r"(?<![0-9A-Za-z+])\(1[3-9]\d\)[ -]?\d{4}[ -]?\d{4}" + RIGHT),
            0.9,
        ),
        Pattern(
            "cn_service_number",
            re.compile(r"(?<![0-9A-Za-z+])[48]00[ -]?\d{3}[ -]?\d{4}" + RIGHT),
            0.85,
        ),
    )

    def validate(self, text: str, start: int, end: int, score: float) -> Span | None:
        return None if looks_like_amount(text, start, end) else (start, end, score)
