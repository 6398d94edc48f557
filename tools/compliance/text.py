"""Text helpers shared by the rules: width normalisation that keeps offsets, sentence spans,
CJK-safe boundaries and negation scope."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from tools.compliance.models import ComplianceContext, Language

# \b never fires between a Chinese character and a digit, so digit runs use explicit edges.
LEFT = r"(?<![0-9A-Za-z])"
RIGHT = r"(?![0-9A-Za-z])"
NUMBER = r"\d+(?:\.\d+)?\s*%"

_CLAUSE_BREAK = re.compile(r"[，,。.!！?？;；:：、\n()（）]")

_ZH_NEGATION = re.compile(
    r"不(?:是|能|可|会|得|要|应|该|宜|敢|保证?|承诺|代表|等于|一定|意味|存在)|并非|并不|"
    r"(?<!常)非(?![常凡])|无法|没有|未(?!来)|禁止|严禁|切勿|勿|避免|杜绝|谈不上|算不上"
)
_ZH_NEGATION_TAIL = re.compile(r"[不非无没]$")
_EN_NEGATION = re.compile(
    r"\bnot\b(?!\s+only)|\b(?:never|no|nothing|none|neither|nor|isn't|aren't|wasn't|weren't|doesn't|don't|"
    r"didn't|cannot|can't|won't|shouldn't|mustn't|nobody|avoid|refrain)\b|\bnon-$",
    re.I,
)


def normalize(text: str) -> str:
    """Fold full-width digits, letters and signs to ASCII one character at a time, so every
    offset in the result is the same offset in the original."""
    if text.isascii():
        return text
    out = []
    for ch in text:
        folded = unicodedata.normalize("NFKC", ch) if not ch.isascii() else ch
        out.append(folded if len(folded) == 1 else ch)
    return "".join(out)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentences as (start, end) spans, each with its closing punctuation; line breaks end a
    sentence and belong to none. Decimal points ("5.5%") do not split."""
    spans = []
    for line in re.finditer(r"[^\n]+", text):
        spans.extend(_line_sentences(line.group(), line.start()))
    return spans


def _line_sentences(line: str, offset: int) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in re.finditer(r"[。！？!?；;]+|\.+(?=\s|$)", line):
        spans.append((offset + start, offset + m.end()))
        start = m.end()
    if line[start:].strip():
        spans.append((offset + start, offset + len(line)))
    return [s for s in spans if line[s[0] - offset : s[1] - offset].strip()]


def is_negated(text: str, start: int) -> bool:
    """True when the clause before ``start`` negates what follows ("不保证收益", "并非无风险",
    "is not risk-free", "no investment is risk-free")."""
    clause_start = max((m.end() for m in _CLAUSE_BREAK.finditer(text, 0, start)), default=0)
    before = text[clause_start:start]
    zh = before[-8:]
    if _ZH_NEGATION.search(zh) or _ZH_NEGATION_TAIL.search(zh.rstrip()):
        return True
    words = " ".join(before.split()[-5:])
    return bool(_EN_NEGATION.search(words))


@dataclass(frozen=True)
class Document:
    """The text a rule inspects: the original, its offset-preserving normal form and the
    sentence spans, with the caller's language and context."""

    text: str
    language: Language
    context: ComplianceContext
    norm: str = field(init=False)
    sentences: tuple[tuple[int, int], ...] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "norm", normalize(self.text))
        object.__setattr__(self, "sentences", tuple(sentence_spans(self.norm)))

    def sentence_at(self, pos: int) -> str:
        for start, end in self.sentences:
            if start <= pos < end:
                return self.norm[start:end]
        return self.norm

    def pick(self, zh: str, en: str) -> str:
        return zh if self.language == "zh" else en


def non_overlapping(spans: list[tuple[int, int, object]]) -> list[tuple[int, int, object]]:
    """Keep the longest of overlapping matches, earliest first."""
    kept: list[tuple[int, int, object]] = []
    for span in sorted(spans, key=lambda s: (s[0], -(s[1] - s[0]))):
        if not kept or span[0] >= kept[-1][1]:
            kept.append(span)
    return kept
