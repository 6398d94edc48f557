"""Identifier validity by the standards (GB 11643, GB 32100, Luhn), tested on values written by
hand or built with another implementation (python-stdnum's check-digit functions), never with
the validator under test; and every written form of an identifier is masked."""

from __future__ import annotations

import ast
from datetime import date
from pathlib import Path

import pytest
from stdnum import luhn
from stdnum.cn import ric, uscc

from assistant.privacy.entities import Entity
from tools.bank.identifiers import (
    is_any_resident_id,
    is_card_number,
    is_resident_id,
    is_resident_id_15,
    is_uscc,
    partial,
)

REPO = Path(__file__).resolve().parents[2]


def stdnum_ric(first17: str) -> str:
    return first17 + ric.calc_check_digit(first17 + "0")


# Real-shaped IDs whose county code did not exist in the birth year by stdnum's table, which
# its ric.is_valid therefore refuses: valid by GB 11643 all the same.
REAL_IDS = ["440305198001011235", "310115197603124032", "310115197511062057"]


@pytest.mark.parametrize("number", REAL_IDS)
def test_when_county_code_is_younger_than_the_holder_then_the_id_is_still_valid(number):
    assert not ric.is_valid(number)  # the library's extra check, the reason for this module
    assert is_resident_id(number)


@pytest.mark.parametrize(
    ("number", "valid"),
    [
        (stdnum_ric("11010519491231002"), True),
        (stdnum_ric("11010519491231002").lower(), True),  # a lower-case x is the same X
        ("110105-19850423-7191", True),  # grouped 6-8-4
        (stdnum_ric("81000019940823002"), True),  # Hong Kong residents' permit
        (stdnum_ric("83000019920130002"), True),  # Taiwan residents' permit
        (stdnum_ric("93115619851203001"), True),  # 2023 permanent-residence card: 9 + province
        (stdnum_ric("65010219300101001"), True),  # Xinjiang, born 1930
        ("110105198504237190", False),  # wrong check character
        (stdnum_ric("11010518990101001"), False),  # born before 1900
        (stdnum_ric("11010520990101001"), False),  # born in the future
        (stdnum_ric("11010519850230001"), False),  # 30 February
        (stdnum_ric("99010519850101001"), False),  # 99 is no province
        (stdnum_ric("00010519850101001"), False),
        ("11010519850423719", False),  # 17 characters
        ("1101051985042371A1", False),
    ],
)
def test_resident_id_validity_follows_gb_11643(number, valid):
    assert is_resident_id(number) is valid


def test_when_the_birth_date_is_after_today_then_the_id_is_invalid():
    number = stdnum_ric("11010520260601001")
    assert is_resident_id(number, today=date(2026, 6, 1))
    assert not is_resident_id(number, today=date(2026, 5, 31))


@pytest.mark.parametrize(
    ("number", "valid"),
    [
        ("110105491231002", True),
        ("440305800101123", True),
        ("110105491331002", False),  # month 13
        ("990105491231002", False),  # no province 99
        ("11010549123100", False),
    ],
)
def test_first_generation_15_digit_ids(number, valid):
    assert is_resident_id_15(number) is valid
    assert is_any_resident_id(number) is valid


@pytest.mark.parametrize(
    ("code", "valid"),
    [
        ("91110000600037341L", True),  # python-stdnum's documented example
        ("Y1" + "110105" + "MA1FL8XQ3", None),  # "other" registration authority: letters lead
        ("91110000600037341M", False),
        ("911100006000373I1L", False),  # I is not in the alphabet
        ("91AB0000600037341L", False),  # division code must be digits
    ],
)
def test_uscc_validity_follows_gb_32100(code, valid):
    if valid is None:  # complete it with stdnum's own check-digit function
        code = code + uscc.calc_check_digit(code)
        assert not uscc.is_valid(code)  # stdnum wants digits in positions 1-2
        valid = True
    assert is_uscc(code) is valid


