"""Who the demo bank's clients are before any detail: segment, RM, target tier and planted pattern."""

from __future__ import annotations

import random
from typing import Any

from tools.bank.demo_clients import AMBIGUOUS_PAIR, DISTINCTIVE_NAME

N_CORPORATE, N_RETAIL = 1440, 960
CORP_TIERS = {"strategic": 43, "core": 101, "key": 360, "basic": 936}
RETAIL_TIERS = {"private": 20, "wealth": 144, "affluent": 384, "mass": 412}
# pattern: (total, in the featured RM's book, segments)
PLAN = [
    ("churn_gradual", 32, 4, "both"),
    ("churn_sudden", 24, 2, "both"),
    ("maturing_30", 24, 2, "both"),
    ("maturing_60", 24, 2, "both"),
    ("maturing_90", 24, 2, "both"),
    ("payroll_gap", 26, 3, "corporate"),
    ("dormant", 24, 2, "both"),
    ("fast_grower", 24, 2, "both"),
    ("suitability_mismatch", 26, 2, "retail"),
]


def assign_patterns(rng: random.Random, clients: list[dict[str, Any]], featured: str) -> None:
    """Plant each pattern across the bank, a fixed number of them in ``featured``'s book."""
    featured_book = [c for c in clients if c["rm_id"] == featured]
    others = [c for c in clients if c["rm_id"] != featured]
    for pattern, total, mine, seg in PLAN:

        def ok(c: dict[str, Any], seg: str = seg, pattern: str = pattern) -> bool:
            if c["pattern"]:
                return False
            if pattern == "payroll_gap":
                return c["tier_target"] in {"basic", "key"}
            if pattern == "dormant":
                return c["tier_target"] in {"basic", "mass", "affluent"}
            return seg == "both" or c["type"] == seg

        picks = rng.sample([c for c in featured_book if ok(c, "both")], mine)
        pool = [c for c in others if ok(c)]
        if seg == "both":
            corp = [c for c in pool if c["type"] == "corporate"]
            ret = [c for c in pool if c["type"] == "retail"]
            n_corp = round((total - mine) * 0.55)
            picks += rng.sample(corp, n_corp) + rng.sample(ret, total - mine - n_corp)
        else:
            picks += rng.sample(pool, total - mine)
        for c in picks:
            c["pattern"] = pattern
    gradual = sorted((c for c in clients if c["pattern"] == "churn_gradual"), key=lambda c: c["id"])
    own = [c for c in gradual if c["rm_id"] == featured]
    rest = [c for c in gradual if c["rm_id"] != featured]
    for i, c in enumerate(own):
        c["followup"] = i % 2 == 0
    for c in rest:
        c["followup"] = rng.random() < 0.5


def skeletons(rng: random.Random, rms: list[dict[str, str]]) -> list[dict[str, Any]]:
    segs = ["corporate"] * N_CORPORATE + ["retail"] * N_RETAIL
    rng.shuffle(segs)
    tiers = {
        s: [t for t, n in d.items() for _ in range(n)]
        for s, d in (("corporate", CORP_TIERS), ("retail", RETAIL_TIERS))
    }
    for t in tiers.values():
        rng.shuffle(t)
    books = {
        s: [r for r in rms if r["segment"] == s and r["role"] != "admin"]
        for s in ("corporate", "retail")
    }
    clients = []
    for i, seg in enumerate(segs, 1):
        rm = rng.choices(
            books[seg], weights=[0.7 if r["role"] == "team_lead" else 1.0 for r in books[seg]], k=1
        )[0]
        clients.append(
            {
                "id": f"C{i:06d}",
                "type": seg,
                "rm_id": rm["rm_id"],
                "branch": rm["branch"],
                "tier_target": tiers[seg].pop(),
                "pattern": "",
                "followup": False,
            }
        )
    return clients


def pick_special(clients: list[dict[str, Any]], ambiguous_in: str, distinctive_in: str) -> None:
    """The ambiguous pair in ``ambiguous_in``'s book and the distinctive client of
    ``distinctive_in``'s (plain, non-pattern clients)."""

    def plain(rm: str, n: int) -> list[dict[str, Any]]:
        return [
            c
            for c in clients
            if c["rm_id"] == rm and not c["pattern"] and c["tier_target"] == "key"
        ][:n]

    for c, (name, domain) in zip(plain(ambiguous_in, 2), AMBIGUOUS_PAIR, strict=True):
        c["fixed_name"], c["fixed_domain"], c["special"] = name, domain, "ambiguous"
    c = plain(distinctive_in, 1)[0]
    c["fixed_name"], c["fixed_domain"], c["special"] = *DISTINCTIVE_NAME, "distinctive"
