"""Core events -> server-sent events: ``status``, ``delta``, a final ``answer``, or ``error``."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator

from sse_starlette import ServerSentEvent

from assistant.core.types import AnswerEvent, AssistantCore, DeltaEvent, StatusEvent, Turn
from integrations.api.errors import describe_failure, error_payload
from integrations.api.metrics import ApiMetrics


def _sse(event: str, data: object) -> ServerSentEvent:
    return ServerSentEvent(data=json.dumps(data, ensure_ascii=False), event=event)


async def sse_events(
    core: AssistantCore, turn: Turn, metrics: ApiMetrics
) -> AsyncIterator[ServerSentEvent]:
    """Relay one turn's events. A failure mid-stream becomes an ``error`` event with a stable
    code (detail logged server-side); a stream that ends without an answer is an error too."""
    started = time.perf_counter()
    first = True
    try:
        async for event in core.stream(turn):
            if first:
                metrics.first_event.observe(time.perf_counter() - started)
                first = False
            if isinstance(event, AnswerEvent):
                metrics.record_answer(event.answer, turn.channel)
                yield ServerSentEvent(data=event.answer.model_dump_json(), event="answer")
                return
            if isinstance(event, StatusEvent | DeltaEvent):
                yield _sse(event.type, {"text": event.text})
        metrics.errors.labels(code="no_answer").inc()
        yield _sse("error", error_payload("no_answer", "The answer ended before it was complete."))
    except asyncio.CancelledError:
        raise  # the client went away; nothing to tell it
    except Exception as exc:
        _, code, message = describe_failure(exc)
        metrics.errors.labels(code=code).inc()
        yield _sse("error", error_payload(code, message))
