"""Timing for BookAnalyzer over a team's book (not a test: run it by hand).

    .venv/bin/python -m tests.intelligence.bench_book [CLIENTS]

Builds a seeded synthetic book (12 months of balances, 2-8 holdings, 0-15 interactions per
client), then reports the median of several runs of ``analyze`` (peers computed over the
book) and of a handful of ``query`` calls.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from datetime import timedelta
from typing import Any

from tests.intelligence.factory import AS_OF, catalog, holding, interaction, make_client, policies
from tools.intelligence.book import BookAnalyzer, query

INDUSTRIES = ["制造业", "外贸", "信息技术", "批发零售", "建筑业"]


def synthetic_book(size: int, seed: int = 7) -> list:
    rng = random.Random(seed)
    products = catalog()
    book = []
    for n in range(size):
        client_type = "corporate" if rng.random() < 0.6 else "retail"
        cid = f"C{n:06d}"
        base = rng.lognormvariate(16 if client_type == "corporate" else 12, 1.2)
        deposits = [base * rng.uniform(0.6, 1.3) for _ in range(12)]
        codes = [p.product_code for p in products.values() if p.segment == client_type]
        holdings = [
            holding(
                code,
                rng.uniform(1e4, 5e6),
                client_id=cid,
                maturity=AS_OF + timedelta(days=rng.randint(-30, 200))
                if rng.random() < 0.4
                else None,
            )
            for code in rng.sample(codes, rng.randint(2, 8))
        ]
        contacts = [
            interaction(
                AS_OF - timedelta(days=rng.randint(1, 400)),
                rng.choice(["visit", "phone", "wechat"]),
                client_id=cid,
            )
            for _ in range(rng.randint(0, 15))
        ]
        book.append(
            make_client(
                client_id=cid,
                client_type=client_type,
                deposits=deposits,
                holdings=holdings,
                interactions=contacts,
                industry=rng.choice(INDUSTRIES),
                employees=rng.randint(5, 2000),
                loans=rng.uniform(0, 3e8),
                risk_appetite=rng.choice(["C1", "C2", "C3", "C4", "C5", None]),
                transactions=[rng.choice([0, 0, 3, 20]) for _ in range(12)],
            )
        )
    return book


def _median_ms(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main(size: int = 400) -> None:
    book = synthetic_book(size)
    analyzer = BookAnalyzer(policies(), catalog())
    analyzer.analyze(book, AS_OF)  # warm-up
    analyze_ms = _median_ms(lambda: analyzer.analyze(book, AS_OF), runs=15)
    rows = analyzer.analyze(book, AS_OF)
    queries: list[dict[str, Any]] = [
        dict(signal="deposit_churn", sort_by="trend"),
        dict(maturity_within_days=30, sort_by="maturity"),
        dict(tier="key", product_gap="CPAY01"),
        dict(sort_by="urgency"),
        dict(client_type="retail"),
    ]
    query_ms = _median_ms(lambda: [query(rows, **q) for q in queries], runs=50)
    signals = sum(len(r.signals) for r in rows)
    print(
        f"{size} clients, {signals} signal kinds: analyze {analyze_ms:.1f} ms, "
        f"{len(queries)} queries {query_ms:.2f} ms (median)"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 400)
