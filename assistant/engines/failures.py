"""A tool that fails mid-turn ends the turn in one clear sentence, never in a traceback.

Both the offline engine (which knows the intent it was answering) and the core (the last line,
for whatever escapes an engine) use this. The sentence names the step, not the error: tool
messages are for the log, not for a chat channel.
"""

from __future__ import annotations

import logging

from assistant.engines.base import EngineResult
from assistant.engines.offline.phrases import t
from tools.toolbox import Toolbox

log = logging.getLogger("frontline.engine")
TOOL_ERROR_FLAG = "engine:tool_error"


def tool_failure(toolbox: Toolbox, intent: str, language: str, exc: Exception) -> EngineResult:
    """The answer for a turn a tool could not complete; the detail goes to the server log."""
    failed = next((c.name for c in reversed(toolbox.calls) if not c.ok), "tool")
    log.warning(
        "tool %s failed (%s: %s); the turn ends in a notice", failed, type(exc).__name__, exc
    )
    return EngineResult(
        t("tool_failed", language).format(tool=failed), intent, flags=[TOOL_ERROR_FLAG]
    )
