"""A small bank extract of another convention than the demo's: client ids like ``KH-0042``,
RM ids like ``EMP0101``, Chinese and English company names that share heads across books,
and contacts. Two RMs: EMP0101 (the asker in the tests) and EMP0102 (another book)."""

from __future__ import annotations

from pathlib import Path

from testkit.extract import valid_uscc, write_extract

OWN_RM, OTHER_RM = "EMP0101", "EMP0102"

# client_id, type, name, rm
CLIENTS = [
    ("KH-0042", "corporate", "东升机械制造有限公司", OWN_RM),
    ("KH-0043", "corporate", "Northwind Freight Co., Ltd.", OWN_RM),
    ("KH-0044", "corporate", "佳禾传媒有限公司", OWN_RM),
    ("KH-0045", "corporate", "上海佳禾传媒有限公司", OTHER_RM),
    ("KH-0046", "corporate", "华东精密机械有限公司", OWN_RM),
    ("KH-0047", "corporate", "华东精密电子有限公司", OWN_RM),
    ("KH-0048", "corporate", "华东精密仪器有限公司", OTHER_RM),
    ("KH-0049", "corporate", "蓝鲸星河航天材料有限公司", OTHER_RM),
    ("KH-0050", "corporate", "康益医疗器械有限公司", OWN_RM),
    ("KH-0051", "retail", "陈晓", OWN_RM),
    ("KH-0052", "corporate", "中国华东科技集团有限公司", OTHER_RM),
    ("KH-0053", "corporate", "Global Trading Ltd", OTHER_RM),
]
# The bank's own other names for a client (clients.csv `aliases`): no rule derives them.
ALIASES = {"KH-0043": "北风货运|NW Freight", "KH-0049": "蓝鲸航材"}
# client_id, name, title
CONTACTS = [
    ("KH-0042", "王建国", "法定代表人"),
    ("KH-0043", "Sarah Johnson", "CFO"),
    ("KH-0044", "周静", "财务总监"),
    ("KH-0045", "王建国", "财务总监"),  # the same name at another bank's client
    ("KH-0049", "欧阳娜娜", "法定代表人"),
    ("KH-0050", "张伟", "总经理"),
]


def other_bank_extract() -> dict[str, list[dict[str, str]]]:
    rms = [
        _rm(OWN_RM, "林海", "rm"),
        _rm(OTHER_RM, "赵丽", "rm"),
    ]
    clients = [_client(i, *row) for i, row in enumerate(CLIENTS)]
    contacts = [
        {"client_id": cid, "name": name, "title": title, "phone": "", "is_primary": "true"}
        for cid, name, title in CONTACTS
    ]
    balances = [
        {
            "client_id": cid,
            "month": month,
            "avg_daily_deposit": f"{amount:.2f}",
            "loan_balance": "0.00",
            "transaction_count": "40",
        }
        for cid, *_ in CLIENTS
        for month, amount in (("2026-09", 3_200_000), ("2026-10", 2_100_000))
    ]
    return {
        "rms.csv": rms,
        "clients.csv": clients,
        "contacts.csv": contacts,
        "products.csv": [
            {
                "product_code": "PAY-1",
                "name": "代发工资",
                "category": "payroll",
                "risk_level": "R1",
                "segment": "corporate",
            }
        ],
        "holdings.csv": [
            {
                "client_id": "KH-0042",
                "product_code": "PAY-1",
                "balance": "0.00",
                "opened_date": "2021-01-01",
            }
        ],
        "balances.csv": balances,
        "interactions.csv": [
            {
                "client_id": "KH-0042",
                "date": "2026-10-12",
                "rm_id": OWN_RM,
                "channel": "visit",
                "summary": "拜访法定代表人，讨论代发",
            }
        ],
    }


def write_other_bank(directory: Path) -> Path:
    return write_extract(directory, other_bank_extract())


def _rm(rm_id: str, name: str, role: str) -> dict[str, str]:
    return {"rm_id": rm_id, "name": name, "team_id": "G1", "branch": "杭州分行", "role": role}


def _client(i: int, client_id: str, kind: str, name: str, rm: str) -> dict[str, str]:
    return {
        "client_id": client_id,
        "client_type": kind,
        "name": name,
        "rm_id": rm,
        "branch": "杭州分行",
        "onboard_date": "2019-04-02",
        "industry": "制造业" if kind == "corporate" else "",
        "registration_id": valid_uscc(f"9133010{i:02d}MA1FL8XQ") if kind == "corporate" else "",
        "risk_appetite": "C3",
        "employees": "120" if kind == "corporate" else "",
        "aliases": ALIASES.get(client_id, ""),
    }
