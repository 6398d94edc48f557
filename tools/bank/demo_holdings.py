"""Product choice and holdings rows for the demo bank."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import yaml

from tools.bank.demo_data import TRADE_INDUSTRIES
from tools.bank.demo_ids import Registry

# The catalogue's fixed-term products and the terms they are sold for (catalog.yaml).
_CATALOG = yaml.safe_load(Path(__file__).with_name("catalog.yaml").read_text(encoding="utf-8"))
TERMS: dict[str, list[int]] = _CATALOG["terms_days"]
# The part each catalogue product plays in the generator (catalog.yaml ``demo_roles``): the
# choice rules below speak of roles, the catalogue says which code plays each.
P = SimpleNamespace(**_CATALOG["demo_roles"])
MATURING_WINDOWS = {"maturing_30": (3, 30), "maturing_60": (33, 60), "maturing_90": (63, 90)}
RETAIL_INVEST = [
    P.retail_cd,
    P.conservative_wealth,
    P.annuity,
    P.balanced_wealth,
    P.hybrid_fund,
    P.gold,
    P.equity_fund,
    P.family_trust,
]
CARD_PRODUCTS = {P.savings, P.retail_time, P.retail_cd}
CORP_ACCOUNT_CATEGORIES = {"deposit", "cd", "structured_deposit", "loan"}


def risk_num(level: str) -> int:
    return int(level[1:])


def corporate_products(
    rng: random.Random, c: dict[str, Any], products: dict[str, dict]
) -> list[str]:
    tier, ind, dep, loan = c["tier_target"], c["industry"], c["dep_level"], c["loan_level"]
    big = tier != "basic"
    chosen = [P.corp_demand]
    if c["pattern"] != "payroll_gap" and (
        c["employees"] >= 100 or (c["employees"] >= 30 and rng.random() < 0.2)
    ):
        chosen.append(P.payroll)
    if loan > 0:
        if tier == "basic" and loan <= 10_000_000:
            chosen.append(P.sme_loan)
        else:
            chosen.append(P.working_capital_loan)
            if loan >= 30_000_000 and rng.random() < 0.5:
                chosen.append(P.fixed_asset_loan)
    if c["pattern"] in MATURING_WINDOWS:
        chosen.append(
            P.corp_cd if dep >= 30_000_000 else rng.choice([P.corp_time, P.corp_structured])
        )
    if c["pattern"] == "suitability_mismatch":
        chosen.append(P.fx_option)
    trade = ind in TRADE_INDUSTRIES or c["english"]
    odds = [
        (P.corp_time, 0.45 if dep >= 1_000_000 else 0.1),
        (P.corp_cd, 0.5 if dep >= 30_000_000 else 0),
        (P.corp_structured, 0.3 if dep >= 3_000_000 else 0),
        (P.cash_management, 0.55 if big else 0.05),
        (P.letter_of_credit, 0.6 if ind == "外贸" else 0.3 if trade else 0),
        (P.export_bill, 0.4 if ind == "外贸" else 0),
        (P.bill_discounting, 0.2 if ind in {"制造业", "批发零售", "建筑业"} else 0.05),
        (P.supply_chain, 0.15 if ind in {"制造业", "批发零售", "新能源"} else 0),
        (P.fx_forward, 0.45 if ind == "外贸" or c["english"] else 0.15 if trade else 0),
        (P.fx_option, 0.08 if big and ind == "外贸" and c["pattern"] == "" else 0),
        (P.corp_wealth, 0.2 if dep >= 3_000_000 else 0),
    ]
    if c["pattern"] in MATURING_WINDOWS:  # keep the planted maturity the only one in the window
        odds = [(p, o) for p, o in odds if p not in TERMS]
    extra = [p for p, o in odds if p not in chosen and rng.random() < o]
    rng.shuffle(extra)
    if c["key_by_products"]:
        pool = [
            p
            for p, o in odds
            if p not in chosen and p not in extra and o > 0 and p not in {P.fx_option, P.corp_cd}
        ]
        rng.shuffle(pool)
        extra += pool
        cap = rng.randrange(5, 8)
    else:
        cap = 4 if tier == "basic" else {"key": rng.randrange(2, 7)}.get(tier, rng.randrange(5, 9))
    for p in extra:
        if len(chosen) >= cap:
            break
        chosen.append(p)
    assert 1 <= len(chosen) <= 8 and len(set(chosen)) == len(chosen)
    return chosen


def retail_products(
    rng: random.Random, c: dict[str, Any], products: dict[str, dict]
) -> tuple[list[str], dict[str, float]]:
    """Products and the invested amount of each investment product."""
    n, aum = c["appetite_n"], c["aum_target"]
    share = {1: (0.0, 0.3), 2: (0.1, 0.5), 3: (0.2, 0.6), 4: (0.3, 0.7), 5: (0.3, 0.75)}[n]
    budget = aum * rng.uniform(*share)
    allowed = [
        p
        for p in RETAIL_INVEST
        if risk_num(products[p]["risk_level"]) <= n
        and products[p]["min_amount"] * 2 <= budget
        and (p != P.family_trust or aum >= 15_000_000)
    ]
    if c["pattern"] in MATURING_WINDOWS:
        allowed = [p for p in allowed if p not in TERMS]
    rng.shuffle(allowed)
    picks = allowed[: rng.randrange(1, 4)] if allowed else []
    invest: dict[str, float] = {}
    if c["pattern"] == "suitability_mismatch":
        above = [
            p
            for p in (P.balanced_wealth, P.hybrid_fund, P.gold, P.equity_fund)
            if risk_num(products[p]["risk_level"]) > n
        ]
        p = rng.choice(above)
        invest[p] = round(rng.uniform(10_000, min(300_000, max(20_000, aum * 0.4))), -2)
        picks = [x for x in picks if x != p]
    if c["pattern"] in MATURING_WINDOWS:
        p = (
            P.retail_cd
            if aum >= 600_000 and rng.random() < 0.5
            else rng.choice([P.retail_time, P.conservative_wealth] if n >= 2 else [P.retail_time])
        )
        if p != P.retail_time:
            invest[p] = max(products[p]["min_amount"], round(aum * rng.uniform(0.15, 0.35), -3))
    if picks:
        weights = [rng.uniform(0.5, 1.5) for _ in picks]
        for p, w in zip(picks, weights, strict=True):
            invest[p] = max(products[p]["min_amount"], round(budget * w / sum(weights), -2))
    chosen = [P.savings]
    if (
        c["pattern"] in MATURING_WINDOWS
        and P.retail_cd not in invest
        and P.conservative_wealth not in invest
        or c["pattern"] not in MATURING_WINDOWS
        and aum >= 20_000
        and rng.random() < 0.35
    ):
        chosen.append(P.retail_time)
    chosen += [p for p in invest if p not in chosen]
    if c["loan_level"] > 0:
        chosen.append(P.mortgage)
    if rng.random() < 0.5:
        chosen.append(P.credit_card)
    return chosen[:8], invest


def _pick_term(
    rng: random.Random, code: str, dtm_range: tuple[int, int] | None, as_of: date, onboard: date
) -> tuple[date, date]:
    """(opened, maturity) for a term product; maturity after ``as_of``."""
    for _ in range(20):
        if dtm_range:
            dtm = rng.randint(*dtm_range)
            terms = [t for t in TERMS[code] if t >= dtm + 10]
            term = rng.choice(terms)
        else:
            terms = [t for t in TERMS[code] if t > 110]
            term = rng.choice(terms)
            dtm = rng.randint(92, term - 10)
        maturity = as_of + timedelta(days=dtm)
        opened = maturity - timedelta(days=term)
        if opened >= onboard:
            return opened, maturity
    return max(onboard, opened), maturity


def holding_rows(
    rng: random.Random,
    c: dict[str, Any],
    codes: list[str],
    invest: dict[str, float],
    dep_latest: float,
    loan_latest: float,
    products: dict[str, dict],
    reg: Registry,
    as_of: date,
) -> list[list[str]]:
    onboard: date = c["onboard"]
    window = MATURING_WINDOWS.get(c["pattern"])
    planted_done = False
    dep_codes = [p for p in codes if products[p]["category"] == "deposit"]
    dep_total = dep_latest * rng.uniform(0.97, 1.03)
    split: dict[str, float] = {}
    if len(dep_codes) == 2:  # time deposit share, at least the product minimum
        split[dep_codes[1]] = round(
            max(products[dep_codes[1]]["min_amount"], dep_total * rng.uniform(0.2, 0.6)), -2
        )
    split[dep_codes[0]] = max(dep_total * 0.05, dep_total - sum(split.values()))
    loan_codes = [p for p in codes if products[p]["category"] == "loan"]
    for i, p in enumerate(loan_codes):
        split[p] = loan_latest * (
            0.6 if len(loan_codes) == 2 and i == 0 else 0.4 if len(loan_codes) == 2 else 1.0
        )
    rows = []
    for p in codes:
        cat = products[p]["category"]
        maturity: date | None = None
        if p in split:
            bal = split[p]
        elif p in invest:
            bal = invest[p]
        elif p in {P.corp_cd, P.corp_structured, P.corp_wealth}:
            bal = max(products[p]["min_amount"], round(c["dep_level"] * rng.uniform(0.1, 0.4), -4))
        elif cat in {"trade_finance", "supply_chain", "fx_hedging"}:
            bal = round(c["revenue"] * rng.uniform(0.01, 0.08), -4)
        elif p == P.credit_card:
            bal = round(rng.uniform(0, 30_000), 2)
        else:  # payroll, cash management: service agreements
            bal = 0.0
        if p in TERMS:
            use_window = window if window and not planted_done else None
            opened, maturity = _pick_term(rng, p, use_window, as_of, onboard)
            planted_done = planted_done or use_window is not None
        elif p in {P.corp_demand, P.savings}:
            opened = onboard
        else:
            lo = max(onboard.toordinal(), as_of.toordinal() - 5 * 365)
            opened = date.fromordinal(rng.randint(lo, as_of.toordinal() - 20))
        if c["type"] == "retail":
            acct = (
                reg.debit_card()
                if p in CARD_PRODUCTS
                else reg.credit_card()
                if p == P.credit_card
                else reg.loan_account()
                if p == P.mortgage
                else ""
            )
        else:
            acct = reg.corporate_account(c["area"]) if cat in CORP_ACCOUNT_CATEGORIES else ""
        rows.append(
            [
                c["id"],
                p,
                f"{bal:.2f}",
                opened.isoformat(),
                acct,
                maturity.isoformat() if maturity else "",
            ]
        )
    return rows
