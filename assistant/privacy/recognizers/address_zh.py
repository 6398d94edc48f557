"""Chinese street addresses: optional province / city / district, then a road or street and a
house number (``上海市浦东新区世纪大道100号``, ``南京路88弄3号1202室``).

Place-name characters exclude common function words (是, 的, 在 ...) so ``地址是...`` does not
start the match; when a known province or city appears inside the match, the span starts there.
"""

from __future__ import annotations

import re

from assistant.privacy.entities import Entity
from assistant.privacy.places import PLACE_PREFIXES, PROVINCES
from assistant.privacy.recognizers.base import Pattern, RegexRecognizer, Span

_STOP = "是的在于为址住到往从去位或请把将向给了已至按寄我你他她您们个"
_C = f"(?:(?![{_STOP}])[\u4e00-\u9fff])"
_PROVINCE = "(?:" + "|".join(map(re.escape, PROVINCES)) + ")"
_ADDRESS = (
    f"(?:{_PROVINCE}|{_C}{{2,6}}?省)?"
    f"(?:{_C}{{1,6}}?(?:市|自治州|地区|盟))?"
    f"(?:{_C}{{1,8}}?(?:新区|开发区|区|县|旗|镇|乡))?"
    f"(?:{_C}{{1,10}}?(?:大道|大街|路|街|道|巷|胡同|里))"
    r"\d{1,5}(?:-\d{1,5})?(?:号|弄)"
    r"(?:(?:\d{1,5}|[A-Za-z])(?:号楼|栋|幢|座|单元|层|楼|号|室))*"
)


_FIRST_UNIT = re.compile("省|自治区|市|区|县")


class ChineseAddressRecognizer(RegexRecognizer):
    ENTITY = Entity.ADDRESS
    PATTERNS = (Pattern("cn_address", re.compile(_ADDRESS), 0.75),)

    def validate(self, text: str, start: int, end: int, score: float) -> Span | None:
        matched = text[start:end]
        # Words before a known province/city are not part of the address ("客户上海市..."),
        # but a place name inside a street name (呼和浩特路) must not move the start.
        first_unit = _FIRST_UNIT.search(matched)
        limit = first_unit.start() if first_unit else 0
        places = (i for i in (matched.find(p) for p in PLACE_PREFIXES) if 0 < i < limit)
        return start + min(places, default=0), end, score
