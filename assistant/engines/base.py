"""What an engine receives and returns. Both engines work on masked text only."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Protocol

from assistant.core.types import ActionItem, ClientCard, DeltaEvent, StatusEvent
from tools.toolbox import Toolbox

Emit = Callable[[StatusEvent | DeltaEvent], Awaitable[None]]


@dataclass
class EngineContext:
    toolbox: Toolbox
    masked_text: str
    language: str
    state: dict  # slots carried from earlier turns of this conversation (e.g. last_client_ids)
    history: list[tuple[str, str]] = field(default_factory=list)  # (masked question, masked answer)


@dataclass
class EngineResult:
    text: str  # masked
    intent: str
    cards: list[ClientCard] = field(default_factory=list)
    actions: list[ActionItem] = field(default_factory=list)
    refused: bool = False
    refusal_reason: str | None = None
    flags: list[str] = field(default_factory=list)
    state: dict = field(default_factory=dict)

    def with_state(self, state: dict) -> EngineResult:
        """Carry slots (e.g. the client) to the next turn; the engine's own state wins."""
        self.state = {**state, **self.state}
        return self


class Engine(Protocol):
    name: str

    async def run(self, ctx: EngineContext, emit: Emit) -> EngineResult: ...
