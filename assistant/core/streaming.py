"""Restore streamed text safely: only whole lines leave, so a token is never split."""

from __future__ import annotations

from collections.abc import Callable, Iterator


class LineRestorer:
    def __init__(self, restore: Callable[[str], tuple[str, list[str]]]) -> None:
        self._restore = restore
        self._buffer = ""
        self.sent = ""  # restored text already emitted

    def feed(self, masked: str) -> Iterator[str]:
        self._buffer += masked
        while "\n" in self._buffer:
            line, self._buffer = self._buffer.split("\n", 1)
            safe = self._restore(line + "\n")[0]
            self.sent += safe
            yield safe

    def reset(self) -> None:
        self._buffer = ""

    def feed_final(self, restored_full: str) -> Iterator[str]:
        """Emit whatever of the final restored text the client has not seen, line by line
        (the offline engine streams everything here; the LLM engine only its tail)."""
        rest = (
            restored_full[len(self.sent) :]
            if restored_full.startswith(self.sent)
            else restored_full
        )
        self._buffer = ""
        for line in rest.splitlines(keepends=True):
            self.sent += line
            yield line
