"""uvicorn's HTTP protocol with a deadline for the request head.

uvicorn times out idle keep-alive connections but not a client that opens a connection and
sends its request line and headers a byte at a time: a few hundred such clients hold every
connection the server has (slowloris). Here each connection must finish its request head within
``deadline_s`` of connecting, or of the previous response; otherwise it is closed. A slow
*body* is the application's to time out (``BodySizeLimitMiddleware`` answers 408).
"""

from __future__ import annotations

import asyncio
from typing import Any

from uvicorn.protocols.http.auto import AutoHTTPProtocol


def protocol_with_read_deadline(deadline_s: float) -> type[asyncio.Protocol]:
    """uvicorn's own protocol class (httptools where installed, else h11) with the deadline."""
    base: Any = AutoHTTPProtocol

    class DeadlineProtocol(base):  # type: ignore[misc,valid-type]
        _head_deadline: asyncio.TimerHandle | None = None

        def connection_made(self, transport: Any) -> None:
            super().connection_made(transport)
            self._arm()

        def on_headers_complete(self) -> None:  # httptools
            self._disarm()
            super().on_headers_complete()

        def handle_events(self) -> None:  # h11: the request head is parsed in here
            super().handle_events()
            if self.cycle is not None and not self.cycle.response_complete:
                self._disarm()

        def on_response_complete(self) -> None:
            super().on_response_complete()
            if not self.transport.is_closing():
                self._arm()

        def connection_lost(self, exc: Exception | None) -> None:
            self._disarm()
            super().connection_lost(exc)

        def _arm(self) -> None:
            self._disarm()
            self._head_deadline = self.loop.call_later(deadline_s, self._expire)

        def _disarm(self) -> None:
            if self._head_deadline is not None:
                self._head_deadline.cancel()
                self._head_deadline = None

        def _expire(self) -> None:
            self._head_deadline = None
            if not self.transport.is_closing():
                self.transport.close()

    return DeadlineProtocol
