"""When RMs talked to each client, and which notes carry a phone or ID number (privacy-layer tests)."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from tools.bank.demo_data import EN_TITLES
from tools.bank.demo_holdings import MATURING_WINDOWS, P
from tools.bank.demo_notes import format_phone
from tools.bank.demo_series import working_days_after

NOTES_PER_TIER = {
    "strategic": 9,
    "core": 6.5,
    "key": 3.6,
    "basic": 1.9,
    "private": 7,
    "wealth": 3.8,
    "affluent": 2.1,
    "mass": 1.1,
}


def note_amount(c: dict[str, Any]):  # type: ignore[no-untyped-def]
    scale = c["dep_level"] / 10_000
    return lambda rng: max(1, int(round(scale * rng.uniform(0.1, 0.6), -1 if scale > 100 else 0)))


def interactions(
    rng: random.Random,
    c: dict[str, Any],
    months: list[date],
    as_of: date,
    products: dict[str, dict],
) -> list[dict[str, Any]]:
    start, end = months[0], as_of - timedelta(days=1)
    pattern = c["pattern"]
    n = max(
        0,
        round(rng.gauss(NOTES_PER_TIER[c["tier_target"]], NOTES_PER_TIER[c["tier_target"]] * 0.35)),
    )
    specials: list[tuple[date, str, dict[str, str]]] = []
    if pattern == "dormant":
        end, n = as_of - timedelta(days=rng.randint(200, 400)), rng.randint(0, 2)
        specials.append((end, "dormant", {}))
    elif pattern == "churn_gradual":
        if c["followup"]:
            day = rng.choice(working_days_after(months[22], 4))
            specials.append((day, "churn_followup", {"product": c["codes"][0]}))
        else:
            end = months[19] - timedelta(days=1)
    elif pattern == "churn_sudden":
        if rng.random() < 0.5:
            specials.append(
                (months[23] + timedelta(days=rng.randint(12, 29)), "sudden_outflow", {})
            )
        else:
            end = months[23] - timedelta(days=1)
    elif pattern in MATURING_WINDOWS and rng.random() < 0.5:
        code, due = c["maturing"]
        specials.append(
            (as_of - timedelta(days=rng.randint(2, 25)), "maturity", {"product": code, "due": due})
        )
    elif pattern == "payroll_gap" and rng.random() < 0.4:
        specials.append(
            (
                date.fromordinal(rng.randint(start.toordinal(), end.toordinal() - 120)),
                "payroll_pitch",
                {"product": P.payroll},
            )
        )
    elif pattern == "fast_grower" and rng.random() < 0.4:
        specials.append((months[22] + timedelta(days=rng.randint(0, 50)), "growth", {}))
    out = []
    channels = (
        ["visit", "phone", "wechat", "email", "branch"],
        [35, 30, 20, 10, 5] if c["type"] == "corporate" else [10, 30, 30, 5, 25],
    )
    for _ in range(n):
        d = date.fromordinal(rng.randint(start.toordinal(), end.toordinal()))
        specials.append((d, "general", {}))
    for d, kind, extra in specials:
        channel = (
            rng.choices(*channels, k=1)[0]
            if kind != "churn_followup"
            else rng.choice(["visit", "phone"])
        )
        if channel != "wechat" and d.weekday() >= 5:
            d = d - timedelta(days=d.weekday() - 4)  # back to Friday
        out.append(
            {
                "client": c,
                "date": d,
                "kind": kind,
                "channel": channel,
                "extra": extra,
                "english": rng.random() < (0.75 if c["english"] else 0.17),
            }
        )
    return out


def plant_pii(rng: random.Random, notes: list[dict[str, Any]]) -> None:
    general = [n for n in notes if n["kind"] == "general"]
    for n in rng.sample(general, round(len(notes) * 0.03)):
        c = n["client"]
        if c["type"] == "retail":
            phone, idn = c["phone"], c["reg_id"]
        else:
            person = rng.choice(c["contacts"])
            phone, idn = person["phone"], person["id_number"]
            en_title = EN_TITLES.get(person["title"], person["title"])
            n["who"] = {
                "who": person["title"]
                if person["title"] not in EN_TITLES.values()
                else "客户联系人",
                "who_en": en_title,
            }
        if idn and rng.random() < 0.3:
            n["kind"], n["extra"] = "pii_id", {"idn": idn, **n.get("who", {})}
            n["pii"] = ("id_number", idn)
        else:
            n["kind"], n["extra"] = (
                "pii_phone",
                {"phone": format_phone(rng, phone), **n.get("who", {})},
            )
            n["pii"] = ("phone", phone)
