"""A text promoting an R2+ investment product (理财、基金、保险、外汇衍生品 ...) must carry a
risk disclosure (理财非存款、产品有风险、投资须谨慎 / "investment involves risk")."""

from __future__ import annotations

from tools.compliance.disclosure import disclosure_for, has_disclosure
from tools.compliance.models import Finding, Remedy, Severity
from tools.compliance.products import disclosed_products, mentions_investment
from tools.compliance.text import Document


class MissingRiskDisclosureRule:
    code = "missing_risk_disclosure"
    severity = Severity.MEDIUM

    def check(self, doc: Document) -> list[Finding]:
        if not doc.text.strip() or has_disclosure(doc.norm, doc.context.disclosures):
            return []
        products = disclosed_products(doc.context)
        if not products and not mentions_investment(doc.norm):
            return []
        return [
            Finding(
                code=self.code,
                severity=self.severity,
                remedy=Remedy.APPEND_DISCLOSURE,
                matched=",".join(products),
                explanation=doc.pick(
                    "推介理财、基金、保险等风险等级R2及以上的产品时，须作风险提示。",
                    "Promoting an investment product rated R2 or above requires a risk disclosure.",
                ),
                suggestion=disclosure_for(doc.context, doc.language),
            )
        ]
