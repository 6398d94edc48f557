"""E-mail addresses spelt out to dodge a filter or a mail client: ``zhao.lei at example dot com``,
``zhao.lei(at)example(dot)com``, ``zhao.lei[at]example.com``, ``zhao.lei 艾特 example 点 com``.

Only addresses whose last label is a common top-level domain count, so "meet at home dot
point" stays a sentence. The canonical value is the address as it would be typed
(``zhao.lei@example.com``), so it meets the same token as the plain form.
"""

from __future__ import annotations

import re

from assistant.privacy.entities import Entity
from assistant.privacy.normalize import SPELT_AT as _AT
from assistant.privacy.normalize import SPELT_DOT as _DOT
from assistant.privacy.recognizers.base import Pattern, RegexRecognizer, Span

_TLD = r"(?:com|cn|net|org|edu|gov|hk|mo|tw|io|co|uk|us|sg|jp|de|fr|info|biz|me)"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
SPELT_EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+-])"
    r"[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}"
    + _AT
    + _LABEL
    + r"(?:"
    + _DOT
    + _LABEL
    + r")*"
    + _DOT
    + _TLD
    + r"(?![A-Za-z0-9-])",
    re.IGNORECASE,
)
_SPELT_DOT = re.compile(r"\s+dot\s+|[(\[{<]\s*dot|点", re.IGNORECASE)
_BARE_AT = re.compile(r"\s+at\s+", re.IGNORECASE)


class SpeltEmailRecognizer(RegexRecognizer):
    ENTITY = Entity.EMAIL
    PATTERNS = (Pattern("email_spelt", SPELT_EMAIL, 0.85),)

    def validate(self, text: str, start: int, end: int, score: float) -> Span | None:
        value = text[start:end]
        # "rates at bank.com" is a sentence about a website; a bare " at " counts only when the
        # dots are spelt out too.
        if _BARE_AT.search(value) and not _SPELT_DOT.search(value):
            return None
        return start, end, score
