"""The team view: each RM a reader may see, measured as the bank's incentive rules say
(``tools.intelligence.performance``), against the period before.

Who sees whom is the entitlement's: an RM their own row, a team lead the team's RMs, a branch
head the branch's RMs as aggregates only (no client is named in their view); an admin sees no
client data, so no view. Built by the core, so every channel shows the same rows.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict

from assistant.core.types import Chart
from assistant.errors import UserError
from tools.intelligence.fmt import money_en, money_zh
from tools.intelligence.performance import Period, PeriodKind, RmMeasures

if TYPE_CHECKING:
    from assistant.wiring import Frontline

MEASURED = ("rm", "team_lead")  # who holds a book measured by the incentive rules


@dataclass(frozen=True)
class TeamView:
    reader: str
    period: Period
    rows: list[RmMeasures]
    previous: dict[str, RmMeasures]  # by rm_id: the same measures over the period before
    names: dict[str, str]  # rm_id -> the RM's name
    playbook: str | None  # the incentive rules cited, when the bank has them as a playbook
    aggregate_only: bool  # a branch head's view: no client named
    coach_below: float = 0.0  # 及时率 under this: the RM is flagged for coaching
    # Referrals made in the period per RM (assistant.referrals: sent, received, first contacts on
    # time and late, won — a won one counts for both sides, 业绩双算); empty where none.
    referrals: dict[str, dict[str, int]] = field(default_factory=dict)


def visible_rms(fl: Frontline, reader_id: str) -> tuple[dict[str, str], bool]:
    """The RMs ``reader_id`` may see measured (id -> name), and whether only as aggregates."""
    reader = fl.bank.get_rm(reader_id)
    if reader is None:
        raise UserError(f"unknown RM {reader_id!r}")
    if reader.role == "admin":
        raise UserError("an admin sees no client data, so no team measures")
    measured = {r.rm_id: r for r in fl.bank.all_rms() if r.role in MEASURED}
    if reader.role == "team_lead":
        ids = [r for r in fl.bank.team_rm_ids(reader.team_id) if r in measured]
    elif reader.role == "branch_head":
        ids = [r for r, rec in measured.items() if rec.branch == reader.branch]
    else:
        return {reader.rm_id: reader.name}, False
    return {r: measured[r].name for r in ids}, reader.role == "branch_head"


EARLIEST = date(1900, 1, 1)


class PeriodError(UserError):
    """A day the extract cannot measure (after its as-of day)."""


def team_view(
    fl: Frontline, reader_id: str, kind: PeriodKind | None = None, day: date | None = None
) -> TeamView:
    """The reader's view for the period of ``kind`` (default: the policy's) containing ``day``
    (default: the extract's last day, the day before its as-of): a past period whole, the
    current one to the as-of day."""
    measures = fl.performance
    names, aggregate = visible_rms(fl, reader_id)
    as_of = fl.bank.as_of()
    if day is not None and day < EARLIEST:
        # A period's day before is asked of its start: year 1 has none (and no bank data).
        raise PeriodError(f"no measures before {EARLIEST.isoformat()}")
    if day is not None and day > as_of:
        raise PeriodError(f"the extract runs to {as_of}; no measures after it")
    period = Period.of(kind or measures.policy.period, day or as_of - timedelta(days=1), as_of)
    # Books as the brief and the book queries read them: once per extract, a saved note re-read.
    books = {rm: fl.insights.book_data(frozenset(fl.bank.client_ids_of([rm]))) for rm in names}
    # The RMs' "done" on suggested actions, with a note that says something, answers a signal too.
    outcomes = fl.bank.outcomes_for(
        sorted({c.client.client_id for book in books.values() for c in book})
    )
    rows = [r for r in measures.for_rms(books, period, outcomes) if r.clients]  # a lead: no book
    before = {r.rm_id: r for r in measures.for_rms(books, period.previous(), outcomes)}
    if aggregate:  # a branch head: no client named, this period or the one before
        rows = [r.model_copy(update={"late": ()}) for r in rows]
        before = {k: v.model_copy(update={"late": ()}) for k, v in before.items()}
    credit = fl.referrals.credit(list(names), period.start, period.end)
    return TeamView(
        reader_id,
        period,
        rows,
        before,
        names,
        measures.policy.playbook,
        aggregate,
        measures.policy.timeliness.coach_below,
        {rm: c for rm, c in credit.items() if any(c.values())},
    )


def laggard_first(row: RmMeasures) -> tuple:
    """The lowest 及时率 first (none due: last); a tie goes to more late follow-ups, then to the
    smaller share of the book contacted."""
    rate = row.timeliness.rate
    return (rate is None, rate or 0.0, -len(row.late), row.coverage.rate or 0.0)


def pct(rate: float | None) -> str:
    return "—" if rate is None else f"{rate:.0%}"


def _signed(amount: float, money: Callable[[float], str]) -> str:
    return ("+" if amount >= 0 else "-") + money(abs(amount))


def row_summary(
    r: RmMeasures,
    was: RmMeasures | None,
    name: str,
    coach_below: float,
    referrals: dict[str, int] | None = None,
) -> dict:
    """One RM's measures as every channel shows them (chat, the API's text, the CLI)."""
    rate = r.timeliness.rate
    then = was.timeliness.rate if was else None
    return {
        "referrals": referrals or {},
        "complaints": {
            "received": r.complaints,
            "late": r.complaints_late,
            "first_contact_resolved": r.first_contact_resolution.done,
            "closed_said": r.first_contact_resolution.due,
            "first_contact_resolution": r.first_contact_resolution.rate,
        },
        "rm_id": r.rm_id,
        "name": name,
        "clients": r.clients,
        "timeliness": {"done": r.timeliness.done, "due": r.timeliness.due, "rate": rate},
        "timeliness_score": r.timeliness_score,
        "trend_points": None if rate is None or then is None else round((rate - then) * 100),
        "coaching": rate is not None and rate < coach_below,  # team-lead-followup's line
        "service_frequency": {
            "done": r.service_frequency.done,
            "due": r.service_frequency.due,
            "rate": r.service_frequency.rate,
        },
        "coverage": {"done": r.coverage.done, "due": r.coverage.due, "rate": r.coverage.rate},
        "effective_clients": r.effective_clients,
        "new_effective_clients": r.new_effective_clients,
        "new_payroll_clients": r.new_payroll_clients,
        "deposit_growth": r.deposit_growth,
    }


def measure_total(rows: list[dict], key: str) -> dict:
    """The view's own rate of one measure: every item due across its RMs, not a mean of rates."""
    done = sum(r[key]["done"] for r in rows)
    due = sum(r[key]["due"] for r in rows)
    return {"done": done, "due": due, "rate": done / due if due else None}


