"""``show_chart``: a picture of what the answer says — a client's monthly deposits and loans over
the last 24 months, the book by tier or by signal, the team's measures by RM — built from the
same masked data the text uses: months, tiers, RM names and figures, a client only by id.

The chart rides on the answer (``Answer.charts``); each channel renders it (``assistant.charts``:
inline SVG in the widget, a PNG in a Slack DM or a Teams card, a PNG file from the API).
"""

from __future__ import annotations

from collections import Counter
from typing import Literal

from pydantic import BaseModel, Field

from assistant.core.types import Chart, ChartPoint
from tools.book_query import signal_word
from tools.intelligence.fmt import money_en, money_zh
from tools.toolbox import Toolbox, ToolError, ToolSpec

MONTHS = 24  # "a client's 24-month deposit and loan trend"
WAN = 10_000  # amounts are drawn in 万元 (Chinese) or CNY thousands: what RMs read balances in
THOUSAND = 1_000


class ShowChartArgs(BaseModel):
    kind: Literal["client_trend", "book_by_tier", "book_by_signal", "team"] = Field(
        description="client_trend: one client's monthly deposits and loans (client_id); "
        "book_by_tier / book_by_signal: the caller's book counted; team: the team's measures by RM"
    )
    client_id: str | None = Field(default=None, description="client_trend: the client's id")
    measure: Literal["timeliness", "service_frequency", "coverage"] = Field(
        default="timeliness", description="team: the measure drawn per RM"
    )


def _zh(tb: Toolbox) -> bool:
    return tb.language == "zh"


def client_trend(tb: Toolbox, client_id: str) -> Chart:
    data = tb.client_data(client_id)  # entitlement: a client outside the book is refused here
    months = data.balances[-MONTHS:]
    if not months:
        raise ToolError("no monthly balances for this client")
    zh = _zh(tb)
    scale, unit = (WAN, "万元") if zh else (THOUSAND, "CNY k")
    money = money_zh if zh else money_en
    deposit, loan = ("日均存款", "贷款余额") if zh else ("Avg daily deposits", "Loan balance")
    has_loans = any(b.loan_balance for b in months)
    points = [ChartPoint(x=b.month, series=deposit, value=round(b.avg_daily_deposit / scale, 1))
              for b in months]  # fmt: skip
    if has_loans:
        points += [ChartPoint(x=b.month, series=loan, value=round(b.loan_balance / scale, 1))
                   for b in months]  # fmt: skip
    first, last = months[0], months[-1]
    peak = max(months, key=lambda b: b.avg_daily_deposit)
    if zh:
        title = f"{client_id} 近 {len(months)} 个月日均存款与贷款"
        alt = (
            f"折线图：{client_id} 自 {first.month} 至 {last.month} 的月日均存款由 "
            f"{money(first.avg_daily_deposit)} 变为 {money(last.avg_daily_deposit)}，"
            f"最高 {peak.month} {money(peak.avg_daily_deposit)}"
            + (f"；贷款余额由 {money(first.loan_balance)} 变为 {money(last.loan_balance)}"
               if has_loans else "；无贷款")
            + "。"
        )  # fmt: skip
    else:
        title = f"{client_id}: deposits and loans, last {len(months)} months"
        alt = (
            f"Line chart: {client_id}'s average daily deposits from {first.month} to {last.month} "
            f"went from {money(first.avg_daily_deposit)} to {money(last.avg_daily_deposit)}, "
            f"highest in {peak.month} ({money(peak.avg_daily_deposit)})"
            + (f"; loans from {money(first.loan_balance)} to {money(last.loan_balance)}"
               if has_loans else "; no loans")
            + "."
        )  # fmt: skip
    return Chart(title=title, kind="line", alt=alt, data=points, unit=unit)


def _book_rows(tb: Toolbox) -> list:
    tb.caller.require_client_access()
    return tb.services.intelligence.book_rows(tb.caller.client_ids)


