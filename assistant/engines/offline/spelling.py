"""Typos in the bank's own words ("stratgic clients", "payrol", "structred deposit"): an English
word one slip away from a word of the bank's tier labels or product names reads as that word.

Only the bank's vocabulary is a target (the words its policy files and catalogue use), only
words of six letters or more are corrected, and only by one slip — a letter left out, added,
changed or two letters swapped — so "deposits" stays plural and an ordinary word that is not the
bank's is never touched.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

WORD = re.compile(r"[A-Za-z]{6,}")
TOKEN = re.compile(r"⟦[A-Z]+_\d+⟧")
MIN_LENGTH = 6


# Chat shorthand an RM types in a hurry ("hw many clients does emily have"): whole words only,
# none that could be a code or a name beside Chinese ("u" stays: "U盾").
SHORTHAND = {
    "hw": "how",
    "wht": "what",
    "wat": "what",
    "whch": "which",
    "abt": "about",
    "tmr": "tomorrow",
    "tmrw": "tomorrow",
    "2day": "today",
    "clts": "clients",
    "custs": "clients",
}
_SHORT = re.compile(r"(?<![A-Za-z0-9])(" + "|".join(SHORTHAND) + r")(?![A-Za-z0-9])", re.I)


def unabbreviated(text: str) -> str:
    """``text`` with chat shorthand written out."""
    return _SHORT.sub(lambda m: SHORTHAND[m.group(1).lower()], text)


def corrected(text: str, vocabulary: frozenset[str], known: frozenset[str] = frozenset()) -> str:
    """``text`` with chat shorthand written out and each long English word that is a slip of
    one vocabulary word replaced. ``known``: words that are words whatever they are one slip
    from (the playbooks' own, the embedding model's whole words: "better" is no slip of
    "letter" of "Letter of Credit")."""
    text = unabbreviated(text)
    if not vocabulary:
        return text

    def fix(m: re.Match[str]) -> str:
        word = m.group(0)
        low = word.lower()
        if low in vocabulary or low.rstrip("s") in vocabulary or low in known:
            return word
        near = [v for v in vocabulary if _one_slip(low, v)]
        return near[0] if len(near) == 1 else word

    # Tokens (⟦CLIENT_1⟧) are left whole: their letters are not the RM's words.
    parts = TOKEN.split(text)
    tokens = TOKEN.findall(text)
    out = [WORD.sub(fix, parts[0])]
    for token, part in zip(tokens, parts[1:], strict=True):
        out += [token, WORD.sub(fix, part)]
    return "".join(out)


@lru_cache(maxsize=8)
def vocabulary(phrases: tuple[str, ...]) -> frozenset[str]:
    """The long English words of the bank's tier labels and product names."""
    return frozenset(w.lower() for p in phrases for w in WORD.findall(p))


def bank_phrases(tiering: object, products: Iterable[object]) -> tuple[str, ...]:
    labels = [
        d.label_en for d in (*getattr(tiering, "corporate", ()), *getattr(tiering, "retail", ()))
    ]
    names = [getattr(p, "name_en", None) or "" for p in products]
    return tuple(sorted({*labels, *names}))


def _one_slip(a: str, b: str) -> bool:
    """Damerau distance exactly one between two different words, the slip not in the last
    letter: an ending added or changed is another form of a word ("balance" / "balanced",
    "deposit" / "deposits"), not a typo of it."""
    if a == b or abs(len(a) - len(b)) > 1 or a[:-1] == b[:-1] or a[:-1] == b or b[:-1] == a:
        return False
    if len(a) == len(b):
        diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        if len(diff) == 1:
            return True
        i = diff[0]
        return len(diff) == 2 and diff[1] == i + 1 and a[i] == b[i + 1] and a[i + 1] == b[i]
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


# Nouns RMs type through a pinyin IME, where the wrong character of the same sound is one slip
# away ("战略客护", "存宽"). Only words no everyday word shares the sound of are listed: 到期 is
# left alone (到齐), as is 代发 (待发).
ZH_SOUNDED = ("客户", "存款", "理财", "贷款")
CJK_PAIR = re.compile(r"[\u4e00-\u9fff]{2}")


def corrected_zh(text: str) -> str:
    """``text`` with any two characters that sound like one of ``ZH_SOUNDED`` (toneless pinyin)
    but are written otherwise replaced by that word; tokens (⟦CLIENT_1⟧) hold no CJK."""
    sounds = _zh_sounds()
    out, i = [], 0
    while i < len(text):
        pair = text[i : i + 2]
        word = sounds.get(_sound(pair)) if CJK_PAIR.fullmatch(pair) else None
        if word and pair != word and (pair[0] == word[0] or pair[1] == word[1]):
            out.append(word)  # one character slipped, the other kept: "客护", not "可互"
            i += 2
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


@lru_cache(maxsize=1)
def _zh_sounds() -> dict[str, str]:
    return {_sound(w): w for w in ZH_SOUNDED}


@lru_cache(maxsize=4096)
def _sound(pair: str) -> str:
    from pypinyin import lazy_pinyin

    return " ".join(lazy_pinyin(pair))
