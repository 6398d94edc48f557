"""What an RM asks for (an :class:`OutreachRequest`) and what comes back (an
:class:`OutreachDraft`). Every client reference is a privacy token, never a value."""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from assistant.privacy.tokens import is_token
from tools.compliance import Finding


class Channel(StrEnum):
    WECHAT = "wechat"
    SMS = "sms"
    EMAIL = "email"
    CALL = "call"


class Purpose(StrEnum):
    MATURITY_REMINDER = "maturity_reminder"
    LOAN_MATURITY = "loan_maturity"  # a loan or facility falling due: repay or renew
    CHURN_CARE = "churn_care"
    PAYROLL_PITCH = "payroll_pitch"
    PRODUCT_INTRO = "product_intro"
    DORMANT_REACTIVATION = "dormant_reactivation"
    SERVICE_VISIT = "service_visit"
    SUITABILITY_REVIEW = "suitability_review"
    COMPLAINT_REPLY = "complaint_reply"  # progress on an open complaint: service, never a pitch
    BIRTHDAY_OR_FESTIVAL = "birthday_or_festival"
    GENERAL = "general"


# "shorter", "more formal", "more casual": what each changes is the bank's wording (frames.yaml).
Style = Literal["standard", "short", "formal", "casual"]
# Facts an RM may ask a draft to add ("加上到期日"): their lines are in the templates.
FactKey = Literal["maturity_date", "amount"]


class ProductRef(BaseModel):
    """A catalogue product (tools/bank/catalog.yaml)."""

    model_config = ConfigDict(frozen=True)

    code: str
    name: str
    name_en: str | None = None
    risk_level: Literal["R1", "R2", "R3", "R4", "R5"]
    category: str | None = None
    min_amount: float | None = None  # the amount it starts from, when the catalogue gives one


class OutreachRequest(BaseModel):
    """An RM's request for a client message. ``points`` are the RM's own words: untrusted, they
    go through the compliance check like everything else. ``facts`` may hold ``maturity_date``,
    ``amount`` (already formatted), ``rm_name`` (an RM's name is not client PII) and
    ``occasion`` (e.g. 中秋节, "your birthday")."""

    channel: Channel
    language: Literal["zh", "en"] = "zh"
    purpose: Purpose = Purpose.GENERAL
    client_token: str
    contact_token: str | None = None
    client_type: Literal["corporate", "retail"] = "retail"
    tier: str | None = None
    product: ProductRef | None = None
    facts: dict[str, str] = Field(default_factory=dict)
    client_risk_appetite: Literal["C1", "C2", "C3", "C4", "C5"] | None = None
    points: list[str] = Field(default_factory=list, max_length=10)
    style: Style = "standard"
    include: list[FactKey] = Field(default_factory=list)

    @field_validator("client_token", "contact_token")
    @classmethod
    def _is_token(cls, value: str | None) -> str | None:
        if value is not None and not is_token(value):
            raise ValueError("client and contact references must be privacy tokens like ⟦CLIENT_1⟧")
        return value


class CallScript(BaseModel):
    opening: str
    discovery: list[str]
    key_points: list[str]
    objections: list[tuple[str, str]]
    close: str


class OutreachDraft(BaseModel):
    """A compliant draft. ``findings`` are what the check found in the composed draft (and what
    sanitising then removed or fixed); ``unresolved`` are findings wording cannot fix
    (suitability), still true of the final text; ``flags`` cover both."""

    channel: Channel
    language: Literal["zh", "en"]
    purpose: Purpose
    template_id: str
    text: str
    subject: str | None = None
    body: str | None = None
    call_script: CallScript | None = None
    findings: list[Finding] = Field(default_factory=list)
    unresolved: list[Finding] = Field(default_factory=list)
    flags: list[str] = Field(default_factory=list)
    char_count: int
    segments: int | None = None
    style: Style = "standard"
    not_added: list[FactKey] = Field(default_factory=list)  # asked for, but the client has none
