"""``BriefService``: one RM's brief (or a team lead's team brief) for a day.

The steps mirror a turn's: resolve the caller and their book (``tools.entitlement``), analyse
it, compose lines naming clients by token, restore the text for the caller exactly as an
answer is restored (names of their own clients, partial forms, ``[redacted]`` for anything
else, the final PII scan), and record the masked form in the audit trail.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any, Literal

from assistant.brief.analysis import BookViews, ClientView
from assistant.brief.compose import Line, gap_lines, maturing, rm_lines
from assistant.brief.model import Brief, BriefItem, OutcomeReason, TeamMember
from assistant.brief.render import (
    DRAFT_LABEL,
    NOTHING,
    Layout,
    citations,
    cite_numbers,
    header,
    sections,
)
from assistant.core.types import Citation
from assistant.errors import UserError
from assistant.freshness import stale_since
from tools.bank.records import RMRecord
from tools.bank.repository import BankRepository
from tools.entitlement import Caller, resolve_caller
from tools.insights import InsightService
from tools.intelligence.policy import Policies
from tools.outcomes.keys import action_kind
from tools.outcomes.service import OutcomeCounts, OutcomeService

if TYPE_CHECKING:  # the pipeline module pulls in LangChain; a brief needs only the protocol
    from assistant.core.pipeline import Audit

Language = Literal["zh", "en"]
# Staff who receive a brief: everyone with a book (an admin reads audit data, not clients).
RECIPIENT_ROLES = ("rm", "team_lead", "branch_head")
# The days a brief can be asked for: wide enough for any extract's as-of date, narrow enough
# that the look-back and look-ahead windows never leave the calendar (date.min - 1 day).
FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(2999, 12, 31)


def brief_scope(rm_id: str, day: date) -> str:
    """The vault scope of one RM's brief for one day: rebuilding it reuses its tokens."""
    return f"brief:{rm_id}:{day.isoformat()}"


