"""Client and RM ids are recognised because the extract holds them — in any case, with or
without separators — and ids of the bank's shape that name no one are recognised too."""

from __future__ import annotations

import pytest

from tools.names.ids import IdIndex

OTHER = IdIndex([f"KH-{n:04d}" for n in range(40, 60)], ["EMP0101", "EMP0102"])
DIGITS = IdIndex([f"00{n:08d}" for n in range(12345678, 12345700)], ["R7"])
DEMO = IdIndex([f"C{n:06d}" for n in range(1, 2401)], [f"RM{n:03d}" for n in range(1, 30)])


@pytest.mark.parametrize(
    ("index", "text", "expected"),
    [
        (OTHER, "KH-0042 最近存款怎么样？", [("client", "KH-0042", True)]),
        (OTHER, "kh0042 最近存款怎么样？", [("client", "KH-0042", True)]),
        (OTHER, "KH 0042的情况", [("client", "KH-0042", True)]),
        (OTHER, "How should I serve Kh-0042?", [("client", "KH-0042", True)]),
        (OTHER, "KH-9999 最近存款怎么样？", [("client", "KH-9999", False)]),
        (OTHER, "kh9999", [("client", "KH-9999", False)]),
        (OTHER, "EMP0102 的客户名单", [("rm", "EMP0102", True)]),
        (OTHER, "⟦CLIENT_12⟧ 和 KH0043", [("client", "KH-0043", True)]),
        (DIGITS, "0012345680 的存款", [("client", "0012345680", True)]),
        (DIGITS, "0099999999 的存款", [("client", "0099999999", False)]),
        (DEMO, "C000205 的持有产品", [("client", "C000205", True)]),
        (DEMO, "c999999 的持有产品", [("client", "C999999", False)]),
        (DEMO, "Show me RM002's clients", [("rm", "RM002", True)]),
    ],
)
def test_when_an_id_of_the_banks_shape_is_written_then_it_is_recognised(
    index, text, expected
) -> None:
    assert [(m.kind, m.id, m.known) for m in index.find(text)] == expected


@pytest.mark.parametrize(
    ("index", "text"),
    [
        (OTHER, "2026-11-27 到期"),
        (OTHER, "KH-99999 is too long for the bank's shape"),
        (OTHER, "AB-0042 has another prefix"),
        (DIGITS, "0012 345678 splits an all-digit id where the bank never does"),
        (OTHER, "⟦CLIENT_12⟧ 的存款"),
        (DIGITS, "金额 2026年11月27日，共 1,000 元"),
        (DEMO, "Give me C0002051"),
    ],
)
def test_when_text_only_looks_like_an_id_then_nothing_is_recognised(index, text) -> None:
    assert index.find(text) == []


@pytest.mark.parametrize("written", ["KH-00-42", "kh 00 42", "KH0042", "kh-0042"])
def test_a_lettered_id_may_be_grouped_any_way(written: str) -> None:
    assert [(m.id, m.known) for m in OTHER.find(f"{written} 最近怎么样")] == [("KH-0042", True)]


def test_when_a_known_id_is_written_loosely_then_the_banks_own_spelling_comes_back() -> None:
    assert OTHER.known("kh 0042") == ("client", "KH-0042")
    assert OTHER.known("emp0101") == ("rm", "EMP0101")
    assert OTHER.known("KH-9999") is None
