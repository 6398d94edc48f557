"""Numbers as RMs type them: digits, Chinese numerals (三十, 两, 十九), English words (three,
twenty), amounts with units (5000万, 1.2亿, 500k, 3m, 2 million) and shares (两成, 20%, half)."""

from __future__ import annotations

import re

_ZH_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "俩": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}  # fmt: skip
_ZH_UNITS = {"十": 10, "百": 100, "千": 1000}
_EN = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "ninety": 90, "hundred": 100,
    "a": 1, "an": 1, "a couple of": 2, "a few": 3,
}  # fmt: skip
ZH_NUM = "[零〇一二两俩三四五六七八九十百千]+"
EN_NUM = "|".join(sorted((k for k in _EN if k not in ("a", "an")), key=len, reverse=True))
# One number, as digits, Chinese numerals or an English word.
NUMBER = rf"(?:\d+(?:\.\d+)?|{ZH_NUM}|\b(?:{EN_NUM})\b)"
_UNITS = {
    "亿": 1e8, "千万": 1e7, "百万": 1e6, "万": 1e4, "k": 1e3, "千": 1e3,
    "m": 1e6, "mn": 1e6, "million": 1e6, "mio": 1e6, "bn": 1e9, "billion": 1e9,
}  # fmt: skip
UNIT = r"(?:亿|千万|百万|万|k\b|千|mn\b|m\b|million|bn\b|billion)"
AMOUNT = re.compile(rf"({NUMBER})\s*({UNIT})?\s*(?:元|块|rmb|cny|yuan)?", re.I)


def zh_number(text: str) -> int | None:
    """ "三十五" -> 35, "十" -> 10, "两百" -> 200; None when ``text`` is not a numeral."""
    if not text or any(ch not in _ZH_DIGITS and ch not in _ZH_UNITS for ch in text):
        return None
    total, digit = 0, None
    for ch in text:
        if ch in _ZH_DIGITS:
            digit = _ZH_DIGITS[ch] if digit is None else digit * 10 + _ZH_DIGITS[ch]
        else:
            total += (digit if digit is not None else 1) * _ZH_UNITS[ch]
            digit = None
    return total + (digit or 0)


def number(text: str) -> float | None:
    """One number in any of the written forms; None when it is none of them."""
    text = text.strip().lower()
    try:
        return float(text)
    except ValueError:
        pass
    if text in _EN:
        return float(_EN[text])
    value = zh_number(text)
    return float(value) if value is not None else None


def amount(num: str, unit: str | None) -> float | None:
    value = number(num)
    if value is None:
        return None
    return value * _UNITS.get((unit or "").lower(), 1.0)


SHARE = re.compile(rf"(\d+(?:\.\d+)?)\s*%|百分之({NUMBER})|({ZH_NUM})成|\bhalf\b|一半|腰斩", re.I)


def share(match: re.Match[str]) -> float:
    """A ``SHARE`` match as a fraction (两成 -> 0.2, 30% -> 0.3, half -> 0.5)."""
    pct, zh_pct, tenths = match.group(1), match.group(2), match.group(3)
    if pct:
        return float(pct) / 100
    if zh_pct:
        return (number(zh_pct) or 0) / 100
    if tenths:
        return (zh_number(tenths) or 0) / 10
    return 0.5