def counted_chart(zh: bool, counts: Counter[str], of: str, titles: tuple[str, str]) -> Chart:
    """A bar per label of ``counts`` (most first), ``of`` saying what was counted."""
    joined = ("、" if zh else ", ").join(f"{k} {v}" for k, v in counts.most_common())
    said = joined or ("无" if zh else "none")
    series = "客户数" if zh else "Clients"
    return Chart(
        title=titles[0] if zh else titles[1],
        kind="bar",
        alt=f"柱状图：{of}——{said}。" if zh else f"Bar chart: {of} — {said}.",
        data=[ChartPoint(x=k, series=series, value=v) for k, v in counts.most_common()],
        unit="户" if zh else "clients",
    )


def book_by_tier(tb: Toolbox) -> Chart:
    zh = _zh(tb)
    rows = _book_rows(tb)
    counts = Counter((r.tier_label_zh if zh else r.tier_label_en) for r in rows)
    of = f"{len(rows)} 位客户按层级" if zh else f"{len(rows)} clients by tier"
    return counted_chart(zh, counts, of, ("管户客户按层级", "Your book by tier"))


def book_by_signal(tb: Toolbox) -> Chart:
    zh = _zh(tb)
    counts = Counter(signal_word(s, tb.language) for r in _book_rows(tb) for s in r.signals)
    of = "有信号的客户数按信号类型" if zh else "clients with each signal"
    return counted_chart(zh, counts, of, ("管户客户按信号", "Your book by signal"))


MEASURE_LABELS = {
    "timeliness": ("信号跟进及时率", "Follow-up timeliness"),
    "service_frequency": ("服务频次达标率", "Service frequency"),
    "coverage": ("覆盖率", "Coverage"),
}


def team_chart(result: dict, measure: str, language: str) -> Chart:
    """The team's measure by RM, from a ``team_performance`` result (its rows, laggard first)."""
    zh = language == "zh"
    name_zh, name_en = MEASURE_LABELS[measure]
    name = name_zh if zh else name_en
    rows = result["rows"]
    points = [
        ChartPoint(
            x=r["name"],
            series=name,
            value=None if r[measure]["rate"] is None else round(r[measure]["rate"] * 100, 1),
        )
        for r in rows
    ]
    said = ("、" if zh else ", ").join(
        f"{p.x} {'—' if p.value is None else f'{p.value:g}%'}" for p in points
    )
    return Chart(
        title=f"{result['period']} {name}（按客户经理）"
        if zh
        else f"{name} by RM, {result['period']}",
        kind="bar",
        alt=(
            f"柱状图：{result['period']} 各客户经理的{name}——{said}。"
            if zh
            else f"Bar chart: {name.lower()} by RM in {result['period']} — {said}."
        ),  # fmt: skip
        data=points,
        unit="%",
    )


def show_chart(tb: Toolbox, args: ShowChartArgs) -> dict:
    if args.kind == "client_trend":
        if not args.client_id:
            raise ToolError("client_trend needs client_id")
        chart = client_trend(tb, args.client_id)
    elif args.kind == "book_by_tier":
        chart = book_by_tier(tb)
    elif args.kind == "book_by_signal":
        chart = book_by_signal(tb)
    else:
        result = tb.call("team_performance", {})
        chart = team_chart(result, args.measure, tb.language)
    tb.add_chart(chart)
    return {
        "chart": {
            "title": chart.title,
            "kind": chart.kind,
            "alt": chart.alt,
            "points": len(chart.data),
        }
    }


SPEC = ToolSpec(
    "show_chart",
    ShowChartArgs,
    "Attach a chart to the answer: a client's monthly deposits and loans over 24 months "
    "(client_trend), the caller's book by tier or by signal, or the team's measure by RM. Use when "
    "the RM asks for a trend, a distribution or a picture; describe it in words too.",
    show_chart,
)
