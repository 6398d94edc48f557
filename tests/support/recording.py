"""A local HTTP server on a random loopback port that records every request and lets the test
decide each reply: the base of the fake Slack Web API and the fake Bot Connector, so a test can
assert on the exact bodies that left the process."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from testkit.servers import BackgroundServer


@dataclass
class Recorded:
    method: str
    path: str
    headers: dict[str, str]
    body: Any  # parsed JSON, parsed form, or text
    query: dict[str, str] = field(default_factory=dict)  # files_upload_v2 sends its arguments here


Responder = Callable[[Recorded], tuple[int, Any]]


class RecordingServer:
    """A Starlette app under uvicorn in a thread; ``responder`` decides each reply."""

    def __init__(self, responder: Responder) -> None:
        self.responder = responder
        self.requests: list[Recorded] = []
        self._lock = threading.Lock()
        app = Starlette(
            routes=[Route("/{path:path}", self._handle, methods=["GET", "POST", "PUT", "DELETE"])]
        )
        self._server = BackgroundServer(app)

    async def _handle(self, request: Request) -> Response:
        raw = (await request.body()).decode("utf-8", "replace")
        content_type = request.headers.get("content-type", "")
        body: Any = raw
        if "json" in content_type and raw:
            body = json.loads(raw)
        elif "form" in content_type:
            body = dict(parse_qsl(raw))
        record = Recorded(
            request.method,
            request.url.path,
            dict(request.headers),
            body,
            dict(request.query_params),
        )
        with self._lock:
            self.requests.append(record)
        status, payload = self.responder(record)
        if isinstance(payload, str):
            return Response(payload, status_code=status)
        return JSONResponse(payload, status_code=status)

    def start(self) -> RecordingServer:
        self._server.start()
        return self

    def stop(self) -> None:
        self._server.stop()

    @property
    def url(self) -> str:
        return self._server.url

    def snapshot(self) -> list[Recorded]:
        with self._lock:
            return list(self.requests)


async def wait_for(predicate: Callable[[], object], timeout: float = 10.0) -> None:
    """Poll until the background work the adapter started has produced what we expect."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting for the adapter")
        await asyncio.sleep(0.02)
