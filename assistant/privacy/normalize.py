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


def nfkc_with_offsets(text: str) -> OffsetMap:
    """NFKC-normalise character by character, remembering where each output char came from."""
    if text.isascii():
        idx = tuple(range(len(text)))
        return OffsetMap(text, idx, tuple(i + 1 for i in idx))
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for i, ch in enumerate(text):
        norm = unicodedata.normalize("NFKC", ch) if not ch.isascii() else ch
        out.append(norm)
        starts.extend([i] * len(norm))
        ends.extend([i + 1] * len(norm))
    return OffsetMap("".join(out), tuple(starts), tuple(ends))


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
        return value.lower()
    if kind in (Entity.CLIENT, Entity.PERSON):
        return value  # names keep their case for display; lookups use ascii_lower
    return value
