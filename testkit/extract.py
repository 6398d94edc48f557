"""A small, valid bank extract written by code (so identifiers pass their checksums), and a
helper to corrupt one cell of it for the validation tests."""

from __future__ import annotations

import csv
from pathlib import Path

from stdnum.cn import ric, uscc


def valid_ric(prefix17: str) -> str:
    return prefix17 + ric.calc_check_digit(prefix17 + "0")  # stdnum expects a full-length number


def valid_uscc(prefix17: str) -> str:
    return prefix17 + uscc.calc_check_digit(prefix17)


def small_extract() -> dict[str, list[dict[str, str]]]:
    return {
        "rms.csv": [
            {
                "rm_id": "RM001",
                "name": "王敏",
                "team_id": "T01",
                "branch": "上海分行",
                "role": "rm",
                "slack_user_id": "U001",
                "teams_aad_id": "",
                "email": "",
            },
            {
                "rm_id": "RM002",
                "name": "李强",
                "team_id": "T01",
                "branch": "上海分行",
                "role": "rm",
                "slack_user_id": "U002",
                "teams_aad_id": "",
                "email": "",
            },
            {
                "rm_id": "RM003",
                "name": "赵丽",
                "team_id": "T01",
                "branch": "上海分行",
                "role": "team_lead",
                "slack_user_id": "",
                "teams_aad_id": "",
                "email": "",
            },
        ],
        "clients.csv": [
            {
                "client_id": "C000001",
                "client_type": "corporate",
                "name": "华东精密机械有限公司",
                "rm_id": "RM001",
                "branch": "上海分行",
                "onboard_date": "2019-04-02",
                "industry": "制造业",
                "registration_id": valid_uscc("91310000MA1FL8XQ3"),
                "risk_appetite": "C3",
                "employees": "320",
                "phone": "13912345678",
                "segment_note": "key account",
            },
            {
                "client_id": "C000002",
                "client_type": "retail",
                "name": "陈晓",
                "rm_id": "RM002",
                "branch": "上海分行",
                "onboard_date": "2021-09-15",
                "industry": "",
                "registration_id": valid_ric("11010119900307447"),
                "risk_appetite": "C2",
                "employees": "",
                "phone": "",
                "segment_note": "",
            },
        ],
        "contacts.csv": [
            {
                "client_id": "C000001",
                "name": "周建国",
                "title": "财务总监",
                "phone": "13800138000",
                "email": "zhou@example.com",
                "id_number": valid_ric("31010419780512301"),
                "is_primary": "true",
            },
        ],
        "products.csv": [
            {
                "product_code": "CPAY01",
                "name": "代发工资",
                "category": "payroll",
                "risk_level": "R1",
                "segment": "corporate",
                "min_amount": "",
                "description": "",
            },
            {
                "product_code": "RFD02",
                "name": "股票型基金",
                "category": "fund",
                "risk_level": "R5",
                "segment": "retail",
                "min_amount": "1000",
                "description": "",
            },
        ],
        "holdings.csv": [
            {
                "client_id": "C000001",
                "product_code": "CPAY01",
                "balance": "0.00",
                "opened_date": "2020-01-01",
                "account_no": "",
                "maturity_date": "",
            },
            {
                "client_id": "C000002",
                "product_code": "RFD02",
                "balance": "150000.00",
                "opened_date": "2024-03-01",
                "account_no": "",
                "maturity_date": "",
            },
        ],
        "balances.csv": [
            {
                "client_id": "C000001",
                "month": "2026-09",
                "avg_daily_deposit": "52300000.00",
                "loan_balance": "0.00",
                "transaction_count": "812",
            },
            {
                "client_id": "C000001",
                "month": "2026-10",
                "avg_daily_deposit": "51000000.00",
                "loan_balance": "0.00",
                "transaction_count": "790",
            },
            {
                "client_id": "C000002",
                "month": "2026-10",
                "avg_daily_deposit": "80000.00",
                "loan_balance": "0.00",
                "transaction_count": "12",
            },
        ],
        "interactions.csv": [
            {
                "client_id": "C000001",
                "date": "2026-10-12",
                "rm_id": "RM001",
                "channel": "visit",
                "summary": "拜访财务总监，讨论代发扩面",
            },
        ],
    }


def write_extract(directory: Path, data: dict[str, list[dict[str, str]]] | None = None) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for name, rows in (data or small_extract()).items():
        with (directory / name).open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
    return directory
