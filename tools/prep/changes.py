"""What changed since the last contact, read from the client's data as of the data's date.

The last contact is the newest interaction on file. Balances are monthly averages, so the
month of the last contact is the baseline and the latest month the comparison; holdings
opened or matured after the contact, holdings maturing soon and signals first seen after it
complete the picture. Everything here is derived from the extract: nothing is assumed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from tools.bank.records import BalanceRecord, ClientData, HoldingRecord, ProductRecord
from tools.intelligence.fmt import money_en, money_zh, percent
from tools.intelligence.signals.base import Signal


@dataclass(frozen=True)
class Change:
    kind: str  # deposit | loan | opened | matured | maturing | signal
    text: str
    product_code: str | None = None
    on: date | None = None
    amount: float | None = None


@dataclass(frozen=True)
class Since:
    """The baseline the changes are measured from."""

    last_contact: date | None
    channel: str | None
    baseline_month: str | None
    latest_month: str | None


def since_last_contact(data: ClientData) -> Since:
    last = data.interactions[0] if data.interactions else None  # newest first
    months = [b.month for b in data.balances]
    latest = months[-1] if months else None
    if last is None:  # never contacted: the oldest month on file is the baseline
        return Since(None, None, months[0] if months else None, latest)
    contact_month = last.date.strftime("%Y-%m")
    base = [m for m in months if m <= contact_month]
    return Since(last.date, last.channel, base[-1] if base else None, latest)


def changes(
    data: ClientData,
    signals: Sequence[Signal],
    products: Mapping[str, ProductRecord],
    as_of: date,
    horizon_days: int,
    language: str,
) -> tuple[Since, list[Change]]:
    since = since_last_contact(data)
    zh = language == "zh"
    found = _balance_changes(data.balances, since, zh)
    found += _holding_changes(data.holdings, since, products, as_of, horizon_days, zh)
    found += [
        Change("signal", s.title_zh if zh else s.title_en, s.product_code, s.detected_on)
        for s in signals
        if s.detected_on is not None
        and (since.last_contact is None or s.detected_on > since.last_contact)
    ]
    return since, found


def _balance_changes(balances: Sequence[BalanceRecord], since: Since, zh: bool) -> list[Change]:
    by_month = {b.month: b for b in balances}
    base, now = by_month.get(since.baseline_month or ""), by_month.get(since.latest_month or "")
    if base is None or now is None or base.month == now.month:
        return []
    out = []
    for kind, before, after in (
        ("deposit", base.avg_daily_deposit, now.avg_daily_deposit),
        ("loan", base.loan_balance, now.loan_balance),
    ):
        if before == after == 0:
            continue
        out.append(
            Change(
                kind,
                _moved(kind, before, after, base.month, now.month, zh),
                None,
                None,
                after - before,
            )
        )
    return out


def _moved(kind: str, before: float, after: float, since: str, now: str, zh: bool) -> str:
    ratio = (
        f" ({'+' if after >= before else '-'}{percent(abs(after - before) / before)})"
        if before
        else ""
    )
    if zh:
        label = "日均存款" if kind == "deposit" else "贷款余额"
        return f"{label}：{since} {money_zh(before)} → {now} {money_zh(after)}{ratio}"
    label = "Average daily deposits" if kind == "deposit" else "Loan balance"
    return f"{label}: {since} {money_en(before)} → {now} {money_en(after)}{ratio}"


def _holding_changes(
    holdings: Sequence[HoldingRecord],
    since: Since,
    products: Mapping[str, ProductRecord],
    as_of: date,
    horizon_days: int,
    zh: bool,
) -> list[Change]:
    after = since.last_contact
    soon = as_of + timedelta(days=horizon_days)
    out: list[Change] = []
    for h in sorted(holdings, key=lambda h: (h.maturity_date or date.max, h.product_code)):
        name = _product(h.product_code, products, zh)
        if after is not None and after < h.opened_date <= as_of:
            out.append(_holding("opened", h, h.opened_date, name, zh))
        if h.maturity_date is None:
            continue
        if after is not None and after < h.maturity_date <= as_of:
            out.append(_holding("matured", h, h.maturity_date, name, zh))
        elif as_of < h.maturity_date <= soon:
            out.append(_holding("maturing", h, h.maturity_date, name, zh))
    return out


WORDS = {
    "opened": ("新开立", "opened"),
    "matured": ("已到期", "matured"),
    "maturing": ("即将到期", "matures"),
}


def _holding(kind: str, h: HoldingRecord, on: date, name: str, zh: bool) -> Change:
    word = WORDS[kind][0 if zh else 1]
    if zh:
        text = f"{name} {word}（{on.isoformat()}），余额 {money_zh(h.balance)}"
    else:
        text = f"{name} {word} on {on.isoformat()}, balance {money_en(h.balance)}"
    return Change(kind, text, h.product_code, on, h.balance)


def _product(code: str, products: Mapping[str, ProductRecord], zh: bool) -> str:
    p = products.get(code)
    if p is None:
        return code
    return f"{p.name}（{code}）" if zh else f"{p.name_en or p.name} ({code})"
