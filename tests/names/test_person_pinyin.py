"""A retail client's Chinese name typed in pinyin, surname first or last, names the client;
two-character names are left alone (their pinyin is too often an English word)."""

from __future__ import annotations

import pytest

from assistant.privacy.dictionary import NameDictionary
from assistant.privacy.entities import Entity
from tools.names.forms import person_forms


def dictionary() -> NameDictionary:
    return NameDictionary(
        names=[
            ("邝子豪", Entity.CLIENT, "R2"),
            ("况子豪", Entity.CLIENT, "R3"),
            ("李娜", Entity.CLIENT, "R4"),
        ]
    )


@pytest.mark.parametrize(
    ("text", "owners"),
    [
        ("what products does kuang zihao have", [{"R2", "R3"}]),  # homophones: both
        ("Zihao Kuang's deposits?", [{"R2", "R3"}]),
        ("send Lina the slides", []),
    ],
)
def test_when_a_name_is_typed_in_pinyin_then_its_clients_are_found(text, owners) -> None:
    assert [set(h.entry.client_ids) for h in dictionary().find(text)] == owners


def test_person_forms_keep_the_surname_and_the_given_name_whole() -> None:
    assert [f.text for f in person_forms("邝子豪")] == ["Kuang Zihao", "Zihao Kuang"]
    assert person_forms("李娜") == ()
    assert person_forms("东升机械制造有限公司") == ()
