"""Small builders for ClientData in the intelligence tests: only what a test cares about is
spelled out, everything else has a dull default."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from functools import cache
from pathlib import Path

import yaml

from tools.bank.records import (
    BalanceRecord,
    ClientData,
    ClientRecord,
    HoldingRecord,
    InteractionRecord,
    ProductRecord,
)
from tools.intelligence.policy import Policies, load_policies

CATALOG = Path(__file__).resolve().parents[2] / "tools" / "bank" / "catalog.yaml"
LAST_MONTH = "2026-10"
AS_OF = date(2026, 11, 1)  # a Sunday: the day after LAST_MONTH closes, as the extract dates it


@cache
def catalog() -> dict[str, ProductRecord]:
    rows = yaml.safe_load(CATALOG.read_text(encoding="utf-8"))["products"]
    return {
        code: ProductRecord(
            product_code=code,
            name=name,
            name_en=name_en,
            category=category,
            risk_level=risk,
            segment=segment,
            min_amount=float(minimum),
        )
        for code, name, name_en, category, risk, segment, minimum in rows
    }


@cache
def policies() -> Policies:
    return load_policies()


def months(count: int, last: str = LAST_MONTH) -> list[str]:
    """``count`` month labels ending at ``last``, oldest first."""
    year, month = map(int, last.split("-"))
    labels = []
    for _ in range(count):
        labels.append(f"{year:04d}-{month:02d}")
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return labels[::-1]


def holding(
    code: str, balance: float = 0.0, maturity: date | None = None, client_id: str = "C000001"
) -> HoldingRecord:
    return HoldingRecord(
        client_id=client_id,
        product_code=code,
        balance=balance,
        opened_date=date(2024, 1, 15),
        maturity_date=maturity,
    )


def interaction(
    on: date, channel: str = "visit", rm_id: str = "RM001", client_id: str = "C000001"
) -> InteractionRecord:
    return InteractionRecord(
        client_id=client_id, date=on, rm_id=rm_id, channel=channel, summary="跟进"
    )


def days_before(days: int, as_of: date = AS_OF) -> date:
    return as_of - timedelta(days=days)


def make_client(
    *,
    client_id: str = "C000001",
    client_type: str = "corporate",
    deposits: Sequence[float] | None = None,
    loans: float = 0.0,
    transactions: Sequence[int | None] | None = None,
    holdings: list[HoldingRecord] | tuple[HoldingRecord, ...] = (),
    interactions: list[InteractionRecord] | tuple[InteractionRecord, ...] = (),
    industry: str | None = "制造业",
    employees: int | None = None,
    risk_appetite: str | None = None,
    rm_id: str = "RM001",
) -> ClientData:
    """A client with monthly ``deposits`` (oldest first, ending at LAST_MONTH); by default six
    months of a steady 2,000 万 (corporate) or 20 万 (retail) with some transactions."""
    if deposits is None:
        deposits = [20_000_000.0 if client_type == "corporate" else 200_000.0] * 6
    labels = months(len(deposits))
    counts = transactions if transactions is not None else [12] * len(deposits)
    balances = tuple(
        BalanceRecord(
            client_id=client_id,
            month=m,
            avg_daily_deposit=float(d),
            loan_balance=loans if i == len(deposits) - 1 else 0.0,
            transaction_count=counts[i],
        )
        for i, (m, d) in enumerate(zip(labels, deposits, strict=True))
    )
    record = ClientRecord(
        client_id=client_id,
        client_type=client_type,
        name="测试客户",
        rm_id=rm_id,
        branch="上海分行",
        onboard_date=date(2020, 1, 1),
        industry=industry if client_type == "corporate" else None,
        employees=employees,
        risk_appetite=risk_appetite,
    )
    moved = tuple(
        h
        if h.client_id == client_id
        else HoldingRecord(
            client_id, h.product_code, h.balance, h.opened_date, h.account_no, h.maturity_date
        )
        for h in holdings
    )
    ordered = tuple(sorted(interactions, key=lambda i: i.date, reverse=True))
    return ClientData(client=record, holdings=moved, balances=balances, interactions=ordered)


def drop(before: float, ratio: float) -> float:
    """``before`` reduced by ``ratio`` (0.21 -> 79% of ``before``)."""
    return before * (1 - ratio)
