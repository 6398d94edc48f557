"""The occasion a greeting is for, as the RM names it: "冬至快到了 给梁成写个节日问候", "a Mid-Autumn
note for Mr Huang", "写个生日祝福". A greeting that names its day reads as written for the client;
"节日快乐" for the winter solstice or a birthday reads as a form letter.

Calendar words, not bank conventions: the festivals of the PRC and the common Western ones, each
with the name a Chinese and an English message use.
"""

from __future__ import annotations

import re

# (pattern, 中文, English); the first that matches names the occasion.
OCCASIONS: list[tuple[str, str, str]] = [
    (r"生日|寿辰|\bbirthday\b", "生日", "your birthday"),
    (
        r"春节|过年|大年|农历新年|\b(?:chinese|lunar) new year\b|\bspring festival\b",
        "春节",
        "the Spring Festival",
    ),
    (r"除夕|年三十|\bnew year'?s eve\b", "除夕", "New Year's Eve"),
    (r"元宵|\blantern festival\b", "元宵节", "the Lantern Festival"),
    (r"清明|\bqingming\b", "清明", "Qingming"),
    (r"端午|\bdragon boat\b", "端午节", "the Dragon Boat Festival"),
    (r"七夕|\bqixi\b", "七夕", "Qixi"),
    (r"中秋|\bmid-?autumn\b|\bmoon festival\b", "中秋节", "the Mid-Autumn Festival"),
    (r"国庆|\bnational day\b|\bgolden week\b", "国庆节", "National Day"),
    (r"重阳|\bdouble ninth\b", "重阳节", "the Double Ninth Festival"),
    (r"冬至|\bwinter solstice\b", "冬至", "the Winter Solstice"),
    (r"腊八", "腊八节", "the Laba Festival"),
    (r"元旦|新年|\bnew year\b", "新年", "the New Year"),
    (r"圣诞|\bchristmas\b|\bxmas\b", "圣诞节", "Christmas"),
    (r"感恩节|\bthanksgiving\b", "感恩节", "Thanksgiving"),
    (r"劳动节|五一|\blabou?r day\b|\bmay day\b", "劳动节", "Labour Day"),
    (r"妇女节|三八节|\bwomen'?s day\b", "妇女节", "Women's Day"),
    (r"母亲节|\bmother'?s day\b", "母亲节", "Mother's Day"),
    (r"父亲节|\bfather'?s day\b", "父亲节", "Father's Day"),
    (r"教师节|\bteachers'? day\b", "教师节", "Teachers' Day"),
]
_COMPILED = [(re.compile(rx, re.I), zh, en) for rx, zh, en in OCCASIONS]


def occasion(text: str) -> str | None:
    """The occasion ``text`` names (its Chinese name, the key kept with a draft for its edits);
    None when it names none."""
    return next((zh for rx, zh, _ in _COMPILED if rx.search(text)), None)


def said(name: str, language: str) -> str:
    """The occasion ``name`` as a message in ``language`` says it."""
    return next((en for _, zh, en in _COMPILED if zh == name), name) if language == "en" else name
