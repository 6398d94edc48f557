"""Request limits and the middleware that enforces the body-size limit."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from integrations.api.errors import send_error

_BODYLESS_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "DELETE"})


@dataclass(frozen=True)
class ApiLimits:
    """Limits of the HTTP edge. Defaults follow the API's documented contract."""

    max_body_bytes: int = 64 * 1024
    max_message_chars: int = 4_000
    rate_per_minute: float = 30
    rate_burst: int = 10
    readiness_timeout_s: float = 5.0
    sse_ping_s: float = 15.0


class BodySizeLimitMiddleware:
    """Reject request bodies over ``max_bytes`` with 413, and bodies that stall with 408.

    The body is counted as it is read, so a missing or understated Content-Length (chunked
    uploads) cannot slip past; an overstated one is refused before reading anything. The
    buffered body is replayed to the application, then ``receive`` is handed back so that
    streaming responses still see the client's disconnect. A client that declares a body and
    then sends nothing for ``read_timeout_s`` gets 408 and its connection back: a few hundred
    such clients would otherwise hold the server's connections open forever.
    """

    def __init__(self, app: ASGIApp, max_bytes: int, read_timeout_s: float = 10.0) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.read_timeout_s = read_timeout_s

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in _BODYLESS_METHODS:
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared == -1:
            await send_error(
                send, 400, "bad_content_length", "Content-Length is not a valid number."
            )
            return
        if declared is not None and declared > self.max_bytes:
            await self._too_large(send)
            return
        body = bytearray()
        while True:
            try:
                message = await asyncio.wait_for(receive(), self.read_timeout_s)
            except TimeoutError:
                await send_error(
                    send,
                    408,
                    "request_timeout",
                    "The request body arrived too slowly.",
                    headers=[(b"connection", b"close")],
                )
                return
            if message["type"] == "http.disconnect":
                return
            body += message.get("body", b"")
            if len(body) > self.max_bytes:
                await self._too_large(send)
                return
            if not message.get("more_body", False):
                break
        await self.app(scope, _replay(bytes(body), receive), send)

    async def _too_large(self, send: Send) -> None:
        await send_error(
            send, 413, "payload_too_large", f"The request body exceeds {self.max_bytes} bytes."
        )


def _content_length(scope: Scope) -> int | None:
    """The declared length, None when absent, -1 when malformed."""
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                length = int(value)
            except ValueError:
                return -1
            return length if length >= 0 else -1
    return None


def _replay(body: bytes, receive: Receive) -> Receive:
    delivered = False

    async def replay() -> Message:
        nonlocal delivered
        if not delivered:
            delivered = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay
