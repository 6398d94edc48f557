"""The rule interface, and the phrase-rule base most rules share: a table of patterns, each with
its explanation and a compliant rewording, negation handled once here."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar, Protocol

from tools.compliance.models import Finding, Remedy, Severity
from tools.compliance.text import Document, is_negated, non_overlapping


class Rule(Protocol):
    """A compliance rule: a stable ``code`` (the flag is ``compliance:<code>``) and a check."""

    @property
    def code(self) -> str: ...

    @property
    def severity(self) -> Severity: ...

    def check(self, doc: Document) -> list[Finding]: ...


@dataclass(frozen=True)
class Phrase:
    """One banned way of saying something, with what to tell the RM about it."""

    pattern: re.Pattern[str]
    why_zh: str
    why_en: str
    instead_zh: str
    instead_en: str
    # Some phrases are true of some products (a deposit is 保本保息); the rule decides.
    exemptable: bool = False


def phrase(regex: str, why: tuple[str, str], instead: tuple[str, str], **kw: bool) -> Phrase:
    return Phrase(re.compile(regex, re.I), why[0], why[1], instead[0], instead[1], **kw)


class PhraseRule:
    """Fires on each non-negated, non-exempt match of its phrases; the sentence is removed."""

    code: ClassVar[str]
    severity: ClassVar[Severity] = Severity.HIGH
    PHRASES: ClassVar[tuple[Phrase, ...]]

    def check(self, doc: Document) -> list[Finding]:
        found = [
            (m.start(), m.end(), p)
            for p in self.PHRASES
            for m in p.pattern.finditer(doc.norm)
            if not is_negated(doc.norm, m.start()) and not (p.exemptable and self.exempt(doc, m))
        ]
        return [self._finding(doc, s, e, p) for s, e, p in non_overlapping(found)]  # type: ignore[arg-type]

    def exempt(self, doc: Document, match: re.Match[str]) -> bool:
        """Whether an exemptable phrase is legitimate here; phrase rules override."""
        return False

    def _finding(self, doc: Document, start: int, end: int, p: Phrase) -> Finding:
        return Finding(
            code=self.code,
            severity=self.severity,
            remedy=Remedy.REMOVE_SENTENCE,
            matched=doc.text[start:end],
            start=start,
            end=end,
            explanation=doc.pick(p.why_zh, p.why_en),
            suggestion=doc.pick(p.instead_zh, p.instead_en),
        )
