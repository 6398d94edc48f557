"""The explicit list of compliance rules. A bank adds a rule by writing one file under
``rules/`` and registering it here (or on its own registry instance)."""

from __future__ import annotations

from collections.abc import Iterable

from tools.compliance.rules.acting_for_client import ActingForClientRule
from tools.compliance.rules.base import Rule
from tools.compliance.rules.client_credentials import ClientCredentialsRule
from tools.compliance.rules.coercion import CoercionRule
from tools.compliance.rules.full_identifier import FullIdentifierRule
from tools.compliance.rules.guaranteed_return import GuaranteedReturnRule
from tools.compliance.rules.id_document_by_chat import IdDocumentByChatRule
from tools.compliance.rules.identifier_request import IdentifierRequestRule
from tools.compliance.rules.insured_investment import InsuredInvestmentRule
from tools.compliance.rules.missing_risk_disclosure import MissingRiskDisclosureRule
from tools.compliance.rules.off_board_rate import OffBoardRateRule
from tools.compliance.rules.pressure_selling import PressureSellingRule
from tools.compliance.rules.product_as_deposit import ProductAsDepositRule
from tools.compliance.rules.risk_free_language import RiskFreeLanguageRule
from tools.compliance.rules.shelter_claim import ShelterClaimRule
from tools.compliance.rules.skipped_safeguard import SkippedSafeguardRule
from tools.compliance.rules.speculative_hedging import SpeculativeHedgingRule
from tools.compliance.rules.suitability_mismatch import SuitabilityMismatchRule
from tools.compliance.rules.superlative_claim import SuperlativeClaimRule
from tools.compliance.rules.tied_selling import TiedSellingRule


class RuleRegistry:
    """Rules by code, in registration order."""

    def __init__(self, rules: Iterable[Rule] = ()) -> None:
        self._rules: dict[str, Rule] = {}
        for rule in rules:
            self.register(rule)

    def register(self, rule: Rule) -> None:
        if rule.code in self._rules:
            raise ValueError(f"compliance rule {rule.code!r} is already registered")
        self._rules[rule.code] = rule

    def get(self, code: str) -> Rule:
        return self._rules[code]

    def without(self, *codes: str) -> RuleRegistry:
        """A registry with the same rules except ``codes``."""
        return RuleRegistry(r for r in self if r.code not in codes)

    @property
    def codes(self) -> list[str]:
        return list(self._rules)

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self._rules.values())


def default_registry() -> RuleRegistry:
    return RuleRegistry(
        [
            GuaranteedReturnRule(),
            RiskFreeLanguageRule(),
            InsuredInvestmentRule(),
            SuitabilityMismatchRule(),
            MissingRiskDisclosureRule(),
            PressureSellingRule(),
            TiedSellingRule(),
            SuperlativeClaimRule(),
            OffBoardRateRule(),
            CoercionRule(),
            SpeculativeHedgingRule(),
            ProductAsDepositRule(),
            ClientCredentialsRule(),
            ActingForClientRule(),
            SkippedSafeguardRule(),
            ShelterClaimRule(),
            IdDocumentByChatRule(),
            FullIdentifierRule(),
        ]
    )


def request_registry() -> RuleRegistry:
    """The rules for an RM's instruction rather than client text: what it asks to say is
    checked, it needs no risk disclosure of its own, and asking for an identifier to be sent
    counts as sending one."""
    rules = default_registry().without("missing_risk_disclosure", "full_identifier")
    rules.register(IdentifierRequestRule())
    return rules
