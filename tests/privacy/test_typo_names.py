"""An English client name typed one letter off is still the client — found and masked — while
everyday words one letter from some client's name stay words."""

from __future__ import annotations

import pytest

from assistant.privacy.dictionary import NameDictionary
from assistant.privacy.entities import Entity


def dictionary() -> NameDictionary:
    return NameDictionary(
        names=[
            ("Northwind Freight Co., Ltd.", Entity.CLIENT, "K1"),
            ("Seabright Aquaculture Ltd.", Entity.CLIENT, "K2"),
            ("Mariner Logistics Ltd.", Entity.CLIENT, "K3"),
            ("班颖", Entity.CLIENT, "K4"),  # "Ban Ying": pinyin is not matched loosely
            ("Harborline Shipping", Entity.CLIENT, "K5"),
        ]
    )


@pytest.mark.parametrize(
    ("text", "client"),
    [
        ("Nothwind - haven't called them in ages", "K1"),  # a letter dropped
        ("how are nortwhind's deposits", "K1"),  # two letters swapped
        ("Seabrigth maturity?", "K2"),
        ("harborlin loans", "K5"),
    ],
)
def test_when_a_name_is_one_letter_off_then_the_client_is_found(text: str, client: str) -> None:
    hits = dictionary().find(text)
    assert [set(h.entry.client_ids) for h in hits] == [{client}]


@pytest.mark.parametrize(
    "text",
    [
        "private banking rules",  # "banking" is one letter from the pinyin "banying"
        "marine insurance for the fleet",  # one letter from "Mariner": too short to guess
        "the harbour line is closed",
        "Southwind Partners",  # the first letter differs: another name, not a typo
    ],
)
def test_when_a_word_is_only_near_a_name_then_nothing_is_found(text: str) -> None:
    assert dictionary().find(text) == []
