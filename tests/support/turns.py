"""One turn through the whole core, as a channel would send it: the helper whole-turn tests share."""

from __future__ import annotations

import asyncio

from assistant.core.types import Answer, Turn
from assistant.wiring import Frontline


def ask(fl: Frontline, text: str, rm: str, conversation: str | None = None) -> Answer:
    turn = Turn(text=text, channel="cli", rm_id=rm, conversation_id=conversation)
    return asyncio.run(fl.core.answer(turn))


def plain_rms(fl: Frontline) -> list[str]:
    """The bank's RMs who are neither team leads nor admins: the askers of most whole-turn tests."""
    return [r.rm_id for r in fl.bank.all_rms() if r.role == "rm"]