class BriefService:
    def __init__(
        self,
        bank: BankRepository,
        insights: InsightService,
        privacy: Any,  # ``Privacy`` of the core plus ``tokens_for`` (the PrivacyLayer)
        audit: Audit | None = None,
        outcomes: OutcomeService | None = None,
        today: Callable[[], date] | None = None,
        referrals: Callable[[], Any] | None = None,
    ) -> None:
        self._bank = bank
        self._referrals = referrals  # () -> assistant.referrals.ReferralDesk (None: not kept)
        self._today = today or bank.as_of
        self._insights = insights
        self._privacy = privacy
        self._audit = audit
        self._outcomes = outcomes
        self._views = BookViews(insights)

    # --- who and when --------------------------------------------------------------------
    def today(self) -> date:
        """The bank's day a brief asked for without a date is built for (FRONTLINE_TODAY)."""
        return self._today()

    def recipients(self) -> list[RMRecord]:
        return [r for r in self._insights.rms if r.role in RECIPIENT_ROLES]

    def is_working_day(self, day: date) -> bool:
        return self._insights.policy.signals.calendar.is_working_day(day)

    # --- building --------------------------------------------------------------------------
    def build(
        self, rm_id: str, day: date, language: Language = "zh", channel: str = "cli"
    ) -> Brief:
        """The brief ``rm_id`` reads on ``day``; a team lead's is the team brief."""
        if not FIRST_DAY <= day <= LAST_DAY:
            raise UserError(f"A brief's date must be between {FIRST_DAY} and {LAST_DAY}.")
        caller = resolve_caller(self._bank, rm_id)
        caller.require_client_access()
        self._insights.sync_notes()  # a note saved on another replica closes its gap here too
        if caller.role == "team_lead":
            return self._team_brief(caller, day, language, channel)
        views = self._open(self._views.of(self._own_book(caller.rm_id), day), day)
        lines = self._keyed(rm_lines(views, day, self._insights.policy), day)
        return self._finish(caller, day, language, channel, lines, [])

    def actions(self, rm_id: str, day: date) -> list[dict]:
        """The RM's own brief's lines that can be marked, in display order, as ids and keys
        only (nothing restored, nothing audited): what "第一条" means in chat. A team lead's
        team brief marks nothing (the lead does not act for the team's RMs)."""
        caller = resolve_caller(self._bank, rm_id)
        if self._outcomes is None or caller.role in ("admin", "team_lead"):
            return []
        views = self._open(self._views.of(self._own_book(caller.rm_id), day), day)
        lines = self._keyed(rm_lines(views, day, self._insights.policy), day)
        return [
            {"action_key": x.action_key, "client_id": x.client_id, "kind": x.key_kind}
            for x in lines
            if x.action_key
        ]

    def _own_book(self, rm_id: str) -> frozenset[str]:
        return frozenset(self._bank.client_ids_of([rm_id]))

    def _team_brief(self, caller: Caller, day: date, language: Language, channel: str) -> Brief:
        members: list[tuple[RMRecord, list[Line], int]] = []
        policy = self._insights.policy
        for rm in self._team_of(caller):
            book = self._own_book(rm.rm_id) & caller.client_ids  # never beyond the lead's reach
            views = self._open(self._views.of(book, day), day)
            lines = self._keyed(gap_lines(views, day, policy), day)
            members.append((rm, lines, _maturing_count(views, policy)))
        counts = (
            self._outcomes.counts([rm.rm_id for rm, _l, _n in members], day)
            if (self._outcomes)
            else {}
        )
        return self._finish(caller, day, language, channel, [], members, counts)

    # --- outcomes ------------------------------------------------------------------------------
    def _open(self, views: list[ClientView], day: date) -> list[ClientView]:
        """The views without what the RM marked done, or put off and still hidden on ``day``:
        a closed signal takes its actions and follow-up gap with it (they share its key)."""
        if self._outcomes is None or not views:
            return views
        svc = self._outcomes
        book = svc.book([v.client_id for v in views], day)
        if not book.latest:
            return views
        out = []
        for v in views:

            def shown(kind: str, item: Any, cid: str = v.client_id) -> bool:
                return book.is_open(svc.ref(cid, kind, item, day).key)

            insight = v.insight.model_copy(
                update={
                    "signals": [s for s in v.insight.signals if shown(s.kind, s)],
                    "actions": [
                        a for a in v.insight.actions if shown(action_kind(a.signal_kind, a.kind), a)
                    ],
                }
            )
            gaps = tuple(g for g in v.gaps if shown(g.signal_kind, g))
            out.append(replace(v, insight=insight, gaps=gaps))
        return out

    def _keyed(self, lines: list[Line], day: date) -> list[Line]:
        if self._outcomes is None:
            return lines
        svc = self._outcomes
        return [replace(x, action_key=svc.ref(x.client_id, x.key_kind, x, day).key) for x in lines]

    def _team_of(self, caller: Caller) -> list[RMRecord]:
        team = [r for r in self._insights.rms if r.team_id == caller.rm.team_id]
        return [r for r in team if r.role in RECIPIENT_ROLES and self._own_book(r.rm_id)]

    # --- masking and restoring ---------------------------------------------------------------
    def _finish(
        self,
        caller: Caller,
        day: date,
        language: Language,
        channel: str,
        lines: list[Line],
        members: Sequence[tuple[RMRecord, list[Line], int]],
        counts: dict[str, OutcomeCounts] | None = None,
    ) -> Brief:
        zh = language == "zh"
        scope = brief_scope(caller.rm_id, day)
        every = lines + [x for _rm, member_lines, _n in members for x in member_lines]
        tokens = self._tokens(caller, scope, every)
        cites = cite_numbers(every)
        layout = Layout()
        working = self.is_working_day(day)
        data_as_of = self._bank.as_of()
        stale = stale_since(data_as_of, day, self.is_working_day)
        header(layout, caller.rm.name, day, working, bool(members), zh, stale_since=stale)
        days = self._insights.policy.signals.maturity.second_contact_days_before
        if lines:
            sections(layout, lines, tokens, cites, zh, maturing_days=days)
        labels = self._reason_labels(language)
        for rm, member_lines, soon in members:
            heading = _member_heading(rm, member_lines, soon, days, zh)
            layout.add(heading + self._outcome_text((counts or {}).get(rm.rm_id), labels, zh))
            sections(layout, member_lines, tokens, cites, zh, maturing_days=days, indent="  ")
        caller = self._referral_lines(layout, caller, scope, day, zh)
        if not every and not layout.client_lines:
            layout.add(NOTHING[0 if zh else 1])
        citations(layout, cites)
        masked = "\n".join(layout.lines)
        shown, flags = self._restore(caller, scope, layout)
        items = [_item(x, shown, layout, i, cites, zh) for i, x in enumerate(every)]
        brief = Brief(
            brief_id=scope,
            rm_id=caller.rm_id,
            role="team_lead" if members else "rm",
            date=day,
            working_day=working,
            data_as_of=data_as_of,
            language=language,
            text="\n".join(shown),
            items=items[: len(lines)],
            team=_team(members, items[len(lines) :], counts or {}),
            citations=[Citation(n=n, doc_id=d, section="", score=1.0) for d, n in cites.items()],
            flags=flags,
            reasons=self._reasons(language),
        )
        self._record(caller, channel, brief, masked, every)
        return brief

    def _referral_lines(
        self, layout: Layout, caller: Caller, scope: str, day: date, zh: bool
    ) -> Caller:
        """Referrals waiting for the reader's first contact (a lead: the team's, late ones
        marked): the client and contact by name — the reader may read those names, and the
        caller returned says so for the restore."""
        desk = self._referrals() if self._referrals else None
        if desk is None:
            return caller
        waiting = desk.received(caller, open_only=True)
        if not waiting:
            return caller
        layout.add(f"转介待办（{len(waiting)}）" if zh else f"Referrals waiting ({len(waiting)})")
        names = {c.client_id: c.name for c in self._insights.directory}
        contacts = [desk.contact_name(r) if r.contact_title else "" for r in waiting]
        # One vault transaction for every name of the section, as ``_tokens`` does for clients.
        items = [(names.get(r.client_id, r.client_id), "CLIENT", r.client_id) for r in waiting]
        items += [(c, "PERSON", r.client_id) for r, c in zip(waiting, contacts, strict=True) if c]
        issued = iter(self._privacy.tokens_for(items, rm_id=caller.rm_id, conversation_id=scope))
        clients = [next(issued) for _ in waiting]
        for r, client, contact in zip(waiting, clients, contacts, strict=True):
            person = next(issued) if contact else ""
            who = client + (
                (f"的{r.contact_title}{person}" if zh else f"'s {r.contact_title} {person}")
                if contact
                else ""
            )
            late = r.due < day
            to = "" if r.to_rm == caller.rm_id else f" → {r.to_rm}"
            layout.add(
                f"- {r.referral_id} {who}{to}，{r.due.isoformat()} 前首次联系" + ("（已逾期）" if late else "")
                if zh
                else f"- {r.referral_id} {who}{to}, first contact by {r.due.isoformat()}"
                + (" (late)" if late else ""),
                about_clients=True,
            )  # fmt: skip
        return dataclasses.replace(caller, shown_clients=desk.shown_clients(caller.rm_id))

    def _reasons(self, language: Language) -> list[OutcomeReason]:
        if self._outcomes is None:
            return []
        return [
            OutcomeReason(code=code, label=r.label(language), hide_days=r.hide_days)
            for code, r in self._outcomes.policy.reasons.items()
        ]

    def _reason_labels(self, language: Language) -> dict[str, str]:
        return {r.code: r.label for r in self._reasons(language)}

    def _outcome_text(self, counts: OutcomeCounts | None, labels: dict[str, str], zh: bool) -> str:
        """「；近 7 天：完成 2，暂不 1（客户暂时联系不上 1）」 — what the RM did with the
        suggestions, for the lead (counts and reason codes only, no client)."""
        if self._outcomes is None or counts is None:
            return ""
        days = self._outcomes.policy.team_window_days
        put_off = sum(counts.not_now.values())
        why = ("、" if zh else ", ").join(
            f"{labels.get(code, code)} {n}" for code, n in counts.not_now.items()
        )
        if zh:
            tail = f"（{why}）" if why else ""
            return f"；近 {days} 天：完成 {counts.done}，暂不 {put_off}{tail}"
        tail = f" ({why})" if why else ""
        return f"; last {days} days: {counts.done} done, {put_off} not now{tail}"

    def _restore(self, caller: Caller, scope: str, layout: Layout) -> tuple[list[str], list[str]]:
        """The client lines restored for ``caller`` in one pass, as an answer's text is."""
        shown = list(layout.lines)
        if not layout.client_lines:
            return shown, []
        restored = self._privacy.restore(
            "\n".join(layout.lines[i] for i in layout.client_lines),
            rm_id=caller.rm_id,
            conversation_id=scope,
            entitled_client_ids=caller.client_ids | caller.shown_clients,
        )
        parts = restored.text.split("\n")
        if len(parts) != len(layout.client_lines):  # restoring keeps lines; guard the mapping
            raise RuntimeError("restored brief lost its line structure")
        for i, text in zip(layout.client_lines, parts, strict=True):
            shown[i] = text
        return shown, list(dict.fromkeys(restored.flags))

    def _tokens(self, caller: Caller, scope: str, lines: Sequence[Line]) -> dict[str, str]:
        """One client token per client named, issued in one vault transaction."""
        ids = list(dict.fromkeys(x.client_id for x in lines))
        if not ids:
            return {}
        names = {c.client_id: c.name for c in self._insights.directory if c.client_id in set(ids)}
        issued = self._privacy.tokens_for(
            [(names[cid], "CLIENT", cid) for cid in ids], rm_id=caller.rm_id, conversation_id=scope
        )
        return dict(zip(ids, issued, strict=True))

    def _record(
        self, caller: Caller, channel: str, brief: Brief, masked: str, lines: Sequence[Line]
    ) -> None:
        """The audit trail keeps the masked text, as it does for answers."""
        if self._audit is None:
            return
        self._audit.append(
            kind="brief",
            channel=channel,
            rm_id=caller.rm_id,
            payload={
                "brief_id": brief.brief_id,
                "date": brief.date.isoformat(),
                "text": masked,
                "client_ids": sorted({x.client_id for x in lines}),
                "doc_ids": [c.doc_id for c in brief.citations],
                "flags": brief.flags,
            },
        )


