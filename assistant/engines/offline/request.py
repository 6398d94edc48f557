"""What every intent handler of the offline engine receives: one turn's context, its slots,
the classified intent, the status emitter, the bank's playbook map and the question read as a
book query (read once per turn, for classifying and for answering)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from assistant.engines.base import Emit, EngineContext, EngineResult
from assistant.engines.offline.book_parse import Parsed
from assistant.engines.offline.slots import Slots
from tools.intelligence.policy import PlaybookMap
from tools.toolbox import Toolbox


@dataclass
class Request:
    ctx: EngineContext
    slots: Slots
    intent: str
    emit: Emit
    playbooks: PlaybookMap
    book: Parsed
    # The risk grade on record of the client a rule question is asked of ("is she eligible for
    # X?"): held to the product's level when the words name no grade themselves.
    grade: str | None = None

    @property
    def tb(self) -> Toolbox:
        return self.ctx.toolbox

    @property
    def lang(self) -> str:
        return self.ctx.language

    @property
    def text(self) -> str:
        """The RM's question, masked."""
        return self.ctx.masked_text


Handler = Callable[[Request], Awaitable[EngineResult]]
