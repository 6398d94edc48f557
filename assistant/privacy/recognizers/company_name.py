"""Company names the bank does not hold: a distinctive name ending in a legal form
("青岛远洋重工有限公司", "Silverline Harbour Cranes Ltd.").

Masked as CLIENT, like the name of another RM's client (which the dictionary masks), so a
question about a company nobody here banks with reads exactly like a question about a client
outside the book, and gets the same answer: nothing tells whether a company banks here. Known
names are the dictionary's: a span that overlaps one is left to it. A name made only of
places, region and industry words ("科技有限公司", "Trading Ltd") is no company's name.
"""

from __future__ import annotations

import re

from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from assistant.privacy.dictionary import NameDictionary
from assistant.privacy.entities import Entity
from assistant.privacy.recognizers.base import recognized
from tools.names.forms import company_forms

SCORE = 0.6
MAX_ZH_BODY = 14  # characters before the legal form

_ZH_FORM = re.compile(r"(?:集团)?(?:股份有限公司|有限责任公司|有限公司|股份公司)")
# Characters a Chinese company name rarely holds but a question around it does (的, 给, 我 ...):
# the name starts after the last of them.
_ZH_STOP = frozenset("的给和与跟把向对为在是请问帮我你他她您们这那看说写去见找户及或、")
_CJK = re.compile(r"[\u4e00-\u9fff]")

_EN_FORM = (
    r"(?:Co\.?,?\s*Ltd|Company\s+Limited|Ltd|Limited|Inc|Incorporated|LLC|PLC|Corp|"
    r"Corporation|GmbH|Pte\.?\s*Ltd|Holdings?)\.?"
)
_EN_NAME = re.compile(
    r"(?<![A-Za-z])(?P<v>(?:[A-Z][A-Za-z&'-]*,?\s+){1,6}" + _EN_FORM + r")(?![A-Za-z])"
)
# Capitalised words that start a sentence or a request, not a company's name.
_EN_LEAD_TEXT = """how what which who when where why should could can does do is are please draft
    write send call email ask tell show give find prepare about for to with from at i my our the
    a an and or"""
_EN_LEAD = frozenset(_EN_LEAD_TEXT.split())


class CompanyNameRecognizer(EntityRecognizer):
    """Unknown company names by their legal form; ``dictionary`` is swapped on refresh."""

    def __init__(self, dictionary: NameDictionary, supported_language: str = "zh") -> None:
        self.dictionary = dictionary
        super().__init__(
            supported_entities=[Entity.CLIENT.value],
            name="CompanyNameRecognizer",
            supported_language=supported_language,
        )

    def load(self) -> None:
        pass

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        if entities and Entity.CLIENT.value not in entities:
            return []
        spans = [*_zh_spans(text), *_en_spans(text)]
        if not spans:
            return []
        known = [(h.start, h.end) for h in self.dictionary.find(text)]
        return [
            self._result(start, end)
            for start, end in spans
            if company_forms(text[start:end]) and all(end <= a or start >= b for a, b in known)
        ]

    def _result(self, start: int, end: int) -> RecognizerResult:
        return recognized(self, Entity.CLIENT.value, start, end, SCORE)


def _zh_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for match in _ZH_FORM.finditer(text):
        start = match.start()
        while (
            start > 0
            and match.start() - start < MAX_ZH_BODY
            and _CJK.match(text[start - 1])
            and text[start - 1] not in _ZH_STOP
        ):
            start -= 1
        if match.start() - start >= 2:
            spans.append((start, match.end()))
    return spans


def _en_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for match in _EN_NAME.finditer(text):
        start, end = match.span("v")
        words = text[start:end].split()
        while words and words[0].lower().strip(",") in _EN_LEAD:
            start = text.index(words[1], start + len(words[0])) if len(words) > 1 else end
            words = words[1:]
        if len(words) >= 2:
            spans.append((start, end))
    return spans