def _item(line: Line, shown: list[str], layout: Layout, i: int, cites: dict, zh: bool) -> BriefItem:
    draft_at = layout.draft_line[i]
    label = DRAFT_LABEL[0 if zh else 1]
    draft = shown[draft_at].strip().removeprefix(label) if draft_at is not None else None
    return BriefItem(
        section=line.section,
        client_id=line.client_id,
        text=shown[layout.item_line[i]].strip().removeprefix("- "),
        signal_kind=line.signal_kind,
        action_kind=line.action_kind,
        due_date=line.due_date,
        days_overdue=line.days_overdue,
        playbook=line.playbook,
        citation=cites[line.playbook],
        draft_request=draft,
        action_key=line.action_key,
    )


def _maturing_count(views: Sequence[ClientView], policy: Policies) -> int:
    return len(maturing(views, policy))


def _member_heading(rm: RMRecord, lines: Sequence[Line], soon: int, days: int, zh: bool) -> str:
    today = sum(x.section == "due_today" for x in lines)
    late = sum(x.section == "overdue" for x in lines)
    if zh:
        return f"{rm.name}（{rm.rm_id}）：今日到期 {today}，逾期 {late}，{days} 天内到期 {soon}"
    return f"{rm.name} ({rm.rm_id}): {today} due today, {late} overdue, {soon} maturing within {days} days"


def _team(
    members: Sequence[tuple[RMRecord, list[Line], int]],
    items: list[BriefItem],
    counts: dict[str, OutcomeCounts],
) -> list[TeamMember]:
    out, at = [], 0
    for rm, lines, soon in members:
        mine = items[at : at + len(lines)]
        at += len(lines)
        out.append(
            TeamMember(
                rm_id=rm.rm_id,
                name=rm.name,
                due_today=sum(x.section == "due_today" for x in mine),
                overdue=sum(x.section == "overdue" for x in mine),
                maturing=soon,
                items=mine,
                done=counts[rm.rm_id].done if rm.rm_id in counts else 0,
                not_now=dict(counts[rm.rm_id].not_now) if rm.rm_id in counts else {},
            )
        )
    return out
