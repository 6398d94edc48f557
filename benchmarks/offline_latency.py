"""Offline-engine turn latency per intent, warm (start-up warm-up and one untimed pass over
every question first). Needs a home with a bank's extract and playbooks ingested (`make run`
does both for the demo bank); any bank works, its own RM and clients fill the questions:

    FRONTLINE_HOME=.frontline .venv/bin/python benchmarks/offline_latency.py [--rounds 10] [--only meeting_prep]

Besides wall-clock milliseconds it reports the process's CPU milliseconds per turn (all
threads): on a shared machine the wall clock measures the neighbours too, the CPU time much
less so. Run it against another checkout's code with PYTHONPATH to compare two versions.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time

from assistant.core.types import Turn
from assistant.wiring import Frontline

# {name} is a client's name, {c1}..{c3} client ids, all from the asking RM's own book.
QUESTIONS = {
    "serve_client": ["我该怎么服务{name}？", "How should I serve {c1}?"],
    "draft_outreach": [
        "给{c2}起草一条到期提醒微信",
        "Draft an email to {c3} about payroll services",
    ],
    "client_facts": ["{c1}持有哪些产品？", "What products does {c2} hold?"],
    "book_query": [
        "我的客户中哪些有存款流失？",
        "Which of my clients have deposits maturing within 30 days?",
    ],
    "playbook_qa": [
        "战略客户的服务频次是什么？",
        "What are the banned phrases in marketing conduct rules?",
    ],
    "help": ["你能做什么", "what can you do"],
    # Asked by whoever holds the largest book (a team lead: the whole team's), see LARGEST.
    "book_query (largest book)": [
        "top 3 by loans",
        "90天以上没联系的客户有几个？",
        "哪个组员跟进最慢",
    ],
    "meeting_prep": ["明天见{name}", "prepare me for my meeting with {c1}"],
    "out_of_scope": ["今天天气怎么样", "tell me a joke"],
}


LARGEST = "book_query (largest book)"


def largest_book_rm(fl: Frontline) -> str:
    """The caller whose book is the largest (book queries are slowest there)."""
    from tools.entitlement import resolve_caller

    callers = [resolve_caller(fl.bank, rm.rm_id) for rm in fl.bank.all_rms() if rm.role != "admin"]
    return max(callers, key=lambda c: (len(c.client_ids), c.rm_id)).rm_id


def book_fillers(fl: Frontline) -> tuple[str, dict[str, str]]:
    """The RM with the largest own book (role ``rm``) and what fills the questions from it."""
    from tools.entitlement import resolve_caller

    rms = [resolve_caller(fl.bank, rm.rm_id) for rm in fl.bank.all_rms() if rm.role == "rm"]
    rm = max(rms, key=lambda c: (len(c.client_ids), c.rm_id))
    clients = fl.bank.get_clients(sorted(rm.client_ids)[:3])
    fill = {f"c{i}": c.client_id for i, c in enumerate(clients, 1)}
    return rm.rm_id, fill | {"name": clients[0].name}


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


async def main(rounds: int, only: list[str] | None = None) -> None:
    fl = Frontline()
    # Warm: what `frontline serve` loads at start-up, then one untimed pass over every question
    # (first use of each language's pipeline, templates, the fixed playbook queries' vectors).
    await asyncio.to_thread(fl.warm_up)
    largest = largest_book_rm(fl)
    asker, fill = book_fillers(fl)
    who = {intent: largest if intent == LARGEST else asker for intent in QUESTIONS}
    questions = {
        i: [q.format(**fill) for q in qs]
        for i, qs in QUESTIONS.items()
        if not only or i.split(" ")[0] in only
    }
    for intent, qs in questions.items():
        for q in qs:
            await fl.core.answer(Turn(text=q, channel="cli", rm_id=who[intent]))
    print(
        "| intent | turns | p50 ms | p95 ms | p50 cpu ms | p95 cpu ms |\n|---|---|---|---|---|---|"
    )
    everything: list[float] = []
    everything_cpu: list[float] = []
    for intent, qs in questions.items():
        times, cpu = [], []
        for _ in range(rounds):
            for q in qs:
                t0, c0 = time.perf_counter(), time.process_time()
                answer = await fl.core.answer(Turn(text=q, channel="cli", rm_id=who[intent]))
                times.append((time.perf_counter() - t0) * 1000)
                cpu.append((time.process_time() - c0) * 1000)
                assert answer.intent == intent.split(" ")[0], (q, answer.intent)
        everything += times
        everything_cpu += cpu
        print(row(intent, times, cpu))
    print(row("**all**", everything, everything_cpu))


def row(label: str, times: list[float], cpu: list[float]) -> str:
    return (
        f"| {label} | {len(times)} | {statistics.median(times):.0f} | {pct(times, 0.95):.0f} "
        f"| {statistics.median(cpu):.0f} | {pct(cpu, 0.95):.0f} |"
    )


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=10)
    ap.add_argument("--only", nargs="*", help="time these intents only (e.g. meeting_prep)")
    args = ap.parse_args()
    asyncio.run(main(args.rounds, args.only))
