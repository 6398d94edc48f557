"""The data-quality policy file, validated (``tools/policy/data_quality.yaml``)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from tools.intelligence.policy import _parse

DEFAULT_DATA_QUALITY_PATH = Path(__file__).parents[1] / "policy" / "data_quality.yaml"
Segment = Literal["corporate", "retail"]


class Review(BaseModel):
    model_config = ConfigDict(frozen=True)

    column: str
    every_months: int = Field(ge=1, le=120)


class Label(BaseModel):
    model_config = ConfigDict(frozen=True)

    zh: str
    en: str


class DataQualityPolicy(BaseModel):
    model_config = ConfigDict(frozen=True)

    version: str
    required: dict[Segment, tuple[str, ...]] = Field(default_factory=dict)
    primary_contact: tuple[Segment, ...] = ()
    contact_stale_days: int | None = Field(default=None, ge=1, le=3660)
    review: Review | None = None
    labels: dict[str, Label] = Field(default_factory=dict)


def load_data_quality_policy(path: Path | str | None = None) -> DataQualityPolicy:
    """Load and validate the policy; ``ConfigError`` with one line on a bad file."""
    return _parse(DataQualityPolicy, Path(path or DEFAULT_DATA_QUALITY_PATH))
