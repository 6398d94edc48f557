"""Every piece of a draft goes through the compliance check and is sanitised; the findings
are collected so the draft can say what was removed."""

from __future__ import annotations

from tools.compliance import (
    ComplianceContext,
    Finding,
    Remedy,
    check_compliance,
    default_registry,
    disclosed_products,
    disclosure_for,
    has_disclosure,
    sanitize,
)
from tools.compliance.models import DisclosurePolicy, Language
from tools.outreach.models import OutreachRequest, Purpose


def context_for(
    request: OutreachRequest, disclosures: DisclosurePolicy | None = None
) -> ComplianceContext:
    """What the draft is checked against; ``disclosures`` is the bank's (its profile)."""
    product = request.product
    if request.purpose == Purpose.SUITABILITY_REVIEW:
        # A notice that a product already held is above the client's grade is not an offer of
        # it: the suitability rule (which bars offering it) does not apply to telling them so.
        request = request.model_copy(update={"client_risk_appetite": None})
    if product is None:
        return ComplianceContext(
            client_risk_appetite=request.client_risk_appetite,
            channel=request.channel.value,
            disclosures=disclosures,
        )
    return ComplianceContext(
        disclosures=disclosures,
        product_codes=(product.code,),
        product_risk_levels={product.code: product.risk_level},
        product_categories={product.code: product.category} if product.category else {},
        client_risk_appetite=request.client_risk_appetite,
        channel=request.channel.value,
    )


class CompliancePass:
    """Checks and sanitises the pieces of one draft. The piece that presents the offer is
    checked against the products (suitability, disclosure); greetings, subjects and closings
    are checked for wording only."""

    def __init__(self, language: Language, context: ComplianceContext) -> None:
        self.language = language
        self.context = context
        # Subjects, greetings and closings are checked for wording; whether the whole draft
        # discloses risk and suits the client is the offer's business (and finish's).
        self._registry = default_registry()
        self._wording = self._registry.without("missing_risk_disclosure", "suitability_mismatch")
        self.findings: list[Finding] = []

    def clean(self, text: str, *, offer: bool = False) -> str:
        if not text.strip():
            return text
        registry = self._registry if offer else self._wording
        report = check_compliance(
            text, language=self.language, context=self.context, registry=registry
        )
        self.findings.extend(report.findings)
        return sanitize(text, report, self.language) if report.findings else text

    def disclosure(self, sentences: list[str]) -> list[str]:
        """The offer's sentences, with the risk disclosure added when the product needs one."""
        if disclosed_products(self.context) and not has_disclosure(
            " ".join(sentences), self.context.disclosures
        ):
            return [*sentences, disclosure_for(self.context, self.language)]
        return sentences

    def finish(self, text: str) -> tuple[str, list[Finding]]:
        """Check the assembled draft as a whole; sanitise anything that slipped between pieces.
        Returns the final text and the findings wording cannot fix."""
        report = check_compliance(text, language=self.language, context=self.context)
        fixable = [f for f in report.findings if f.remedy is not Remedy.REPORT]
        if fixable:
            self.findings.extend(fixable)
            text = sanitize(text, report, self.language)
            report = check_compliance(text, language=self.language, context=self.context)
        if not any(f.code == "suitability_mismatch" for f in self.findings):
            self.findings.extend(f for f in report.findings if f.remedy is Remedy.REPORT)
        return text, list(report.findings)
