"""Compliance reminders for the products on a meeting's agenda.

Each product is checked by the bank's own conduct rules (``tools/compliance``) as if the RM
were to present it: the suitability rule compares its risk level with the client's risk
appetite, the disclosure rule says which risk disclosure the bank words for its category. The
reminder is what those rules say, so a bank that edits its rules or disclosures edits this.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal, cast

from tools.bank.records import ProductRecord
from tools.compliance import ComplianceContext, check_compliance, default_registry
from tools.compliance.models import DisclosurePolicy

RiskLevel = Literal["R1", "R2", "R3", "R4", "R5"]
Appetite = Literal["C1", "C2", "C3", "C4", "C5"]
# The rules that judge an offer as such; wording rules have nothing to read in a product name.
OFFER_RULES = ("suitability_mismatch", "missing_risk_disclosure")


@dataclass(frozen=True)
class Reminder:
    product_code: str
    product: str
    risk_level: str
    findings: tuple[tuple[str, str, str], ...]  # (code, explanation, what to do)

    @property
    def suitable(self) -> bool:
        return all(code != "suitability_mismatch" for code, _, _ in self.findings)


def reminders(
    codes: Iterable[str],
    products: Mapping[str, ProductRecord],
    appetite: str | None,
    disclosures: DisclosurePolicy | None,
    language: str,
) -> list[Reminder]:
    lang: Literal["zh", "en"] = "zh" if language == "zh" else "en"
    rules = default_registry()
    offer = rules.without(*(c for c in rules.codes if c not in OFFER_RULES))
    out = []
    for code in dict.fromkeys(codes):
        product = products.get(code)
        if product is None:
            continue
        name = product.name if lang == "zh" else (product.name_en or product.name)
        report = check_compliance(
            name,
            language=lang,
            registry=offer,
            context=ComplianceContext(
                product_codes=(code,),
                product_risk_levels={code: cast(RiskLevel, product.risk_level)},
                product_categories={code: product.category},
                client_risk_appetite=cast(Appetite | None, appetite),
                disclosures=disclosures,
            ),
        )
        found = tuple((f.code, f.explanation, f.suggestion) for f in report.findings)
        out.append(Reminder(code, name, product.risk_level, found))
    return out
