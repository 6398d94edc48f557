"""The ``prepare_meeting`` tool: everything an RM reads before meeting one client, masked."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import cache
from typing import Any

from pydantic import BaseModel, Field

from tools.content_tools import addressee
from tools.intelligence.followup import FollowUpGap, client_gaps, requirements
from tools.note_tools import note_policy
from tools.prep.changes import Change, changes
from tools.prep.policy import PrepPolicy, load_prep_policy
from tools.prep.reminders import Reminder, reminders
from tools.toolbox import Toolbox, ToolSpec


class PrepareMeetingArgs(BaseModel):
    client_id: str = Field(description="The client's id, exactly as find_clients returned it")
    contact: str | None = Field(
        default=None,
        description="The person the meeting is with, as the RM named them (their token, or a "
        "surname and title such as 黄总); shown at the top of the prep when it is a contact",
    )


@cache
def _default_policy() -> PrepPolicy:
    return load_prep_policy()


def prep_policy(tb: Toolbox) -> PrepPolicy:
    return tb.services.prep_policy or _default_policy()


def prepare_meeting(tb: Toolbox, args: PrepareMeetingArgs) -> dict:
    data = tb.client_data(args.client_id)
    insight = tb.insight(data)
    policy, as_of, zh = prep_policy(tb), tb.services.as_of, tb.language == "zh"
    # The prep reads the client through the tools an RM's questions use, each called (and
    # recorded, entitled and masked) as itself; the turn's cache reads the data once.
    cid = data.client.client_id
    profile = tb.call("get_client_profile", {"client_id": cid})
    signals = tb.call("get_client_signals", {"client_id": cid})
    notes = tb.call("get_interactions", {"client_id": cid, "limit": policy.notes})
    since, changed = changes(
        data,
        insight.signals,
        tb.services.products,
        as_of,
        policy.maturity_horizon_days,
        tb.language,
    )
    agenda = insight.actions[: policy.agenda]
    words = note_policy(tb)

    def said(channel: str | None) -> str | None:  # "visit" as the RM says it: 拜访
        return words.channel_word(channel, tb.language)

    codes = [a.product_code for a in agenda if a.product_code]
    disclosures = tb.services.templates.profile.disclosures if tb.services.templates else None
    found = reminders(
        codes, tb.services.products, data.client.risk_appetite, disclosures, tb.language
    )
    gaps = client_gaps(
        data,
        insight.signals,
        requirements(tb.services.intelligence.policy),
        as_of,
        include_pending=True,
    )
    out = {
        "client_id": cid,
        "name": profile["name"],
        "client_type": profile["client_type"],
        "tier_label": profile["tier_label"],
        # why the client is in its tier, with the figure ("日均存款 5.2 亿 ≥ 1 亿"): the number an
        # RM walks in knowing
        "tier_basis": profile["tier_explanation"],
        "risk_appetite": profile["risk_appetite"],
        "as_of": as_of.isoformat(),
        "last_contact": _last_contact(since.last_contact, since.channel, as_of, said),
        "holdings": _holdings(profile["holdings"], tb.services.products, zh),
        "changes": [_change(c) for c in changed],
        "notes": _notes(notes["interactions"], policy, said),
        "open_steps": _open_steps(signals["signals"], gaps, zh),
        "agenda": [_agenda_item(a, policy, tb.language) for a in agenda],
        "compliance": [_reminder(r) for r in found],
    }
    # "下周二去见黄总": the contact the RM is meeting, by name and title, at the top.
    met = addressee(tb, data.contacts, args.contact)
    if met is not None:
        out["meeting_with"] = {
            "name": tb.token(met.name, "PERSON", cid),
            "title": met.title,
        }
    document = _document(tb, data.client.client_id, policy)
    if document:
        out["document"] = document
    return out


def _last_contact(
    on: date | None, channel: str | None, as_of: date, said: Callable[[str | None], str | None]
) -> dict | None:
    if on is None:
        return None
    return {
        "date": on.isoformat(),
        "channel": channel,
        "channel_said": said(channel),
        "days_ago": (as_of - on).days,
    }


def _change(c: Change) -> dict:
    return {
        "kind": c.kind,
        "text": c.text,
        "product_code": c.product_code,
        "date": c.on.isoformat() if c.on else None,
    }


def _notes(
    interactions: list[dict], policy: PrepPolicy, said: Callable[[str | None], str | None]
) -> list[dict]:
    """The latest notes (``get_interactions``: masked, instructions taken out), each cut to the
    policy's lines: enough to recall the conversation."""
    return [
        {
            "date": i["date"],
            "channel": i["channel"],
            "channel_said": said(i["channel"]),
            "lines": two_lines(i["summary"], policy.note_lines, policy.note_line_chars),
        }
        for i in interactions
    ]


