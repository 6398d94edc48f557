"""The referral policy file, validated (``tools/policy/referrals.yaml``): where a referral may
go, the receiver's deadline in working days, and who hears when first contact is late."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from tools.intelligence.policy import _parse

DEFAULT_REFERRAL_PATH = Path(__file__).parents[1] / "policy" / "referrals.yaml"


class Label(BaseModel):
    model_config = ConfigDict(frozen=True)

    zh: str
    en: str


class Target(BaseModel):
    """A receiving side: what RMs call it, and the teams whose RMs receive its referrals."""

    model_config = ConfigDict(frozen=True)

    label: Label
    words: tuple[str, ...] = Field(min_length=1)
    teams: tuple[str, ...] = Field(min_length=1)
    same_branch_first: bool = True

    @field_validator("words")
    @classmethod
    def _no_blank(cls, words: tuple[str, ...]) -> tuple[str, ...]:
        if any(not w.strip() for w in words):
            raise ValueError("a blank word")
        return words


class ReferralPolicy(BaseModel):
    model_config = ConfigDict(frozen=True)

    version: str
    playbook: str | None = None  # the playbook a referral's answer cites (None: none)
    deadline_working_days: int = Field(ge=1, le=60)
    escalate_to: Literal["team_lead"] = "team_lead"
    targets: dict[str, Target] = Field(min_length=1)
    consent_ways: tuple[str, ...] = ("verbal", "written", "app")

    @model_validator(mode="after")
    def _words_name_one_target(self) -> ReferralPolicy:
        seen: dict[str, str] = {}
        for key, target in self.targets.items():
            for word in target.words:
                folded = word.casefold()
                if seen.get(folded, key) != key:
                    raise ValueError(f"'{word}' names both {seen[folded]} and {key}")
                seen[folded] = key
        return self

    def target_in(self, text: str) -> str | None:
        """The target the text names (its longest word wins: "私人银行" over "银行"); None."""
        best: tuple[int, str] | None = None
        for key, target in self.targets.items():
            for word in target.words:
                if _said(word, text) and (best is None or len(word) > best[0]):
                    best = (len(word), key)
        return best[1] if best else None

    def label(self, key: str, language: str) -> str:
        target = self.targets[key]
        return target.label.en if language == "en" else target.label.zh


def _said(word: str, text: str) -> bool:
    if word.isascii():  # "PB", "retail": a whole word, any case
        return re.search(rf"(?<![A-Za-z]){re.escape(word)}(?![A-Za-z])", text, re.I) is not None
    return word in text


def load_referral_policy(path: Path | str | None = None) -> ReferralPolicy:
    """Load and validate the policy; ``ConfigError`` with one line on a bad file."""
    return _parse(ReferralPolicy, Path(path or DEFAULT_REFERRAL_PATH))
