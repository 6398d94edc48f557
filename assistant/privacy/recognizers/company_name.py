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
from assistant.privacy.places import PLACE_PREFIXES
from assistant.privacy.recognizers.base import recognized
from tools.names.forms import INDUSTRY_ZH, company_forms, pinyins

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


_PINYIN_PLACES = sorted(
    {
        "".join(w.capitalize() for w in pinyins(p)[0].split())
        for p in PLACE_PREFIXES
        if len(p) == 2 and _CJK.match(p)
    }
    - {""},
    key=len,
    reverse=True,
)
# Without a legal form, a place, a name and a trade ("上海宏图量子科技", "Shanghai Hongtu Quantum
# Tech") still name a company: the place first and an industry word last, the name between
# (a trade word after a place alone, "上海医疗", is no one's name: ``company_forms`` decides).
_INDUSTRY_ZH = "|".join(sorted(map(re.escape, INDUSTRY_ZH), key=len, reverse=True))
_PLACES_ZH = "|".join(
    sorted((re.escape(p) for p in PLACE_PREFIXES if _CJK.match(p)), key=len, reverse=True)
)
_ZH_BODY_CHAR = rf"(?![{''.join(sorted(_ZH_STOP))}])[\u4e00-\u9fff]"
_ZH_PLACED = re.compile(
    rf"(?:{_PLACES_ZH})(?!分行|支行|地区|市场|行业|本地)(?:{_ZH_BODY_CHAR}){{2,8}}?(?:{_INDUSTRY_ZH})+"
    rf"(?:集团|公司)?(?!银行|行业|客户|企业|类)"
)
_INDUSTRY_EN = sorted(
    {w for en in INDUSTRY_ZH.values() for w in en.split()} | {"Tech", "Pharma", "Trade"},
    key=len,
    reverse=True,
)
_EN_PLACED = re.compile(
    rf"(?<![A-Za-z])(?P<v>(?:{'|'.join(_PINYIN_PLACES)})(?:\s+[A-Z][A-Za-z&'-]*){{1,5}}?"
    rf"\s+(?:{'|'.join(_INDUSTRY_EN)}))(?![A-Za-z])"
    r"(?!\s+(?:Bank|Clients?|Customers?|Sector|Industry|Companies|Firms)\b)"
)


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
        placed = _placed_spans(text)
        if not spans and not placed:
            return []
        known = [(h.start, h.end) for h in self.dictionary.find(text)]

        def free(start: int, end: int) -> bool:
            return all(end <= a or start >= b for a, b in known)

        formed = [(s, e) for s, e in spans if company_forms(text[s:e]) and free(s, e)]
        placed = [
            (s, e)
            for s, e in placed
            if _placed_name(text[s:e])
            and free(s, e)
            and not self.dictionary.in_product_name(text, s, e)
            and all(e <= a or s >= b for a, b in formed)
        ]
        return [self._result(start, end) for start, end in [*formed, *placed]]

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


def _placed_spans(text: str) -> list[tuple[int, int]]:
    zh = [m.span() for m in _ZH_PLACED.finditer(text)]
    return zh + [m.span("v") for m in _EN_PLACED.finditer(text)]


def _placed_name(span: str) -> bool:
    """A place-led span is a name when, the place taken off, something distinctive stays
    (not only trade words: "上海医疗器械", "Shanghai Medical Devices")."""
    forms = company_forms(span + ("有限公司" if _CJK.search(span) else " Co., Ltd."))
    return any(f.strong for f in forms)


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
