"""check_compliance: run every registered rule over a text."""

from __future__ import annotations

from tools.compliance.models import ComplianceContext, ComplianceReport, Language
from tools.compliance.registry import RuleRegistry, default_registry
from tools.compliance.text import Document


def check_compliance(
    text: str,
    *,
    language: Language,
    context: ComplianceContext | None = None,
    registry: RuleRegistry | None = None,
) -> ComplianceReport:
    """Check client-facing text (an outreach draft, an RM's talking points) against the bank's
    marketing rules: promised returns, risk-free language, suitability, risk disclosure,
    pressure selling and full identifiers. Findings come in text order, whole-text findings
    (suitability, disclosure) last; explanations are in ``language``."""
    context = context or ComplianceContext()
    doc = Document(text, language, context)
    rules = registry if registry is not None else default_registry()
    findings = [f for rule in rules for f in rule.check(doc)]
    findings.sort(key=lambda f: (f.start is None, f.start or 0))
    return ComplianceReport(findings=tuple(findings), language=language, context=context)
