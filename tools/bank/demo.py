"""Deterministic demo bank generator: seven import CSVs plus demo_truth.json.

The data exercise every threshold of tools/policy/tiering.yaml and signals.yaml; the planted
patterns and the rules that find them are listed in demo_truth.json (see ``definitions``).
Same seed and as_of -> byte-identical files.
"""

from __future__ import annotations

import csv
import json
import random
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from faker import Faker

from tools.bank.demo_clients import (
    AMBIGUOUS_PAIR,
    DISTINCTIVE_NAME,
    People,
    build_corporate,
    build_retail,
    rm_rows,
)
from tools.bank.demo_holdings import (
    corporate_products,
    holding_rows,
    retail_products,
    risk_num,
)
from tools.bank.demo_ids import Registry
from tools.bank.demo_notes import render
from tools.bank.demo_plan import assign_patterns, pick_special, skeletons
from tools.bank.demo_schedule import interactions, note_amount, plant_pii
from tools.bank.demo_series import (
    deposit_series,
    loan_series,
    month_starts,
    txn_series,
)
from tools.bank.demo_truth import compute_truth

CATALOG = Path(__file__).with_name("catalog.yaml")
COLUMNS = {
    "rms": ["rm_id", "name", "team_id", "branch", "role", "slack_user_id", "teams_aad_id", "email"],
    "clients": [
        "client_id",
        "client_type",
        "name",
        "rm_id",
        "branch",
        "onboard_date",
        "industry",
        "registration_id",
        "risk_rating",
        "risk_appetite",
        "annual_revenue",
        "employees",
        "phone",
        "email",
        "address",
    ],
    "contacts": ["client_id", "name", "title", "phone", "email", "id_number", "is_primary"],
    "products": [
        "product_code",
        "name",
        "category",
        "risk_level",
        "segment",
        "min_amount",
        "description",
        "name_en",
    ],
    "holdings": [
        "client_id",
        "product_code",
        "balance",
        "opened_date",
        "account_no",
        "maturity_date",
    ],
    "balances": ["client_id", "month", "avg_daily_deposit", "loan_balance", "transaction_count"],
    "interactions": ["client_id", "date", "rm_id", "channel", "summary"],
}
DESCRIPTIONS = {
    "deposit": "存款类产品，受存款保险保障",
    "cd": "大额存单，可转让，利率高于同期定期",
    "structured_deposit": "保本浮动收益，挂钩汇率或利率",
    "payroll": "代发工资及员工金融服务",
    "cash_management": "资金归集、账户可视化与支付结算",
    "loan": "贷款类产品，需授信审批",
    "trade_finance": "国际结算与贸易融资",
    "supply_chain": "基于核心企业确权的应收账款融资",
    "fx_hedging": "汇率风险管理工具",
    "wealth": "非保本浮动收益理财产品",
    "fund": "公募基金代销，净值波动",
    "insurance": "保险代销，长期储蓄与养老规划",
    "gold": "按克积存黄金，随金价波动",
    "trust": "私人银行家族信托，财富传承",
    "card": "银联信用卡",
}


def load_products() -> dict[str, dict[str, Any]]:
    raw = yaml.safe_load(CATALOG.read_text(encoding="utf-8"))["products"]
    return {
        r[0]: {
            "code": r[0],
            "name": r[1],
            "name_en": r[2],
            "category": r[3],
            "risk_level": r[4],
            "segment": r[5],
            "min_amount": float(r[6]),
        }
        for r in raw
    }


