"""The book under a team view, as pictures: its clients by tier, its deposits month by month
over the last 24 months, and what matures within 30 days by RM — aggregates only (a branch
head's page names no client), from the same books the team measures read.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import timedelta
from typing import TYPE_CHECKING

from assistant.core.types import Chart, ChartPoint
from tools.chart_tools import counted_chart
from tools.intelligence.fmt import money_en, money_zh

if TYPE_CHECKING:
    from assistant.team_view import TeamView
    from assistant.wiring import Frontline

MONTHS = 24
MATURING_DAYS = 30  # the maturity playbooks' first contact: what a lead must see coming
WAN, THOUSAND = 10_000, 1_000


def book_charts(fl: Frontline, view: TeamView, lang: str) -> list[Chart]:
    """Tier mix, deposit trend and maturities within 30 days for the RMs of ``view``."""
    zh = lang == "zh"
    rms = sorted(view.names)
    ids = frozenset(fl.bank.client_ids_of(rms))
    rows = fl.insights.book_rows(ids)
    datas = fl.insights.book_data(ids)
    charts = [_tiers(rows, zh), _deposits(datas, zh)]
    maturing = _maturing(fl, datas, view, zh)
    if maturing is not None:
        charts.append(maturing)
    return charts


def _tiers(rows: list, zh: bool) -> Chart:
    counts = Counter((r.tier_label_zh if zh else r.tier_label_en) for r in rows)
    of = f"{len(rows)} 位客户按层级" if zh else f"{len(rows)} clients by tier"
    return counted_chart(zh, counts, of, ("客户分层", "Clients by tier"))


def _deposits(datas: list, zh: bool) -> Chart:
    by_month: dict[str, float] = defaultdict(float)
    for d in datas:
        for b in d.balances:
            by_month[b.month] += b.avg_daily_deposit
    months = sorted(by_month)[-MONTHS:]
    scale, unit = (WAN, "万元") if zh else (THOUSAND, "CNY k")
    money = money_zh if zh else money_en
    series = "日均存款合计" if zh else "Avg daily deposits, total"
    points = [ChartPoint(x=m, series=series, value=round(by_month[m] / scale, 1)) for m in months]
    if months:
        first, last = by_month[months[0]], by_month[months[-1]]
        said = (
            f"{months[0]} {money(first)}，{months[-1]} {money(last)}"
            if zh
            else f"{money(first)} in {months[0]}, {money(last)} in {months[-1]}"
        )
    else:
        said = "无" if zh else "none"
    return Chart(
        title=f"近 {len(months)} 个月日均存款" if zh else f"Deposits, last {len(months)} months",
        kind="line",
        alt=f"折线图：日均存款合计——{said}。" if zh else f"Line chart: total deposits — {said}.",
        data=points,
        unit=unit,
    )


def _maturing(fl: Frontline, datas: list, view: TeamView, zh: bool) -> Chart | None:
    today = fl.today()  # the bank's day, as the brief and chat count maturities
    until = today + timedelta(days=MATURING_DAYS)
    owner = {d.client.client_id: d.client.rm_id for d in datas}
    counts: Counter[str] = Counter()
    amounts: dict[str, float] = defaultdict(float)
    for d in datas:
        for h in d.holdings:
            if h.maturity_date and today <= h.maturity_date <= until:
                rm = owner[h.client_id]
                counts[rm] += 1
                amounts[rm] += h.balance
    if not counts:
        return None
    money = money_zh if zh else money_en
    series = f"{MATURING_DAYS} 天内到期（笔）" if zh else f"Maturing within {MATURING_DAYS} days"
    order = sorted(counts, key=lambda rm: -amounts[rm])
    name = view.names
    said = ("、" if zh else ", ").join(
        f"{name.get(rm, rm)} {counts[rm]}{' 笔 ' if zh else ' ('}{money(amounts[rm])}{'' if zh else ')'}"
        for rm in order
    )
    return Chart(
        title=f"{MATURING_DAYS} 天内到期" if zh else f"Maturing within {MATURING_DAYS} days",
        kind="bar",
        alt=f"柱状图：{MATURING_DAYS} 天内到期的产品按客户经理——{said}。"
        if zh
        else f"Bar chart: holdings maturing within {MATURING_DAYS} days by RM — {said}.",
        data=[ChartPoint(x=name.get(rm, rm), series=series, value=counts[rm]) for rm in order],
        unit="笔" if zh else "holdings",
    )
