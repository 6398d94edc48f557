"""An ASGI app served by uvicorn in a daemon thread on a loopback port: how every fake remote
service (Bot Connector, Slack Web API, OpenAI-compatible model), the widget's test pages and the
API load benchmark run."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import uvicorn


class BackgroundServer:
    """``sock``: an already bound socket (when the URL must be known before the app is built);
    the server closes it on ``stop``. Without one, a random free port."""

    def __init__(self, app: Any, *, name: str = "fake server", sock: socket.socket | None = None):
        self.name = name
        self._sock = sock
        config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan="off")
        self._server = uvicorn.Server(config)
        kwargs = {"sockets": [sock]} if sock is not None else {}
        self._thread = threading.Thread(target=self._server.run, kwargs=kwargs, daemon=True)
        self.port = int(sock.getsockname()[1]) if sock is not None else 0

    def start(self, timeout_s: float = 10.0) -> None:
        self._thread.start()
        deadline = time.monotonic() + timeout_s
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError(f"{self.name} did not start")
            time.sleep(0.01)
        self.port = int(self._server.servers[0].sockets[0].getsockname()[1])

    def stop(self, timeout_s: float = 10.0) -> None:
        self._server.should_exit = True
        if self._thread.is_alive():
            self._thread.join(timeout=timeout_s)
        if self._sock is not None:
            self._sock.close()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@contextmanager
def serving(
    app: Any, sock: socket.socket | None = None, *, start_timeout_s: float = 15.0
) -> Iterator[str]:
    """``app`` served for the duration of the block; yields its base URL."""
    server = BackgroundServer(app, name="uvicorn", sock=sock)
    server.start(start_timeout_s)
    try:
        yield server.url
    finally:
        server.stop()
