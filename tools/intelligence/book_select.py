"""Runs a ``tools.book_query.BookQuery`` over book rows: filter, rank, and (for team leads)
group per RM. Products and RMs arrive resolved (codes, ids) — naming them is the tool's job.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from tools.book_query import BookQuery, Threshold
from tools.intelligence.book import BookRow, level


@dataclass(frozen=True)
class Resolved:
    """What the tool resolved the query's names to."""

    holds: tuple[frozenset[str], ...] = ()  # each: the codes one named product stands for
    lacks: tuple[frozenset[str], ...] = ()
    rm_id: str | None = None
    tier_keys: frozenset[str] = field(default_factory=frozenset)  # empty: no tier filter
    needs_segment: str | None = None  # the needs segment's key (None: no segment filter)


def _tier_ok(row: BookRow, q: BookQuery, r: Resolved) -> bool:
    named = [t for t in [q.tier, *q.tiers] if t]
    return not named or any(_is_tier(row, t, r) for t in named)


def _is_tier(row: BookRow, tier: str, r: Resolved) -> bool:
    wanted = tier.strip().lower()
    return (
        row.tier in r.tier_keys
        or wanted in (row.tier, row.tier_label_zh.lower(), row.tier_label_en.lower())
        or any(wanted == a.lower() or wanted + "客户" == a for a in row.attributes)
    )


def _threshold_ok(row: BookRow, t: Threshold) -> bool:
    value = row.measure(t.measure)
    if value is None:
        return False
    if t.measure == "deposit_change" and row.latest_change is not None:
        # A fall (or rise) within the quarter shows in its latest month before the 3-month
        # average catches up: "dropped by half" is met by either.
        pick = max if t.op == "gte" else min
        value = pick(value, row.latest_change)
    return value >= t.value if t.op == "gte" else value <= t.value


def _risk_ok(row: BookRow, q: BookQuery) -> bool:
    if q.risk_appetite and row.risk_appetite != level(q.risk_appetite):
        return False
    allowed = level(q.suitable_for)  # "suitable for an R5 product": graded C5 (C ≥ R)
    if allowed is not None and (row.risk_appetite or 0) < allowed:
        return False
    floor = level(q.product_risk_at_least)
    if floor is not None and (row.top_product_risk or 0) < floor:
        return False
    if q.risk_mismatch:
        return (
            row.risk_appetite is not None
            and row.top_investment_risk is not None
            and row.top_investment_risk > row.risk_appetite
        )
    return True


def _contact_overdue(row: BookRow) -> bool:
    """Longer without contact than the tier's service standard allows (none on record counts)."""
    every = row.contact_every_days
    return every is not None and (row.days_since_contact is None or row.days_since_contact > every)


def _products_ok(row: BookRow, q: BookQuery, r: Resolved) -> bool:
    held = set(row.held)
    if any(held & codes for codes in r.lacks):
        return False
    if q.maturity_within_days is not None and r.holds:
        return True  # "理财和定期下月到期": the maturity of any of them (below), not all held
    test = any if q.holds_any else all
    return test(held & codes for codes in r.holds) if r.holds else True


def _maturity_ok(row: BookRow, q: BookQuery, r: Resolved) -> bool:
    """A holding matures in the window; when products are named, one of theirs does."""
    if q.maturity_within_days is None:
        return True
    named = frozenset().union(*r.holds) if r.holds else None
    start = q.maturity_from_days or 0
    return any(
        start <= days <= q.maturity_within_days and (named is None or code in named)
        for days, code in row.maturities
    )


def maturing_total(rows: Sequence[BookRow], q: BookQuery, r: Resolved) -> float:
    """ "未来三个月到期的定期加大额存单一共多少钱": the amounts that mature in the query's window
    (of the products named, when named) — not the clients' deposits."""
    named = frozenset().union(*r.holds) if r.holds else None
    start = q.maturity_from_days or 0
    end = q.maturity_within_days if q.maturity_within_days is not None else -1
    return sum(
        amount
        for row in rows
        for days, code, amount in row.maturing_amounts
        if start <= days <= end and (named is None or code in named)
    )


def keep(row: BookRow, q: BookQuery, r: Resolved) -> bool:
    """True when ``row`` passes every filter of ``q``."""
    return (
        (r.rm_id is None or row.rm_id == r.rm_id)
        and _tier_ok(row, q, r)
        and (q.client_type is None or row.client_type == q.client_type)
        and (r.needs_segment is None or row.segment == r.needs_segment)
        and (q.industry is None or (row.industry or "").lower() == q.industry.lower())
        and (q.signal is None or q.signal in row.signals)
        and (not q.signal_overdue or (q.signal in row.overdue if q.signal else bool(row.overdue)))
        and (not q.risk_watch or row.watch is not None)
        and (q.product_gap is None or q.product_gap in row.gaps)
        and _maturity_ok(row, q, r)
        and (
            q.no_contact_days is None
            or row.days_since_contact is None
            or row.days_since_contact >= q.no_contact_days
        )
        and (not q.contact_overdue or _contact_overdue(row))
        and (
            q.contacted_within_days is None
            or (
                row.days_since_contact is not None
                and row.days_since_contact <= q.contacted_within_days
            )
        )
        and all(_threshold_ok(row, t) for t in q.thresholds)
        and _risk_ok(row, q)
        and _products_ok(row, q, r)
    )


def rank(rows: Sequence[BookRow], q: BookQuery) -> list[BookRow]:
    """Rows by the query's measure; rows without the figure last, ties by value then id."""
    name, down = q.measure(), q.is_descending()

    def key(row: BookRow) -> tuple:
        value = row.measure(name)
        if value is None:
            return (1, 0.0, -row.value, row.client_id)
        return (0, -value if down else value, -row.value, row.client_id)

    return sorted(rows, key=key)


def select(rows: Sequence[BookRow], q: BookQuery, r: Resolved) -> list[BookRow]:
    """Every row matching ``q``, ranked (the caller cuts it to ``q.limit``)."""
    return rank([row for row in rows if keep(row, q, r)], q)


# The money a team lead adds up per RM ("各自存款加起来多少"): measure -> BookRow figure.
SUMMED = {"deposit": "latest_deposit", "deposit_3m": "avg_deposit", "loan": "loan_balance",
          "aum": "aum"}  # fmt: skip


def per_rm(rows: Sequence[BookRow], rm_ids: Collection[str]) -> list[dict]:
    """Per RM of ``rm_ids``: the matching clients and the sum of each ``SUMMED`` figure over
    them, most clients first."""
    totals = {rm: {"clients": 0} | dict.fromkeys(SUMMED, 0.0) for rm in rm_ids}
    for row in rows:
        t = totals.setdefault(row.rm_id, {"clients": 0} | dict.fromkeys(SUMMED, 0.0))
        t["clients"] += 1
        for measure, attr in SUMMED.items():
            t[measure] += getattr(row, attr)
    ordered = sorted(totals.items(), key=lambda kv: (-kv[1]["clients"], kv[0]))
    return [{"rm_id": rm} | {k: round(v, 2) for k, v in t.items()} for rm, t in ordered]
