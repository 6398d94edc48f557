"""Bounded loopback load test of the HTTP API.

Measures ``POST /v1/chat`` at 1, 8 and 32 concurrent callers (requests/s, p50/p95/p99) and the
time to the first server-sent event on ``POST /v1/chat/stream``. Every level sends a fixed
number of requests and the whole run stops at a hard time cap.

    python benchmarks/api_load.py                       # in-process uvicorn, the real core
    python benchmarks/api_load.py --core echo           # in-process, a trivial core: edge overhead only
    python benchmarks/api_load.py --url http://127.0.0.1:8000 --token TOKEN   # a running `frontline serve`

Against a running server the server's own rate limit (30/min, burst 10 per caller by default)
applies; 429s are counted separately and not included in the latency figures.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import secrets
import sys
import time
from dataclasses import dataclass, field
from typing import Any

import httpx

from testkit.servers import serving

QUESTION = "战略客户的服务标准是什么？"


# --- the app under test: the one place that knows how the real core is wired ------------
def build_real_app(rm_id: str) -> tuple[Any, str]:
    """The API app around the real core, and a fresh token for ``rm_id``.

    If ``assistant.wiring`` changes how the core is reached, adjust this function only.
    """
    from assistant.config import get_settings
    from assistant.wiring import Frontline

    token = "bench-" + secrets.token_hex(8)
    settings = get_settings().model_copy(update={"api_tokens": {token: rm_id}})
    core = Frontline(settings).core
    return _app(core, settings), token


def build_echo_app(rm_id: str) -> tuple[Any, str]:
    """The API app around a core that answers instantly: measures the HTTP edge alone."""
    from assistant.config import load_settings

    token = "bench-" + secrets.token_hex(8)
    from testkit.fake_core import FakeCore

    core = FakeCore(script=echo)
    return _app(core, load_settings(_env_file=None, api_tokens={token: rm_id})), token


def _app(core: Any, settings: Any) -> Any:
    from integrations.api import ApiLimits, create_app

    # The benchmark measures throughput, not the per-caller limiter.
    return create_app(core, settings, limits=ApiLimits(rate_per_minute=10**9, rate_burst=10**9))


def echo(turn: Any) -> Any:
    """The trivial core's whole answer: the question back."""
    from assistant.core.types import Answer

    return Answer(
        conversation_id="",
        turn_id=turn.turn_id,
        text=turn.text,
        language="zh",
        engine="offline",
        intent="help",
    )


# --- measuring --------------------------------------------------------------------------
@dataclass
class Level:
    name: str
    concurrency: int
    latencies: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    failures: int = 0
    wall_s: float = 0.0
    first_error: str = ""

    def line(self) -> str:
        ok = len(self.latencies)
        rps = ok / self.wall_s if self.wall_s else 0.0
        p50, p95, p99 = (percentile(self.latencies, q) * 1000 for q in (50, 95, 99))
        other = {s: n for s, n in self.statuses.items() if s != 200}
        extra = f"  non-200 {other}" if other else ""
        extra += f"  failed {self.failures}" if self.failures else ""
        extra += f"\n    first error: {self.first_error}" if self.first_error else ""
        return (
            f"{self.name:<22} c={self.concurrency:<3} ok={ok:<5} {rps:8.1f} req/s  "
            f"p50 {p50:8.1f} ms  p95 {p95:8.1f} ms  p99 {p99:8.1f} ms{extra}"
        )


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = math.ceil(q / 100 * len(ordered))  # nearest-rank
    return ordered[min(len(ordered), max(rank, 1)) - 1]


async def run_level(
    client: httpx.AsyncClient, level: Level, requests: int, deadline: float, call: Any
) -> Level:
    remaining = iter(range(requests))

    async def worker() -> None:
        for _ in remaining:
            if time.monotonic() > deadline:
                return
            started = time.perf_counter()
            try:
                status, error = await call(client)
            except httpx.HTTPError as exc:
                level.failures += 1
                level.first_error = level.first_error or repr(exc)
                continue
            level.first_error = level.first_error or error
            level.statuses[status] = level.statuses.get(status, 0) + 1
            if status == 200:
                level.latencies.append(time.perf_counter() - started)

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(level.concurrency)))
    level.wall_s = time.perf_counter() - started
    return level


