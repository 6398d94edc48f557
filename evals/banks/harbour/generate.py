"""Write the Harbour bank extract (DESIGN §4.3) and its truth file, deterministically."""

from __future__ import annotations

import csv
import json
import random
from datetime import date, timedelta
from pathlib import Path

from evals.banks.harbour import catalog as cat
from evals.banks.harbour import ids, pools
from evals.banks.harbour.featured import FEATURED
from evals.banks.harbour.truth import compute_truth

DEFAULT_SEED = 20260701
FILLER_CLIENTS = 300
AS_OF = date.fromisoformat(cat.AS_OF)


def month_list() -> list[str]:
    y, m = AS_OF.year, AS_OF.month
    out = []
    for _ in range(cat.MONTHS):
        y, m = (y, m - 1) if m > 1 else (y - 1, 12)
        out.append(f"{y}-{m:02d}")
    return out[::-1]


class Bank:
    """Accumulates the rows of every file while clients are generated."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.seed = seed
        self.months = month_list()
        self.rows: dict[str, list[dict]] = {
            name: []
            for name in (
                "rms",
                "clients",
                "contacts",
                "products",
                "holdings",
                "balances",
                "interactions",
            )
        }
        self.stories: dict[str, str] = {}
        self.used_names: set[str] = {f["name"] for f in FEATURED}
        self.seq = 500

    # --- staff and products ------------------------------------------------------------------
    def add_staff_and_products(self) -> None:
        for i, (rm_id, name, team, branch, role, mail) in enumerate(cat.STAFF):
            self.rows["rms"].append(
                dict(
                    rm_id=rm_id,
                    name=name,
                    team_id=team,
                    branch=branch,
                    role=role,
                    slack_user_id=f"W0HB{i:03d}X",
                    teams_aad_id=f"hb-{rm_id.lower()}",
                    email=f"{mail}@donggangbank.example",
                )
            )
        for code, name, category, risk, segment, minimum, name_en, term in cat.PRODUCTS:
            self.rows["products"].append(
                dict(
                    product_code=code,
                    name=name,
                    category=category,
                    risk_level=risk,
                    segment=segment,
                    min_amount=f"{minimum:.2f}",
                    name_en=name_en,
                    description=f"{name}（{name_en}）" + (f"，期限{term}个月" if term else ""),
                )
            )

    # --- clients -------------------------------------------------------------------------------
    def add_client(self, spec: dict) -> None:
        rng, cid = self.rng, spec["id"]
        rm = spec["rm"]
        branch = next(s[3] for s in cat.STAFF if s[0] == rm)
        onboard = date(int(cid[2:6]), rng.randint(1, 12), rng.randint(1, 28))
        row = dict(
            client_id=cid,
            client_type=spec["type"],
            name=spec["name"],
            rm_id=rm,
            branch=branch,
            onboard_date=onboard.isoformat(),
            industry=spec.get("industry", ""),
            registration_id="",
            risk_rating="",
            risk_appetite=spec.get("appetite", ""),
            annual_revenue="",
            employees="",
            phone="",
            email="",
            address=self._address(),
            value_tier="",
            # The CRM's short and other-language names (客户简称), as the bank records them.
            aliases="|".join(spec.get("aliases", ())),
            marketing_consent="true",
            opt_out_channels="",
        )
        if spec["type"] == "corporate":
            row.update(
                registration_id=ids.uscc(rng, "370602"),
                phone=ids.landline(rng),
                risk_rating=rng.choice(("1级", "2级", "3级", "4级")),
                employees=str(spec["employees"]),
                risk_appetite="",
                annual_revenue=f"{spec['employees'] * rng.randint(300, 900) * 1000:.2f}",
                email=f"finance{rng.randint(1, 99)}@{cid.lower()}.example.cn",
            )
            for name, title, primary in spec.get("contacts", ()):
                self._contact(cid, name, title, primary)
        else:
            row.update(
                registration_id=self._person_id(spec.get("person")),
                phone=ids.mobile(rng),
                email=self._retail_email(spec["name"]),
            )
        self.rows["clients"].append(row)
        self.stories[cid] = spec["story"]
        self._holdings(spec, onboard)
        self._balances(spec)
        self._interactions(spec, onboard)
        row["value_tier"] = self._tier(spec["type"], cid)

    def _person_id(self, person: str | tuple[str, str, bool] | None) -> str:
        if person is None:
            return ""
        if isinstance(person, str):
            return person
        province, birth, female = person
        return ids.resident_id(self.rng, province, date.fromisoformat(birth), female)

    def _contact(self, cid: str, name: str, title: str, primary: bool) -> None:
        rng = self.rng
        birth = date(rng.randint(1955, 1998), rng.randint(1, 12), rng.randint(1, 28))
        self.rows["contacts"].append(
            dict(
                client_id=cid,
                name=name,
                title=title,
                phone=ids.mobile(rng),
                email=f"{'contact' if not name.isascii() else name.split()[0].lower()}"
                f"{rng.randint(10, 99)}@{cid.lower()}.example.cn",
                id_number=ids.resident_id(rng, rng.choice(ids.PROVINCES), birth, rng.random() < 0.5)
                if rng.random() < 0.6
                else "",
                is_primary="是" if primary else "否",
            )
        )

    def _retail_email(self, name: str) -> str:
        if name.isascii():
            return f"{name.lower().replace(' ', '.')}@mailbox.example"
        return (
            f"hb{self.rng.randint(100000, 999999)}@mailbox.example"
            if self.rng.random() < 0.5
            else ""
        )

    def _address(self) -> str:
        rng = self.rng
        return (
            f"{cat.CITY}{rng.choice(pools.DISTRICTS)}{rng.choice(pools.STREETS)}"
            f"{rng.randint(1, 399)}号{rng.randint(1, 30)}栋{rng.randint(101, 2602)}室"
        )

    def _holdings(self, spec: dict, onboard: date) -> None:
        rng = self.rng
        for code, balance, days in spec["holdings"]:
            maturity = ""
            if days is None and cat.TERM[code]:
                days = rng.randint(45, 300)
            if days is not None:
                maturity_day = AS_OF + timedelta(days=days)
                opened = _months_before(maturity_day, cat.TERM[code] or 12)
                maturity = maturity_day.isoformat()
            else:
                opened = onboard + timedelta(days=rng.randint(0, 400))
                opened = min(opened, AS_OF - timedelta(days=30))
            self.rows["holdings"].append(
                dict(
                    client_id=spec["id"],
                    product_code=code,
                    balance=f"{balance:.2f}",
                    opened_date=max(opened, onboard).isoformat(),
                    account_no=ids.account_no(rng),
                    maturity_date=maturity,
                )
            )

    def _balances(self, spec: dict) -> None:
        rng, story = self.rng, spec["story"]
        corporate = spec["type"] == "corporate"
        base = sum(b for c, b, _ in spec["holdings"] if c.startswith("DEP-")) or 50000
        loan = sum(b for c, b, _ in spec["holdings"] if c in ("CRD-WC-LINE", "MTG-HOME"))
        n = len(self.months)
        for i, month in enumerate(self.months):
            level = base * rng.uniform(0.92, 1.08)
            tx = rng.randint(40, 180) if corporate else rng.randint(4, 35)
            if story == "outflow" and i >= n - 2:
                level = base * rng.uniform(0.22, 0.34)
            if story == "dormant":
                level = base * rng.uniform(0.995, 1.0)
                tx = 0 if i >= n - 8 else rng.randint(0, 3)
            self.rows["balances"].append(
                dict(
                    client_id=spec["id"],
                    month=month,
                    avg_daily_deposit=f"{level:.2f}",
                    loan_balance=f"{loan * (1 - i / (4 * n)):.2f}",
                    transaction_count=str(tx),
                )
            )

    def _interactions(self, spec: dict, onboard: date) -> None:
        rng, cid = self.rng, spec["id"]
        who = spec.get("contacts", [(spec["name"], "", True)])[0][0]
        en = spec["lang"] == "en"
        start = max(onboard, AS_OF - timedelta(days=730))
        end = AS_OF - timedelta(days=1)
        if spec["story"] == "dormant":
            end = AS_OF - timedelta(days=rng.randint(260, 400))
        elif spec["story"] == "outflow" and not spec.get("followed_up", True):
            end = date(2026, 5, 20)
        span = (end - start).days
        for _ in range(rng.randint(2, 7) if span > 0 else 0):
            day = start + timedelta(days=rng.randint(0, span))
            text = rng.choice(pools.NOTES_EN if en else pools.NOTES_ZH).format(who=who)
            self._note(cid, spec["rm"], day, text)
        if spec["story"] == "outflow" and spec.get("followed_up", True):
            text = (pools.OUTFLOW_EN if en else pools.OUTFLOW_ZH).format(who=who)
            self._note(cid, spec["rm"], date(2026, 6, rng.randint(3, 26)), text)

    def _note(self, cid: str, rm: str, day: date, text: str) -> None:
        self.rows["interactions"].append(
            dict(
                client_id=cid,
                date=day.isoformat(),
                rm_id=rm,
                channel=self.rng.choice(pools.CHANNELS),
                summary=text,
            )
        )

    def _tier(self, kind: str, cid: str) -> str:
        latest = [
            float(b["avg_daily_deposit"])
            for b in self.rows["balances"][-6:]
            if b["client_id"] == cid
        ]
        avg = sum(latest) / max(len(latest), 1)
        if kind == "corporate":
            return "总行级" if avg >= 20_000_000 else "分行级" if avg >= 3_000_000 else "支行级"
        return (
            "钻石"
            if avg >= 3_000_000
            else "铂金"
            if avg >= 600_000
            else "金卡"
            if avg >= 100_000
            else "银卡"
        )

    # --- filler --------------------------------------------------------------------------------
    def filler_spec(self) -> dict:
        rng = self.rng
        self.seq += rng.randint(1, 3)
        year = rng.randint(2006, 2025)
        cid = f"KH{year}{self.seq:06d}"
        story = rng.choices(("steady", "outflow", "dormant"), (86, 8, 6))[0]
        spec: dict = dict(id=cid, story=story, followed_up=rng.random() < 0.5, aliases=[])
        if rng.random() < 0.4:
            return self._filler_corporate(spec)
        return self._filler_retail(spec)

    def _unique(self, make) -> str:  # type: ignore[no-untyped-def]
        while (name := make()) in self.used_names:
            pass
        self.used_names.add(name)
        return name

    def _filler_corporate(self, spec: dict) -> dict:
        rng = self.rng
        if rng.random() < 0.2:
            head = rng.choice(pools.EN_CORP_HEAD)
            tail, industry = rng.choice(pools.EN_CORP_TAIL)
            name = self._unique(
                lambda: (
                    f"{head} {tail}"
                    if rng.random() < 0.5
                    else f"{rng.choice(pools.EN_CORP_HEAD)} {tail}"
                )
            )
            lang = "en"
        else:
            kind, industry = rng.choice(pools.CORP_KIND)
            name = self._unique(
                lambda: (
                    f"东港{rng.choice(pools.CORP_PREFIX)}{kind}{rng.choice(pools.CORP_FORM)}"
                    if rng.random() < 0.3
                    else f"{rng.choice(pools.CORP_PREFIX)}{kind}{rng.choice(pools.CORP_FORM)}"
                )
            )
            lang = "zh"
        employees = rng.choice((12, 25, 40, 60, 85, 120, 200, 350, 600))
        base = rng.randint(5, 400) * 100_000
        holdings: list[tuple[str, int, int | None]] = [("DEP-CA-CORP", base, None)]
        for code, p in (
            ("SAL-AGENCY", 0.45),
            ("DEP-TD-1Y", 0.35),
            ("CRD-WC-LINE", 0.25),
            ("TRD-LC-IMP", 0.12),
            ("LIQ-POOL", 0.08),
            ("FXR-FWD", 0.1),
            ("WM-TREAS-7D", 0.15),
        ):
            if rng.random() < p:
                amount = (
                    0
                    if code in ("SAL-AGENCY", "LIQ-POOL", "FXR-FWD")
                    else (rng.randint(5, 200) * 100_000)
                )
                holdings.append((code, amount, rng.randint(3, 330) if cat.TERM[code] else None))
        contacts = [
            (self._person_name(), rng.choice(("财务负责人", "法人代表", "资金主管")), True),
            (self._person_name(), rng.choice(("出纳员", "总经理", "董事长")), False),
        ]
        return spec | dict(
            type="corporate",
            name=name,
            industry=industry,
            employees=employees,
            lang=lang,
            holdings=holdings,
            contacts=contacts,
            rm=rng.choice(cat.CORPORATE_RMS),
        )

    def _person_name(self) -> str:
        rng = self.rng
        given = rng.choice(pools.GIVEN_F + pools.GIVEN_M)
        return rng.choice(pools.SURNAMES) + (given if rng.random() < 0.8 else given[0])

    def _filler_retail(self, spec: dict) -> dict:
        rng = self.rng
        english = rng.random() < 0.1
        if english:
            name = self._unique(
                lambda: f"{rng.choice(pools.EN_GIVEN)} {rng.choice(pools.EN_FAMILY)}"
            )
            person = None
        else:
            female = rng.random() < 0.5
            name = self._unique(
                lambda: (
                    rng.choice(pools.SURNAMES)
                    + rng.choice(pools.GIVEN_F if female else pools.GIVEN_M)
                )
            )
            decade = rng.choice((1930, 1940, 1950, 1960, 1970, 1980, 1990, 2000))
            birth = date(
                decade + rng.randint(0, 7 if decade == 2000 else 9),
                rng.randint(1, 12),
                rng.randint(1, 28),
            )
            person = (rng.choice(ids.PROVINCES), birth.isoformat(), female)
        appetite = rng.choice(("C1", "C2", "C3", "C3", "C4", "C5"))
        holdings: list[tuple[str, int, int | None]] = [
            ("DEP-SAV", rng.randint(1, 300) * 1000, None)
        ]
        for code, p in (
            ("DEP-TD-2Y", 0.4),
            ("DEP-CD-3Y", 0.15),
            ("WM-STEADY-90", 0.3),
            ("WM-GROWTH", 0.15),
            ("FND-BOND", 0.15),
            ("FND-EQ", 0.1),
            ("INS-ANNU", 0.12),
            ("CARD-GOLD", 0.3),
            ("MTG-HOME", 0.15),
        ):
            if rng.random() < p:
                days = rng.randint(3, 330) if cat.TERM[code] else None
                holdings.append((code, rng.randint(2, 80) * 10_000, days))
        return spec | dict(
            type="retail",
            name=name,
            person=person,
            appetite=appetite,
            lang="en" if english else "zh",
            holdings=holdings,
            rm=rng.choice(cat.RETAIL_RMS),
        )


def _months_before(day: date, months: int) -> date:
    y, m = divmod(day.year * 12 + day.month - 1 - months, 12)
    return date(y, m + 1, min(day.day, 28))


def generate(out: Path, seed: int = DEFAULT_SEED) -> dict:
    """Write the extract into ``out``; return the truth (also written as ``truth.json``)."""
    bank = Bank(seed)
    bank.add_staff_and_products()
    for spec in FEATURED:
        bank.add_client(spec)
    for _ in range(FILLER_CLIENTS):
        bank.add_client(bank.filler_spec())
    out.mkdir(parents=True, exist_ok=True)
    bank.rows["interactions"].sort(key=lambda r: (r["date"], r["client_id"]))
    for name, rows in bank.rows.items():
        _write_csv(out / f"{name}.csv", rows)
    truth = compute_truth(bank.rows, AS_OF, seed)
    (out / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1), "utf-8")
    return truth


def _write_csv(path: Path, rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