def _write(out_dir: Path, stem: str, rows: list[list[Any]]) -> int:
    with (out_dir / f"{stem}.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(COLUMNS[stem])
        w.writerows(rows)
    return len(rows)


def generate_demo_bank(
    out_dir: Path, *, seed: int = 20261127, as_of: date = date(2026, 11, 1)
) -> dict[str, int]:
    """Write the seven CSVs (and demo_truth.json) into out_dir; return row counts per file stem."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    fz, fe = Faker("zh_CN"), Faker("en_US")
    fz.seed_instance(seed)
    fe.seed_instance(seed + 1)
    people, reg = People(fz, fe), Registry(random.Random(f"{seed}-ids"))
    products = load_products()
    months = month_starts(as_of)
    rms = rm_rows(fz)
    clients = skeletons(rng, rms)
    # The featured book (the first RM's): the one the walkthrough and the golden set open.
    assign_patterns(rng, clients, featured=rms[0]["rm_id"])
    pick_special(clients, ambiguous_in=rms[0]["rm_id"], distinctive_in=rms[1]["rm_id"])
    used_names: set[str] = {n for n, _ in AMBIGUOUS_PAIR} | {DISTINCTIVE_NAME[0]}
    holdings, balances, contact_rows, client_rows, notes = [], [], [], [], []
    series: dict[str, dict[str, list]] = {}
    for c in clients:
        if c["type"] == "corporate":
            build_corporate(rng, fz, fe, people, reg, c, used_names, months[0])
            codes, invest = corporate_products(rng, c, products), dict[str, float]()
        else:
            build_retail(rng, people, reg, c, as_of, months[0])
            codes, invest = retail_products(rng, c, products)
            c["dep_level"] = max(300.0, c["aum_target"] - sum(invest.values()))
            if (
                c["pattern"] in {"churn_gradual", "churn_sudden", "fast_grower"}
                and c["dep_level"] < 2.5e5
            ):
                c["dep_level"] = rng.uniform(2.5e5, 6e5)
        c["codes"] = codes
        dep = deposit_series(
            rng,
            c["dep_level"],
            months,
            c["type"],
            c["pattern"]
            if c["pattern"] in {"churn_gradual", "churn_sudden", "fast_grower", "dormant"}
            else "",
        )
        loans = loan_series(rng, c["loan_level"], c["type"])
        size = {
            "corporate": 15 + c["dep_level"] ** 0.5 / 25,
            "retail": 4 + c["dep_level"] ** 0.5 / 40,
        }[c["type"]]
        txn = txn_series(
            rng, min(size, 900), months, rng.randint(6, 10) if c["pattern"] == "dormant" else 0
        )
        series[c["id"]] = {"dep": dep, "loan": loans, "txn": txn}
        rows = holding_rows(rng, c, codes, invest, dep[23], loans[23], products, reg, as_of)
        holdings += rows
        c["maturing"] = next(((r[1], r[5]) for r in rows if r[5]), ("", ""))
        if (
            c["type"] == "corporate"
        ):  # appetite covers every held product, except the planted mismatch
            top = max(
                risk_num(products[p]["risk_level"])
                for p in codes
                if p != "CFX02" or c["pattern"] != "suitability_mismatch"
            )
            c["appetite_n"] = (
                2
                if c["pattern"] == "suitability_mismatch"
                else min(5, max(top, rng.choice([2, 3, 3, 4])))
            )
        c["topic_products"] = codes + rng.sample(
            sorted(p for p in products if products[p]["segment"] == c["type"]), 2
        )
        c["note_amount"] = note_amount(c)
        for i, m in enumerate(months):
            balances.append(
                [c["id"], f"{m:%Y-%m}", f"{dep[i]:.2f}", f"{loans[i]:.2f}", str(txn[i])]
            )
        notes += interactions(rng, c, months, as_of, products)
    plant_pii(rng, notes)
    notes.sort(key=lambda n: (n["date"], n["client"]["id"]))
    note_rows = [
        [
            n["client"]["id"],
            n["date"].isoformat(),
            n["client"]["rm_id"],
            n["channel"],
            render(rng, n["client"], n["kind"], n["channel"], n["english"], products, n["extra"]),
        ]
        for n in notes
    ]
    for c in clients:
        client_rows.append(
            [
                c["id"],
                c["type"],
                c["name"],
                c["rm_id"],
                c["branch"],
                c["onboard"].isoformat(),
                c["industry"],
                c["reg_id"],
                c["risk_rating"],
                f"C{c['appetite_n']}",
                f"{c['revenue']:.2f}" if c["revenue"] is not None else "",
                str(c["employees"]) if c["employees"] is not None else "",
                c["phone"],
                c["email"],
                c["address"],
            ]
        )
        for p in c["contacts"]:
            contact_rows.append(
                [
                    c["id"],
                    p["name"],
                    p["title"],
                    p["phone"],
                    p["email"],
                    p["id_number"],
                    "true" if p["is_primary"] else "false",
                ]
            )
    product_rows = [
        [
            p["code"],
            p["name"],
            p["category"],
            p["risk_level"],
            p["segment"],
            f"{p['min_amount']:.2f}",
            f"{p['name']}：{DESCRIPTIONS[p['category']]}",
            p["name_en"],
        ]
        for p in products.values()
    ]
    counts = {
        "rms": _write(out_dir, "rms", [[r[k] for k in COLUMNS["rms"]] for r in rms]),
        "clients": _write(out_dir, "clients", client_rows),
        "contacts": _write(out_dir, "contacts", contact_rows),
        "products": _write(out_dir, "products", product_rows),
        "holdings": _write(out_dir, "holdings", holdings),
        "balances": _write(out_dir, "balances", balances),
        "interactions": _write(out_dir, "interactions", note_rows),
    }
    truth = compute_truth(
        clients, series, holdings, note_rows, products, months, as_of, seed, notes
    )
    (out_dir / "demo_truth.json").write_text(
        json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    return counts


if __name__ == "__main__":  # pragma: no cover
    import sys
    import time

    t0 = time.perf_counter()
    print(
        generate_demo_bank(Path(sys.argv[1] if len(sys.argv) > 1 else "demo_bank")),
        f"{time.perf_counter() - t0:.1f}s",
    )
