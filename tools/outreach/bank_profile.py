"""The bank profile: how the bank is named in outreach and what its SMS must carry.

Drafts used to say "前线银行" whatever bank ran Frontline. The name, the SMS signature and the
opt-out wording are the bank's, in ``tools/policy/bank.yaml`` or the file
``FRONTLINE_BANK_PROFILE`` points at; templates refer to them as ``{bank}``, ``{sms_signature}``
and ``{sms_opt_out}``.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from assistant.errors import ConfigError
from tools.compliance.models import DisclosurePolicy

DEFAULT_PROFILE = Path(__file__).resolve().parent.parent / "policy" / "bank.yaml"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SmsWording(_Strict):
    signature: str = Field(min_length=1)
    opt_out: str = Field(min_length=1)


class ElderlyRule(_Strict):
    """The bank's extra care for older clients buying riskier products (its suitability
    playbook states the rule; this says when it applies)."""

    age: int = Field(ge=50, le=100)
    product_risk_at_least: str = Field(pattern=r"^R[1-5]$")


class BankProfile(_Strict):
    name: dict[str, str]
    sms: dict[str, SmsWording]
    # Risk disclosures by product category, in the bank's conduct playbook's words.
    disclosures: DisclosurePolicy | None = None
    # Where the bank's RMs record a visit or a call ("CRM 系统 › 客户拜访"), by language:
    # named when Frontline says it cannot record one.
    records_in: dict[str, str] = Field(default_factory=dict)
    # Older clients: from what age, for products of what risk, the playbook's extra rule applies.
    elderly: ElderlyRule | None = None

    def slots(self, language: str) -> dict[str, str]:
        """Template placeholders for ``language``."""
        return {
            "bank": self.name[language],
            "sms_signature": self.sms[language].signature,
            "sms_opt_out": self.sms[language].opt_out,
        }


def load_bank_profile(path: Path | str | None = None) -> BankProfile:
    """The validated profile; a broken file is a ConfigError naming the file and the field."""
    source = Path(path or DEFAULT_PROFILE)
    try:
        raw = yaml.safe_load(source.read_text(encoding="utf-8"))
        profile = BankProfile.model_validate(raw)
    except OSError as exc:
        raise ConfigError(f"bank profile {source}: cannot read ({exc.strerror})") from exc
    except yaml.YAMLError as exc:
        raise ConfigError(f"bank profile {source}: not valid YAML") from exc
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ConfigError(f"bank profile {source}: {where}: {first['msg']}") from exc
    for language in ("zh", "en"):
        if language not in profile.name or language not in profile.sms:
            raise ConfigError(f"bank profile {source}: name and sms need a {language!r} entry")
    return profile
