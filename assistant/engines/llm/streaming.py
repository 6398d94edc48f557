"""Which of the model's tokens may be streamed to the RM, and when.

Text is held back until it is clearly a usable answer: not the text of a tool-calling
message, not JSON or a code block, and — once playbook passages were retrieved — citing one
of them — and never once it starts repeating the system prompt. What is held back is never
lost: the core emits the final text's unseen tail.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from langchain_core.messages import AIMessage, AIMessageChunk

from assistant.engines.llm.outcome import cited, recites_prompt

_OPENING = re.compile(r"^(```|\{|\[(?!\d{1,3}\]))")
_MIN_CHARS = 12


class StreamGate:
    def __init__(self, citation_numbers: Callable[[], set[int]], system_prompt: str = "") -> None:
        self._numbers = citation_numbers
        self._prompt = system_prompt
        self._shown = ""
        self._message_id: str | None = None
        self._buffer = ""
        self._open = False
        self._held = False  # this message will not stream; its text arrives with the answer

    def feed(self, chunk: AIMessage) -> str:
        """The part of ``chunk`` that may go to the RM now (often "")."""
        if chunk.id != self._message_id:
            self._message_id, self._buffer, self._open, self._held = chunk.id, "", False, False
            self._shown = ""
        calls = chunk.tool_call_chunks if isinstance(chunk, AIMessageChunk) else chunk.tool_calls
        if calls or self._held:
            self._held = True
            return ""
        text = chunk.text if isinstance(chunk.content, list) else str(chunk.content)
        if self._open:
            return self._show(text)
        self._buffer += text
        return self._show(self._try_open())

    def _show(self, text: str) -> str:
        if not text or not self._prompt:
            return text
        if recites_prompt(self._shown + text, self._prompt, min_rules=1):
            self._held = True
            return ""
        self._shown += text
        return text

    def _try_open(self) -> str:
        head = self._buffer.lstrip()
        if not head:
            return ""
        if _OPENING.match(head):
            self._held = True
            return ""
        if len(head) < _MIN_CHARS and "\n" not in head:
            return ""
        numbers = self._numbers()
        if numbers and not cited(head, numbers):
            return ""
        self._open = True
        return head
