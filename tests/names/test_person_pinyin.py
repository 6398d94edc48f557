"""A retail client's Chinese name typed in pinyin, surname first or last, names the client;
two-character names too, unless their pinyin reads as English."""

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
    assert person_forms("李娜") == ()  # "Lina"
    assert person_forms("东升机械制造有限公司") == ()


def test_a_polyphonic_character_is_spelt_as_people_say_it_and_u_stands_for_v() -> None:
    from tools.names.forms import pinyins

    assert "Shengxin" in pinyins("晟信")  # the library's first reading is "cheng"
    assert pinyins("福绿")[:2] == ("Fulv", "Fulu")
    assert pinyins("A1科技") == ("A1keji",)  # letters and digits run together: as written


def test_a_two_character_name_has_pinyin_forms_unless_they_spell_english() -> None:
    assert [f.text for f in person_forms("金东")] == ["Jin Dong", "Dong Jin"]
    assert person_forms("何灿") == ()  # "he can"
    assert person_forms("于博") == ()  # "Yubo": run together, a first name
    # A syllable that is also an English name or word is no reason to lose the client.
    assert [f.text for f in person_forms("郑瑜")] == ["Zheng Yu", "Yu Zheng"]
    assert "Sheng Yang" in [f.text for f in person_forms("盛阳")]
    assert [f.text for f in person_forms("王刚")][:2] == ["Wang Gang", "Gang Wang"]


def test_a_product_is_also_named_without_its_term_or_series_number() -> None:
    from tools.names.forms import product_forms

    assert product_forms("海盈稳享90天") == ("海盈稳享90天", "海盈稳享")
    assert product_forms("Haiying Growth No.1") == ("Haiying Growth No.1", "Haiying Growth")
    assert product_forms("Fund 2") == ("Fund 2",)  # "Fund" alone would be every fund
    assert product_forms("个人三年期大额存单") == ("个人三年期大额存单",)
