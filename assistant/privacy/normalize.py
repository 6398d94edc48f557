"""Text normalisation with offset maps, and the canonical form of each entity's value.

Recognizers see NFKC text (full-width digits, letters and punctuation become ASCII); the
analyzer maps every span back to the caller's original text through an :class:`OffsetMap`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from assistant.privacy.entities import Entity

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
HAS_CJK = re.compile(f"[{CJK}]")
# CJK-safe word edges: \b never fires between a Chinese character and a digit.
LEFT = r"(?<![0-9A-Za-z])"
RIGHT = r"(?![0-9A-Za-z])"

_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_SPACES = re.compile(r"\s+")


def ascii_lower(text: str) -> str:
    """Lower-case ASCII letters only, so every offset stays where it was."""
    return text.translate(_ASCII_LOWER)


@dataclass(frozen=True, slots=True)
class OffsetMap:
    """``text`` is the NFKC form; ``starts[i]``/``ends[i]`` locate its char i in the original."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        if start >= end:
            return self.starts[start] if start < len(self.starts) else start, start
        return self.starts[start], self.ends[end - 1]


# Characters that hide inside a value without showing: zero-width space / joiners, word joiner,
# BOM, soft hyphen. Dropped before detection so "1101\u200b05…" is seen as one number.
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")
# Chinese digits as people type numbers out (〇/零 zero, 幺 "one" in phone numbers). Only runs of
# seven or more become digits: no ordinary phrase has that many numerals in a row, and every
# identifier we mask is at least that long.
_ZH_DIGITS = str.maketrans("〇零一二三四五六七八九幺", "001234567891")
_ZH_DIGIT_RUN = re.compile("[〇零一二三四五六七八九幺]{7,}")
# Digits typed one by one with a space (or hyphen) between them: "1 1 0 1 0 5 …". Seven or more
# single digits in such a run are closed up; grouped numbers ("139 1234 5678") are left alone.
_SPACED_DIGITS = re.compile(r"(?<![0-9A-Za-z])\d(?:[ \u00a0\-]\d){6,}(?![0-9A-Za-z])")


# Runs NFKC leaves as they are (ASCII and the CJK unified ideographs): copied in one piece, so
# only punctuation and the rare compatibility character go through the per-character path —
# every answer is scanned on its way out, so this is on each turn's path.
_STABLE_RUN = re.compile("[\x00-\x7f\u4e00-\u9fff]+")


def nfkc_with_offsets(text: str) -> OffsetMap:
    """The one normalisation before detection, remembering where each output char came from:
    NFKC (full-width forms become ASCII), invisible characters dropped, runs of Chinese digits
    turned into digits, digits spaced one by one closed up."""
    if text.isascii() and not _SPACED_DIGITS.search(text):
        idx = tuple(range(len(text)))
        return OffsetMap(text, idx, tuple(i + 1 for i in idx))
    zh_digits = {i for m in _ZH_DIGIT_RUN.finditer(text) for i in range(*m.span())}
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    i = 0
    while i < len(text):
        stable = _STABLE_RUN.match(text, i)
        if stable and not zh_digits:
            out.append(stable.group(0))
            starts.extend(range(i, stable.end()))
            ends.extend(range(i + 1, stable.end() + 1))
            i = stable.end()
            continue
        ch = text[i]
        if ch not in _INVISIBLE:
            if i in zh_digits:
                norm = ch.translate(_ZH_DIGITS)
            else:
                norm = unicodedata.normalize("NFKC", ch) if not ch.isascii() else ch
            out.append(norm)
            starts.extend([i] * len(norm))
            ends.extend([i + 1] * len(norm))
        i += 1
    return _close_spaced_digits(OffsetMap("".join(out), tuple(starts), tuple(ends)))


def _close_spaced_digits(normal: OffsetMap) -> OffsetMap:
    spaces = {
        m.start() + k
        for m in _SPACED_DIGITS.finditer(normal.text)
        for k in range(1, m.end() - m.start(), 2)
    }
    if not spaces:
        return normal
    keep = [i for i in range(len(normal.text)) if i not in spaces]
    return OffsetMap(
        "".join(normal.text[i] for i in keep),
        tuple(normal.starts[i] for i in keep),
        tuple(normal.ends[i] for i in keep),
    )


# How people spell "@" and "." to get an address past a filter (see recognizers/email_spelt.py).
SPELT_AT = r"(?:\s*[(\[{<]\s*at\s*[)\]}>]\s*|\s+at\s+|\s*艾特\s*|\s*圈a\s*)"
SPELT_DOT = r"(?:\s*[(\[{<]\s*dot\s*[)\]}>]\s*|\s+dot\s+|\s*点\s*|\.)"
_SPELT_AT = re.compile(SPELT_AT, re.IGNORECASE)
_SPELT_DOT = re.compile(SPELT_DOT, re.IGNORECASE)


def unspell_email(value: str) -> str:
    """``zhao.lei at example dot com`` -> ``zhao.lei@example.com`` (plain addresses unchanged)."""
    if "@" in value:
        return value
    parts = _SPELT_AT.split(value, maxsplit=1)
    if len(parts) != 2:
        return value
    return f"{parts[0].strip()}@{'.'.join(p.strip() for p in _SPELT_DOT.split(parts[1]))}"


def digits_of(value: str) -> str:
    return "".join(ch for ch in value if ch.isdigit())


def canonical_value(entity_type: Entity | str, value: str) -> str:
    """The one form a value is stored and compared in (same value -> same token)."""
    value = _SPACES.sub(" ", unicodedata.normalize("NFKC", value)).strip()
    kind = Entity(entity_type)
    if kind is Entity.PHONE:
        digits = digits_of(value)
        if value.startswith(("+86", "0086")) or (len(digits) == 13 and digits[:2] == "86"):
            digits = digits.removeprefix("00").removeprefix("86")
        return digits
    if kind in (Entity.CARD, Entity.ACCOUNT):
        return digits_of(value)
    if kind in (Entity.ID, Entity.USCC):
        return re.sub(r"[\s-]", "", value).upper()
    if kind is Entity.EMAIL:
        return unspell_email(value).lower()
    if kind in (Entity.CLIENT, Entity.PERSON):
        return value  # names keep their case for display; lookups use ascii_lower
    return value
