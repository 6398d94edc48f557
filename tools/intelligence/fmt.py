"""Amounts as an RM reads them: 万/亿 in Chinese, m/bn in English.

Chinese banking speaks in 万 (10^4) and 亿 (10^8); an English reader expects millions and
billions. Both keep at most three significant digits after the unit so an explanation such
as "日均存款 5,230 万 ≥ 5,000 万" stays readable.
"""

from __future__ import annotations

WAN = 10_000
YI = 100_000_000


def _trim(value: float, decimals: int) -> str:
    text = f"{value:,.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def money_zh(amount: float) -> str:
    """``52_300_000`` -> ``"5,230 万"``; ``123_000_000`` -> ``"1.23 亿"``; ``8_500`` -> ``"8,500 元"``."""
    sign = "-" if amount < 0 else ""
    value = abs(amount)
    if round(value / YI, 2) >= 1:
        return f"{sign}{_trim(value / YI, 2)} 亿"
    if value >= WAN:
        return f"{sign}{_trim(value / WAN, 0 if value >= 100 * WAN else 1)} 万"
    return f"{sign}{_trim(value, 0)} 元"


def money_en(amount: float, *, currency: bool = True, millions: int = 1) -> str:
    """``52_300_000`` -> ``"CNY 52.3m"`` (``"52.3m"`` with ``currency=False``); ``millions``:
    the decimals of a figure in millions (2 where close figures are compared: "9.71m")."""
    sign = "-" if amount < 0 else ""
    value = abs(amount)
    if round(value / 1e9, 2) >= 1:
        text = f"{_trim(value / 1e9, 2)}bn"
    elif round(value / 1e6, 1) >= 1:
        text = f"{_trim(value / 1e6, millions)}m"
    elif value >= 1_000:
        text = f"{_trim(value / 1e3, 1)}k"
    else:
        text = _trim(value, 0)
    return f"{sign}CNY {text}" if currency else f"{sign}{text}"


_ZH_COUNT = {1: "一", 2: "两", 3: "三", 4: "四", 5: "五", 6: "六", 9: "九", 12: "十二"}


def zh_count(n: int) -> str:
    """A small count of months as written before 月 ("近两月", "前三月")."""
    return _ZH_COUNT.get(n, str(n))


def percent(ratio: float) -> str:
    """``0.213`` -> ``"21.3%"`` (one decimal, trailing zero dropped)."""
    return f"{_trim(ratio * 100, 1)}%"


def _to_the_fen(amount: float) -> str:
    """As the bank's system shows it: yuan, and fen when there are any (377,292.85)."""
    return f"{amount:,.0f}" if round(amount, 2) == round(amount) else f"{amount:,.2f}"


def exact_zh(amount: float) -> str:
    """One client's figure asked for by name, in full: ``11_406_250`` ->
    ``"1,140.63 万元（11,406,250 元）"`` (the compact forms above round it away)."""
    if abs(amount) < WAN:
        return f"{_to_the_fen(amount)} 元"
    return f"{amount / WAN:,.2f} 万元（{_to_the_fen(amount)} 元）"


def exact_en(amount: float) -> str:
    """``2_344_700`` -> ``"CNY 2,344,700 (2.3m)"``; ``377_292.85`` -> ``"CNY 377,292.85 (377.3k)"``."""
    if abs(amount) < 1_000:
        return f"CNY {_to_the_fen(amount)}"
    return f"CNY {_to_the_fen(amount)} ({money_en(amount, currency=False)})"
