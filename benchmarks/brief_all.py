"""Morning briefs for every demo RM (24: 18 RMs and 6 team leads), on SQLite.

.venv/bin/python benchmarks/brief_all.py

Generates and imports the demo bank in a temp home, warms up as ``frontline serve`` does
(privacy models, bank-wide peers), then builds every brief for the first working day after
the extract (books read from the database) and for the next working day (books in memory,
analyses and vault scopes new). Target: ≤ 2 s in total for the first run.
"""

from __future__ import annotations

import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from assistant.config import load_settings
from assistant.wiring import Frontline
from testkit.embeddings import HashingEmbeddings
from tools.bank.demo import generate_demo_bank
from tools.bank.importer import import_extract


def next_working_day(fl: Frontline, day: date) -> date:
    day += timedelta(days=1)
    while not fl.briefs.is_working_day(day):
        day += timedelta(days=1)
    return day


def build_all(fl: Frontline, day: date) -> tuple[float, int, int]:
    """Seconds to build every recipient's brief for ``day``; briefs and lines built."""
    t0 = time.perf_counter()
    lines = 0
    recipients = fl.briefs.recipients()
    for rm in recipients:
        brief = fl.briefs.build(rm.rm_id, day, "zh")
        lines += len(brief.items) + sum(len(m.items) for m in brief.team)
    return time.perf_counter() - t0, len(recipients), lines


def main() -> None:
    home = Path(tempfile.mkdtemp(prefix="frontline-brief-bench-"))
    fl = Frontline(load_settings(_env_file=None, home=home), embedder=HashingEmbeddings())
    generate_demo_bank(home / "demo")
    import_extract(fl.sessions, home / "demo")
    fl.after_import()
    t0 = time.perf_counter()
    fl.privacy.mask("预热 warm-up", rm_id="warm-up", conversation_id="warm-up")
    _ = fl.insights.peers
    warm = time.perf_counter() - t0
    first = next_working_day(fl, fl.insights.as_of - timedelta(days=1))
    second = next_working_day(fl, first)
    print("| run | briefs | lines | ms |\n|---|---|---|---|")
    print(
        f"| warm-up (privacy models, bank-wide peers; once per process) | | | {warm * 1000:,.0f} |"
    )
    for label, day in ((f"first run, {first}", first), (f"next day, {second}", second)):
        seconds, briefs, lines = build_all(fl, day)
        print(f"| {label} | {briefs} | {lines} | {seconds * 1000:,.0f} |")
    fl.close()


if __name__ == "__main__":
    main()
