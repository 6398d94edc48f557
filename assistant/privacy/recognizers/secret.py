"""Passwords, PINs and one-time codes typed after their word ("密码是839201", "验证码 4417",
"his PIN is 2580", "password: Tr0ub4dor"): a credential is never the RM's to keep, so it is
masked like any identifier and, unlike one, never kept in the vault nor shown back (its
display form is stars). A value needs a digit: "密码是多少", "password reset" are words."""

from __future__ import annotations

import re

from assistant.privacy.entities import Entity
from assistant.privacy.recognizers.base import Pattern, RegexRecognizer, Span

_WORD = (
    r"(?:(?:网银|手机银行|银行卡|卡|登录|交易|支付|取款|查询)?密码|口令|验证码|动态码|校验码|"
    r"(?<![A-Za-z])(?:(?:online banking |banking |card |login |account |app )?(?:password|passcode|"
    r"pin(?: code|码)?)|(?:verification|sms|one[- ]time|security) code|otp)(?![A-Za-z]))"
)
_SAID = r"(?:是|为|改成了?|改为|设成了?|设为|换成了?|:|：|=|\bis\b|\bwas\b|\bto\b)?"
_SECRET = re.compile(
    _WORD + r"\s*" + _SAID + r"\s*[\"'“”「]?(?P<v>[A-Za-z0-9!@#$%^&*._\-]{4,32})",
    re.I,
)


class SecretRecognizer(RegexRecognizer):
    ENTITY = Entity.SECRET
    PATTERNS = (Pattern("secret_after_word", _SECRET, 0.9),)

    def validate(self, text: str, start: int, end: int, score: float) -> Span | None:
        value = text[start:end]
        if not any(ch.isdigit() for ch in value):
            return None
        return start, end, score
