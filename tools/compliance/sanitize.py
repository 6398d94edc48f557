"""sanitize: drop each sentence that carries a violation and add the risk disclosure when the
remaining text still needs one. Suitability cannot be fixed by wording; it stays reported."""

from __future__ import annotations

import re

from tools.compliance.models import ComplianceReport, Finding, Language, Remedy
from tools.compliance.rules.missing_risk_disclosure import MissingRiskDisclosureRule
from tools.compliance.text import Document, sentence_spans

_EMPTY_LINE = re.compile(r"^[\s\-*•·、，,。.;；:：]*$")
_ENDS_SENTENCE = re.compile(r"[。！？!?.；;]\s*$")


def sanitize(text: str, report: ComplianceReport, language: Language) -> str:
    """Return ``text`` without the sentences ``report`` found violating, with the disclosure
    appended if the product needs one. ``report`` must come from checking this same ``text``."""
    spans = [(f.start, f.end) for f in report.findings if _removable(f)]
    cleaned = _remove_sentences(text, spans)  # type: ignore[arg-type]
    doc = Document(cleaned, language, report.context)
    # Re-check rather than trust the report: the removed sentence may have carried the disclosure.
    for finding in MissingRiskDisclosureRule().check(doc):
        cleaned = _append(cleaned, finding.suggestion, language)
    return cleaned


def _removable(finding: Finding) -> bool:
    return finding.remedy is Remedy.REMOVE_SENTENCE and finding.start is not None


def _remove_sentences(text: str, spans: list[tuple[int, int]]) -> str:
    if not spans:
        return text
    doomed = [(s, e) for s, e in sentence_spans(text) if any(a < e and s < b for a, b in spans)]
    out, pos = [], 0
    for s, e in doomed:
        out.append(text[pos:s])
        pos = e
    out.append(text[pos:])
    return _tidy("".join(out), text)


def _tidy(cleaned: str, original: str) -> str:
    before = set(original.splitlines())
    lines = [line if line in before else line.strip() for line in cleaned.splitlines()]
    kept = [line for line in lines if line in before or not _EMPTY_LINE.match(line)]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip("\n")


def _append(text: str, sentence: str, language: Language) -> str:
    if not text.strip():
        return sentence
    if "\n" in text:
        return f"{text.rstrip()}\n{sentence}"
    if not _ENDS_SENTENCE.search(text):
        text = text.rstrip() + ("。" if language == "zh" else ".")
    return f"{text.rstrip()}{'' if language == 'zh' else ' '}{sentence}"
