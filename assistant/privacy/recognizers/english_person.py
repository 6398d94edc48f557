"""English person names after an honorific (Mr, Ms, Dr ...). There is no offline English NER
model here, so names of known clients and contacts come from the dictionary and this catches
the addressed-by-title ones it does not know."""

from __future__ import annotations

import re

from assistant.privacy.entities import Entity
from assistant.privacy.recognizers.base import Pattern, RegexRecognizer

_TITLE = r"(?<![A-Za-z])(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|Madam|Mme|Mlle)\.?\s+"
_NAME = r"(?P<v>[A-Z][a-z]+(?:[ -](?:[A-Z][a-z]+|[A-Z]\.))?(?:\s[A-Z][a-z]+)?)"


class EnglishPersonRecognizer(RegexRecognizer):
    ENTITY = Entity.PERSON
    PATTERNS = (Pattern("en_honorific_name", re.compile(_TITLE + _NAME), 0.6),)
