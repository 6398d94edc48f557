"""The team view for the largest demo team (the lead whose team manages the most clients), on
SQLite: every RM's measures over the quarter and the quarter before.

.venv/bin/python benchmarks/team_view.py [--runs 20]

Generates and imports the demo bank in a temp home, then times ``team_view`` (books read from
the database, two periods measured) and ``render``. Target (issue #17): ≤ 100 ms p95.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from assistant.config import load_settings
from assistant.team_view import render, team_view
from assistant.wiring import Frontline
from testkit.embeddings import HashingEmbeddings
from tools.bank.demo import generate_demo_bank
from tools.bank.importer import import_extract


def largest_team_lead(fl: Frontline) -> tuple[str, int]:
    leads = [r for r in fl.bank.all_rms() if r.role == "team_lead"]
    sized = [(len(fl.bank.client_ids_of(fl.bank.team_rm_ids(r.team_id))), r.rm_id) for r in leads]
    clients, lead = max(sized)
    return lead, clients


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="frontline-team-bench-"))
    fl = Frontline(load_settings(_env_file=None, home=home), embedder=HashingEmbeddings())
    generate_demo_bank(home / "demo")
    import_extract(fl.sessions, home / "demo")
    fl.after_import()
    lead, clients = largest_team_lead(fl)
    render(team_view(fl, lead))  # policies and catalogue loaded once, as in a serving process
    times = []
    for _ in range(args.runs):
        t0 = time.perf_counter()
        text = render(team_view(fl, lead))
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * len(times)) - 1)]
    rows = text.count("\n- ") + text.startswith("- ")
    print(f"team view for {lead} ({clients} clients, {rows} RMs), {args.runs} runs:")
    print(f"  p50 {statistics.median(times):.0f} ms, p95 {p95:.0f} ms, max {times[-1]:.0f} ms")


if __name__ == "__main__":
    main()
