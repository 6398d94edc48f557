"""English street addresses, loosely: a house number, capitalised street words and either a
street-type word (Street, Ave, Road ...) or a trailing ``City, ST 12345``."""

from __future__ import annotations

import re

from assistant.privacy.entities import Entity
from assistant.privacy.recognizers.base import Pattern, RegexRecognizer, Span, has_context

_SUFFIX = (
    "Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|"
    "Square|Sq|Terrace|Parkway|Pkwy|Highway|Hwy|Circle|Cir|Crescent|Close|Row|Plaza|Trail|"
    "Hill|Hills|Park|Ridge|Valley|View|Heights|Gardens|Point|Port|Ports|Crossing|Mission|"
    "Cliffs?|Circles|Estates?|Fields?|Forks?|Groves?|Harbors?|Islands?|Junctions?|Lakes?|"
    "Landing|Light|Loop|Manors?|Meadows?|Mills?|Mountains?|Oval|Pass|Pike|Pines?|Plains?|"
    "Prairie|Radial|Ranch|Rapids?|Shoals?|Shores?|Springs?|Stream|Summit|Tunnel|Turnpike|"
    "Union|Village|Ville|Vista|Walks?|Wells?|Burgs?|Bypass|Camp|Canyon|Cape|Causeway|"
    "Centers?|Club|Common|Corners?|Course|Courts|Cove|Creek|Crest|Curve|Dale|Dam|Divide|"
    "Extension|Falls|Ferry|Flats?|Ford|Forest|Fort|Freeway|Garden|Gateway|Glen|Green|"
    "Haven|Hollow|Inlet|Isle|Keys?|Knolls?|Lodge|Mall|Motorway|Neck|Orchard|Overpass|Path|"
    "Ramp|Rest|River|Roads|Route|Shore|Skyway|Spur|Squares|Station|Stravenue|Streets|"
    "Throughway|Trace|Track|Trafficway|Underpass|Views|Vista|Wall|Ways"
)
_NUMBER = r"(?<![0-9A-Za-z])\d{1,6}"
_WORDS = r"(?:\s+[A-Z][a-z]+){1,4}"
_UNIT = r"(?:,?\s+(?:Apt\.?|Suite|Ste\.?|Unit|Floor|#)\s*[0-9A-Za-z-]+)?"
_CITY_STATE_ZIP = r",\s*(?:[A-Z][a-z]+\s?){1,3},\s*[A-Z]{2}\s+\d{5}(?:-\d{4})?"
_CITY = r"(?:,\s*(?:[A-Z][a-z]+\s?){1,3}(?:,\s*[A-Z]{2}(?:\s+\d{5}(?:-\d{4})?)?)?)?"


_ADDRESS_WORDS = (
    "address",
    "live at",
    "lives at",
    "located at",
    "ship to",
    "mail to",
    "send to",
    "地址",
    "住址",
)
_STRICT = re.compile(
    r".*(?:\b(?:" + _SUFFIX + r")\b\.?|\d{5}(?:-\d{4})?)(?:" + _UNIT + _CITY + r")?$"
)


class EnglishAddressRecognizer(RegexRecognizer):
    """Without a street-type word or ZIP code, a number and capitalised words count only right
    after an address word ("mailing address to 378 Mark Viaduct")."""

    ENTITY = Entity.ADDRESS
    PATTERNS = (
        Pattern(
            "en_address_zip", re.compile(_NUMBER + _WORDS + r"\.?" + _UNIT + _CITY_STATE_ZIP), 0.75
        ),
        Pattern(
            "en_street",
            re.compile(
                _NUMBER + r"(?:\s+[A-Z][a-z]+){0,3}\s+(?:" + _SUFFIX + r")\b\.?" + _UNIT + _CITY
            ),
            0.7,
        ),
        Pattern(
            "en_street_after_address_word",
            re.compile(_NUMBER + r"(?:\s+[A-Z][a-z]+){1,3}" + _UNIT + _CITY),
            0.6,
        ),
    )

    def validate(self, text: str, start: int, end: int, score: float) -> Span | None:
        if _STRICT.match(text, start, end) or has_context(text, start, _ADDRESS_WORDS, window=40):
            return start, end, score
        return None
