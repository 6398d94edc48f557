"""RMs, clients and contacts for the demo bank."""

from __future__ import annotations

import hashlib
import math
import random
import uuid
from datetime import date, timedelta
from typing import Any

from faker import Faker

from tools.bank.demo_data import (
    BRANCHES,
    BRAND_PINYIN,
    CITY_SHORT,
    CONTACT_TITLES,
    CREDIT_RATINGS,
    EN_CITIES,
    EN_TITLES,
    INDUSTRIES,
    LEGAL_FORMS,
)
from tools.bank.demo_ids import (
    Registry,
    home_address,
    make_ric,
    make_uscc,
    office_address,
    person_pinyin,
    personal_email,
    pick_place,
    weighted,
    work_email,
)

RESERVED = ("华东精密", "蓝鲸星河")
AMBIGUOUS_PAIR = (
    ("华东精密机械有限公司", "hdjm-machinery.com"),
    ("华东精密电子有限公司", "hdjm-electronics.com"),
)
DISTINCTIVE_NAME = ("蓝鲸星河航天材料有限公司", "bluewhale-aero.com")
_AAD_NS = uuid.UUID("6f1c7a52-3d0e-4b8e-9a51-5e2d7c0b1f00")


def rm_rows(fz: Faker) -> list[dict[str, str]]:
    rows, emails = [], set()
    ids = [f"RM{i:03d}" for i in range(1, 25)] + ["RM900"]
    for n, rm_id in enumerate(ids):
        team = 0 if rm_id == "RM900" else n // 4
        while True:
            name = fz.name()
            py = person_pinyin(name)
            if py and f"{py[1]}.{py[0]}" not in emails:
                break
        emails.add(f"{py[1]}.{py[0]}")
        digest = hashlib.sha256(f"frontline-demo-slack:{rm_id}".encode()).hexdigest().upper()
        rows.append(
            {
                "rm_id": rm_id,
                "name": name,
                "team_id": f"T{team + 1:02d}",
                "branch": BRANCHES[team // 2],
                "role": "admin" if rm_id == "RM900" else "team_lead" if n % 4 == 3 else "rm",
                "slack_user_id": f"U0{rm_id}{digest[:2]}",
                "teams_aad_id": str(uuid.uuid5(_AAD_NS, rm_id)),
                "email": f"{py[1]}.{py[0]}@frontline-bank.example",
                "segment": "corporate" if team % 2 == 0 else "retail",
            }
        )
    return rows


def _lognormal(rng: random.Random, median: float, sigma: float, lo: float, hi: float) -> float:
    return min(hi, max(lo, median * math.exp(rng.gauss(0, sigma))))


def _log_uniform(rng: random.Random, lo: float, hi: float) -> float:
    return math.exp(rng.uniform(math.log(lo), math.log(hi)))


class People:
    """Name pools drawn once from Faker (zh_CN and en_US)."""

    def __init__(self, fz: Faker, fe: Faker) -> None:
        self.fz, self.fe = fz, fe

    def chinese(self, male: bool) -> str:
        return self.fz.name_male() if male else self.fz.name_female()

    def english(self, male: bool) -> str:
        return f"{self.fe.first_name_male() if male else self.fe.first_name_female()} {self.fe.last_name()}"


def corporate_name(
    rng: random.Random, fz: Faker, fe: Faker, c: dict[str, Any], used: set[str]
) -> tuple[str, str]:
    """(unique company name, e-mail domain)."""
    words_zh, words_en = INDUSTRIES[c["industry"]][1], INDUSTRIES[c["industry"]][2]
    while True:
        if c["english"]:
            last = fe.last_name()
            city = rng.choice(EN_CITIES[c["branch"]])
            form = rng.choice(
                [
                    "{l} {w} ({c}) Co., Ltd.",
                    "{l} {w} ({c}) Co., Ltd.",
                    "{l} & {l2} {w} ({c}) Co., Ltd.",
                    "{l} {w} China Co., Ltd.",
                ]
            )
            name = form.format(l=last, l2=fe.last_name(), w=rng.choice(words_en), c=city)
            domain = last.lower().replace("'", "") + rng.choice([".com", "-group.com", ".cn"])
        elif c["industry"] in {"信息技术", "教育文化"} and rng.random() < 0.35:
            name = (
                rng.choice(CITY_SHORT[c["branch"]]) if rng.random() < 0.5 else ""
            ) + fz.company()
            domain = ""
        else:
            chars = sorted(BRAND_PINYIN)
            a, b = rng.sample(chars, 2)
            city = rng.choice(CITY_SHORT[c["branch"]]) if rng.random() < 0.6 else ""
            form = (
                "集团有限公司"
                if c["tier_target"] in {"strategic", "core"} and rng.random() < 0.4
                else weighted(rng, LEGAL_FORMS)
            )
            name = f"{city}{a}{b}{rng.choice(words_zh)}{form}"
            domain = (
                BRAND_PINYIN[a]
                + BRAND_PINYIN[b]
                + rng.choice([".com", ".com.cn", ".cn", "group.com"])
            )
        if name not in used and not any(r in name for r in RESERVED):
            used.add(name)
            return name, domain


CORP_LEVELS = {  # target last-3-month deposit ranges and loan ranges by tier
    "strategic": ((1.1e8, 8e8), (0, 9e8)),
    "core": ((5.5e7, 9.5e7), (0, 1.8e8)),
    "key": ((1.1e7, 4.6e7), (0, 4.5e7)),
    "basic": ((2e5, 8.5e6), (5e5, 4.2e7)),
}
RETAIL_AUM = {
    "private": (6.8e6, 4e7),
    "wealth": (5.6e5, 5.3e6),
    "affluent": (5.6e4, 4.4e5),
    "mass": (800, 4.4e4),
}
APPETITE = {
    "mass": [25, 35, 30, 10, 0],
    "affluent": [15, 35, 35, 12, 3],
    "wealth": [10, 30, 35, 20, 5],
    "private": [5, 20, 35, 30, 10],
}
EMPLOYEES = {
    "strategic": (3000, 0.8, 500, 30000),
    "core": (800, 0.7, 120, 8000),
    "key": (180, 0.9, 20, 3000),
    "basic": (35, 1.0, 3, 600),
}


def build_corporate(
    rng: random.Random,
    fz: Faker,
    fe: Faker,
    people: People,
    reg: Registry,
    c: dict[str, Any],
    used: set[str],
    balance_start: date,
) -> None:
    eligible = [k for k, v in INDUSTRIES.items() if v[3]]
    c["english"] = rng.random() < 0.055 and not c.get("fixed_name")
    pool = eligible if c["english"] else list(INDUSTRIES)
    c["industry"] = rng.choices(pool, weights=[INDUSTRIES[k][0] for k in pool], k=1)[0]
    if c.get("fixed_name"):
        c["industry"] = "制造业"
    place = pick_place(rng, c["branch"])
    c["area"] = place[3]
    c["onboard"] = date.fromordinal(
        rng.randint(date(2004, 1, 1).toordinal(), (balance_start - timedelta(days=40)).toordinal())
    )
    founded = c["onboard"] - timedelta(days=rng.randrange(0, 3000))
    c["reg_id"] = make_uscc(rng, c["area"], founded)
    tier = c["tier_target"]
    if c["pattern"] == "payroll_gap":
        c["employees"] = round(_log_uniform(rng, 100, 3000))
    else:
        c["employees"] = round(_lognormal(rng, *EMPLOYEES[tier]))
    c["revenue"] = round(c["employees"] * rng.uniform(4e5, 2.5e6), -3)
    (dlo, dhi), (llo, lhi) = CORP_LEVELS[tier]
    c["key_by_products"] = tier == "key" and rng.random() < 0.25
    if tier in {"strategic", "core"} and rng.random() < 0.3:  # tier earned by loans
        c["loan_level"] = (
            rng.uniform(5.5e8, 9e8) if tier == "strategic" else rng.uniform(2.2e8, 4.5e8)
        )
        c["dep_level"] = _log_uniform(rng, 1.5e7, dhi * 0.4 if tier == "core" else 4.5e7)
    elif tier == "key" and not c["key_by_products"] and rng.random() < 0.2:
        c["loan_level"], c["dep_level"] = rng.uniform(5.5e7, 1.8e8), _log_uniform(rng, 2e6, 8.5e6)
    else:
        c["dep_level"] = (
            _log_uniform(rng, dlo, dhi)
            if tier != "basic"
            else _lognormal(rng, 1.4e6, 1.0, dlo, dhi)
        )
        if c["key_by_products"]:
            c["dep_level"] = _log_uniform(rng, 1.2e6, 8.5e6)
        c["loan_level"] = (
            _log_uniform(rng, max(llo, 5e5), lhi)
            if rng.random() < (0.35 if tier == "basic" else 0.6)
            else 0.0
        )
    if c["pattern"] in {"churn_gradual", "churn_sudden", "fast_grower"} and c["dep_level"] < 4e6:
        c["dep_level"] = rng.uniform(4e6, 9e6)
    if c["pattern"] == "dormant":
        c["dep_level"], c["loan_level"] = _log_uniform(rng, 5e4, 2e6), 0.0
    c["name"], domain = corporate_name(rng, fz, fe, c, used)
    if c.get("fixed_name"):
        used.discard(c["name"])
        c["name"], domain = c["fixed_name"], c["fixed_domain"]
    c["risk_rating"] = rng.choice(CREDIT_RATINGS[tier])
    c["phone"] = reg.mobile()
    free = not domain or (tier == "basic" and rng.random() < 0.5)
    c["email"] = (
        f"{rng.randrange(10**5, 3 * 10**9)}@qq.com"
        if free and rng.random() < 0.5
        else f"{rng.choice(['caiwu', 'finance', 'info', 'office'])}{rng.randrange(1, 99) if free else ''}@"
        + (rng.choice(["163.com", "126.com"]) if free else domain)
    )
    c["address"] = office_address(rng, place)
    c["domain"] = domain
    n_contacts = rng.randint(1, 3) if tier == "basic" else rng.randint(2, 4)
    titles = ["法定代表人"] + rng.sample(CONTACT_TITLES, n_contacts - 1)
    rng.shuffle(titles)
    primary = "财务总监" if "财务总监" in titles else titles[0]
    c["contacts"] = []
    for t in titles:
        male = rng.random() < 0.55
        english = c["english"] and rng.random() < 0.4
        name = people.english(male) if english else people.chinese(male)
        birth = c["onboard"].replace(day=1) - timedelta(days=rng.randrange(25 * 365, 55 * 365))
        idn = (
            make_ric(rng, birth, male, c["area"])
            if not english and (t == "法定代表人" or rng.random() < 0.25)
            else ""
        )
        email = (
            work_email(rng, name, domain, english)
            if domain and rng.random() < 0.7
            else personal_email(rng, name, birth.year, english)
        )
        c["contacts"].append(
            {
                "name": name,
                "title": EN_TITLES[t] if english else t,
                "phone": reg.mobile(),
                "email": email,
                "id_number": idn,
                "is_primary": t == primary,
            }
        )
        if t == "法定代表人" and not english:
            c["boss_surname"] = name[0]


def build_retail(
    rng: random.Random,
    people: People,
    reg: Registry,
    c: dict[str, Any],
    as_of: date,
    balance_start: date,
) -> None:
    tier = c["tier_target"]
    male = rng.random() < 0.5
    c["english"] = rng.random() < 0.08
    c["name"] = people.english(male) if c["english"] else people.chinese(male)
    age_lo, age_hi = {
        "mass": (22, 70),
        "affluent": (25, 75),
        "wealth": (30, 78),
        "private": (35, 78),
    }[tier]
    age = rng.randint(age_lo, age_hi)
    birth = date(as_of.year - age - 1, 1, 1) + timedelta(days=rng.randrange(0, 365))
    c["birth"] = birth
    place = pick_place(rng, c["branch"])
    c["area"] = place[3]
    c["reg_id"] = make_ric(rng, birth, male, c["area"])
    adult = date(birth.year + 18, birth.month, 1)
    lo = max(adult, date(2004, 1, 1)).toordinal()
    c["onboard"] = date.fromordinal(
        rng.randint(min(lo, balance_start.toordinal() - 60), balance_start.toordinal() - 40)
    )
    if c["pattern"] == "suitability_mismatch":
        c["appetite_n"] = rng.choices([1, 2, 3], weights=[3, 5, 2], k=1)[0]
    else:
        c["appetite_n"] = rng.choices([1, 2, 3, 4, 5], weights=APPETITE[tier], k=1)[0]
    c["aum_target"] = _log_uniform(rng, *RETAIL_AUM[tier])
    if c["pattern"] in {"churn_gradual", "churn_sudden", "fast_grower"} and c["aum_target"] < 3e5:
        c["aum_target"] = rng.uniform(3e5, 9e5)
    if c["pattern"] == "dormant":
        c["aum_target"] = _log_uniform(rng, 3e3, 1.5e5)
    c["loan_level"] = 0.0
    if (
        28 <= age <= 60
        and rng.random() < 0.25
        and c["pattern"] != "dormant"
        and c["appetite_n"] >= 2
    ):
        c["loan_level"] = round(_log_uniform(rng, 2e5, 6e6 if tier == "private" else 3e6), -2)
    c["risk_rating"], c["industry"], c["revenue"], c["employees"] = "", "", None, None
    c["phone"] = reg.mobile()
    c["email"] = (
        personal_email(rng, c["name"], birth.year, c["english"]) if rng.random() < 0.85 else ""
    )
    c["address"] = home_address(rng, place)
    c["contacts"] = []
