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


def people() -> NameDictionary:
    return NameDictionary(
        names=[
            ("Michael Rossi", Entity.CLIENT, "P1"),
            ("Catherine Dubois", Entity.CLIENT, "P2"),
            ("Mary Green", Entity.CLIENT, "P3"),
            ("Priya Raman", Entity.CLIENT, "P4"),
        ]
    )


@pytest.mark.parametrize(
    ("text", "client"),
    [
        ("micheal rossi — dormant and holding an equity fund. plan?", "P1"),  # two swapped
        ("how is Catherine Duboise doing", "P2"),  # the surname a letter long
        ("priya ramen's deposits", "P4"),
    ],
)
def test_when_one_word_of_a_persons_name_is_a_letter_off_then_the_client_is_found(
    text: str, client: str
) -> None:
    hits = people().find(text)
    assert [set(h.entry.client_ids) for h in hits] == [{client}]


@pytest.mark.parametrize(
    "text",
    [
        "mark green called",  # "Mary Green": short names are a letter from each other
        "michel rossa",  # both words off: not one name mistyped
        "Katherine Dubois",  # a first letter differs: another spelling, not a typo
    ],
)
def test_when_a_two_word_name_is_only_near_a_client_then_nothing_is_found(text: str) -> None:
    assert people().find(text) == []
