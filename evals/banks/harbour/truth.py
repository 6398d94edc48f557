"""The planted patterns, computed from the generated rows with the Harbour bank's own rules."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from evals.banks.harbour import catalog as cat
from evals.banks.harbour.featured import FEATURED

DEFINITIONS = {
    "outflow": "mean(avg_daily_deposit of the last 2 months) <= 0.5 * mean(months 3-5) "
    "and months 3-5 mean >= 50,000",
    "maturing_30": "some maturity_date within 1-30 days after as_of",
    "dormant": "transaction_count 0 in each of the last 6 months and no interaction in the "
    "240 days before as_of",
    "payroll_gap": "corporate, employees >= 80, no SAL-AGENCY holding",
    "suitability_mismatch": "an investment holding (no credit, card or service) of risk Rm with m > n for the client's appetite Cn",
    "missed_follow_up": "an outflow client with no interaction on or after 2026-06-01 "
    "(the day the fall showed)",
}
FALL_VISIBLE = date(2026, 6, 1)


def compute_truth(rows: dict[str, list[dict]], as_of: date, seed: int) -> dict:
    series: dict[str, list[float]] = defaultdict(list)
    tx: dict[str, list[int]] = defaultdict(list)
    for b in rows["balances"]:  # rows are written month by month per client, oldest first
        series[b["client_id"]].append(float(b["avg_daily_deposit"]))
        tx[b["client_id"]].append(int(b["transaction_count"]))
    last_note: dict[str, date] = {}
    for i in rows["interactions"]:
        day = date.fromisoformat(i["date"])
        last_note[i["client_id"]] = max(day, last_note.get(i["client_id"], day))
    held: dict[str, set[str]] = defaultdict(set)
    matures: dict[str, list[str]] = defaultdict(list)
    for h in rows["holdings"]:
        held[h["client_id"]].add(h["product_code"])
        if h["maturity_date"]:
            days = (date.fromisoformat(h["maturity_date"]) - as_of).days
            if 1 <= days <= 30:
                matures[h["client_id"]].append(f"{h['product_code']}@{h['maturity_date']}")
    patterns: dict[str, list[str]] = {k: [] for k in DEFINITIONS}
    for c in rows["clients"]:
        cid, s = c["client_id"], series[c["client_id"]]
        earlier = sum(s[-5:-2]) / 3
        if earlier >= 50_000 and sum(s[-2:]) / 2 <= 0.5 * earlier:
            patterns["outflow"].append(cid)
            if last_note.get(cid, date.min) < FALL_VISIBLE:
                patterns["missed_follow_up"].append(cid)
        if matures[cid]:
            patterns["maturing_30"].append(cid)
        if all(t == 0 for t in tx[cid][-6:]) and (
            last_note.get(cid, date.min) < as_of - timedelta(days=240)
        ):
            patterns["dormant"].append(cid)
        if (
            c["client_type"] == "corporate"
            and int(c["employees"] or 0) >= 80
            and ("SAL-AGENCY" not in held[cid])
        ):
            patterns["payroll_gap"].append(cid)
        appetite = c["risk_appetite"]
        if appetite and any(
            cat.RISK[p] > int(appetite[1]) for p in held[cid] if p in cat.INVESTMENT
        ):
            patterns["suitability_mismatch"].append(cid)
    books: dict[str, list[str]] = defaultdict(list)
    for c in rows["clients"]:
        books[c["rm_id"]].append(c["client_id"])
    return {
        "bank": cat.BANK,
        "as_of": as_of.isoformat(),
        "newest_month": rows["balances"][-1]["month"],
        "seed": seed,
        "definitions": DEFINITIONS,
        "patterns": patterns,
        "maturities_30": {k: v for k, v in matures.items() if v},
        "featured": {
            f["id"]: {
                "name": f["name"],
                "rm": f["rm"],
                "aliases": f["aliases"],
                "contacts": [c[0] for c in f.get("contacts", ())],
            }
            for f in FEATURED
        },
        "books": dict(books),
        "real_shaped_ids": ["440305198001011235", "310115197603124032"],
    }
