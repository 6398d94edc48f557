"""The team view for the largest demo team (the lead whose team manages the most clients), on
SQLite: every RM's measures over the quarter and the quarter before.

.venv/bin/python benchmarks/team_view.py [--runs 20]

Generates and imports the demo bank in a temp home, then times the view computed each time
(``team_view`` + ``render``: two periods measured over books the insights already hold) and as
``GET /v1/team`` serves it again (``TeamReports.report``: kept until an import or a note).
Target (issue #17): ≤ 100 ms p95.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
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


def demo_frontline(prefix: str) -> tuple[Frontline, Path]:
    """The demo bank generated and imported in a temp home (hashing embeddings: no model)."""
    home = Path(tempfile.mkdtemp(prefix=prefix))
    fl = Frontline(load_settings(_env_file=None, home=home), embedder=HashingEmbeddings())
    generate_demo_bank(home / "demo")
    import_extract(fl.sessions, home / "demo")
    fl.after_import()
    return fl, home


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    fl, _home = demo_frontline("frontline-team-bench-")
    lead, clients = largest_team_lead(fl)
    text = render(team_view(fl, lead))  # policies, catalogue and books loaded, as in serving
    rows = text.count("\n- ")
    print(f"team view for {lead} ({clients} clients, {rows} RMs), {args.runs} runs each:")
    report(args.runs, "computed each time", lambda: render(team_view(fl, lead)))
    report(args.runs, "served again (/v1/team)", lambda: fl.team_reports.report(lead))


def report(runs: int, label: str, build: Callable[[], object]) -> None:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        build()
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * len(times)) - 1)]
    print(
        f"  {label}: p50 {statistics.median(times):.1f} ms, p95 {p95:.1f} ms, max {times[-1]:.1f} ms"
    )


if __name__ == "__main__":
    main()
