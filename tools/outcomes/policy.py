"""The outcome policy (``tools/policy/outcomes.yaml``): the reasons an RM may put an action
off and for how long, how an action's occurrence is dated in its key, and the words of the
chat phrases that mark an action."""

from __future__ import annotations

import re
from functools import cached_property
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from tools.intelligence.policy import _parse
from tools.notes.policy import Words

DEFAULT_OUTCOME_POLICY_PATH = Path(__file__).parents[1] / "policy" / "outcomes.yaml"

PeriodRule = Literal["event_date", "detected_on", "due_date", "quarter"]


class Reason(BaseModel):
    model_config = ConfigDict(frozen=True)

    zh: str = Field(min_length=1)
    en: str = Field(min_length=1)
    hide_days: int = Field(ge=1, le=366)
    words: Words = Words()

    def label(self, language: str) -> str:
        return self.zh if language == "zh" else self.en


class OutcomePolicy(BaseModel):
    model_config = ConfigDict(frozen=True, ignored_types=(cached_property,))

    version: str
    reasons: dict[str, Reason] = Field(min_length=1)
    periods: dict[str, PeriodRule] = Field(default_factory=dict)
    default_period: PeriodRule = "quarter"
    done_words: Words
    not_now_words: Words
    undo_words: Words
    kind_words: dict[str, Words] = Field(default_factory=dict)
    team_window_days: int = Field(default=7, ge=1, le=92)

    @model_validator(mode="after")
    def _codes(self) -> OutcomePolicy:
        bad = [c for c in self.reasons if not re.fullmatch(r"[a-z][a-z0-9_]{0,31}", c)]
        if bad:
            raise ValueError(f"reason codes must be lower_snake_case (≤ 32 chars): {bad}")
        return self

    def period_rule(self, kind: str) -> PeriodRule:
        return self.periods.get(kind, self.default_period)

    def reason(self, code: str | None) -> Reason | None:
        return self.reasons.get(code or "")

    @cached_property
    def done_re(self) -> re.Pattern[str]:
        return re.compile(self.done_words.pattern(), re.I)

    @cached_property
    def not_now_re(self) -> re.Pattern[str]:
        return re.compile(self.not_now_words.pattern(), re.I)

    @cached_property
    def undo_re(self) -> re.Pattern[str]:
        return re.compile(self.undo_words.pattern(), re.I)

    @cached_property
    def reason_res(self) -> list[tuple[str, re.Pattern[str]]]:
        return [(code, re.compile(r.words.pattern(), re.I)) for code, r in self.reasons.items()]

    @cached_property
    def kind_res(self) -> list[tuple[str, re.Pattern[str]]]:
        return [(kind, re.compile(w.pattern(), re.I)) for kind, w in self.kind_words.items()]

    def reason_in(self, text: str) -> str | None:
        """The reason code whose words ``text`` uses (the first listed wins), or a code or
        label written as such ("client_declined", "客户已明确拒绝")."""
        said = text.strip().lower()
        for code, reason in self.reasons.items():
            if said in (code, reason.zh.lower(), reason.en.lower()):
                return code
        return next((code for code, rx in self.reason_res if rx.search(text)), None)

    def kinds_in(self, text: str) -> set[str]:
        return {kind for kind, rx in self.kind_res if rx.search(text)}


def load_outcome_policy(path: Path | str | None = None) -> OutcomePolicy:
    """Load and validate the outcome policy; ``ConfigError`` with one line on a bad file."""
    return _parse(OutcomePolicy, Path(path or DEFAULT_OUTCOME_POLICY_PATH))
