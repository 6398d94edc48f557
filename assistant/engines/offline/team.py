"""The team measures in chat: "我团队本月及时率", "how is my team doing this quarter", "看看〈组员〉的".

A question that names one of the incentive rules' measures (及时率, 服务频次达标率, 覆盖率,
绩效, KPI) or asks how the team is doing is answered from ``team_performance`` — the same rows
``frontline team show`` and ``GET /v1/team`` give — led by the figure asked, cited to the
incentive playbook. A question about the rule itself ("及时率多少能拿满分", "how is timeliness
scored") is the playbook's, not this. After a team view, an RM of it named ("看看〈组员〉的",
"what about 〈name〉") drills into their row and follow-ups, and a period said ("上个月呢") measures
that period.
"""

from __future__ import annotations

import asyncio
import re
from datetime import date, timedelta

from assistant.engines.base import EngineContext, EngineResult
from assistant.errors import EntitlementError
from assistant.team_view import measure_total, pct, row_line
from tools.book_tools import rms_named
from tools.chart_tools import MEASURE_LABELS
from tools.toolbox import Refusal, ToolError

STATE_KEY = "team_view"  # {"period", "day", "rm_id"} of the last team view shown
INTENT = "book_query"  # a question about the book's people; the evaluations' label for it
IC = re.I

MEASURE = re.compile(
    r"及时率|达标率|覆盖率|绩效|考核(?:得分|分数|情况|结果|排名)|\bkpis?\b|记分卡|scorecard|"
    r"\btimeliness\b|service[- ]frequency (?:rate|compliance)|coverage rate|"
    r"\b(?:team|my|our|rm|branch|their|his|her)(?:'s)? (?:performance|numbers|metrics|coverage|"
    r"service frequency)\b|"
    r"\bperformance (?:measures|metrics|review|numbers)\b|"
    # the team's complaints as measured (首次接触解决率, late ones), not a list of clients
    r"(?:团队|组里|我们组|本组|全组|组员)(?:的)?投诉(?:处理)?(?:得)?(?:情况|怎么样|咋样|如何|表现)|"
    r"首次接触解决率|首问解决率|\bfirst[- ]contact resolution\b|\b(?:team|my team)'?s? complaints?\b",
    IC,
)
TEAM_DOING = re.compile(
    r"(?:团队|组里|我们组|本组|全组|组员|大家|支行|网点|分行|各组|各团队)(?:的|这)?(?:\S{0,6})?"
    r"(?:怎么样|咋样|如何|表现|情况怎|做得|干得|排名)|"
    r"\bhow(?:'s| is| are)\s+(?:my|our|the)\s+(?:team|rms|branch|people)\b(?:\s+\w+){0,2}\s+doing\b|"
    r"\bhow (?:is|are) (?:my|our|the) (?:team|rms|branch) (?:doing|performing|tracking)\b",
    IC,
)
# The rule, not the figures: "及时率多少能拿满分", "how is timeliness scored", "我得干啥".
RULE = re.compile(
    r"怎么算|如何计算|怎么计算|怎么定义|口径是|什么意思|多少(?:能|才能|可以|就)?(?:拿|得|算)|满分|扣分|"
    r"规则|标准是|定义|我得干啥|得干啥|该怎么办|怎么办|要做什么|"
    r"\bwhat counts\b|\bhow (?:is|are|do(?:es)?) .{0,40}(?:scored|calculated|measured|defined|count)\b|"
    r"\bwhat should i do\b|\bwhat do i do\b|\bwhat(?:'s| is) the (?:rule|formula|threshold)\b",
    IC,
)
MONTH = re.compile(r"本月|这个月|当月|月度|按月|\bthis month\b|\bmonthly\b|\bmonth to date\b", IC)
LAST_MONTH = re.compile(r"上个?月|\blast month\b|\bprevious month\b", IC)
QUARTER = re.compile(r"本季度?|这个?季度|当季|季度|按季|\bthis quarter\b|\bquarterly\b", IC)
LAST_QUARTER = re.compile(r"上个?季度?|\blast quarter\b|\bprevious quarter\b", IC)
WHOLE_TEAM = re.compile(
    r"全组|整个团队|回到团队|所有人|\bwhole team\b|\ball of them\b|\beveryone\b", IC
)
# A short turn after a team view: "看看〈组员〉的", "〈组员〉呢", "what about 〈name〉", "上个月呢".
FOLLOW = re.compile(r"^.{0,16}$|看看|呢|\bwhat about\b|\bdrill\b|\bshow me\b|\band\b", IC)


