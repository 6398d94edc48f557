"""LLM-engine overhead: what the pipeline adds around the model, against a zero-delay fake.

    .venv/bin/python -m benchmarks.llm_overhead [--turns 30]

Builds the small Frontline of ``testkit.small_frontline`` (testkit bank extract, two playbooks,
hashing embedder, the real privacy layer) pointed at the local fake OpenAI-compatible server, warms it, then runs
``--turns`` turns through the real pipeline, cycling three scripted conversations:

- playbook_qa: search_playbooks, then a cited answer (2 model calls)
- serve_client: find_clients, get_client_profile, recommend_next_actions, search_playbooks,
  then a cited answer (5 model calls)
- help: one plain answer (1 model call)

Overhead per turn = the turn's latency minus the time the fake server spent producing its
responses (request received to last SSE byte). The fake server runs in a child process, as a
model server would: in-process it would share the interpreter lock with the pipeline. It covers masking the question, building the
agent, the privacy middleware's second pass, tool execution (SQLite, retrieval), streaming,
restore, the guard and recording. Target: p95 <= 150 ms. The fake server and the scripted
conversations are ``testkit``'s, shared with tests/llm.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import statistics
import tempfile
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path

from assistant.core.pipeline import Assistant
from assistant.core.types import Turn
from testkit.fake_openai import FakeOpenAI, call, say
from testkit.llm_scripts import SERVE_Q, serve_script
from testkit.small_frontline import build_frontline

TARGET_P95_MS = 150.0

SCENARIOS: dict[str, tuple[str, Callable[[], list]]] = {
    "playbook_qa": (
        "核心客户的服务频次是什么？",
        lambda: [
            call("search_playbooks", {"query": "核心客户 服务频次", "k": 3}),
            say("核心客户每月至少拜访一次 [1]。\n代发工资客户每季度复盘一次代发方案 [1]。"),
        ],
    ),
    "serve_client": (SERVE_Q, serve_script),
    "help": (
        "你好，你能做什么？",
        lambda: [say("你好！我可以帮你服务客户、起草外联消息、查询管户名单、解答行内制度问题。")],
    ),
}


class FakeServerProcess:
    """The fake OpenAI server in a child process, as a real model server would be: in-process
    it would share the GIL with the pipeline and its HTTP parsing would count as overhead."""

    def __init__(self) -> None:
        context = multiprocessing.get_context("fork")  # the child inherits the scripts above
        self._conn, child = context.Pipe()
        self._process = context.Process(target=_serve_fake, args=(child,), daemon=True)
        self._process.start()
        self.base_url = self._conn.recv()

    def play(self, scenario: str) -> None:
        self._conn.send(("play", scenario))
        self._conn.recv()

    def server_seconds(self) -> float:
        """Time the server spent producing responses since the last ``play``."""
        self._conn.send(("timings", None))
        return self._conn.recv()

    def stop(self) -> None:
        self._conn.send(("stop", None))
        self._process.join(timeout=10)


def _serve_fake(conn: Connection) -> None:
    fake = FakeOpenAI().start()
    conn.send(fake.base_url)
    while True:
        command, arg = conn.recv()
        if command == "play":
            fake.play(*SCENARIOS[arg][1]())
            conn.send("ok")
        elif command == "timings":
            conn.send(sum(r.server_s for r in fake.requests))
        else:
            fake.stop()
            return


async def one_turn(
    core: Assistant, fake: FakeServerProcess, scenario: str
) -> tuple[float, float, str]:
    question, _ = SCENARIOS[scenario]
    fake.play(scenario)
    started = time.perf_counter()
    answer = await core.answer(Turn(text=question, rm_id="RM001", channel="api"))
    total = time.perf_counter() - started
    return total * 1000, fake.server_seconds() * 1000, answer.engine


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def run(
    core: Assistant, fake: FakeServerProcess, turns: int
) -> dict[str, list[tuple[float, float]]]:
    for scenario in SCENARIOS:  # warm every path once (LAC, BM25, HTTP connection)
        await one_turn(core, fake, scenario)
    results: dict[str, list[tuple[float, float]]] = {name: [] for name in SCENARIOS}
    names = list(SCENARIOS)
    for i in range(turns):
        name = names[i % len(names)]
        total, server, engine = await one_turn(core, fake, name)
        if engine != "llm":
            raise SystemExit(
                f"turn {i} ({name}) fell back to the offline engine; the benchmark is void"
            )
        results[name].append((total, server))
    return results


def table(results: dict[str, list[tuple[float, float]]]) -> str:
    rows = [
        "| scenario | turns | total p50 (ms) | fake server p50 (ms) | overhead p50 (ms) | overhead p95 (ms) |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    everything: list[float] = []
    for name, samples in [*results.items()]:
        overhead = [t - s for t, s in samples]
        everything += overhead
        rows.append(
            f"| {name} | {len(samples)} | {statistics.median(t for t, _ in samples):.1f} | "
            f"{statistics.median(s for _, s in samples):.1f} | {percentile(overhead, 0.5):.1f} | "
            f"{percentile(overhead, 0.95):.1f} |"
        )
    p95 = percentile(everything, 0.95)
    rows.append(
        f"| **all** | {len(everything)} | | | {percentile(everything, 0.5):.1f} | **{p95:.1f}** |"
    )
    verdict = "meets" if p95 <= TARGET_P95_MS else "misses"
    return (
        "\n".join(rows)
        + f"\n\nOverall overhead p95 {p95:.1f} ms {verdict} the {TARGET_P95_MS:.0f} ms target."
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, default=30)
    args = parser.parse_args()
    fake = FakeServerProcess()
    try:
        with tempfile.TemporaryDirectory(prefix="frontline-llm-bench-") as tmp:
            fl = build_frontline(Path(tmp), fake.base_url)
            try:
                print(table(asyncio.run(run(fl.core, fake, args.turns))))
            finally:
                fl.close()
    finally:
        fake.stop()


if __name__ == "__main__":
    main()
