"""Bounded loopback load against one and two ``frontline serve`` replicas sharing PostgreSQL,
Redis and a Chroma server. Prints a Markdown table of requests/s and p50/p95/p99 for
``POST /v1/chat``.

    .venv/bin/python -m benchmarks.replicas                      # builds the stack, then measures
    .venv/bin/python -m benchmarks.replicas --requests 120 --concurrency 8
    .venv/bin/python -m benchmarks.replicas --url http://h1:8000 --url http://h2:8000 --token T

The default run creates a throw-away PostgreSQL database (demo bank imported once), a Chroma
server (playbooks ingested once), two replicas with the rate limit lifted, and removes them
all at the end. ``--model PATH`` picks the embedding model folder (default: the fast static
model the production tests build; the converted e5 is slower per query and to ingest).
Every level sends a fixed number of requests; the run stops at ``--max-seconds``.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import statistics
import sys
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from pathlib import Path

import httpx

QUESTIONS = [
    "战略客户的服务标准是什么？",
    "What is the service standard for key clients?",
    "代发工资客户怎么维护？",
    "存款流失预警怎么处理？",
    "我该怎么服务华东精密机械有限公司？",
]
CALLERS = [f"RM00{i}" for i in range(1, 9)]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))]


async def measure(
    urls: list[str], tokens: list[str], requests: int, concurrency: int, deadline: float
) -> dict[str, float]:
    targets = itertools.cycle(urls)
    work = asyncio.Queue[int]()
    for i in range(requests):
        work.put_nowait(i)
    latencies: list[float] = []
    errors = 0

    async def worker(http: httpx.AsyncClient, n: int) -> None:
        nonlocal errors
        while not work.empty() and time.monotonic() < deadline:
            i = work.get_nowait()
            started = time.perf_counter()
            try:
                resp = await http.post(
                    f"{next(targets)}/v1/chat",
                    json={"message": QUESTIONS[i % len(QUESTIONS)]},
                    headers={"Authorization": f"Bearer {tokens[n % len(tokens)]}"},
                )
                ok = resp.status_code == 200
            except httpx.HTTPError:
                ok = False
            if ok:
                latencies.append(time.perf_counter() - started)
            else:
                errors += 1

    started = time.perf_counter()
    async with httpx.AsyncClient(timeout=120) as http:
        await asyncio.gather(*(worker(http, n) for n in range(concurrency)))
    wall = time.perf_counter() - started
    if not latencies:
        return {"ok": 0, "errors": errors, "rps": 0.0, "p50": 0.0, "p95": 0.0, "p99": 0.0}
    return {
        "ok": len(latencies),
        "errors": errors,
        "rps": len(latencies) / wall,
        "p50": statistics.median(latencies) * 1000,
        "p95": percentile(latencies, 95) * 1000,
        "p99": percentile(latencies, 99) * 1000,
    }


def table(rows: list[tuple[str, int, dict[str, float]]]) -> str:
    lines = [
        "| replicas | concurrency | ok | errors | requests/s | p50 ms | p95 ms | p99 ms |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for label, conc, r in rows:
        lines.append(
            f"| {label} | {conc} | {r['ok']:.0f} | {r['errors']:.0f} | {r['rps']:.2f} | "
            f"{r['p50']:.0f} | {r['p95']:.0f} | {r['p99']:.0f} |"
        )
    return "\n".join(lines)


def spawn_stack(
    stack_dir: Path, model: Path | None, exits: ExitStack
) -> tuple[list[str], list[str]]:
    """PostgreSQL database + demo bank, Chroma server + playbooks, two replicas. Returns
    (replica URLs, tokens)."""
    import psycopg

    from assistant.config import load_settings
    from assistant.wiring import Frontline
    from knowledge.ingest import default_playbook_dir
    from testkit.stack import (
        PG_ADMIN,
        REDIS_URL,
        ChromaServer,
        Replica,
        Stack,
        build_static_model,
    )
    from tools.bank.demo import generate_demo_bank
    from tools.bank.importer import import_extract

    name = f"frontline_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    exits.callback(_drop_database, PG_ADMIN, name)
    chroma = ChromaServer(stack_dir / "chroma").wait_ready()
    exits.callback(chroma.stop)
    stack = Stack(
        database_url=f"postgresql://postgres@127.0.0.1:5432/{name}",
        redis_url=REDIS_URL,
        redis_prefix=f"flbench-{uuid.uuid4().hex[:8]}",
        chroma_url=chroma.url,
        embedding_model=model or build_static_model(stack_dir / "static-model"),
    )
    fl = Frontline(load_settings(_env_file=None, home=stack_dir / "loader", **stack.settings()))
    generate_demo_bank(stack_dir / "demo")
    import_extract(fl.sessions, stack_dir / "demo")
    fl.ingestor.progress = False
    fl.ingestor.ingest([default_playbook_dir()])
    fl.close()
    tokens = {f"bench-{rm.lower()}": rm for rm in CALLERS}
    env = {
        "FRONTLINE_API_TOKENS": ",".join(f"{t}:{rm}" for t, rm in tokens.items()),
        "FRONTLINE_API_RATE_PER_MINUTE": "1000000",
        "FRONTLINE_API_RATE_BURST": "100000",
        "FRONTLINE_LOG_LEVEL": "WARNING",
    }
    replicas = [Replica(n, stack.env(stack_dir / n, **env), stack_dir / n) for n in ("a", "b")]
    for replica in replicas:
        exits.callback(replica.stop)
    with ThreadPoolExecutor(2) as pool:
        list(pool.map(lambda r: r.wait_ready(), replicas))
    return [r.url for r in replicas], list(tokens)


def _drop_database(admin: str, name: str) -> None:
    import psycopg

    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


async def run(
    urls: list[str], tokens: list[str], requests: int, levels: list[int], max_seconds: float
) -> str:
    deadline = time.monotonic() + max_seconds
    # Warm-up: first queries load lazily-built indexes (BM25) on each replica.
    await measure(urls, tokens, 2 * len(urls), len(urls), deadline)
    rows = []
    for conc in levels:
        rows.append(("1", conc, await measure(urls[:1], tokens, requests, conc, deadline)))
        if len(urls) > 1:
            rows.append(
                (str(len(urls)), conc, await measure(urls, tokens, requests, conc, deadline))
            )
    return table(rows)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--url", action="append", help="a running replica (repeat); default: spawn two"
    )
    parser.add_argument("--token", action="append", help="bearer token(s) for --url")
    parser.add_argument("--requests", type=int, default=80, help="requests per level")
    parser.add_argument("--concurrency", type=int, action="append", help="levels (default 1 and 8)")
    parser.add_argument("--model", type=Path, help="embedding model folder for spawned replicas")
    parser.add_argument("--max-seconds", type=float, default=600)
    args = parser.parse_args()
    levels = args.concurrency or [1, 8]
    with ExitStack() as exits:
        if args.url:
            if not args.token:
                sys.exit("--url needs --token")
            urls, tokens = args.url, args.token
        else:
            stack_dir = Path(
                exits.enter_context(tempfile.TemporaryDirectory(prefix="frontline-bench-"))
            )
            started = time.perf_counter()
            urls, tokens = spawn_stack(stack_dir, args.model, exits)
            print(f"stack ready in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        print(asyncio.run(run(urls, tokens, args.requests, levels, args.max_seconds)))


if __name__ == "__main__":
    main()