def period_of(text: str, as_of: date) -> tuple[str | None, date | None]:
    """The period the text says (kind, a day in it), or (None, None) for the policy's own.
    "Last month" is the calendar's, before the one the extract's as-of day is in; "this month"
    is the view's default, the period of the extract's last day (on the first of a month, the
    month just closed: the header's dates say which)."""
    if LAST_MONTH.search(text):
        return "month", as_of.replace(day=1) - timedelta(days=1)
    if LAST_QUARTER.search(text):
        return "quarter", date(as_of.year, 3 * ((as_of.month - 1) // 3) + 1, 1) - timedelta(days=1)
    if MONTH.search(text):
        return "month", None
    if QUARTER.search(text):
        return "quarter", None
    return None, None


def asks_measures(text: str) -> bool:
    return bool((MEASURE.search(text) or TEAM_DOING.search(text)) and not RULE.search(text))


async def handle(ctx: EngineContext) -> EngineResult | None:
    """The team view this turn asks for, or None when it asks something else."""
    tb = ctx.toolbox
    if tb.caller.role == "admin":
        return None
    text = ctx.masked_text
    last = ctx.state.get(STATE_KEY)
    rms = [r for r in tb.services.intelligence.rms if tb.caller.may_name(r)] or [tb.caller.rm]
    if tb.caller.role == "branch_head":
        rms = [r for r in tb.services.intelligence.rms if r.branch == tb.caller.rm.branch]
    kind, day = period_of(text, tb.services.as_of)
    asked = asks_measures(text)
    follow = bool(last) and bool(FOLLOW.search(text))
    if not asked and not follow:
        return None
    named: list = await asyncio.to_thread(rms_named, tb, text, rms)
    others = [r for r in tb.services.intelligence.rms if r not in rms]
    foreign: list = await asyncio.to_thread(rms_named, tb, text, others)
    if not named and foreign:
        # "〈同事〉的及时率" from a colleague, or another team's RM from a lead: not theirs to see.
        return EngineResult(
            _say("refused", ctx.language), INTENT, refused=True, refusal_reason="not_entitled"
        )
    if asked:
        rm_id = named[0].rm_id if len(named) == 1 and tb.caller.role != "rm" else None
    elif named or kind or WHOLE_TEAM.search(text):
        assert last is not None
        rm_id = named[0].rm_id if len(named) == 1 else None
        if not named and not WHOLE_TEAM.search(text):
            rm_id = last.get("rm_id")
        if kind is None:
            kind, day = last.get("period"), _day(last.get("day"))
    else:
        return None
    args: dict = {"period": kind, "day": day, "rm_id": rm_id, "measure": measure_asked(text)}
    try:
        result = await asyncio.to_thread(tb.call, "team_performance", args)
    except (Refusal, EntitlementError):
        return EngineResult(
            _say("refused", ctx.language), INTENT, refused=True, refusal_reason="not_entitled"
        )
    except ToolError as exc:
        return EngineResult(f"{_say('error', ctx.language)}{exc}", INTENT)
    state = {
        STATE_KEY: {"period": result["kind"], "day": str(day) if day else None, "rm_id": rm_id}
    }
    return EngineResult(render(result, ctx.language, tb.caller.role), INTENT, state=state)


def forget(result: EngineResult, state: dict) -> None:
    """A turn that is not a team view drops the last one: "看看〈组员〉的" after a client list is
    that RM's clients, not their measures."""
    if state.get(STATE_KEY) and STATE_KEY not in result.state:
        result.state[STATE_KEY] = None


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


PHRASES = {
    "refused": (
        "抱歉，这位客户经理不在你的团队，我不能提供其绩效。",
        "Sorry, that RM is not in your team; I can't show their measures.",
    ),
    "error": ("暂时无法计算绩效：", "The measures could not be computed: "),
}


def _say(key: str, language: str) -> str:
    zh, en = PHRASES[key]
    return zh if language == "zh" else en


# A measure other than 及时率 asked by name: the answer leads with it (and its chart draws it).
ASKED_MEASURES = (
    ("service_frequency", re.compile(r"服务频次|达标率|service[- ]frequency", IC)),
    ("coverage", re.compile(r"覆盖率|\bcoverage\b", IC)),
)


def measure_asked(text: str) -> str:
    return next((key for key, asked in ASKED_MEASURES if asked.search(text)), "timeliness")


def _other_measure(result: dict, language: str, cite: str) -> str | None:
    """ "团队服务频次达标率怎么样": the view's rate of that measure and its lowest RM."""
    key = result.get("measure", "timeliness")
    rows = [r for r in result["rows"] if r[key]["rate"] is not None]
    if key == "timeliness" or not rows:
        return None
    total, low = measure_total(rows, key), min(rows, key=lambda r: r[key]["rate"])
    label_zh, label_en = MEASURE_LABELS[key]
    said = f"{pct(total['rate'])}（{total['done']}/{total['due']}）"
    if language == "zh":
        return (
            f"{result['period']} {label_zh} {said}；"
            f"最低：{low['name']}（{low['rm_id']}）{pct(low[key]['rate'])}。{cite}"
        )
    return (
        f"{label_en} in {result['period']}: {pct(total['rate'])} "
        f"({total['done']}/{total['due']}); "
        f"lowest: {low['name']} ({low['rm_id']}) {pct(low[key]['rate'])}.{cite}"
    )


def headline(result: dict, language: str, role: str) -> str:
    """The answer first: the measure asked (by default the view's own 及时率) and who is lowest,
    or the one RM's."""
    zh = language == "zh"
    rows = result["rows"]
    p = result["period"]
    cite = f" [{result['citation']}]" if result.get("citation") else ""
    if (other := _other_measure(result, language, cite)) is not None:
        return other
    if len(rows) == 1 and (role == "rm" or result.get("drill")):
        r = rows[0]
        t = r["timeliness"]
        if t["rate"] is None:
            return (
                f"{r['name']} {p} 没有到期应跟进的信号（及时率不适用）。{cite}"
                if zh
                else f"{r['name']} had no follow-up due in {p} (no timeliness rate).{cite}"
            )
        return (
            f"{r['name']} {p} 信号跟进及时率 {pct(t['rate'])}（{t['done']}/{t['due']}）"
            f"{'，低于辅导线' if r['coaching'] else ''}。{cite}"
            if zh
            else f"{r['name']}'s follow-up timeliness in {p}: {pct(t['rate'])} "
            f"({t['done']}/{t['due']}){', below the coaching line' if r['coaching'] else ''}.{cite}"
        )
    team = result["team"]
    rated = [r for r in rows if r["timeliness"]["rate"] is not None]
    if not rated:
        return (
            f"{p} 团队没有到期应跟进的信号，及时率不适用；其他指标如下。{cite}"
            if zh
            else f"No follow-up fell due for the team in {p}, so no timeliness rate; "
            f"the other measures follow.{cite}"
        )
    low = rated[0]  # rows come laggard first
    coach = [r["name"] for r in rows if r["coaching"]]
    if zh:
        line = (
            f"{p} 团队信号跟进及时率 {pct(team['rate'])}（{team['done']}/{team['due']}）；"
            f"最低：{low['name']}（{low['rm_id']}）{pct(low['timeliness']['rate'])}"
        )
        if coach:
            line += f"；低于 {result['coach_below']:.0%} 需一对一辅导：{'、'.join(coach)}"
        return line + f"。{cite}"
    line = (
        f"Team follow-up timeliness in {p}: {pct(team['rate'])} ({team['done']}/{team['due']}); "
        f"lowest: {low['name']} ({low['rm_id']}) {pct(low['timeliness']['rate'])}"
    )
    if coach:
        line += f"; below {result['coach_below']:.0%}, for one-to-one coaching: {', '.join(coach)}"
    return line + f".{cite}"


def render(result: dict, language: str, role: str) -> str:
    zh = language == "zh"
    result = result | {"drill": len(result["rows"]) == 1 and role != "rm"}
    period = (
        f"{result['period']}（{result['start']} 至 {result['end']}）"
        if zh
        else (f"{result['period']} ({result['start']} to {result['end']})")
    )
    title = (
        ("团队绩效" if role != "rm" else "你的绩效")
        if zh
        else ("Team measures" if role != "rm" else "Your measures")
    )
    lines = [headline(result, language, role), "", f"**{title} · {period}**"]
    if result["aggregate_only"]:
        lines.append("（按客户经理汇总，不列客户）" if zh else "(per RM, no client named)")
    for i, row in enumerate(result["rows"], 1):
        extra = ""
        if row.get("late") or row.get("due_soon"):
            extra = (
                f" · 未及时 {row['late']} · 7 天内到期 {row['due_soon']}"
                if zh
                else f" · late {row['late']} · due within 7 days {row['due_soon']}"
            )
        lines.append(f"{i}. {row_line(row, language)}{extra}")
    for key, zh_head, en_head in (
        ("late", "未及时跟进", "Not followed up in time"),
        ("due_soon", "7 天内到期待跟进", "Due within 7 days"),
    ):
        items = result.get(key) or []
        if not items:
            continue
        total = result["late_count" if key == "late" else "due_count"]
        more = (
            f"（共 {total} 条，列前 {len(items)} 条）" if zh else f" ({total}, first {len(items)})"
        )
        lines += [
            "",
            f"{zh_head if zh else en_head}{more if total > len(items) else ''}："
            if zh
            else f"{en_head}{more if total > len(items) else ''}:",
        ]
        for it in items:
            what = it["signal_label"] + (f" {it['product_code']}" if it.get("product_code") else "")
            when = f"应于 {it['due_date']} 前" if zh else f"due {it['due_date']}"
            if key == "due_soon":
                when += (
                    f"（还剩 {it['days_left']} 天）" if zh else f" ({it['days_left']} days left)"
                )
            lines.append(f"- {it['rm_name']} · {it['name']}（{it['client_id']}）· {what} · {when}")
    source = result["policy"]
    lines += ["", f"口径：{source}" if zh else f"As measured by {source}"]
    if not result["aggregate_only"] and role != "rm" and not result["drill"]:
        lines.append(
            "说「看看〈组员姓名〉的」看某位组员的明细；「上个月呢」换个周期。"
            if zh
            else "Say “what about <name>” for one RM's detail, or “last month?” for another period."
        )
    return "\n".join(lines)
