"""A short form that many of the bank's names share is where they are registered, not a name:
"东港" of thirty 东港… companies must not turn the bank's own name (东港商业银行) into a client."""

from __future__ import annotations

from assistant.privacy.dictionary import MAX_FORM_OWNERS, NameDictionary
from assistant.privacy.entities import Entity

HEADS = [
    "白鸥",
    "锚点",
    "珊瑚",
    "碧波",
    "浪花",
    "启航",
    "长风",
    "银沙",
    "渔光",
    "海韵",
    "蓝港",
    "鲸川",
]


def dictionary(count: int) -> NameDictionary:
    names = [(f"东港{h}国际贸易有限公司", Entity.CLIENT, f"K{i:03d}") for i, h in enumerate(HEADS)]
    return NameDictionary(names=names[:count])


def hits(d: NameDictionary, text: str) -> list[str]:
    return [text[h.start : h.end] for h in d.find(text)]


def test_when_many_names_share_a_short_form_then_it_names_no_one() -> None:
    d = dictionary(MAX_FORM_OWNERS)
    assert hits(d, "【东港商业银行】您好") == []
    assert hits(d, "东港白鸥国际贸易怎么样") == ["东港白鸥国际贸易"]  # its own forms still name it


def test_when_a_few_names_share_a_short_form_then_it_still_names_them() -> None:
    d = dictionary(2)
    (hit,) = d.find("东港最近怎么样")
    assert hit.entry.client_ids == {"K000", "K001"}
