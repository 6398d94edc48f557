"""A word most of the bank's names start with is where the clients are registered: once it is
taken off, what remains is how RMs say the name ("东港鹭汀建材" is "鹭汀建材", "鹭汀")."""

from __future__ import annotations

from assistant.privacy.dictionary import MAX_FORM_OWNERS, NameDictionary
from assistant.privacy.entities import Entity

HEADS = ["白鸥", "锚点", "珊瑚", "碧波", "浪花", "启航", "长风", "银沙", "渔光", "海韵", "蓝港"]


def dictionary() -> NameDictionary:
    names = [(f"东港{h}国际贸易有限公司", Entity.CLIENT, f"K{i:03d}") for i, h in enumerate(HEADS)]
    names += [
        ("东港鹭汀建材股份有限公司", Entity.CLIENT, "K100"),
        ("鹭汀船舶修造集团有限公司", Entity.CLIENT, "K101"),
    ]
    assert len(names) > MAX_FORM_OWNERS
    return NameDictionary(names=names)


def owners(d: NameDictionary, text: str) -> list[set[str]]:
    return [set(h.entry.client_ids) for h in d.find(text)]


def test_when_the_place_is_left_out_then_the_rest_still_names_the_client() -> None:
    assert owners(dictionary(), "鹭汀建材的贷款多少") == [{"K100"}]


def test_when_a_head_is_shared_after_the_place_then_it_names_every_owner() -> None:
    assert owners(dictionary(), "鹭汀的定期哪天到期") == [{"K100", "K101"}]


def test_when_only_the_place_is_said_then_no_client_is_named() -> None:
    assert owners(dictionary(), "东港这边的网点几点开门") == []
