"""E-mail addresses with ASCII-only classes, so the Chinese characters around an address are
never swallowed (Presidio's stock pattern uses ``\\w``, which matches 汉字)."""

from __future__ import annotations

import re

from assistant.privacy.entities import Entity
from assistant.privacy.recognizers.base import Pattern, RegexRecognizer

_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_EMAIL = (
    r"(?<![A-Za-z0-9._%+-])"
    r"[A-Za-z0-9](?:[A-Za-z0-9._%+-]{0,63})"
    r"@" + _LABEL + r"(?:\." + _LABEL + r")*\.[A-Za-z]{2,24}"
    r"(?![A-Za-z0-9-])"
)


class AsciiEmailRecognizer(RegexRecognizer):
    ENTITY = Entity.EMAIL
    PATTERNS = (Pattern("email_ascii", re.compile(_EMAIL), 0.95),)
