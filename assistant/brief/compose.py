"""What goes in a brief, chosen from analysed clients: plain data, no names yet.

Every line names its client by id and carries the playbook behind it; ``render`` turns the
lines into text with client tokens, and the service restores that text for the reader.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from assistant.brief.analysis import ClientView
from assistant.brief.model import Section
from tools.book_query import SIGNAL_WORDS
from tools.intelligence.followup import requirements
from tools.intelligence.policy import Policies

ACTIONS_SHOWN = 5  # the top next best actions of the book, one per client
_LOOKBACK_DAYS = 31  # the longest run of non-working days a calendar may hold


@dataclass(frozen=True)
class Line:
    """One line before rendering: the wording in both languages, ``{client}`` for the name."""

    section: Section
    client_id: str
    playbook: str
    zh: str
    en: str
    signal_kind: str | None = None
    action_kind: str | None = None
    due_date: date | None = None
    days_overdue: int | None = None
    draft_zh: str | None = None
    draft_en: str | None = None
    # The occurrence the line is about, for its action key (``tools.outcomes.keys``).
    detected_on: date | None = None
    event_date: date | None = None
    product_code: str | None = None
    action_key: str | None = None

    @property
    def key_kind(self) -> str:
        return self.signal_kind or self.action_kind or self.section


def _words(kind: str) -> tuple[str, str]:
    return SIGNAL_WORDS.get(kind, (kind, kind))


def overdue(views: Sequence[ClientView]) -> list[Line]:
    """Follow-ups whose working-day deadline has passed with no qualifying contact since."""
    lines = [
        Line(
            "overdue",
            v.client_id,
            g.playbook,
            f"{{client}}：{_words(g.signal_kind)[0]}，应于 {g.due_date} 前跟进，已逾期 {g.days_overdue} 天",
            f"{{client}}: {_words(g.signal_kind)[1]} follow-up was due {g.due_date}, "
            f"{g.days_overdue} days overdue",
            signal_kind=g.signal_kind,
            due_date=g.due_date,
            days_overdue=g.days_overdue,
            detected_on=g.detected_on,
            event_date=g.event_date,
            product_code=g.product_code,
        )
        for v in views
        for g in v.gaps
        # A late contact answers it: the RM's list drops it (the team lead's gap report
        # in list_book still shows the deadline was missed).
        if g.days_overdue > 0 and g.late_follow_up_on is None
    ]
    return sorted(lines, key=lambda x: (-(x.days_overdue or 0), x.client_id))


def _since(day: date, policy: Policies) -> date:
    """The previous working day: what appeared after it is new to the RM today (a signal
    detected on a Sunday is news on Monday)."""
    calendar = policy.signals.calendar
    before = day - timedelta(days=1)
    for _ in range(_LOOKBACK_DAYS):
        if calendar.is_working_day(before):
            return before
        before -= timedelta(days=1)
    return before


def open_follow_ups(views: Sequence[ClientView], day: date, policy: Policies) -> list[Line]:
    """Follow-ups that need the RM today: the deadline is today, or the signal is new since
    the last working day and its clock has just started."""
    since = _since(day, policy)
    lines = []
    for v in views:
        for g in v.gaps:
            zh, en = _words(g.signal_kind)
            if g.days_overdue == 0:
                text = (
                    f"{{client}}：{zh}，今日为跟进期限",
                    f"{{client}}: {en} follow-up is due today",
                )
            elif g.days_overdue < 0 and since < g.detected_on <= day:
                text = (
                    f"{{client}}：{zh}（新出现，{g.due_date} 前跟进）",
                    f"{{client}}: {en} (new; follow up by {g.due_date})",
                )
            else:
                continue
            lines.append(
                Line(
                    "due_today",
                    v.client_id,
                    g.playbook,
                    *text,
                    signal_kind=g.signal_kind,
                    due_date=g.due_date,
                    days_overdue=0 if g.days_overdue == 0 else None,
                    detected_on=g.detected_on,
                    event_date=g.event_date,
                    product_code=g.product_code,
                )
            )
    return lines


def due_today(views: Sequence[ClientView], day: date, policy: Policies) -> list[Line]:
    """Tracked follow-ups due or begun today, and signals whose next step a rule set for
    today (a maturity's first call). Maturities close enough to be listed under their own
    heading are left to it."""
    tracked = set(requirements(policy))  # kinds whose deadline the follow-up gaps decide
    lines = open_follow_ups(views, day, policy)
    for v in views:
        seen: set[str] = set()  # one line per signal kind (two holdings: one call)
        for s in v.insight.signals:
            if s.due_date != day or s.kind in tracked or s.kind in seen:
                continue
            if s.kind == "maturity" and _maturing_soon(s.facts, policy):
                continue
            seen.add(s.kind)
            lines.append(
                Line(
                    "due_today",
                    v.client_id,
                    s.playbook,
                    f"{{client}}：{s.title_zh}（今日应跟进）",
                    f"{{client}}: {s.title_en} (follow up today)",
                    signal_kind=s.kind,
                    due_date=s.due_date,
                    detected_on=s.detected_on,
                    event_date=s.event_date,
                    product_code=s.product_code,
                )
            )
    return sorted(lines, key=lambda x: (x.client_id, x.signal_kind or ""))


def _maturing_soon(facts: dict, policy: Policies) -> bool:
    days = facts.get("days_to_maturity")
    return days is not None and 0 <= days <= policy.signals.maturity.second_contact_days_before


def maturing(views: Sequence[ClientView], policy: Policies) -> list[Line]:
    """Holdings maturing within the playbook's second-reminder window (7 days by default)."""
    lines = [
        Line(
            "maturing",
            v.client_id,
            s.playbook,
            f"{{client}}：{s.detail_zh}",
            f"{{client}}: {s.detail_en}",
            signal_kind=s.kind,
            due_date=date.fromisoformat(s.facts["maturity_date"]),
            detected_on=s.detected_on,
            event_date=s.event_date,
            product_code=s.product_code,
        )
        for v in views
        for s in v.insight.signals
        if s.kind == "maturity" and _maturing_soon(s.facts, policy)
    ]
    return sorted(lines, key=lambda x: (x.due_date or date.max, x.client_id))


def actions(views: Sequence[ClientView], limit: int = ACTIONS_SHOWN) -> list[Line]:
    """The book's best next actions, one per client (its own best), highest score first."""
    best = [(v, v.insight.actions[0]) for v in views if v.insight.actions]
    best.sort(key=lambda p: (-p[1].score, p[1].due_date or date.max, p[0].client_id))
    return [
        Line(
            "actions",
            v.client_id,
            a.playbook,
            f"{{client}}：{a.title_zh}（{a.reason_zh}）",
            f"{{client}}: {a.title_en} ({a.reason_en})",
            signal_kind=a.signal_kind,
            action_kind=a.kind,
            due_date=a.due_date,
            draft_zh=f"给{{client}}起草一条消息：{a.title_zh}",
            draft_en=f"Draft a message to {{client}}: {a.title_en}",
            detected_on=a.detected_on,
            event_date=a.event_date,
            product_code=a.product_code,
        )
        for v, a in best[:limit]
    ]


def rm_lines(views: Sequence[ClientView], day: date, policy: Policies) -> list[Line]:
    """An RM's brief, section by section."""
    return due_today(views, day, policy) + overdue(views) + maturing(views, policy) + actions(views)


def gap_lines(views: Sequence[ClientView], day: date, policy: Policies) -> list[Line]:
    """What a team lead reads of an RM's book: the follow-ups due or begun today and the
    overdue ones, the facts ``list_book``'s follow-up gaps give a lead (client, signal,
    deadline), no figures."""
    return open_follow_ups(views, day, policy) + overdue(views)
