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


class Style(BaseModel):
    """How one register or length changes a channel's frame and copy ("shorter", "more
    formal", "more casual"): the pieces it rewords and the pieces it leaves out. Wording lives
    in ``frames.yaml``; a piece not named keeps the template's own."""

    model_config = ConfigDict(frozen=True)

    greeting: Alternatives | None = None
    closing: Alternatives | None = None
    signature: Alternatives | str | None = None
    cta: Alternatives | None = None
    omit: list[Literal["detail", "cta", "closing", "discovery", "objections"]] = Field(
        default_factory=list
    )


class ChannelFrame(BaseModel):
    model_config = ConfigDict(frozen=True)

    greeting: Alternatives
    closing: Alternatives = Field(default_factory=list)
    signature: Alternatives | str = ""
    opt_out: str = ""
    headings: dict[str, str] = Field(default_factory=dict)
    styles: dict[str, Style] = Field(default_factory=dict)


class Template(BaseModel):
    model_config = ConfigDict(frozen=True)

    channel: Channel
    purpose: Purpose
    language: Literal["zh", "en"]
    copy_: PurposeCopy = Field(alias="copy")
    frame: ChannelFrame

    facts: dict[str, Alternatives] = Field(default_factory=dict)  # lines an RM can ask to add

    @property
    def id(self) -> str:
        return f"{self.channel.value}.{self.purpose.value}.{self.language}"

    def styled(self, style: str) -> Template:
        """This template in a register or length the channel's frame defines; unchanged for
        the standard style or one the channel does not define."""
        s = self.frame.styles.get(style)
        if s is None:
            return self
        frame = {k: v for k, v in (("greeting", s.greeting), ("closing", s.closing),
                                    ("signature", s.signature)) if v is not None}  # fmt: skip
        copy: dict = {"cta": s.cta} if s.cta is not None else {}
        if "closing" in s.omit:
            frame["closing"] = []
        if "detail" in s.omit:
            copy["detail"] = []
        if "cta" in s.omit:
            copy["cta"] = []
        call: dict[str, list] = {k: [] for k in ("discovery", "objections") if k in s.omit}
        if call:
            copy["call"] = self.copy_.call.model_copy(update=call)
        return self.model_copy(
            update={
                "frame": self.frame.model_copy(update=frame),
                "copy_": self.copy_.model_copy(update=copy),
            }
        )
