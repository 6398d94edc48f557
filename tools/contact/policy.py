"""The contact policy's file, validated: caps, quiet hours, the channel map, service purposes."""

from __future__ import annotations

from datetime import time
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from tools.intelligence.policy import _parse

DEFAULT_CONTACT_POLICY_PATH = Path(__file__).parents[1] / "policy" / "contact.yaml"
DraftChannel = Literal["sms", "wechat", "email", "call"]
CHANNELS: tuple[DraftChannel, ...] = ("sms", "wechat", "email", "call")


class Window(BaseModel):
    """Quiet hours from ``start`` to ``end``; an end before the start runs past midnight."""

    model_config = ConfigDict(frozen=True, populate_by_name=True)

    start: time = Field(alias="from")
    end: time = Field(alias="to")

    @model_validator(mode="after")
    def _not_empty(self) -> Window:
        if self.start == self.end:
            raise ValueError(f"a quiet-hours window from {self.start} to itself is empty")
        return self

    def holds(self, at: time) -> bool:
        if self.start < self.end:
            return self.start <= at < self.end
        return at >= self.start or at < self.end

    def said(self) -> str:
        return f"{self.start:%H:%M}–{self.end:%H:%M}"


class QuietHours(BaseModel):
    model_config = ConfigDict(frozen=True)

    working_day: tuple[Window, ...] = ()
    rest_day: tuple[Window, ...] = ()


class ContactPolicy(BaseModel):
    model_config = ConfigDict(frozen=True)

    version: str
    playbook: str | None = None
    service_purposes: frozenset[str]
    channels: dict[DraftChannel, tuple[str, ...]]
    monthly_caps: dict[DraftChannel, int] = Field(default_factory=dict)
    # Contacts per client per activity (活动: one event or offer), every channel together; None:
    # no such cap.
    activity_cap: int | None = Field(default=None, ge=1)
    quiet_hours: QuietHours = QuietHours()
    same_day: bool = True
    # An open complaint (complaints.csv) pauses marketing; statuses that mean it is closed.
    complaint_pause: bool = True
    closed_statuses: frozenset[str] = frozenset(
        {"closed", "resolved", "done", "已结案", "已办结", "已解决", "已关闭", "结案", "办结"}
    )

    @field_validator("monthly_caps")
    @classmethod
    def _positive(cls, caps: dict[str, int]) -> dict[str, int]:
        bad = sorted(k for k, v in caps.items() if v < 1)
        if bad:
            raise ValueError(
                f"monthly caps must be at least 1 (a channel not listed has none): {bad}"
            )
        return caps

    def is_marketing(self, purpose: str) -> bool:
        return purpose not in self.service_purposes

    def is_open(self, status: str) -> bool:
        return status.strip().lower() not in {s.lower() for s in self.closed_statuses}

    def counts_as(self, channel: str) -> tuple[str, ...]:
        """The interactions.csv channel values that are a contact on the draft ``channel``."""
        return self.channels.get(channel, ())  # type: ignore[call-overload]


def load_contact_policy(path: Path | str | None = None) -> ContactPolicy:
    """Load and validate the contact policy; ``ConfigError`` with one line on a bad file."""
    return _parse(ContactPolicy, Path(path or DEFAULT_CONTACT_POLICY_PATH))
