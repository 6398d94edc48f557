"""SMS length: GSM-7 messages hold 160 characters (153 per part when split); anything outside
the GSM alphabet makes the whole message UCS-2, 70 characters (67 per part)."""

from __future__ import annotations

import math

from assistant.privacy.tokens import TOKEN_RE

_GSM_BASIC = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
_GSM_EXTENDED = set("^{}\\[~]|€\f")
# A privacy token stands for a name restored at send time; count it as plain text of its own
# length rather than letting its brackets force UCS-2.


def is_gsm(text: str) -> bool:
    return all(ch in _GSM_BASIC or ch in _GSM_EXTENDED for ch in _plain(text))


def _plain(text: str) -> str:
    return TOKEN_RE.sub(lambda m: "X" * len(m.group()), text)


def units(text: str) -> int:
    """Length in the units the network bills: septets for GSM-7, UTF-16 code units otherwise."""
    plain = _plain(text)
    if is_gsm(text):
        return sum(2 if ch in _GSM_EXTENDED else 1 for ch in plain)
    return len(plain.encode("utf-16-le")) // 2


def segments(text: str) -> int:
    n = units(text)
    single, part = (160, 153) if is_gsm(text) else (70, 67)
    return 1 if n <= single else math.ceil(n / part)
