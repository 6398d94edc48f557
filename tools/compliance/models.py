"""The compliance check's data: what it is told about the offer, and what it found."""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, computed_field

Language = Literal["zh", "en"]
RISK_LEVELS = ("R1", "R2", "R3", "R4", "R5")
APPETITES = ("C1", "C2", "C3", "C4", "C5")


class Severity(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class Remedy(StrEnum):
    """What :func:`tools.compliance.sanitize` does about a finding."""

    REMOVE_SENTENCE = "remove_sentence"
    APPEND_DISCLOSURE = "append_disclosure"
    # Wording cannot fix it (e.g. the product is above the client's risk appetite): report only.
    REPORT = "report"


class DisclosureRule(BaseModel):
    """The risk disclosure for some product categories, in the conduct playbook's words. The
    short form (``sms``) keeps the key phrases for a 70-character SMS segment."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    categories: tuple[str, ...] = Field(min_length=1)
    zh: str = Field(min_length=1)
    en: str = Field(min_length=1)
    sms_zh: str | None = None
    sms_en: str | None = None

    def sentence(self, language: Language, sms: bool) -> str:
        short = self.sms_zh if language == "zh" else self.sms_en
        return (short if sms and short else None) or (self.zh if language == "zh" else self.en)


class DisclosurePolicy(BaseModel):
    """Which disclosure each product category gets (bank-editable, in the bank profile):
    理财、结构性存款、基金、保险 each have their own sentence; ``exempt`` categories (loans,
    payroll, trade services) need none whatever their risk level; ``generic`` is for an R2+
    product of a category the bank did not list, or for a text about several kinds at once."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    rules: tuple[DisclosureRule, ...] = ()
    exempt: tuple[str, ...] = ()
    generic: DisclosureRule = DisclosureRule(
        categories=("*",),
        zh="产品有风险，投资须谨慎。",
        en="Investment involves risk.",
    )

    def rule_for(self, category: str | None) -> DisclosureRule | None:
        return next((r for r in self.rules if category in r.categories), None)

    def sentences(self) -> list[str]:
        """Every sentence the policy writes, to recognise one already in a text."""
        every = [*self.rules, self.generic]
        return [s for r in every for s in (r.zh, r.en, r.sms_zh, r.sms_en) if s]


class ComplianceContext(BaseModel):
    """What the text is about. Categories are optional; a product without one is treated
    conservatively (an R2+ product of unknown category needs a risk disclosure)."""

    model_config = ConfigDict(frozen=True)

    product_codes: tuple[str, ...] = ()
    product_risk_levels: dict[str, Literal["R1", "R2", "R3", "R4", "R5"]] = Field(
        default_factory=dict
    )
    product_categories: dict[str, str] = Field(default_factory=dict)
    client_risk_appetite: Literal["C1", "C2", "C3", "C4", "C5"] | None = None
    channel: str | None = None
    # The bank's disclosures by category (its profile); None: the generic sentence only.
    disclosures: DisclosurePolicy | None = None


class Finding(BaseModel):
    """One violation. ``start``/``end`` locate the matched span in the checked text; they are
    None for findings about the text as a whole (suitability, a missing disclosure)."""

    model_config = ConfigDict(frozen=True)

    code: str
    severity: Severity
    remedy: Remedy
    matched: str = ""
    start: int | None = None
    end: int | None = None
    explanation: str
    suggestion: str

    @computed_field  # type: ignore[prop-decorator]
    @property
    def flag(self) -> str:
        return f"compliance:{self.code}"


class ComplianceReport(BaseModel):
    """All findings for one text, in text order; ``flags`` are the distinct Answer flags."""

    model_config = ConfigDict(frozen=True)

    findings: tuple[Finding, ...] = ()
    # What the text was checked against, so sanitize can re-check what it leaves behind.
    language: Language = "zh"
    context: ComplianceContext = Field(default_factory=ComplianceContext)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def flags(self) -> list[str]:
        return sorted({f.flag for f in self.findings})

    @property
    def ok(self) -> bool:
        return not self.findings

    def only(self, *codes: str) -> bool:
        """True when every finding has one of ``codes`` (e.g. only suitability is left)."""
        return all(f.code in codes for f in self.findings)
