"""A long passage's summary shows the part the question asks about, not only its first lines."""

from __future__ import annotations

from assistant.engines.offline.compose import passage_summary

SECTION = {
    "n": 1,
    "title": "销售规范",
    "section": "按产品分类的提示",
    "text": "\n".join(
        [
            "定期存款",
            "提前支取按活期计息。",
            "债券基金",
            "净值会波动，可能亏损本金。",
            "黄金积存",
            "金价波动，赎回按当日金价。",
            "跨境汇款",
            "汇款前核对收款行代码，到账时间以境外行为准。",
        ]
    ),
}


def test_when_the_question_is_about_a_later_part_then_that_part_is_shown() -> None:
    lines = passage_summary(SECTION, "zh", question="跨境汇款要提醒客户什么？")
    assert "- 汇款前核对收款行代码，到账时间以境外行为准。" in lines
    assert "- 定期存款" in lines  # the first lines stay


def test_when_the_shown_lines_already_answer_then_nothing_is_added() -> None:
    assert len(passage_summary(SECTION, "zh", question="定期存款提前支取怎么算")) == 5
    assert len(passage_summary(SECTION, "zh")) == 5