def chat_call(question: str) -> Any:
    async def call(client: httpx.AsyncClient) -> tuple[int, str]:
        response = await client.post("/v1/chat", json={"message": question})
        return response.status_code, "" if response.status_code == 200 else response.text[:300]

    return call


def first_event_call(question: str) -> Any:
    """Time-to-first-event: the status is 200 once an ``event:`` line has arrived (an ``error``
    event counts as an arrival but is reported)."""

    async def call(client: httpx.AsyncClient) -> tuple[int, str]:
        async with client.stream("POST", "/v1/chat/stream", json={"message": question}) as response:
            if response.status_code != 200:
                return response.status_code, (await response.aread()).decode()[:300]
            lines = response.aiter_lines()
            async for line in lines:
                if line.startswith("event:"):
                    data = await anext(lines, "") if line == "event: error" else ""
                    return 200, data
        return 599, "the stream ended without an event"

    return call


async def benchmark(url: str, token: str, args: argparse.Namespace) -> list[Level]:
    deadline = time.monotonic() + args.time_cap
    headers = {"Authorization": f"Bearer {token}"}
    limits = httpx.Limits(max_connections=max(args.levels) + 4)
    levels: list[Level] = []
    async with httpx.AsyncClient(
        base_url=url, headers=headers, timeout=args.timeout, limits=limits
    ) as client:
        await client.post("/v1/chat", json={"message": args.question})  # warm-up: lazy loads
        for concurrency in args.levels:
            level = Level("POST /v1/chat", concurrency)
            levels.append(
                await run_level(client, level, args.requests, deadline, chat_call(args.question))
            )
            print(level.line(), flush=True)
        level = Level("stream first event", 1)
        levels.append(
            await run_level(
                client, level, args.stream_requests, deadline, first_event_call(args.question)
            )
        )
        print(level.line(), flush=True)
    if time.monotonic() > deadline:
        print(
            f"time cap of {args.time_cap:.0f} s reached: later levels are partial", file=sys.stderr
        )
    return levels


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="a running server (default: start one in-process)")
    parser.add_argument("--token", help="bearer token for --url")
    parser.add_argument("--core", choices=["real", "echo"], default="real", help="in-process core")
    parser.add_argument("--rm", default="RM001", help="RM id of the in-process token")
    parser.add_argument("--requests", type=int, default=64, help="requests per concurrency level")
    parser.add_argument("--stream-requests", type=int, default=20)
    parser.add_argument(
        "--levels", type=lambda s: [int(x) for x in s.split(",")], default=[1, 8, 32]
    )
    parser.add_argument(
        "--time-cap", type=float, default=180.0, help="hard cap for the whole run, s"
    )
    parser.add_argument("--timeout", type=float, default=60.0, help="per-request timeout, s")
    parser.add_argument("--question", default=QUESTION)
    args = parser.parse_args(argv)
    if args.url and not args.token:
        parser.error("--url needs --token")
    return args


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    cap = args.time_cap + args.timeout + 5  # in-flight requests may finish after the cap
    if args.url:
        asyncio.run(asyncio.wait_for(benchmark(args.url.rstrip("/"), args.token, args), cap))
        return
    # Client and server share one interpreter here: hand the GIL over faster than the 5 ms
    # default, or every request/response ping-pong waits on the switch interval.
    sys.setswitchinterval(0.0005)
    build = build_real_app if args.core == "real" else build_echo_app
    app, token = build(args.rm)
    with serving(app, start_timeout_s=120) as url:  # the real core may load models first
        print(f"in-process server at {url} ({args.core} core)", flush=True)
        asyncio.run(asyncio.wait_for(benchmark(url, token, args), cap))


if __name__ == "__main__":
    main()
