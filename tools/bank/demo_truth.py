"""demo_truth.json: which clients show each signal, recomputed from the generated rows."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from tools.bank.demo_holdings import P
from tools.bank.demo_series import (
    DORMANT_DAYS,
    is_gradual,
    is_grower,
    is_sudden,
    is_txn_dormant,
    working_days_after,
)

PATTERNS = [
    "churn_gradual",
    "churn_sudden",
    "maturing_30",
    "maturing_60",
    "maturing_90",
    "payroll_gap",
    "dormant",
    "fast_grower",
    "suitability_mismatch",
]
AUM_CATEGORIES = {"wealth", "fund", "insurance", "cd", "gold", "trust"}
DEFINITIONS = {
    "churn_gradual": "mean(avg_daily_deposit of the last 3 months) <= 0.8 * mean(months 4-6) and months 4-6 mean >= min_amount",
    "churn_sudden": "latest month <= 0.6 * the month before, and the month before >= min_amount",
    "maturing_30": "earliest maturity_date is 1-30 days after as_of (maturing_60: 31-60, maturing_90: 61-90; disjoint bands)",
    "payroll_gap": f"corporate, employees >= 100, no {P.payroll} holding",
    "dormant": "transaction_count 0 in each of the last 6 months and no interaction in the 180 days before as_of",
    "fast_grower": "mean(last 3 months) >= 1.3 * mean(months 4-6)",
    "suitability_mismatch": "a holding whose risk level Rm exceeds the client's risk appetite Cn (m > n)",
    "churn_no_followup": "churn_gradual clients with no interaction from churn_visible_date through the 5th working day (Mon-Fri) after it; "
    "churn_visible_date = first day after the first month-end at which the gradual rule held",
}


def _by_rm(entries: list[dict[str, str]]) -> dict[str, list[dict[str, str]]]:
    return {
        rm: [e for e in entries if e["rm_id"] == rm]
        for rm in dict.fromkeys(e["rm_id"] for e in entries)
    }


def corporate_tier(avg_deposit: float, loan: float, n_products: int) -> str:
    if avg_deposit >= 1e8 or loan >= 5e8:
        return "strategic"
    if avg_deposit >= 5e7 or loan >= 2e8:
        return "core"
    if avg_deposit >= 1e7 or loan >= 5e7 or n_products >= 5:
        return "key"
    return "basic"


def retail_tier(aum: float) -> str:
    return (
        "private"
        if aum >= 6e6
        else "wealth"
        if aum >= 5e5
        else "affluent"
        if aum >= 5e4
        else "mass"
    )


def compute_truth(
    clients: list[dict[str, Any]],
    series: dict[str, dict[str, list]],
    holdings: list[list[str]],
    note_rows: list[list[str]],
    products: dict[str, dict],
    months: list[date],
    as_of: date,
    seed: int,
    notes: list[dict[str, Any]],
) -> dict[str, Any]:
    by_client: dict[str, list[list[str]]] = {}
    for h in holdings:
        by_client.setdefault(h[0], []).append(h)
    note_dates: dict[str, list[date]] = {}
    for n in note_rows:
        note_dates.setdefault(n[0], []).append(date.fromisoformat(n[1]))
    found: dict[str, list[str]] = {p: [] for p in PATTERNS}
    visible: dict[str, str] = {}
    followup: list[str] = []
    no_followup: list[str] = []
    tiers: dict[str, int] = {}
    for c in clients:
        cid, seg, s = c["id"], c["type"], series[c["id"]]
        dep, rows = s["dep"], by_client[cid]
        avg3 = sum(dep[21:24]) / 3
        if seg == "corporate":
            tier = corporate_tier(avg3, s["loan"][23], len(rows))
        else:
            tier = retail_tier(
                avg3
                + sum(float(h[2]) for h in rows if products[h[1]]["category"] in AUM_CATEGORIES)
            )
        tiers[tier] = tiers.get(tier, 0) + 1
        if is_gradual(dep, seg):
            found["churn_gradual"].append(cid)
            first = next(e for e in range(5, 24) if is_gradual(dep, seg, e))
            seen = months[first + 1] if first < 23 else as_of
            visible[cid] = seen.isoformat()
            deadline = working_days_after(seen + timedelta(days=1), 5)[-1]
            (
                followup
                if any(seen <= d <= deadline for d in note_dates.get(cid, []))
                else no_followup
            ).append(cid)
        if is_sudden(dep, seg):
            found["churn_sudden"].append(cid)
        if is_grower(dep):
            found["fast_grower"].append(cid)
        mats = [date.fromisoformat(h[5]) for h in rows if h[5]]
        if mats:
            days = (min(mats) - as_of).days
            for band, hi in (("maturing_30", 30), ("maturing_60", 60), ("maturing_90", 90)):
                if days <= hi:
                    found[band].append(cid)
                    break
        codes = {h[1] for h in rows}
        if seg == "corporate" and c["employees"] >= 100 and P.payroll not in codes:
            found["payroll_gap"].append(cid)
        last_note = max(note_dates.get(cid, [date.min]))
        if is_txn_dormant(s["txn"]) and last_note < as_of - timedelta(days=DORMANT_DAYS):
            found["dormant"].append(cid)
        if any(int(products[p]["risk_level"][1:]) > c["appetite_n"] for p in codes):
            found["suitability_mismatch"].append(cid)
    planted = {p: sorted(c["id"] for c in clients if c["pattern"] == p) for p in PATTERNS}
    for p in PATTERNS:
        if found[p] != planted[p]:
            raise RuntimeError(
                f"demo bank pattern {p} drifted: {sorted(set(found[p]) ^ set(planted[p]))[:5]}"
            )
    patterns = {**found, "churn_no_followup": no_followup}
    special: dict[str, list[dict[str, str]]] = {
        c["special"]: [] for c in clients if c.get("special")
    }
    for c in clients:
        if c.get("special"):
            special[c["special"]].append(
                {"client_id": c["id"], "rm_id": c["rm_id"], "name": c["name"]}
            )
    pii = sorted(
        (
            {
                "client_id": n["client"]["id"],
                "date": n["date"].isoformat(),
                "kind": n["pii"][0],
                "value": n["pii"][1],
            }
            for n in notes
            if "pii" in n
        ),
        key=lambda r: (r["client_id"], r["date"], r["value"]),
    )
    return {
        "as_of": as_of.isoformat(),
        "seed": seed,
        "patterns": patterns,
        # Keyed by the RM whose book holds them (the generator picks the first two RMs').
        "ambiguous_names": _by_rm(special.get("ambiguous", [])),
        "distinctive_names": _by_rm(special.get("distinctive", [])),
        "notes_with_pii": sorted({r["client_id"] for r in pii}),
        "pii_in_notes": pii,
        "churn_followup": followup,
        "churn_visible_date": visible,
        "tier_counts": dict(sorted(tiers.items())),
        "definitions": DEFINITIONS,
    }
