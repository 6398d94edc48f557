"""Where a brief goes. The core builds it; a sink only delivers it.

This step ships the CLI's stdout sink. Channel sinks come next and plug in here: a Slack DM
and App Home view (Block Kit rendering in ``integrations/slack``), a Teams proactive message
(a saved conversation reference per RM), the widget's opening panel (which reads
``GET /v1/brief`` instead of being pushed to). Each is a class with ``name`` and ``deliver``.
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
