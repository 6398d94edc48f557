"""The bank-editable meeting-prep policy (``tools/policy/prep.yaml``)."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from assistant.errors import ConfigError

DEFAULT_PREP_POLICY_PATH = Path(__file__).resolve().parent.parent / "policy" / "prep.yaml"


class Questions(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    zh: tuple[str, ...] = Field(min_length=1)
    en: tuple[str, ...] = Field(min_length=1)


class PrepPolicy(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    version: str
    notes: int = Field(default=3, ge=1, le=10)
    note_lines: int = Field(default=2, ge=1, le=5)
    note_line_chars: int = Field(default=60, ge=20, le=200)
    agenda: int = Field(default=3, ge=1, le=10)
    questions_per_item: int = Field(default=2, ge=1, le=5)
    maturity_horizon_days: int = Field(default=90, ge=1, le=366)
    link_ttl_days: int = Field(default=14, ge=1, le=90)
    questions: dict[str, Questions]

    def questions_for(self, *kinds: str | None, language: str) -> tuple[str, ...]:
        """The questions of the first of ``kinds`` the bank wrote some for, else the default."""
        for kind in (*kinds, "default"):
            if kind and kind in self.questions:
                found = self.questions[kind]
                return (found.zh if language == "zh" else found.en)[: self.questions_per_item]
        return ()


def load_prep_policy(path: Path | str | None = None) -> PrepPolicy:
    """Load and validate the policy; a bad file is a one-line ``ConfigError``."""
    from tools.intelligence.policy import _one_line, _read_yaml

    source = Path(path or DEFAULT_PREP_POLICY_PATH)
    try:
        return PrepPolicy.model_validate(_read_yaml(source))
    except ValidationError as exc:
        raise ConfigError(_one_line(source, exc)) from None
