"""English person names. There is no offline English NER model here, so names of known clients
and contacts come from the dictionary, and this recognizer catches the unknown ones two ways:

- after an honorific: "Mr Chen", "Dr. Maria Lopez";
- a common English given name followed by a capitalised surname: "Sarah Johnson called". The
  given names are a list (``given_names.py``), without those that are also everyday words
  (May, Grace, Will, Mark, Bill ...); a "surname" that is a company or place word (Bank,
  Group, Street, Holdings, a month) is not one, and neither is a name followed by a company
  suffix ("Peter Lynch Trading Co." is a company, which the dictionary handles when known).
"""

from __future__ import annotations

import re

from assistant.privacy.entities import Entity
from assistant.privacy.recognizers.base import Pattern, RegexRecognizer, Span
from assistant.privacy.recognizers.given_names import GIVEN_NAMES
from tools.names.titles import EN_HONORIFICS

_TITLE = rf"(?<![A-Za-z])(?:{'|'.join(EN_HONORIFICS)})\.?\s+"
_NAME = r"(?P<v>[A-Z][a-z]+(?:[ -](?:[A-Z][a-z]+|[A-Z]\.))?(?:\s[A-Z][a-z]+)?)"

_SURNAME = r"[A-Z][a-z]+(?:['-][A-Z][a-z]+)?|Mc[A-Z][a-z]+|O'[A-Z][a-z]+"
_GIVEN_THEN_SURNAME = re.compile(
    r"(?<![A-Za-z])(?P<v>(?P<given>[A-Z][a-z]+)(?:\s[A-Z]\.)?\s(?:" + _SURNAME + r"))(?![A-Za-z])"
)
# Capitalised words that follow a given name without making a person.
_NOT_SURNAMES_TEXT = """bank banking group street road avenue lane square plaza tower building park center
    centre branch office hotel hospital university college school holdings trading
    international industries industrial technology technologies energy capital partners fund
    funds investment investments securities insurance motors airlines logistics foods
    pharmaceutical pharma limited ltd co corp company inc llc plc and the of
    monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december"""
_NOT_SURNAMES = frozenset(_NOT_SURNAMES_TEXT.split())
_COMPANY_AFTER = re.compile(
    r"\s*(?:&|\b(?:and\s+Co|Co|Ltd|Limited|Inc|LLC|PLC|Corp|Corporation|Group|Holdings|"
    r"Trading|Bank|International|Industries|Technology|Partners|Capital)\b)"
)


class EnglishPersonRecognizer(RegexRecognizer):
    """A name after an honorific: the title is the evidence."""

    ENTITY = Entity.PERSON
    PATTERNS = (Pattern("en_honorific_name", re.compile(_TITLE + _NAME), 0.6),)


class EnglishGivenNameRecognizer(RegexRecognizer):
    """A common given name and a capitalised surname, unless the pair reads as a company."""

    ENTITY = Entity.PERSON
    PATTERNS = (Pattern("en_given_name", _GIVEN_THEN_SURNAME, 0.5),)

    def validate(self, text: str, start: int, end: int, score: float) -> Span | None:
        words = text[start:end].split()
        if words[0].lower() not in GIVEN_NAMES or words[-1].lower() in _NOT_SURNAMES:
            return None
        if _COMPANY_AFTER.match(text, end):
            return None
        return start, end, score
