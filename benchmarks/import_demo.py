"""Demo bank generation time and import throughput (rows/s), on SQLite and PostgreSQL.

.venv/bin/python benchmarks/import_demo.py [--postgres postgresql://postgres@127.0.0.1/test]
"""

from __future__ import annotations

import argparse
import tempfile
import time
import uuid
from pathlib import Path

import psycopg

from assistant.config import load_settings
from assistant.wiring import Frontline
from tools.bank.demo import generate_demo_bank
from tools.bank.importer import import_extract, validate_extract


def measure(fl: Frontline, extract: Path) -> tuple[float, float, int]:
    t0 = time.perf_counter()
    parsed = validate_extract(extract)
    t1 = time.perf_counter()
    import_extract(fl.sessions, extract)
    t2 = time.perf_counter()
    return t1 - t0, t2 - t1, sum(parsed.counts().values())


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--postgres", default="postgresql://postgres@127.0.0.1:5432/test")
    args = ap.parse_args()
    home = Path(tempfile.mkdtemp(prefix="frontline-bench-"))
    t0 = time.perf_counter()
    generate_demo_bank(home / "demo")
    gen = time.perf_counter() - t0
    print("| step | seconds | rows/s |\n|---|---|---|")
    print(f"| generate demo bank | {gen:.1f} | |")
    sqlite = Frontline(load_settings(_env_file=None, home=home))
    validate_s, load_s, rows = measure(sqlite, home / "demo")
    sqlite_total = gen + validate_s + load_s
    print(f"| validate ({rows:,} rows) | {validate_s:.1f} | {rows / validate_s:,.0f} |")
    print(
        f"| import, SQLite (validate + load) | {validate_s + load_s:.1f} | {rows / (validate_s + load_s):,.0f} |"
    )
    name = f"frontline_bench_{uuid.uuid4().hex[:8]}"
    admin = args.postgres
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        url = admin.rsplit("/", 1)[0] + f"/{name}"
        pg = Frontline(load_settings(_env_file=None, home=home, database_url=url))
        validate_s, load_s, rows = measure(pg, home / "demo")
        print(
            f"| import, PostgreSQL (validate + load) | {validate_s + load_s:.1f} | {rows / (validate_s + load_s):,.0f} |"
        )
        pg.close()
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    print(f"| **total, generate + import (SQLite)** | {sqlite_total:.1f} | |")


if __name__ == "__main__":
    main()
