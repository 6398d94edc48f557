"""PRC resident identity card numbers (身份证, GB 11643) and the documents that share their
layout: 18 characters with a check character (residence permits for Hong Kong, Macao and Taiwan
residents, the 2023 permanent-residence card), the 15-digit first generation, and passport
numbers when a passport word stands before them.

Validity is the standard's (``tools.bank.identifiers``): check character, a real birth date, a
province code. Where an ID was issued is not a validity test. The number may be grouped 6-8-4
with spaces or hyphens, carry a space before the final X, or run into letters ("…7191abc").
"""

from __future__ import annotations

import re

from assistant.privacy.entities import Entity
from assistant.privacy.recognizers.base import Pattern, RegexRecognizer, Span, has_context
from tools.bank.identifiers import is_resident_id, is_resident_id_15

_SEP = r"[ -]?"
_DATE8 = r"(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"
# Letters may touch an ID ("ID110105…", "…7191abc"); digits may not (it would be part of a
# longer number).
_ID18 = r"(?<!\d)\d{6}" + _SEP + _DATE8 + _SEP + r"\d{3} ?[\dXx](?!\d)"
_ID15 = r"(?<![0-9A-Za-z])\d{6}\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}(?![0-9A-Za-z])"
# Chinese passports (E/G + 8 digits, EA–EZ + 7) and other countries' 6–9 character numbers:
# only right after a passport word, since such a string alone is just as often a product code.
_PASSPORT = r"(?<![0-9A-Za-z])(?=[A-Za-z0-9]*\d)[A-Za-z]{0,2}\d[A-Za-z0-9]{4,8}(?![0-9A-Za-z])"
_DATE_ONLY = re.compile(_DATE8)  # "护照有效期至20301231" is a date, not a passport number
PASSPORT_WORDS = ("护照", "passport", "passport no", "passport number", "通行证")


class ResidentIdRecognizer(RegexRecognizer):
    ENTITY = Entity.ID
    PATTERNS = (
        Pattern("cn_resident_id", re.compile(_ID18), 1.0),
        Pattern("cn_resident_id_15", re.compile(_ID15), 0.9),
        Pattern("passport", re.compile(_PASSPORT), 0.85),
    )

    def validate_match(self, pattern: Pattern, text: str, start: int, end: int) -> Span | None:
        value = text[start:end]
        ok = {
            "cn_resident_id": lambda: is_resident_id(value),
            "cn_resident_id_15": lambda: is_resident_id_15(value),
            "passport": lambda: (
                has_context(text, start, PASSPORT_WORDS, 24) and not _DATE_ONLY.fullmatch(value)
            ),
        }[pattern.name]()
        return (start, end, pattern.score) if ok else None
