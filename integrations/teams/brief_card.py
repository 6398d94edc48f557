"""Adaptive Card for the morning brief (schema 1.5): a ``Brief`` in, a card dict out. No SDK
calls, no core calls.

Each next best action carries a "draft it" ``Action.Submit``; Teams posts its data back as a
message in the personal chat, and the handler runs the draft request through the core as if
the RM had typed it.
"""

from __future__ import annotations

from typing import Any

from assistant.brief.model import SECTIONS, Brief, BriefItem
from integrations.teams.cards import SCHEMA, Element, text_block

DRAFT_ACTION = "brief_draft"

_LABELS = {
    "zh": {
        "due_today": "今日待跟进信号",
        "overdue": "逾期未跟进",
        "maturing": "即将到期",
        "actions": "建议行动",
        "draft": "起草",
        "sources": "依据",
        "nothing": "今日暂无待办。",
        "summary": "今日晨报",
        "member": "{name}（{rm}）：今日到期 {d}，逾期 {o}，即将到期 {m}",
    },
    "en": {
        "due_today": "Signals due today",
        "overdue": "Overdue follow-ups",
        "maturing": "Maturing soon",
        "actions": "Next best actions",
        "draft": "Draft it",
        "sources": "Sources",
        "nothing": "Nothing due today.",
        "summary": "Your morning brief",
        "member": "{name} ({rm}): {d} due today, {o} overdue, {m} maturing",
    },
}


def summary(brief: Brief) -> str:
    """The notification line: no client names (notifications show on lock screens)."""
    return f"{_LABELS[brief.language]['summary']} · {brief.date.isoformat()}"


def draft_data(item: BriefItem) -> dict[str, Any]:
    return {"action": DRAFT_ACTION, "text": item.draft_request or ""}


def draft_request_from_submit(value: Any) -> str | None:
    """The draft request of a "draft it" submit, else None."""
    if not isinstance(value, dict) or value.get("action") != DRAFT_ACTION:
        return None
    text = value.get("text")
    return text.strip()[:2000] if isinstance(text, str) and text.strip() else None


def _item(item: BriefItem, words: dict[str, str]) -> list[Element]:
    out: list[Element] = [text_block(f"- {item.text}", spacing="Small")]
    if item.draft_request:
        submit = {"type": "Action.Submit", "title": words["draft"], "data": draft_data(item)}
        out.append({"type": "ActionSet", "spacing": "None", "actions": [submit]})
    return out


def _sections(items: list[BriefItem], words: dict[str, str]) -> list[Element]:
    body: list[Element] = []
    for name in SECTIONS:
        chosen = [i for i in items if i.section == name]
        if chosen:
            body.append(
                text_block(f"{words[name]} ({len(chosen)})", weight="Bolder", separator=True)
            )
            for item in chosen:
                body += _item(item, words)
    return body


def brief_card(brief: Brief) -> Element:
    words = _LABELS[brief.language]
    title = brief.text.split("\n", 1)[0]
    body: list[Element] = [text_block(title, size="Medium", weight="Bolder")]
    body += _sections(brief.items, words)
    for m in brief.team:
        line = words["member"].format(
            name=m.name, rm=m.rm_id, d=m.due_today, o=m.overdue, m=m.maturing
        )
        body.append(text_block(line, weight="Bolder", separator=True))
        body += _sections(m.items, words)
    if not brief.items and not any(m.items for m in brief.team):
        body.append(text_block(words["nothing"]))
    if brief.citations:
        body.append(text_block(words["sources"], size="Small", weight="Bolder", separator=True))
        body += [
            text_block(f"[{c.n}] {c.doc_id}", size="Small", isSubtle=True, spacing="None")
            for c in brief.citations
        ]
    return {"type": "AdaptiveCard", "$schema": SCHEMA, "version": "1.5", "body": body}
