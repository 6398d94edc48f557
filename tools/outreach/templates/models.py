"""Typed templates. Copy is written once per purpose and language; a channel frame says how a
channel wraps it; a :class:`Template` is one channel × purpose × language combination."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from tools.outreach.models import Channel, Purpose

Alternatives = list[str]  # the first renderable alternative wins


class Objection(BaseModel):
    model_config = ConfigDict(frozen=True)

    concern: str
    response: str


class CallCopy(BaseModel):
    model_config = ConfigDict(frozen=True)

    opening: Alternatives
    discovery: list[str]
    key_points: list[str]
    objections: list[Objection]
    close: Alternatives


class PurposeCopy(BaseModel):
    """What to say for one purpose in one language, in each length a channel needs."""

    model_config = ConfigDict(frozen=True)

    subject: Alternatives
    message: Alternatives
    detail: Alternatives = Field(default_factory=list)
    cta: Alternatives
    sms: Alternatives
    call: CallCopy


class ChannelFrame(BaseModel):
    model_config = ConfigDict(frozen=True)

    greeting: Alternatives
    closing: Alternatives = Field(default_factory=list)
    signature: Alternatives | str = ""
    opt_out: str = ""
    headings: dict[str, str] = Field(default_factory=dict)


class Template(BaseModel):
    model_config = ConfigDict(frozen=True)

    channel: Channel
    purpose: Purpose
    language: Literal["zh", "en"]
    copy_: PurposeCopy = Field(alias="copy")
    frame: ChannelFrame

    @property
    def id(self) -> str:
        return f"{self.channel.value}.{self.purpose.value}.{self.language}"