def view_summary(view: TeamView, rm_ids: set[str] | None = None) -> dict:
    """The view as chat, the LLM's tool and the dashboard read it: a ``row_summary`` per RM
    (of ``rm_ids``, default all), laggard first, and the view's own 及时率."""
    rows = [
        row_summary(
            r,
            view.previous.get(r.rm_id),
            view.names.get(r.rm_id, r.rm_id),
            view.coach_below,
            view.referrals.get(r.rm_id),
        )
        for r in sorted(view.rows, key=laggard_first)
        if rm_ids is None or r.rm_id in rm_ids
    ]
    return {
        "period": view.period.label,
        "kind": view.period.kind,
        "start": str(view.period.start),
        "end": str(view.period.end),
        "aggregate_only": view.aggregate_only,
        "policy": view.playbook or "performance.yaml",
        "coach_below": view.coach_below,
        "rows": rows,
        "team": measure_total(rows, "timeliness"),
    }


def row_line(row: dict, lang: str = "zh") -> str:
    """A ``row_summary`` as one line of text."""
    t = row["timeliness"]
    score = row["timeliness_score"]
    score = "—" if score is None else f"{score:.0%}"
    trend = "" if row["trend_points"] is None else f" ({row['trend_points']:+d})"
    if row["trend_points"] == 0:
        trend = " (±0)"
    sf, cov = pct(row["service_frequency"]["rate"]), pct(row["coverage"]["rate"])
    if lang == "zh":
        flag = "，需辅导" if row["coaching"] else ""
        return (
            (
                f"{row['name']}（{row['rm_id']}）· {row['clients']} 户 · 及时率 {pct(t['rate'])}"
                f"{trend}（{t['done']}/{t['due']}，得分 {score}{flag}）"
                f" · 服务频次达标率 {sf} · 覆盖率 {cov}"
                f" · 有效客户 {row['effective_clients']}（新增 {row['new_effective_clients']}）"
                f" · 新增代发 {row['new_payroll_clients']}"
                f" · 日均存款较上期 {_signed(row['deposit_growth'], money_zh)}"
            )
            + complaint_part(row, lang)
            + referral_part(row, lang)
        )
    flag = ", below the coaching line" if row["coaching"] else ""
    return (
        _english_line(row, trend, score, flag, sf, cov)
        + complaint_part(row, lang)
        + referral_part(row, lang)
    )