def two_lines(text: str, lines: int, width: int) -> list[str]:
    """``text`` in at most ``lines`` lines of ``width`` characters, the last one ending in an
    ellipsis when the note goes on. A token (``⟦CLIENT_1⟧``) is never split, so it restores
    whole."""
    out: list[list[str]] = [[]]
    for piece in _pieces(" ".join(text.split())):
        if out[-1] and sum(map(len, out[-1])) + len(piece) > width:
            if len(out) == lines:  # no room left: make room for the ellipsis and stop
                while out[-1] and sum(map(len, out[-1])) + 1 > width:
                    out[-1].pop()
                return ["".join(x).rstrip() for x in out[:-1]] + [
                    "".join(out[-1]).rstrip().rstrip("，。,. ") + "…"
                ]
            out.append([])
        out[-1].append(piece)
    return ["".join(x).rstrip() for x in out if "".join(x).strip()]


def _pieces(text: str) -> list[str]:
    """Characters, with each token and each ASCII word kept as one piece."""
    import re

    return re.findall(r"⟦[A-Z_]+_\d+⟧|[A-Za-z0-9.,%'’\-/]+\s*|.", text)


def _open_steps(signals: list[dict], gaps: list[FollowUpGap], zh: bool) -> list[dict]:
    """Follow-ups the playbooks require and the client's open signals (``get_client_signals``:
    those the RM marked done or put off are left out), most urgent first."""
    titles = {s["kind"]: s["title"] for s in signals}
    steps = [
        {
            "kind": "follow_up",
            "signal_kind": g.signal_kind,
            "text": _gap_text(titles.get(g.signal_kind, g.signal_kind), g, zh),
            "due_date": g.due_date.isoformat(),
            "days_overdue": g.days_overdue,
            "playbook": g.playbook,
        }
        for g in gaps
    ]
    followed = {g.signal_kind for g in gaps}
    steps += [
        {
            "kind": "signal",
            "signal_kind": s["kind"],
            "text": f"{s['title']}：{s['detail']}" if zh else f"{s['title']}: {s['detail']}",
            "due_date": s["due_date"],
            "playbook": s["playbook"],
        }
        for s in signals
        if s["kind"] not in followed
    ]
    return steps


def _gap_text(title: str, g: FollowUpGap, zh: bool) -> str:
    late = g.days_overdue
    if zh:
        state = (
            f"已逾期 {late} 天" if late > 0 else ("今日到期" if late == 0 else f"还剩 {-late} 天")
        )
        return f"「{title}」须跟进：截止 {g.due_date.isoformat()}（{state}）"
    state = (
        f"{late} days overdue" if late > 0 else ("due today" if late == 0 else f"{-late} days left")
    )
    return f"Follow-up on “{title}” due {g.due_date.isoformat()} ({state})"


def _agenda_item(action: Any, policy: PrepPolicy, language: str) -> dict:
    zh = language == "zh"
    return {
        "kind": action.kind,
        "title": action.title_zh if zh else action.title_en,
        "reason": action.reason_zh if zh else action.reason_en,
        "product_code": action.product_code,
        "signal_kind": action.signal_kind,
        "due_date": action.due_date.isoformat() if action.due_date else None,
        "playbook": action.playbook,
        "questions": list(policy.questions_for(action.kind, action.signal_kind, language=language)),
    }


def _holdings(held: list[dict], products: dict, zh: bool) -> list[dict]:
    """What the client holds, named as the RM names it, with amount and maturity: what the
    meeting will be about as often as any signal ("到期的年金", "her steady 90-day")."""
    out = []
    for h in held:
        product = products.get(h["product_code"])
        name = (product.name if zh else product.name_en or product.name) if product else None
        out.append(
            {
                "product_code": h["product_code"],
                "product": name or h["product"],
                "balance": h["balance"],
                "maturity_date": h["maturity_date"],
            }
        )
    return out


def _reminder(r: Reminder) -> dict:
    return {
        "product_code": r.product_code,
        "product": r.product,
        "risk_level": r.risk_level,
        "suitable": r.suitable,
        "reminders": [{"rule": c, "explanation": e, "action": s} for c, e, s in r.findings],
    }


def _document(tb: Toolbox, client_id: str, policy: PrepPolicy) -> dict | None:
    """The prep as a Word document the RM can download: an id only this RM can open."""
    links = tb.services.prep_links
    if links is None:
        return None
    link = links.issue(tb.caller.rm_id, client_id, tb.language, policy.link_ttl_days)
    tb.attach(link)
    return {"url": link.url, "expires_at": link.expires_at}


SPEC = ToolSpec(
    "prepare_meeting",
    PrepareMeetingArgs,
    "Prepare the RM for a meeting with one client: what changed since the last contact (balances, "
    "holdings, maturities, signals), the latest notes in two lines each, open follow-ups and "
    "signals, a suggested agenda with questions to ask and the playbook behind each item, and "
    "the conduct reminders (suitability, risk disclosure) for every product on the agenda. "
    "Returns a download link for the prep as a Word document.",
    prepare_meeting,
)
