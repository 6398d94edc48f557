"""The demo bank generator: format, determinism, valid identifiers and every planted pattern.

Each pattern is recomputed here from the CSVs alone (independently of tools/bank/demo_*).
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
import time
import uuid
from collections import Counter, defaultdict
from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml
from stdnum import luhn
from stdnum.cn import ric, uscc

from tools.bank.demo import generate_demo_bank

pytestmark = pytest.mark.slow  # generates the full demo bank (a few seconds)

AS_OF = date(2026, 11, 1)
FILES = ["rms", "clients", "contacts", "products", "holdings", "balances", "interactions"]
HEADERS = {
    "rms": "rm_id,name,team_id,branch,role,slack_user_id,teams_aad_id,email",
    "clients": "client_id,client_type,name,rm_id,branch,onboard_date,industry,registration_id,risk_rating,"
    "risk_appetite,annual_revenue,employees,phone,email,address",
    "contacts": "client_id,name,title,phone,email,id_number,is_primary",
    "products": "product_code,name,category,risk_level,segment,min_amount,description,name_en",
    "holdings": "client_id,product_code,balance,opened_date,account_no,maturity_date",
    "balances": "client_id,month,avg_daily_deposit,loan_balance,transaction_count",
    "interactions": "client_id,date,rm_id,channel,summary",
}
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
    "churn_no_followup",
]
MOBILE = re.compile(r"^1[3-9]\d{9}$")
EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")
ROOT = Path(__file__).resolve().parents[2]


# ---------------------------------------------------------------- helpers
def read(dir_: Path, stem: str) -> list[dict[str, str]]:
    with (dir_ / f"{stem}.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def sha256s(dir_: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(dir_.iterdir())}


def mean(xs: list[float]) -> float:
    return sum(xs) / len(xs)


def window_ratio(dep: list[float], end: int = 23) -> float:
    return mean(dep[end - 2 : end + 1]) / mean(dep[end - 5 : end - 2])


def weekdays_from(start: date, n: int) -> list[date]:
    out: list[date] = []
    d = start
    while len(out) < n:
        if d.weekday() < 5:
            out.append(d)
        d += timedelta(days=1)
    return out


class Bank:
    def __init__(self, dir_: Path, counts: dict[str, int], seconds: float) -> None:
        self.dir, self.counts, self.seconds = dir_, counts, seconds
        self.rms = {r["rm_id"]: r for r in read(dir_, "rms")}
        self.clients = {r["client_id"]: r for r in read(dir_, "clients")}
        self.contacts = read(dir_, "contacts")
        self.products = {r["product_code"]: r for r in read(dir_, "products")}
        self.holdings = read(dir_, "holdings")
        self.balances = read(dir_, "balances")
        self.notes = read(dir_, "interactions")
        self.truth = json.loads((dir_ / "demo_truth.json").read_text(encoding="utf-8"))
        self.deposits: dict[str, list[float]] = defaultdict(list)
        self.txns: dict[str, list[int]] = defaultdict(list)
        self.loans: dict[str, list[float]] = defaultdict(list)
        for b in sorted(self.balances, key=lambda r: (r["client_id"], r["month"])):
            self.deposits[b["client_id"]].append(float(b["avg_daily_deposit"]))
            self.loans[b["client_id"]].append(float(b["loan_balance"]))
            self.txns[b["client_id"]].append(int(b["transaction_count"]))
        self.held: dict[str, list[dict[str, str]]] = defaultdict(list)
        for h in self.holdings:
            self.held[h["client_id"]].append(h)
        self.note_dates: dict[str, list[date]] = defaultdict(list)
        for n in self.notes:
            self.note_dates[n["client_id"]].append(date.fromisoformat(n["date"]))

    def book(self, rm_id: str) -> set[str]:
        return {c for c, r in self.clients.items() if r["rm_id"] == rm_id}


@pytest.fixture(scope="module")
def bank(tmp_path_factory: pytest.TempPathFactory) -> Bank:
    out = tmp_path_factory.mktemp("demo_bank")
    t0 = time.perf_counter()
    counts = generate_demo_bank(out)
    return Bank(out, counts, time.perf_counter() - t0)


# ---------------------------------------------------------------- format, size, determinism
def test_generation_reports_row_counts_that_meet_the_minimums(bank: Bank) -> None:
    c = bank.counts
    assert set(c) == set(FILES)
    for stem in FILES:
        assert c[stem] == len(read(bank.dir, stem))
    assert c["rms"] == 25 and c["clients"] == 2400 and c["products"] == 28
    assert c["balances"] == 2400 * 24
    assert c["interactions"] >= 5000
    assert c["contacts"] >= 1440
    assert bank.seconds < 20


def test_csv_headers_follow_the_import_format_and_are_utf8_with_unix_newlines(bank: Bank) -> None:
    for stem, header in HEADERS.items():
        raw = (bank.dir / f"{stem}.csv").read_bytes()
        assert b"\r" not in raw
        assert raw.decode("utf-8").split("\n", 1)[0] == header


def test_same_seed_gives_identical_bytes_and_another_seed_differs(
    bank: Bank, tmp_path: Path
) -> None:
    again, other = tmp_path / "again", tmp_path / "other"
    generate_demo_bank(again)
    generate_demo_bank(other, seed=7)
    assert sha256s(again) == sha256s(bank.dir)
    theirs = sha256s(other)
    for name in (
        "clients.csv",
        "contacts.csv",
        "holdings.csv",
        "balances.csv",
        "interactions.csv",
        "demo_truth.json",
    ):
        assert theirs[name] != sha256s(bank.dir)[name]


def test_amounts_have_two_decimals_and_dates_are_iso(bank: Bank) -> None:
    money = re.compile(r"^\d+\.\d{2}$")
    assert all(money.match(h["balance"]) for h in bank.holdings)
    assert all(
        money.match(b["avg_daily_deposit"]) and money.match(b["loan_balance"])
        for b in bank.balances
    )
    assert all(
        money.match(r["annual_revenue"])
        for r in bank.clients.values()
        if r["client_type"] == "corporate"
    )
    for h in bank.holdings:
        date.fromisoformat(h["opened_date"])
        assert date.fromisoformat(h["opened_date"]) < AS_OF


# ---------------------------------------------------------------- RMs, clients, contacts
def test_rms_form_three_branches_six_teams_with_one_lead_each_plus_an_admin(bank: Bank) -> None:
    rms = bank.rms
    assert sorted(rms) == [f"RM{i:03d}" for i in range(1, 25)] + ["RM900"]
    teams = defaultdict(list)
    for r in rms.values():
        if r["role"] != "admin":
            teams[r["team_id"]].append(r)
    assert sorted(teams) == ["T01", "T02", "T03", "T04", "T05", "T06"]
    assert len({r["branch"] for r in rms.values()}) == 3
    for members in teams.values():
        assert len(members) == 4 and [m["role"] for m in members].count("team_lead") == 1
        assert len({m["branch"] for m in members}) == 1
    assert (
        rms["RM001"]["role"] == "rm" and rms["RM002"]["team_id"] == rms["RM001"]["team_id"] == "T01"
    )
    assert rms["RM004"]["role"] == "team_lead" and rms["RM004"]["team_id"] == "T01"
    assert (
        rms["RM900"]["role"] == "admin"
        and rms["RM900"]["team_id"] == "T01"
        and not bank.book("RM900")
    )
    assert all(bank.clients[c]["client_type"] == "corporate" for c in bank.book("RM001"))
    assert len({r["slack_user_id"] for r in rms.values()}) == 25
    for r in rms.values():
        assert re.fullmatch(r"U0[A-Z0-9]{7,}", r["slack_user_id"])
        uuid.UUID(r["teams_aad_id"])
        assert r["email"].endswith("@frontline-bank.example") and EMAIL.match(r["email"])


def test_clients_split_by_segment_over_matching_teams_and_many_industries(bank: Bank) -> None:
    clients = bank.clients
    assert sorted(clients) == [f"C{i:06d}" for i in range(1, 2401)]
    kinds = Counter(c["client_type"] for c in clients.values())
    assert 0.55 <= kinds["corporate"] / 2400 <= 0.65
    segment_of_team: dict[str, str] = {}
    for c in clients.values():
        rm = bank.rms[c["rm_id"]]
        assert rm["role"] != "admin" and c["branch"] == rm["branch"]
        assert segment_of_team.setdefault(rm["team_id"], c["client_type"]) == c["client_type"]
        assert date.fromisoformat(c["onboard_date"]) < date(2024, 11, 1)
        assert c["risk_appetite"] in {"C1", "C2", "C3", "C4", "C5"}
    assert Counter(segment_of_team.values()) == {"corporate": 3, "retail": 3}
    corporate = [c for c in clients.values() if c["client_type"] == "corporate"]
    assert len({c["industry"] for c in corporate}) >= 10
    names = [c["name"] for c in corporate]
    assert len(set(names)) == len(names)
    english = [n for n in names if re.match(r"[A-Za-z]", n)]
    assert 0.03 <= len(english) / len(names) <= 0.08 and all("Co., Ltd." in n for n in english)
    retail = [c["name"] for c in clients.values() if c["client_type"] == "retail"]
    assert 0.04 <= sum(bool(re.match(r"[A-Za-z]", n)) for n in retail) / len(retail) <= 0.12


def test_corporate_clients_have_one_to_four_contacts_with_one_primary(bank: Bank) -> None:
    per = defaultdict(list)
    for p in bank.contacts:
        per[p["client_id"]].append(p)
    corporate = {c for c, r in bank.clients.items() if r["client_type"] == "corporate"}
    assert set(per) == corporate
    for people in per.values():
        assert 1 <= len(people) <= 4
        assert [p["is_primary"] for p in people].count("true") == 1
    titles = Counter(p["title"] for p in bank.contacts)
    assert {"法定代表人", "财务总监", "出纳"} <= set(titles)


def test_registration_and_id_numbers_pass_their_checksums(bank: Bank) -> None:
    for c in bank.clients.values():
        if c["client_type"] == "corporate":
            assert uscc.is_valid(c["registration_id"]), c
        else:
            assert ric.is_valid(c["registration_id"]), c
            age = (AS_OF - ric.get_birth_date(c["registration_id"])).days / 365.25
            assert 18 <= age <= 90
            assert (
                date.fromisoformat(c["onboard_date"]).year
                >= ric.get_birth_date(c["registration_id"]).year + 18
            )
    ids = [p["id_number"] for p in bank.contacts if p["id_number"]]
    assert len(ids) >= 1440 * 0.8
    for n in ids:
        assert ric.is_valid(n)
        assert 20 <= (AS_OF - ric.get_birth_date(n)).days / 365.25 <= 90


def test_account_numbers_are_luhn_valid_cards_and_corporate_accounts(bank: Bank) -> None:
    accounts = [h["account_no"] for h in bank.holdings if h["account_no"]]
    assert len(accounts) == len(set(accounts)) and len(accounts) > 4000
    for h in bank.holdings:
        acct = h["account_no"]
        segment = bank.clients[h["client_id"]]["client_type"]
        category = bank.products[h["product_code"]]["category"]
        if segment == "retail" and category in {"deposit", "cd", "card"}:
            assert acct.startswith("62") and len(acct) in (16, 19) and luhn.is_valid(acct), h
        if segment == "corporate" and category in {"deposit", "loan"}:
            assert acct.isdigit() and 15 <= len(acct) <= 18 and luhn.is_valid(acct), h
        if acct:
            assert luhn.is_valid(acct)


def test_phones_are_mainland_mobiles_and_emails_look_real(bank: Bank) -> None:
    phones = [c["phone"] for c in bank.clients.values()] + [p["phone"] for p in bank.contacts]
    assert all(MOBILE.match(p) for p in phones)
    assert len(set(phones)) == len(phones)
    emails = [c["email"] for c in bank.clients.values() if c["email"]] + [
        p["email"] for p in bank.contacts if p["email"]
    ]
    assert len(emails) > 3000 and all(EMAIL.match(e) for e in emails)
    addr = re.compile(r"^(上海市|(江苏|浙江)省\w+?市)\w+?(区|市)\w+?(路|大道|大道东|街)\d+(号|弄)")
    assert all(addr.match(c["address"]) for c in bank.clients.values())


# ---------------------------------------------------------------- products, holdings, balances
def test_products_are_exactly_the_catalogue(bank: Bank) -> None:
    catalog = yaml.safe_load((ROOT / "tools/bank/catalog.yaml").read_text(encoding="utf-8"))[
        "products"
    ]
    assert len(bank.products) == len(catalog) >= 25
    for code, zh, en, category, risk, segment, min_amount in catalog:
        p = bank.products[code]
        assert (p["name"], p["name_en"], p["category"], p["risk_level"], p["segment"]) == (
            zh,
            en,
            category,
            risk,
            segment,
        )
        assert float(p["min_amount"]) == float(min_amount) and p["description"]


def test_every_client_holds_one_to_eight_products_of_its_segment(bank: Bank) -> None:
    term = {"cd", "structured_deposit", "wealth"}
    for cid, client in bank.clients.items():
        rows = bank.held[cid]
        codes = [h["product_code"] for h in rows]
        assert 1 <= len(rows) <= 8 and len(set(codes)) == len(codes)
        assert all(bank.products[p]["segment"] in (client["client_type"], "both") for p in codes)
        for h in rows:
            p = bank.products[h["product_code"]]
            if p["category"] in term or h["product_code"] in {"CDEP02", "RDEP02"}:
                assert h["maturity_date"] and date.fromisoformat(h["maturity_date"]) > AS_OF
                assert float(h["balance"]) >= float(p["min_amount"])
            elif h["maturity_date"]:
                pytest.fail(f"unexpected maturity on {h}")
        loans = sum(
            float(h["balance"])
            for h in rows
            if bank.products[h["product_code"]]["category"] == "loan"
        )
        assert abs(loans - bank.loans[cid][-1]) < 1.0


def test_balances_cover_the_24_months_before_as_of(bank: Bank) -> None:
    months = sorted({b["month"] for b in bank.balances})
    assert months[0] == "2024-11" and months[-1] == "2026-10" and len(months) == 24
    assert all(len(v) == 24 for v in bank.deposits.values()) and len(bank.deposits) == 2400


def test_tiers_come_out_near_the_intended_mix(bank: Bank) -> None:
    aum_cats = {"wealth", "fund", "insurance", "cd", "gold", "trust"}
    corp: Counter[str] = Counter()
    retail: Counter[str] = Counter()
    for cid, c in bank.clients.items():
        avg = mean(bank.deposits[cid][-3:])
        if c["client_type"] == "corporate":
            loan, n = bank.loans[cid][-1], len(bank.held[cid])
            corp[
                "strategic"
                if avg >= 1e8 or loan >= 5e8
                else "core"
                if avg >= 5e7 or loan >= 2e8
                else "key"
                if avg >= 1e7 or loan >= 5e7 or n >= 5
                else "basic"
            ] += 1
        else:
            aum = avg + sum(
                float(h["balance"])
                for h in bank.held[cid]
                if bank.products[h["product_code"]]["category"] in aum_cats
            )
            retail[
                "private"
                if aum >= 6e6
                else "wealth"
                if aum >= 5e5
                else "affluent"
                if aum >= 5e4
                else "mass"
            ] += 1
    total_c, total_r = sum(corp.values()), sum(retail.values())
    for tier, share in {"strategic": 0.03, "core": 0.07, "key": 0.25, "basic": 0.65}.items():
        assert abs(corp[tier] / total_c - share) <= max(0.015, share * 0.3), (tier, corp)
    for tier, share in {"private": 0.02, "wealth": 0.15, "affluent": 0.40, "mass": 0.43}.items():
        assert abs(retail[tier] / total_r - share) <= max(0.015, share * 0.3), (tier, retail)


# ---------------------------------------------------------------- interactions
def test_interactions_are_dated_before_as_of_with_valid_channels_and_mixed_languages(
    bank: Bank,
) -> None:
    assert all(date(2024, 11, 1) <= d < AS_OF for ds in bank.note_dates.values() for d in ds)
    assert {n["channel"] for n in bank.notes} == {"visit", "phone", "wechat", "email", "branch"}
    assert all(n["rm_id"] == bank.clients[n["client_id"]]["rm_id"] for n in bank.notes)
    english = [n for n in bank.notes if re.match(r"[A-Za-z]", n["summary"])]
    assert 0.12 <= len(english) / len(bank.notes) <= 0.3
    assert len({n["summary"] for n in bank.notes}) > 2000
    product_names = {p["name"] for p in bank.products.values()} | {
        p["name_en"] for p in bank.products.values()
    }
    assert (
        sum(any(p in n["summary"] for p in product_names) for n in bank.notes)
        > len(bank.notes) * 0.6
    )


def test_about_three_percent_of_notes_carry_a_real_phone_or_id_number(bank: Bank) -> None:
    known = {c["phone"] for c in bank.clients.values()} | {
        c["registration_id"] for c in bank.clients.values()
    }
    known |= {p["phone"] for p in bank.contacts} | {
        p["id_number"] for p in bank.contacts if p["id_number"]
    }
    owners: defaultdict[str, set[str]] = defaultdict(set)
    for c in bank.clients.values():
        owners[c["client_id"]] |= {c["phone"], c["registration_id"]}
    for p in bank.contacts:
        owners[p["client_id"]] |= {p["phone"], p["id_number"]}
    with_pii = []
    for n in bank.notes:
        digits = re.sub(r"(?<=\d)[ -](?=\d)", "", n["summary"])
        found = set(re.findall(r"1[3-9]\d{9}|\d{17}[\dX]", digits)) & known
        if found:
            assert found <= owners[n["client_id"]], n
            with_pii.append(n["client_id"])
    assert 0.02 <= len(with_pii) / len(bank.notes) <= 0.04
    assert sorted(set(with_pii)) == bank.truth["notes_with_pii"]
    spaced = re.compile(r"1[3-9]\d[ -]\d{4}[ -]\d{4}")
    assert any(spaced.search(n["summary"]) for n in bank.notes)
    assert {e["kind"] for e in bank.truth["pii_in_notes"]} == {"phone", "id_number"}


# ---------------------------------------------------------------- planted patterns
def recompute(bank: Bank) -> dict[str, list[str]]:
    minimum = {"corporate": 1_000_000, "retail": 50_000}
    found: dict[str, list[str]] = {p: [] for p in PATTERNS}
    months = [date(2024 + (10 + i) // 12, (10 + i) % 12 + 1, 1) for i in range(24)]
    for cid in sorted(bank.clients):
        c, dep, rows = bank.clients[cid], bank.deposits[cid], bank.held[cid]
        seg = c["client_type"]
        if mean(dep[18:21]) >= minimum[seg] and window_ratio(dep) <= 0.8:
            found["churn_gradual"].append(cid)
            first = next(
                e
                for e in range(5, 24)
                if mean(dep[e - 5 : e - 2]) >= minimum[seg] and window_ratio(dep, e) <= 0.8
            )
            seen = months[first + 1] if first < 23 else AS_OF
            deadline = weekdays_from(seen + timedelta(days=1), 5)[-1]
            if not any(seen <= d <= deadline for d in bank.note_dates[cid]):
                found["churn_no_followup"].append(cid)
        if dep[22] >= minimum[seg] and dep[23] <= 0.6 * dep[22]:
            found["churn_sudden"].append(cid)
        if window_ratio(dep) >= 1.3:
            found["fast_grower"].append(cid)
        due = [date.fromisoformat(h["maturity_date"]) for h in rows if h["maturity_date"]]
        if due:
            days = (min(due) - AS_OF).days
            band = (
                "maturing_30"
                if days <= 30
                else "maturing_60"
                if days <= 60
                else "maturing_90"
                if days <= 90
                else ""
            )
            if band:
                found[band].append(cid)
        codes = {h["product_code"] for h in rows}
        if seg == "corporate" and int(c["employees"]) >= 100 and "CPAY01" not in codes:
            found["payroll_gap"].append(cid)
        last = max(bank.note_dates[cid], default=date.min)
        if all(t == 0 for t in bank.txns[cid][-6:]) and last < AS_OF - timedelta(days=180):
            found["dormant"].append(cid)
        if any(
            int(bank.products[p]["risk_level"][1:]) > int(c["risk_appetite"][1:]) for p in codes
        ):
            found["suitability_mismatch"].append(cid)
    return found


def test_truth_lists_exactly_the_clients_the_rules_find_in_the_csvs(bank: Bank) -> None:
    assert bank.truth["as_of"] == "2026-11-01" and bank.truth["seed"] == 20261127
    assert recompute(bank) == {p: bank.truth["patterns"][p] for p in PATTERNS}


@pytest.mark.parametrize("pattern", PATTERNS)
def test_each_planted_pattern_has_twenty_clients_over_several_rms_and_two_of_rm001(
    bank: Bank, pattern: str
) -> None:
    ids = bank.truth["patterns"][pattern]
    minimum = 12 if pattern == "churn_no_followup" else 20
    assert len(ids) >= minimum
    assert len({bank.clients[c]["rm_id"] for c in ids}) >= 6
    assert len(set(ids) & bank.book("RM001")) >= 2


def test_base_patterns_are_disjoint(bank: Bank) -> None:
    seen: dict[str, str] = {}
    for p in PATTERNS[:-1]:
        for cid in bank.truth["patterns"][p]:
            assert cid not in seen, (cid, p, seen.get(cid))
            seen[cid] = p
    assert set(bank.truth["patterns"]["churn_no_followup"]) < set(
        bank.truth["patterns"]["churn_gradual"]
    )


def test_churn_amounts_are_above_the_signal_minimum(bank: Bank) -> None:
    minimum = {"corporate": 1_000_000, "retail": 50_000}
    for cid in bank.truth["patterns"]["churn_gradual"] + bank.truth["patterns"]["churn_sudden"]:
        dep = bank.deposits[cid]
        assert min(dep[-3:]) >= minimum[bank.clients[cid]["client_type"]]


def test_churn_clients_split_into_followed_up_and_not(bank: Bank) -> None:
    gradual = set(bank.truth["patterns"]["churn_gradual"])
    missing = set(bank.truth["patterns"]["churn_no_followup"])
    followed = set(bank.truth["churn_followup"])
    assert followed | missing == gradual and not followed & missing
    assert len(followed & bank.book("RM001")) >= 2 and len(missing & bank.book("RM001")) >= 2
    visible = date.fromisoformat(bank.truth["churn_visible_date"][sorted(followed)[0]])
    for cid in followed:
        assert any(visible <= d <= visible + timedelta(days=7) for d in bank.note_dates[cid])
    for cid in missing:
        assert all(d < visible for d in bank.note_dates[cid])


def test_payroll_is_common_among_peers_of_payroll_gap_clients(bank: Bank) -> None:
    peers: dict[str, list[bool]] = defaultdict(list)
    for cid, c in bank.clients.items():
        if c["client_type"] == "corporate" and int(c["employees"]) >= 100:
            peers[c["industry"]].append(any(h["product_code"] == "CPAY01" for h in bank.held[cid]))
    gaps = bank.truth["patterns"]["payroll_gap"]
    assert max(int(bank.clients[c]["employees"]) for c in gaps) >= 1000
    for cid in gaps:
        group = peers[bank.clients[cid]["industry"]]
        assert sum(group) / len(group) >= 0.5


def test_maturing_windows_hold_deposits_cds_or_wealth(bank: Bank) -> None:
    for band, (lo, hi) in {
        "maturing_30": (1, 30),
        "maturing_60": (31, 60),
        "maturing_90": (61, 90),
    }.items():
        for cid in bank.truth["patterns"][band]:
            due = [
                h
                for h in bank.held[cid]
                if h["maturity_date"]
                and lo <= (date.fromisoformat(h["maturity_date"]) - AS_OF).days <= hi
            ]
            assert due and all(
                bank.products[h["product_code"]]["category"]
                in {"deposit", "cd", "structured_deposit", "wealth"}
                for h in due
            )


def test_suitability_mismatches_are_mostly_retail(bank: Bank) -> None:
    ids = bank.truth["patterns"]["suitability_mismatch"]
    assert sum(bank.clients[c]["client_type"] == "retail" for c in ids) >= 20


def test_ambiguous_pair_sits_in_rm001_book_and_rm002_has_a_distinctive_client(bank: Bank) -> None:
    pair = bank.truth["ambiguous_names"]["RM001"]
    assert {p["name"] for p in pair} == {"华东精密机械有限公司", "华东精密电子有限公司"}
    for p in pair:
        assert (
            bank.clients[p["client_id"]]["rm_id"] == "RM001"
            and bank.clients[p["client_id"]]["name"] == p["name"]
        )
    assert sum("华东精密" in c["name"] for c in bank.clients.values()) == 2
    (special,) = bank.truth["distinctive_names"]["RM002"]
    assert bank.clients[special["client_id"]]["rm_id"] == "RM002"
    assert sum(special["name"][:4] in c["name"] for c in bank.clients.values()) == 1
