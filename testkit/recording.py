"""The real core wrapped to remember every Answer it hands to a channel adapter: tests that
drive Slack, Teams or the API compare what each channel was given."""

from __future__ import annotations

from collections.abc import AsyncIterator

from assistant.core.types import Answer, AnswerEvent, Turn


class Recording:
    """The real core, remembering every Answer it hands to an adapter."""

    def __init__(self, core) -> None:
        self._core = core
        self.answers: list[Answer] = []

    async def stream(self, turn: Turn) -> AsyncIterator:
        async for event in self._core.stream(turn):
            if isinstance(event, AnswerEvent):
                self.answers.append(event.answer)
            yield event

    async def answer(self, turn: Turn) -> Answer:
        answer = await self._core.answer(turn)
        self.answers.append(answer)
        return answer

    def __getattr__(self, name: str):
        return getattr(self._core, name)
