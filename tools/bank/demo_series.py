"""Monthly balance series for the demo bank, with the planted signal shapes and the rules that find them.

Index 23 is the latest complete month before ``as_of``; "recent" = months 21..23 (last 3),
"prior" = months 18..20 (months 4-6), exactly as in tools/policy/signals.yaml.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

GRADUAL_DROP = 0.20
SUDDEN_DROP = 0.40
GROWTH = 0.30
MIN_AMOUNT = {"corporate": 1_000_000.0, "retail": 50_000.0}
DORMANT_MONTHS = 6
DORMANT_DAYS = 180

# calendar-month factors: quarter-end / year-end peaks, Spring Festival outflow (corporate bonuses)
SEASON = {
    "corporate": {
        1: 0.97,
        2: 0.93,
        3: 1.04,
        4: 0.98,
        5: 0.99,
        6: 1.05,
        7: 0.98,
        8: 0.99,
        9: 1.04,
        10: 0.98,
        11: 1.00,
        12: 1.08,
    },
    "retail": {
        1: 1.03,
        2: 1.05,
        3: 1.00,
        4: 0.99,
        5: 0.99,
        6: 1.01,
        7: 0.99,
        8: 0.99,
        9: 1.00,
        10: 1.00,
        11: 0.99,
        12: 0.98,
    },
}
TXN_SEASON = {
    1: 1.05,
    2: 0.75,
    3: 1.05,
    4: 1.0,
    5: 1.0,
    6: 1.08,
    7: 1.0,
    8: 0.97,
    9: 1.05,
    10: 0.9,
    11: 1.0,
    12: 1.15,
}


def month_starts(as_of: date) -> list[date]:
    """First days of the 24 complete months before ``as_of``, oldest first."""
    y, m = as_of.year, as_of.month
    out = []
    for _ in range(24):
        m -= 1
        if m == 0:
            y, m = y - 1, 12
        out.append(date(y, m, 1))
    return out[::-1]


def _mean(xs: list[float]) -> float:
    return sum(xs) / len(xs)


def window_ratio(dep: list[float], end: int = 23) -> float:
    """Average of months end-2..end over the average of the 3 months before."""
    prior = _mean(dep[end - 5 : end - 2])
    return _mean(dep[end - 2 : end + 1]) / prior if prior > 0 else 1.0


def step_ratio(dep: list[float], end: int = 23) -> float:
    return dep[end] / dep[end - 1] if dep[end - 1] > 0 else 1.0


def is_gradual(dep: list[float], segment: str, end: int = 23) -> bool:
    return (
        _mean(dep[end - 5 : end - 2]) >= MIN_AMOUNT[segment]
        and window_ratio(dep, end) <= 1 - GRADUAL_DROP
    )


def is_sudden(dep: list[float], segment: str, end: int = 23) -> bool:
    return dep[end - 1] >= MIN_AMOUNT[segment] and step_ratio(dep, end) <= 1 - SUDDEN_DROP


def is_grower(dep: list[float]) -> bool:
    return window_ratio(dep) >= 1 + GROWTH


def is_txn_dormant(txn: list[int]) -> bool:
    return all(t == 0 for t in txn[-DORMANT_MONTHS:])


def _shape(rng: random.Random, pattern: str) -> list[float]:
    f = [1.0] * 24
    if pattern == "churn_gradual":  # slide from month 19; first fires at the close of month 21
        d, e = rng.uniform(0.82, 0.86), rng.uniform(0.93, 1.0)
        for i, v in zip(range(19, 24), (d, d * d, d**3, d**3 * e, d**3 * e * e), strict=True):
            f[i] = v
    elif pattern == "churn_sudden":
        f[23] = rng.uniform(0.45, 0.56)
    elif pattern == "fast_grower":
        g = rng.uniform(1.4, 1.9)
        f[20], f[21], f[22], f[23] = 1.03, 1 + (g - 1) * 0.75, g, g * rng.uniform(0.99, 1.06)
    return f


def _valid(pattern: str, dep: list[float], segment: str) -> bool:
    w, s = window_ratio(dep), step_ratio(dep)
    if pattern == "churn_gradual":
        return (
            w <= 0.77
            and window_ratio(dep, 22) <= 0.78
            and window_ratio(dep, 21) <= 0.78
            and window_ratio(dep, 20) >= 0.84
            and min(step_ratio(dep, i) for i in (21, 22, 23)) >= 0.66
            and _mean(dep[21:24]) >= MIN_AMOUNT[segment] * 1.5
        )
    if pattern == "churn_sudden":
        return s <= 0.57 and w >= 0.83 and dep[23] >= MIN_AMOUNT[segment] * 1.2
    if pattern == "fast_grower":
        return w >= 1.35 and s >= 0.66
    return 0.86 <= w <= 1.2 and s >= 0.7


def deposit_series(
    rng: random.Random, level: float, months: list[date], segment: str, pattern: str = ""
) -> list[float]:
    """24 monthly average daily deposits around ``level`` (the level of the last months)."""
    season = SEASON[segment]
    if pattern == "dormant":
        return [round(level * (1 + 0.0015 * i), 2) for i in range(24)]
    noise = 0.02 if pattern else 0.04
    for _ in range(200):
        trend = rng.uniform(-0.05, 0.12)
        shape = _shape(rng, pattern)
        dep = [
            round(
                level
                * (1 + trend) ** ((i - 22) / 12)
                * season[m.month]
                * shape[i]
                * rng.uniform(1 - noise, 1 + noise),
                2,
            )
            for i, m in enumerate(months)
        ]
        if _valid(pattern, dep, segment):
            return dep
    raise RuntimeError(f"could not shape a {pattern or 'plain'} series")


def loan_series(rng: random.Random, latest: float, segment: str) -> list[float]:
    if latest <= 0:
        return [0.0] * 24
    if segment == "retail":  # amortising mortgage
        return [round(latest * (1 + 0.045 * (23 - i) / 12), 2) for i in range(24)]
    slope = rng.uniform(-0.15, 0.15)
    return [
        round(latest * (1 + slope * (23 - i) / 23) * rng.uniform(0.99, 1.01), 2)
        if i < 23
        else round(latest, 2)
        for i in range(24)
    ]


def txn_series(
    rng: random.Random, base: float, months: list[date], dormant_months: int = 0
) -> list[int]:
    out = []
    for i, m in enumerate(months):
        if dormant_months and i >= 24 - dormant_months:
            out.append(0)
        elif dormant_months:
            out.append(rng.randrange(1, 4))
        else:
            out.append(max(1, round(base * TXN_SEASON[m.month] * rng.uniform(0.8, 1.2))))
    return out


def working_days_after(start: date, n: int) -> list[date]:
    """``start`` and the following weekdays, ``n`` weekdays in all (Mon-Fri)."""
    out: list[date] = []
    d = start
    while len(out) < n:
        if d.weekday() < 5:
            out.append(d)
        d += timedelta(days=1)
    return out
