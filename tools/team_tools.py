"""``team_performance``: the team measures of the bank's incentive rules, for whoever asks — an
RM their own row, a team lead the team, a branch head the branch as aggregates — with the trend
against the period before, the follow-ups that were late and those due within the week.

The view itself is the core's (``assistant.team_view``: the same rows ``GET /v1/team`` and
``frontline team show`` give); this tool reads it for a conversation: masked client names, the
incentive playbook cited, and one RM's drill-down ("看看〈组员〉的").
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, Field

from assistant.errors import EntitlementError, UserError
from tools.book_query import signal_word
from tools.outcomes.book import open_gaps
from tools.toolbox import Toolbox, ToolError, ToolSpec

DUE_WITHIN_DAYS = 7  # the "open gaps due within 7 days": what a lead can still chase
SHOWN = 12  # late or due items listed by name; the rest are counted
POLICY_QUERY = "信号跟进及时率 服务频次达标率 新增有效客户 绩效考核 score bands timeliness"


class TeamPerformanceArgs(BaseModel):
    period: Literal["month", "quarter"] | None = Field(
        default=None, description="month or quarter (default: the bank's performance policy's)"
    )
    day: date | None = Field(
        default=None,
        description="A day in the period to measure (default: the extract's last day); a day "
        "in last month or last quarter measures that period",
    )
    rm_id: str | None = Field(
        default=None,
        description="One RM of the caller's view to drill into (their late and due follow-ups)",
    )
    measure: Literal["timeliness", "service_frequency", "coverage"] = Field(
        default="timeliness", description="The measure the answer leads with and charts by RM"
    )


def _rounded(row: dict) -> dict:
    """Rates to a tenth of a point and money to the yuan: what a reader (or a model) needs."""
    for key in ("timeliness", "service_frequency", "coverage"):
        rate = row[key]["rate"]
        row[key] = row[key] | {"rate": None if rate is None else round(rate, 3)}
    return row | {"deposit_growth": round(row["deposit_growth"])}


def _citation(tb: Toolbox, playbook: str | None) -> int | None:
    """The incentive playbook's best passage on the measures, cited; None when the bank keeps
    no such playbook (the answer then names the policy file)."""
    if not playbook or tb.services.retriever is None:
        return None
    for p in tb.services.retriever.search(POLICY_QUERY, k=10, prefer_language=tb.language):
        if p.doc_id == playbook or p.doc_id.startswith(f"{playbook}-"):
            return tb.cite(p)
    return None


def team_performance(tb: Toolbox, args: TeamPerformanceArgs) -> dict:
    tb.caller.require_client_access()  # an admin: no client data, so no measures
    view_of = tb.services.team
    if view_of is None:
        raise ToolError("team measures are not kept here")
    try:
        view = view_of(tb.caller.rm_id, args.period, args.day)
    except UserError as exc:  # a day after the extract's last: the model may ask again
        raise ToolError(str(exc)) from exc
    rms = set(view.names)
    if args.rm_id is not None and args.rm_id not in rms:
        # Another team's RM, or an RM asking of a colleague: the same refusal as list_book's.
        raise EntitlementError("that RM is not in your view")
    shown = {args.rm_id} if args.rm_id else rms
    from assistant.team_view import view_summary  # what every channel shows

    out = view_summary(view, shown)
    rows = out["rows"] = [_rounded(r) for r in out["rows"]]
    due, late = _due_soon(tb, shown), [(r.rm_id, i) for r in view.rows for i in r.late]
    late = [(rm, i) for rm, i in late if rm in shown]
    out |= {
        "measure": args.measure,
        "late_count": len(late),
        "due_count": len(due),
        "citation": _citation(tb, view.playbook),
    }
    for row in rows:
        row["late"] = sum(1 for rm, _ in late if rm == row["rm_id"])
        row["due_soon"] = sum(1 for g in due if g.rm_id == row["rm_id"])
    if len(rows) > 1:  # a picture of the team: one bar per RM, laggard first
        from tools.chart_tools import team_chart

        tb.add_chart(team_chart(out, args.measure, tb.language))
    if view.aggregate_only:  # a branch head: counts per RM, no client named
        return out
    names = dict(view.names)
    shown_late = late[:SHOWN]
    late_tokens = _tokens(tb, [i.client_id for _, i in shown_late])
    out["late"] = [
        {
            "rm_id": rm,
            "rm_name": names.get(rm, rm),
            "client_id": i.client_id,
            "name": token,
            "signal": i.kind,
            "signal_label": signal_word(i.kind, tb.language),
            "product_code": i.product_code,
            "due_date": str(i.due_date),
        }
        for (rm, i), token in zip(shown_late, late_tokens, strict=True)
    ]
    shown_due = due[:SHOWN]
    due_tokens = _tokens(tb, [g.client_id for g in shown_due])
    out["due_soon"] = [
        {
            "rm_id": g.rm_id,
            "rm_name": names.get(g.rm_id, g.rm_id),
            "client_id": g.client_id,
            "name": token,
            "signal": g.signal_kind,
            "signal_label": signal_word(g.signal_kind, tb.language),
            "due_date": str(g.due_date),
            "days_left": -g.days_overdue,
        }
        for g, token in zip(shown_due, due_tokens, strict=True)
    ]
    return out


def _due_soon(tb: Toolbox, rm_ids: set[str]) -> list[Any]:
    """Open follow-ups of these RMs due within the week, soonest first; those the RM marked
    done or put off are not open."""
    bank = tb.services.bank
    book = frozenset(bank.client_ids_of(sorted(rm_ids)))
    gaps = [
        g
        for g in tb.services.intelligence.follow_up_gaps(book, True)
        if g.rm_id in rm_ids and -DUE_WITHIN_DAYS <= g.days_overdue <= 0
    ]
    svc = tb.services.outcomes
    if svc is not None:
        gaps = [g for _k, g in open_gaps(svc, gaps, svc.today())]
    return sorted(gaps, key=lambda g: (g.due_date, g.client_id))


def _tokens(tb: Toolbox, client_ids: list[str]) -> list[str | None]:
    if not client_ids:
        return []
    names = {c.client_id: c.name for c in tb.services.intelligence.directory}
    for cid in client_ids:
        tb.touch(cid)
    return tb.tokens([(names.get(cid, cid), "CLIENT", cid) for cid in client_ids])


SPEC = ToolSpec(
    "team_performance",
    TeamPerformanceArgs,
    "The bank's performance measures (信号跟进及时率 with its score band and trend, 服务频次达标率, "
    "coverage, effective and new payroll clients, deposit growth) for the caller's view: an RM their "
    "own, a team lead each RM of the team (laggard first, with late follow-ups and those due within "
    "7 days), a branch head the branch's RMs as aggregates. rm_id drills into one RM of the view.",
    team_performance,
)
