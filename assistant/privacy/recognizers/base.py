"""The small interface our recognizers share: Presidio ``EntityRecognizer`` subclasses that
match compiled ``re`` patterns on NFKC text and let each recognizer validate a match with its
surroundings (checksums, context words, "this is an amount" guards)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from assistant.privacy.entities import Entity

_AMOUNT_AFTER = re.compile(
    r"\s*(?:[.,]\d|元|万|亿|千|百|角|分钱|块|美元|港元|港币|欧元|%|‰|bp\b|RMB|CNY|USD|HKD|yuan\b|dollars?\b)",
    re.IGNORECASE,
)
_AMOUNT_BEFORE = re.compile(
    r"(?:¥|\$|RMB|CNY|USD|HKD|金额|余额|合计|总计|共计|人民币|本金|利息|amount|balance|total)"
    r"\s*[:：为是]?\s*$|\d[.,]$",
    re.IGNORECASE,
)


def looks_like_amount(text: str, start: int, end: int) -> bool:
    """True when the number at ``text[start:end]`` reads as money, a rate or a decimal."""
    return bool(
        _AMOUNT_AFTER.match(text, end) or _AMOUNT_BEFORE.search(text[max(0, start - 12) : start])
    )


def has_context(text: str, start: int, words: Sequence[str], window: int = 16) -> bool:
    """True when one of ``words`` appears shortly before ``start`` (case-insensitive)."""
    before = text[max(0, start - window) : start].lower()
    return any(word in before for word in words)


Span = tuple[int, int, float]


@dataclass(frozen=True, slots=True)
class Pattern:
    name: str
    regex: re.Pattern[str]
    score: float


class RegexRecognizer(EntityRecognizer):
    """A recognizer for one entity made of patterns plus a ``validate`` hook.

    Presidio's default registry finds recognizer classes by class name among *all*
    ``EntityRecognizer`` subclasses in the process, so ours must never reuse a stock name
    (``EmailRecognizer`` ...): the default analyzer would build ours instead.

    The value is the named group ``v`` when the pattern has one, else the whole match.
    """

    ENTITY: Entity
    PATTERNS: Sequence[Pattern] = ()

    def __init__(self, supported_language: str = "zh") -> None:
        super().__init__(
            supported_entities=[self.ENTITY.value],
            name=type(self).__name__,
            supported_language=supported_language,
        )

    def load(self) -> None:  # patterns are compiled at class definition
        pass

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        if entities and self.ENTITY.value not in entities:
            return []
        results = []
        for pattern in self.PATTERNS:
            for match in pattern.regex.finditer(text):
                group = "v" if "v" in pattern.regex.groupindex else 0
                start, end = match.span(group)
                kept = self.validate_match(pattern, text, start, end)
                if kept:
                    results.append(self._result(*kept, pattern.name))
        return results

    def validate_match(self, pattern: Pattern, text: str, start: int, end: int) -> Span | None:
        """Check one match of ``pattern``; recognizers whose patterns need different checks
        override this, the others ``validate``."""
        return self.validate(text, start, end, pattern.score)

    def validate(self, text: str, start: int, end: int, score: float) -> Span | None:
        """Check one match against checksums and its surroundings; return the (possibly
        trimmed) span with its score, or None to drop it."""
        return start, end, score

    def _result(self, start: int, end: int, score: float, pattern: str) -> RecognizerResult:
        return recognized(self, self.ENTITY.value, start, end, score, pattern=pattern)


def recognized(
    recognizer: EntityRecognizer,
    entity: str,
    start: int,
    end: int,
    score: float,
    **metadata: object,
) -> RecognizerResult:
    """A detection, tagged with the recognizer that made it (and any metadata of its own)."""
    return RecognizerResult(
        entity_type=entity,
        start=start,
        end=end,
        score=score,
        recognition_metadata={
            RecognizerResult.RECOGNIZER_NAME_KEY: type(recognizer).__name__,
            RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: recognizer.id,
            **metadata,
        },
    )