@pytest.mark.parametrize(
    ("number", "valid"),
    [
        ("4111111111111111", True),
        ("6222 0212 3456 7890 128", luhn.is_valid("6222021234567890128")),
        ("9558" + "80" + "1001234567" + luhn.calc_check_digit("9558801001234567"), True),
        ("4111111111111112", False),
        ("411111111111", False),  # 12 digits
    ],
)
def test_card_numbers_are_luhn_and_length_only(number, valid):
    assert is_card_number(number) is valid


@pytest.mark.parametrize("value", ["440305198001011235", "zhao.lei@example.com", "13912345602"])
def test_partial_forms_never_carry_the_full_value(value):
    shown = partial(value)
    assert shown != value and shown[-4:] == value[-4:] and "*" in shown


# The forms people write an ID, phone or e-mail in (each reported as stored raw before).
FORMS = [
    ("身份证440305198001011235请核对", "440305198001011235", Entity.ID),
    ("证件号 310115197603124032", "310115197603124032", Entity.ID),
    ("ID 110105-19850423-7191 on file", "110105-19850423-7191", Entity.ID),
    (
        "身份证号 1 1 0 1 0 5 1 9 8 5 0 4 2 3 7 1 9 1",
        "1 1 0 1 0 5 1 9 8 5 0 4 2 3 7 1 9 1",
        Entity.ID,
    ),
    (
        "身份证一一〇一〇五一九八五〇四二三七一九一",
        "一一〇一〇五一九八五〇四二三七一九一",
        Entity.ID,
    ),
    ("身份证1101\u200b05198504237191", "1101\u200b05198504237191", Entity.ID),
    ("ID110105198504237191abc", "110105198504237191", Entity.ID),
    ("身份证 11010519491231002 X", "11010519491231002 X", Entity.ID),
    ("老身份证 110105491231002 还没换", "110105491231002", Entity.ID),
    ("港澳居民居住证 810000199408230021", "810000199408230021", Entity.ID),
    ("护照 E12345678", "E12345678", Entity.ID),
    ("Her passport number is G12345678.", "G12345678", Entity.ID),
    ("电话(139)12345602", "(139)12345602", Entity.PHONE),
    ("客服热线400-820-8820", "400-820-8820", Entity.PHONE),
    ("zhao.lei at example dot com", "zhao.lei at example dot com", Entity.EMAIL),
    ("邮箱 zhao.lei(at)example(dot)com", "zhao.lei(at)example(dot)com", Entity.EMAIL),
    ("发到 zhao.lei 艾特 example 点 com", "zhao.lei 艾特 example 点 com", Entity.EMAIL),
]


@pytest.mark.parametrize(("text", "value", "entity"), FORMS, ids=[f[0][:14] for f in FORMS])
def test_when_an_identifier_is_written_another_way_then_it_is_still_found(
    analyzer, text, value, entity
):
    start = text.index(value)
    found = [(d.start, d.end, d.entity_type) for d in analyzer.analyze(text)]
    assert (start, start + len(value), entity) in found, found


def test_when_the_quoted_ids_are_masked_then_no_digit_run_of_them_survives(layer):
    text = "客户身份证440305198001011235，配偶310115197603124032，请核实"
    masked = layer.mask(text, rm_id="RM001", conversation_id="c1")
    assert "4403051980" not in masked.text and "3101151976" not in masked.text
    assert masked.text.count("⟦ID_") == 2


@pytest.mark.parametrize(
    "text",
    [
        "护照有效期至20301231",
        "see the rates at bank.com today",
        "meet at the lobby at 10",
        "合同号 2026-JK-000123，金额 1 000 000 元",
    ],
)
def test_when_a_look_alike_then_nothing_is_detected(analyzer, text):
    assert analyzer.analyze(text) == []


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names |= {node.module} | {f"{node.module}.{a.name}" for a in node.names}
    return names


def test_the_pii_eval_generator_shares_no_validation_code_with_the_recognizers():
    generator = _imports(REPO / "evals" / "pii" / "generator.py")
    assert not {
        n
        for n in generator
        if n.startswith(("tools.", "stdnum.cn", "assistant.privacy.recognizers"))
    }
    recognizers = set().union(
        *(_imports(p) for p in (REPO / "assistant" / "privacy" / "recognizers").glob("*.py"))
    )
    assert not {n for n in recognizers if n.startswith("stdnum")}
