"""The dashboard's content, rendered on the server: the reader's team view (the same rows as
``GET /v1/team`` and chat), led by its answer, as a table with a caption and header cells, the
measures by RM as accessible inline SVG charts, and the follow-ups not made in time.

A branch head's view names no client (the view itself carries none); a team lead's lists late
follow-ups by client id, the display form every channel uses. Everything is escaped here: RM
names come from the bank's extract.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from assistant.charts import svg
from assistant.core.types import Chart
from assistant.engines.offline.team import headline
from assistant.team_view import TeamView, laggard_first, pct, view_summary
from tools.book_query import signal_word
from tools.chart_tools import team_chart
from tools.intelligence.fmt import money_en, money_zh

MEASURES = ("timeliness", "service_frequency", "coverage")
WORDS = {
    "zh": {
        "title": "团队绩效",
        "branch": "分行汇总（不列客户）",
        "rm": "客户经理",
        "clients": "户数",
        "timeliness": "及时率",
        "trend": "较上期",
        "score": "得分",
        "service_frequency": "服务频次达标率",
        "coverage": "覆盖率",
        "effective": "有效客户（新增）",
        "payroll": "新增代发",
        "deposits": "日均存款较上期",
        "coach": "需辅导",
        "late": "未及时跟进",
        "none_late": "本期没有未及时跟进的信号。",
        "charts": "图表",
        "basis": "口径",
        "due": "应于",
    },
    "en": {
        "title": "Team measures",
        "branch": "Branch aggregates (no client named)",
        "rm": "RM",
        "clients": "Clients",
        "timeliness": "Timeliness",
        "trend": "vs last period",
        "score": "Score",
        "service_frequency": "Service frequency",
        "coverage": "Coverage",
        "effective": "Effective clients (new)",
        "payroll": "New payroll",
        "deposits": "Deposits vs last period",
        "coach": "below the coaching line",
        "late": "Not followed up in time",
        "none_late": "No follow-up was late this period.",
        "charts": "Charts",
        "basis": "As measured by",
        "due": "due",
    },
}


def _result(view: TeamView) -> dict:
    """The view in the team tool's shape: what the headline and the charts read."""
    return view_summary(view) | {"citation": None}


def _table(result: dict, w: dict, lang: str) -> str:
    money = money_zh if lang == "zh" else money_en
    head = "".join(
        f'<th scope="col">{escape(w[k])}</th>'
        for k in (
            "rm",
            "clients",
            "timeliness",
            "trend",
            "score",
            "service_frequency",
            "coverage",
            "effective",
            "payroll",
            "deposits",
        )  # fmt: skip
    )
    body = []
    for r in result["rows"]:
        t = r["timeliness"]
        trend = "" if r["trend_points"] is None else f"{r['trend_points']:+d}"
        score = "—" if r["timeliness_score"] is None else f"{r['timeliness_score']:.0%}"
        coach = f' <span class="flag">{escape(w["coach"])}</span>' if r["coaching"] else ""
        growth = ("+" if r["deposit_growth"] >= 0 else "-") + money(abs(r["deposit_growth"]))
        body.append(
            "<tr>"
            f'<th scope="row">{escape(r["name"])} <span class="id">{escape(r["rm_id"])}</span></th>'
            f"<td>{r['clients']}</td>"
            f'<td>{pct(t["rate"])} <span class="sub">{t["done"]}/{t["due"]}</span>{coach}</td>'
            f"<td>{trend}</td><td>{score}</td>"
            f"<td>{pct(r['service_frequency']['rate'])}</td><td>{pct(r['coverage']['rate'])}</td>"
            f"<td>{r['effective_clients']}（{r['new_effective_clients']}）</td>"
            f"<td>{r['new_payroll_clients']}</td><td>{escape(growth)}</td>"
            "</tr>"
        )
    caption = f"{w['title']} · {result['period']}（{result['start']} – {result['end']}）"
    return (
        f'<div class="scroll" tabindex="0" role="region" aria-label="{escape(caption)}">'
        f"<table><caption>{escape(caption)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table></div>"
    )


def _late(view: TeamView, w: dict, lang: str) -> str:
    if view.aggregate_only:
        return ""
    items = [(r, i) for r in sorted(view.rows, key=laggard_first) for i in r.late]
    if not items:
        return f"<h2>{escape(w['late'])}</h2><p>{escape(w['none_late'])}</p>"
    lines = []
    for r, i in items[:50]:
        what = signal_word(i.kind, lang)
        if i.product_code:
            what += f" {i.product_code}"
        name = view.names.get(r.rm_id, r.rm_id)
        lines.append(
            f"<li>{escape(name)} · {escape(i.client_id)} · {escape(what)} · "
            f"{escape(w['due'])} {i.due_date}</li>"
        )
    return f'<h2>{escape(w["late"])}（{len(items)}）</h2><ul class="late">{"".join(lines)}</ul>'


def render_dashboard(view: TeamView, lang: str = "zh", books: Sequence[Chart] = ()) -> str:
    """The dashboard's content for ``view``, as an HTML fragment (no script, no style);
    ``books``: the pictures of its books (tier mix, deposit trend, maturities)."""
    w = WORDS["zh" if lang == "zh" else "en"]
    result = _result(view)
    lead = headline(result, lang, "team_lead" if len(result["rows"]) > 1 else "rm")
    charts = (
        "".join(
            f'<figure class="chart">{svg(team_chart(result, m, lang))}</figure>' for m in MEASURES
        )
        if len(result["rows"]) > 1
        else ""
    )
    charts += "".join(f'<figure class="chart">{svg(c)}</figure>' for c in books)
    note = f'<p class="note">{escape(w["branch"])}</p>' if view.aggregate_only else ""
    return (
        f'<section class="dash" aria-labelledby="dash-title" data-period="{escape(result["period"])}">'
        f'<h1 id="dash-title">{escape(w["title"])} · {escape(result["period"])}</h1>{note}'
        f'<p class="lead">{escape(lead)}</p>'
        f"{_table(result, w, lang)}"
        + (f'<h2>{escape(w["charts"])}</h2><div class="charts">{charts}</div>' if charts else "")
        + _late(view, w, lang)
        + f'<p class="basis">{escape(w["basis"])}：{escape(result["policy"])}</p></section>'
    )
