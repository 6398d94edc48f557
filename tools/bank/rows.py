"""Pydantic models of one CSV row per file of the import format (DESIGN §4.3).

Each model validates what one row can know on its own (types, enums, checksums, signs);
cross-file rules (unknown rm_id, duplicates) live in ``importer.py``.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Annotated, Literal, NoReturn

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator

from tools.bank.identifiers import is_any_resident_id, is_uscc


def _blank_to_none(value: object) -> object:
    return None if isinstance(value, str) and value.strip() == "" else value


def _parse_date(value: object) -> object:
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip()) if len(value.strip()) == 10 else _bad_date()
        except ValueError:
            _bad_date()
    return value


def _bad_date() -> NoReturn:
    raise ValueError("expected a date YYYY-MM-DD")


def _parse_bool(value: object) -> object:
    if isinstance(value, str):
        v = value.strip().lower()
        if v in {"", "0", "false", "no", "n", "否"}:
            return False
        if v in {"1", "true", "yes", "y", "是"}:
            return True
        raise ValueError("expected true/false")
    return value


def _parse_opt_bool(value: object) -> object:
    """An optional yes/no column: blank is "not said" (None), not no."""
    if isinstance(value, str) and value.strip() == "":
        return None
    return _parse_bool(value)


# Opt-out channels as a bank writes them ("sms;wechat", "短信、微信", "all"): the draft channels.
_CHANNEL_WORDS = {
    "sms": "sms", "短信": "sms", "text": "sms",
    "wechat": "wechat", "微信": "wechat", "企微": "wechat", "企业微信": "wechat", "wecom": "wechat",
    "email": "email", "e-mail": "email", "邮件": "email", "电邮": "email", "mail": "email",
    "call": "call", "phone": "call", "电话": "call", "外呼": "call",
    "all": "all", "全部": "all", "所有": "all", "全渠道": "all",
}  # fmt: skip


def _parse_channels(value: object) -> object:
    """``sms;wechat`` → the same, normalised and sorted; an unknown channel is an error."""
    if not isinstance(value, str) or not value.strip():
        return None
    said = [w.strip().lower() for w in re.split(r"[;,，、|/ ]+", value) if w.strip()]
    unknown = [w for w in said if w not in _CHANNEL_WORDS]
    if unknown:
        raise ValueError(
            f"unknown channel {unknown[0]!r}: expected sms, wechat, email, call or all"
        )
    return ";".join(sorted({_CHANNEL_WORDS[w] for w in said}))


# A client's preferred language for messages (the optional ``language`` column): the bank's
# words for it, read in both languages.
_LANGUAGE_WORDS = {
    "zh": "zh", "zh-cn": "zh", "cn": "zh", "chinese": "zh", "中文": "zh", "汉语": "zh",
    "普通话": "zh", "en": "en", "english": "en", "英文": "en", "英语": "en",
}  # fmt: skip


def _parse_language(value: object) -> object:
    if not isinstance(value, str) or not value.strip():
        return None
    found = _LANGUAGE_WORDS.get(value.strip().lower())
    if found is None:
        raise ValueError(f"unknown language {value.strip()!r}: expected zh or en (中文/英文)")
    return found


USCC_INVALID = (
    "not a unified social credit code (GB 32100: alphabet, division code, check character)"
)
RID_INVALID = (
    "not a resident ID (身份证, GB 11643: check character, birth date, province code; "
    "15-digit first-generation IDs are accepted)"
)
# Columns that carry personal identifiers: an error quotes them only in a partial form.
IDENTIFIER_COLUMNS = frozenset(
    {"registration_id", "id_number", "phone", "email", "account_no", "address"}
)

Opt = Annotated[str | None, BeforeValidator(_blank_to_none)]
Day = Annotated[date, BeforeValidator(_parse_date)]
OptDay = Annotated[date | None, BeforeValidator(_parse_date), BeforeValidator(_blank_to_none)]
Amount = Annotated[Decimal, Field(ge=0, max_digits=18, decimal_places=2)]
OptAmount = Annotated[Annotated[Decimal, Field(ge=0)] | None, BeforeValidator(_blank_to_none)]
OptInt = Annotated[Annotated[int, Field(ge=0)] | None, BeforeValidator(_blank_to_none)]
# Marketing consent and opt-out (DESIGN §4.3): kept as attributes, read by the contact policy.
Consent = Annotated[bool | None, BeforeValidator(_parse_opt_bool)]
OptOut = Annotated[str | None, BeforeValidator(_parse_channels)]
Language = Annotated[str | None, BeforeValidator(_parse_language)]
NonEmpty = Annotated[
    str, Field(min_length=1), BeforeValidator(lambda v: v.strip() if isinstance(v, str) else v)
]


class Row(BaseModel):
    model_config = ConfigDict(extra="allow", str_strip_whitespace=True)

    def extras(self) -> dict[str, str]:
        """Unknown extra columns, kept as attributes."""
        return dict(self.model_extra or {})


class RMRow(Row):
    rm_id: NonEmpty
    name: NonEmpty
    team_id: NonEmpty
    branch: NonEmpty
    role: Literal["rm", "team_lead", "branch_head", "admin"]
    slack_user_id: Opt = None
    teams_aad_id: Opt = None
    email: Opt = None


class ClientRow(Row):
    client_id: NonEmpty
    client_type: Literal["corporate", "retail"]
    name: NonEmpty
    rm_id: NonEmpty
    branch: NonEmpty
    onboard_date: Day
    industry: Opt = None
    registration_id: Opt = None
    risk_rating: Opt = None
    risk_appetite: Annotated[
        Literal["C1", "C2", "C3", "C4", "C5"] | None, BeforeValidator(_blank_to_none)
    ] = None
    annual_revenue: OptAmount = None
    employees: OptInt = None
    phone: Opt = None
    email: Opt = None
    address: Opt = None
    marketing_consent: Consent = None
    opt_out_channels: OptOut = None
    language: Language = None  # the language messages to the client are written in

    @field_validator("registration_id")
    @classmethod
    def _checksum(cls, value: str | None, info) -> str | None:  # type: ignore[no-untyped-def]
        if value is None:
            return value
        kind = info.data.get("client_type")
        if kind == "corporate" and not is_uscc(value):
            raise ValueError(USCC_INVALID)
        if kind == "retail" and not is_any_resident_id(value):
            raise ValueError(RID_INVALID)
        return value


class ContactRow(Row):
    client_id: NonEmpty
    name: NonEmpty
    title: NonEmpty
    phone: Opt = None
    email: Opt = None
    id_number: Opt = None
    is_primary: Annotated[bool, BeforeValidator(_parse_bool)] = False
    marketing_consent: Consent = None
    opt_out_channels: OptOut = None

    @field_validator("id_number")
    @classmethod
    def _checksum(cls, value: str | None) -> str | None:
        if value is not None and not is_any_resident_id(value):
            raise ValueError(RID_INVALID)
        return value


class ProductRow(Row):
    product_code: NonEmpty
    name: NonEmpty
    category: NonEmpty
    risk_level: Literal["R1", "R2", "R3", "R4", "R5"]
    segment: Literal["corporate", "retail", "both"]
    min_amount: OptAmount = None
    description: Opt = None


class HoldingRow(Row):
    client_id: NonEmpty
    product_code: NonEmpty
    balance: Amount
    opened_date: Day
    account_no: Opt = None
    maturity_date: OptDay = None


class BalanceRow(Row):
    client_id: NonEmpty
    month: Annotated[str, Field(pattern=r"^\d{4}-(0[1-9]|1[0-2])$")]
    avg_daily_deposit: Amount
    loan_balance: Amount
    transaction_count: OptInt = None


class InteractionRow(Row):
    client_id: NonEmpty
    date: Day
    rm_id: NonEmpty
    channel: NonEmpty
    summary: NonEmpty


class ComplaintRow(Row):
    complaint_id: NonEmpty
    client_id: NonEmpty
    date: Day
    channel: NonEmpty
    category: NonEmpty
    status: NonEmpty
    due_date: Day
    summary: Opt = None
    # How it ended, where the bank's system says: the day it was closed, and whether the
    # first contact resolved it (首次接触解决). Blank: not said.
    closed_date: OptDay = None
    first_contact_resolved: Consent = None


class SurveyRow(Row):
    """A satisfaction survey answer (the optional ``surveys.csv``): the score on the bank's own
    scale (``scale``, default 10) and the client's words, masked like a note when shown."""

    client_id: NonEmpty
    date: Day
    score: Annotated[Decimal, Field(ge=0, le=100)]
    scale: OptInt = None
    channel: Opt = None
    comment: Opt = None


class RelationshipRow(Row):
    """A link between two clients of the bank (the optional ``relationships.csv``): ``employer``
    (client_id employs related_client_id: 代发 staff), ``household``, ``group`` (members of one
    group of companies). Read for referrals (公私联动); never shown across books."""

    client_id: NonEmpty
    related_client_id: NonEmpty
    relation: Literal["employer", "household", "group"]
    role: Opt = None  # the related client's role there (总经理, spouse ...), as the bank has it


# File name -> row model, in load order (parents before children).
FILES: dict[str, type[Row]] = {
    "rms.csv": RMRow,
    "clients.csv": ClientRow,
    "contacts.csv": ContactRow,
    "products.csv": ProductRow,
    "holdings.csv": HoldingRow,
    "balances.csv": BalanceRow,
    "interactions.csv": InteractionRow,
    "complaints.csv": ComplaintRow,
    "surveys.csv": SurveyRow,
    "relationships.csv": RelationshipRow,
}
# Files an extract may leave out (DESIGN §4.3): absent, they are empty.
OPTIONAL_FILES = frozenset({"complaints.csv", "surveys.csv", "relationships.csv"})


def required_columns(model: type[Row]) -> list[str]:
    return [name for name, f in model.model_fields.items() if f.is_required()]
