"""A client that stalls while sending its request is cut off: the real server (uvicorn with
Frontline's protocol) on a loopback port, raw sockets sending a request head or body slowly."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import uvicorn

from integrations.api import create_app
from integrations.http_protocol import protocol_with_read_deadline
from tests.api.conftest import RM1_TOKEN
from tests.api.fakes import api_core
from tests.conftest import make_settings

TIMEOUT_S = 0.5


@pytest.fixture
async def port(tmp_path: Path) -> AsyncIterator[int]:
    settings = make_settings(
        tmp_path / "home", api_tokens=f"{RM1_TOKEN}:RM001", request_read_timeout_s=TIMEOUT_S
    )
    config = uvicorn.Config(
        create_app(api_core(), settings),
        host="127.0.0.1",
        port=0,
        http=protocol_with_read_deadline(TIMEOUT_S),
        log_level="warning",
        lifespan="off",
    )
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    while not server.started:
        await asyncio.sleep(0.01)
    yield server.servers[0].sockets[0].getsockname()[1]
    server.should_exit = True
    await task


async def _closed_within(reader: asyncio.StreamReader, seconds: float) -> tuple[bytes, float]:
    started = time.monotonic()
    data = await asyncio.wait_for(reader.read(), seconds)  # read() returns at EOF
    return data, time.monotonic() - started


async def test_when_the_request_head_stalls_then_the_connection_is_closed(port: int) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(b"POST /v1/chat HTTP/1.1\r\nHost: x\r\n")  # and never the rest
    await writer.drain()
    data, waited = await _closed_within(reader, TIMEOUT_S * 6)
    assert data == b"" and waited < TIMEOUT_S * 6
    writer.close()


async def test_when_the_body_stalls_then_408_and_the_connection_is_closed(port: int) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(
        b"POST /v1/chat HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        + f"Authorization: Bearer {RM1_TOKEN}\r\nContent-Length: 60000\r\n\r\n".encode()
        + b'{"message": "'
    )
    await writer.drain()
    data, _ = await _closed_within(reader, TIMEOUT_S * 6)
    assert data.startswith(b"HTTP/1.1 408"), data[:80]
    writer.close()


async def test_when_requests_are_prompt_then_keep_alive_still_serves_several(port: int) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    for _ in range(3):
        writer.write(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        await writer.drain()
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 2)
        assert head.startswith(b"HTTP/1.1 200")
        length = int(head.lower().split(b"content-length: ")[1].split(b"\r\n")[0])
        await reader.readexactly(length)
        await asyncio.sleep(TIMEOUT_S / 2)
    writer.close()
