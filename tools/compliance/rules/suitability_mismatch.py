"""适当性: a product rated Rm offered to a client whose risk appetite is Cn with m > n. Wording
cannot fix this, so the finding is reported, never sanitised away."""

from __future__ import annotations

from tools.compliance.models import Finding, Remedy, Severity
from tools.compliance.products import risk_number
from tools.compliance.text import Document


class SuitabilityMismatchRule:
    code = "suitability_mismatch"
    severity = Severity.HIGH

    def check(self, doc: Document) -> list[Finding]:
        appetite = doc.context.client_risk_appetite
        if appetite is None:
            return []
        limit = int(appetite[1])
        return [
            self._finding(doc, code, appetite)
            for code in doc.context.product_codes
            if risk_number(doc.context, code) > limit
        ]

    def _finding(self, doc: Document, code: str, appetite: str) -> Finding:
        risk = doc.context.product_risk_levels[code]
        return Finding(
            code=self.code,
            severity=self.severity,
            remedy=Remedy.REPORT,
            matched=code,
            explanation=doc.pick(
                f"产品{code}风险等级{risk}高于客户风险承受能力{appetite}，不得向该客户推介。",
                f"Product {code} is rated {risk}, above the client's risk appetite {appetite}; "
                "it may not be offered to this client.",
            ),
            suggestion=doc.pick(
                # Never "ask her to retake the assessment": both banks forbid talking a client
                # into a higher grade to fit a product; a changed situation is the client's to
                # report, reassessed as the rules say.
                f"改为推介风险等级不高于R{appetite[1]}的产品；不得为匹配产品劝说客户重新测评或提高测评等级。",
                f"Offer a product rated R{appetite[1]} or lower; never talk the client into "
                "retaking the risk assessment to fit a product.",
            ),
        )
