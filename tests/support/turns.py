"""One turn through the whole core, as a channel would send it: the helper whole-turn tests share."""

from __future__ import annotations

import asyncio

from assistant.core.types import Answer, Turn
from assistant.wiring import Frontline


def ask(fl: Frontline, text: str, rm: str, conversation: str | None = None) -> Answer:
    turn = Turn(text=text, channel="cli", rm_id=rm, conversation_id=conversation)
    return asyncio.run(fl.core.answer(turn))