def complaint_part(row: dict, lang: str = "zh") -> str:
    """The period's complaints, when there were any: late ones and first-contact resolution
    (服务体验, for team leads)."""
    c = row.get("complaints") or {}
    if not c.get("received"):
        return ""
    fcr = pct(c["first_contact_resolution"])
    if lang == "zh":
        return f" · 投诉 {c['received']}（逾期办结或未结 {c['late']}，首次接触解决率 {fcr}）"
    return f" · complaints {c['received']} ({c['late']} late, first-contact resolution {fcr})"


def referral_part(row: dict, lang: str = "zh") -> str:
    """The referrals of the period, when there were any (业绩双算: a won one counts for both)."""
    c = row.get("referrals") or {}
    if not c:
        return ""
    if lang == "zh":
        return (
            f" · 转介 发出 {c['sent']} / 接收 {c['received']}（及时首次联系 {c['on_time']}，"
            f"逾期 {c['late']}）/ 成功 {c['won']}"
        )
    return (
        f" · referrals sent {c['sent']} / received {c['received']} (first contact on time "
        f"{c['on_time']}, late {c['late']}) / won {c['won']}"
    )


def _english_line(row: dict, trend: str, score: str, flag: str, sf: str, cov: str) -> str:
    t = row["timeliness"]
    return (
        f"{row['name']} ({row['rm_id']}) · {row['clients']} clients · timeliness {pct(t['rate'])}"
        f"{trend} ({t['done']}/{t['due']}, score {score}{flag})"
        f" · service frequency {sf} · coverage {cov}"
        f" · effective clients {row['effective_clients']} (new {row['new_effective_clients']})"
        f" · new payroll {row['new_payroll_clients']}"
        f" · deposits vs last period {_signed(row['deposit_growth'], money_en)}"
    )


def render(view: TeamView, lang: str = "zh") -> str:
    """The view as text: one line per RM, the laggard on 及时率 first, then the late items."""
    zh = lang == "zh"
    head = (
        f"团队绩效 · {view.period.label}（{view.period.start} 至 {view.period.end}）"
        if zh
        else f"Team measures · {view.period.label} ({view.period.start} to {view.period.end})"
    )
    lines = [head]
    ordered = sorted(view.rows, key=laggard_first)
    for r in ordered:
        name = view.names.get(r.rm_id, r.rm_id)
        row = row_summary(
            r, view.previous.get(r.rm_id), name, view.coach_below, view.referrals.get(r.rm_id)
        )
        lines.append(f"- {row_line(row, lang)}")
    late = [(r, i) for r in ordered for i in r.late]
    if late:
        lines.append("未及时跟进：" if zh else "Not followed up in time:")
        for r, i in late:
            what = f"{i.kind}" + (f" {i.product_code}" if i.product_code else "")
            lines.append(
                f"  - {view.names.get(r.rm_id, r.rm_id)} · {i.client_id} · {what} · {i.due_date}"
            )
    source = view.playbook or "performance.yaml"
    lines.append(f"口径：{source}" if zh else f"As measured by {source}")
    return "\n".join(lines)


