"""Where a brief goes. The core builds it; a sink only delivers it.

The CLI's stdout sink lives here; ``channels.ChannelSink`` delivers to the chat channels (a
Slack DM and App Home view, a Teams proactive message to a saved conversation reference),
and the widget's opening panel reads ``GET /v1/brief`` instead of being pushed to.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from assistant.brief.model import Brief


class BriefSink(Protocol):
    """Delivers one built brief to its RM; raises if it could not (the claim is released)."""

    name: str

    def deliver(self, brief: Brief) -> None: ...


class StdoutSink:
    """Prints each brief for the shell. Writes no log line: the text carries client names,
    and logs keep masked data only."""

    name = "stdout"

    def __init__(self, write: Callable[[str], None]) -> None:
        self._write = write

    def deliver(self, brief: Brief) -> None:
        self._write(f"=== {brief.rm_id} {brief.date.isoformat()} ===")
        self._write(brief.text)