class TeamRow(RmMeasures):
    """An RM's measures as the API returns them: with the name and the period before's rate."""

    name: str
    timeliness_rate: float | None
    previous_timeliness_rate: float | None


class TeamReport(BaseModel):
    """``GET /v1/team``: the reader's view, its rows laggard first, and the same as text."""

    model_config = ConfigDict(frozen=True)

    period: str
    start: date
    end: date
    aggregate_only: bool
    playbook: str | None
    rows: list[TeamRow]
    text: str


class TeamReports:
    """What the API reads: the team view of whoever asks, built by the core like any answer.

    A view is kept until the data under it changes (an import replaces the insights, a saved
    note — here or on another replica — moves their revision): a lead's dashboard asks again
    and again, and the measures of a period do not move in between."""

    KEPT = 64  # views kept (a view is a few rows per RM)

    def __init__(self, fl: Frontline) -> None:
        self._fl = fl
        self._views: dict[tuple, TeamView] = {}
        self._charts: dict[tuple, list[Chart]] = {}  # the pictures of a view's books
        # Whose views are kept: an import brings new insights, a note a new revision.
        self._kept_for: tuple[object, int, object] | None = None
        # One view built at a time: a view computed while a note lands is never kept under the
        # new revision (requests come from the API's worker threads).
        self._lock = threading.Lock()

    def view(self, rm_id: str, kind: PeriodKind | None, day: date | None) -> TeamView:
        """``rm_id``'s view (kept while the data stays as it is): what the API and chat read."""
        with self._lock:
            insights = self._fl.insights
            insights.sync_notes()
            # A "done" answers a signal too: an outcome recorded anywhere drops the views.
            kept_for = (insights, insights.revision, self._fl.bank.outcomes_mark())
            if self._kept_for != kept_for:
                self._views, self._kept_for = {}, kept_for
                self._charts = {}
            key = (rm_id, kind, day)
            if key not in self._views:
                self._views[key] = team_view(self._fl, rm_id, kind, day)
                while len(self._views) > self.KEPT:
                    self._views.pop(next(iter(self._views)))
            return self._views[key]

    def book_charts(
        self, rm_id: str, kind: PeriodKind | None, day: date | None, language: str = "zh"
    ) -> list[Chart]:
        """Tier mix, deposit trend and maturities within 30 days of the view's books
        (``assistant.book_picture``), kept with the view."""
        from assistant.book_picture import book_charts

        view = self.view(rm_id, kind, day)
        with self._lock:
            key = (rm_id, kind, day, language)
            if key not in self._charts:
                self._charts[key] = book_charts(self._fl, view, language)
                while len(self._charts) > self.KEPT:
                    self._charts.pop(next(iter(self._charts)))
            return self._charts[key]

    def report(
        self,
        rm_id: str,
        kind: PeriodKind | None = None,
        day: date | None = None,
        language: Literal["zh", "en"] = "zh",
    ) -> TeamReport:
        view = self.view(rm_id, kind, day)
        rows = []
        for r in sorted(view.rows, key=laggard_first):
            was = view.previous.get(r.rm_id)
            rows.append(
                TeamRow(
                    **r.model_dump(),
                    name=view.names.get(r.rm_id, r.rm_id),
                    timeliness_rate=r.timeliness.rate,
                    previous_timeliness_rate=was.timeliness.rate if was else None,
                )
            )
        return TeamReport(
            period=view.period.label,
            start=view.period.start,
            end=view.period.end,
            aggregate_only=view.aggregate_only,
            playbook=view.playbook,
            rows=rows,
            text=render(view, language),
        )
