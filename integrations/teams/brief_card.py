"""Adaptive Card for the morning brief (schema 1.5): a ``Brief`` in, a card dict out. No SDK
calls, no core calls.

Each next best action carries a "draft it" ``Action.Submit``; Teams posts its data back as a
message in the personal chat, and the handler runs the draft request through the core as if
the RM had typed it. Every line the RM can act on carries "完成 / Done" (an ``Action.Submit``
with the line's action key) and "暂不 / Not now" (an ``Action.ShowCard`` with the bank's
reasons as a choice set and its own submit).
"""

from __future__ import annotations

from typing import Any

from assistant.brief.model import SECTIONS, Brief, BriefItem
from integrations.teams.cards import SCHEMA, Element, text_block

DRAFT_ACTION = "brief_draft"
OUTCOME_ACTION = "brief_outcome"

_LABELS = {
    "zh": {
        "due_today": "今日待跟进信号",
        "overdue": "逾期未跟进",
        "maturing": "即将到期",
        "actions": "建议行动",
        "draft": "起草",
        "done": "完成",
        "not_now": "暂不",
        "reason": "原因",
        "confirm": "确定",
        "sources": "依据",
        "nothing": "今日暂无待办。",
        "summary": "今日晨报",
        "member": "{name}（{rm}）：今日到期 {d}，逾期 {o}，即将到期 {m}；完成 {done}，暂不 {later}",
    },
    "en": {
        "due_today": "Signals due today",
        "overdue": "Overdue follow-ups",
        "maturing": "Maturing soon",
        "actions": "Next best actions",
        "draft": "Draft it",
        "done": "Done",
        "not_now": "Not now",
        "reason": "Reason",
        "confirm": "Confirm",
        "sources": "Sources",
        "nothing": "Nothing due today.",
        "summary": "Your morning brief",
        "member": "{name} ({rm}): {d} due today, {o} overdue, {m} maturing; {done} done, {later} not now",
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


def outcome_from_submit(value: Any) -> tuple[str, str, str | None] | None:
    """(outcome, action key, reason code) of a Done / Not-now submit, else None."""
    if not isinstance(value, dict) or value.get("action") != OUTCOME_ACTION:
        return None
    key, outcome = value.get("key"), value.get("outcome")
    if not isinstance(key, str) or not key or outcome not in ("done", "not_now"):
        return None
    reason = value.get(str(value.get("input") or "")) if outcome == "not_now" else None
    return outcome, key[:256], reason if isinstance(reason, str) and reason else None


def _outcome_actions(item: BriefItem, n: int, brief: Brief, words: dict[str, str]) -> list[Element]:
    if not item.action_key:
        return []
    data = {"action": OUTCOME_ACTION, "key": item.action_key}
    actions: list[Element] = [
        {"type": "Action.Submit", "title": words["done"], "data": data | {"outcome": "done"}}
    ]
    if brief.reasons:
        field = f"reason_{n}"  # one input per line: a card submits every input it holds
        choices = [{"title": r.label, "value": r.code} for r in brief.reasons]
        form = {
            "type": "AdaptiveCard",
            "body": [
                {
                    "type": "Input.ChoiceSet",
                    "id": field,
                    "label": words["reason"],
                    "choices": choices,
                    "isRequired": True,
                }
            ],
            "actions": [
                {
                    "type": "Action.Submit",
                    "title": words["confirm"],
                    "data": data | {"outcome": "not_now", "input": field},
                }
            ],
        }
        actions.append({"type": "Action.ShowCard", "title": words["not_now"], "card": form})
    return actions


def _item(
    item: BriefItem, words: dict[str, str], n: int = 0, brief: Brief | None = None
) -> list[Element]:
    out: list[Element] = [text_block(f"- {item.text}", spacing="Small")]
    actions: list[Element] = []
    if item.draft_request:
        actions.append({"type": "Action.Submit", "title": words["draft"], "data": draft_data(item)})
    if brief is not None:
        actions += _outcome_actions(item, n, brief, words)
    if actions:
        out.append({"type": "ActionSet", "spacing": "None", "actions": actions})
    return out


def _sections(
    items: list[BriefItem], words: dict[str, str], brief: Brief | None = None
) -> list[Element]:
    body: list[Element] = []
    for name in SECTIONS:
        chosen = [i for i in items if i.section == name]
        if chosen:
            body.append(
                text_block(f"{words[name]} ({len(chosen)})", weight="Bolder", separator=True)
            )
            for item in chosen:
                body += _item(item, words, items.index(item), brief)
    return body


def brief_card(brief: Brief) -> Element:
    words = _LABELS[brief.language]
    title = brief.text.split("\n", 1)[0]
    body: list[Element] = [text_block(title, size="Medium", weight="Bolder")]
    # The RM's own lines carry Done / Not now; a lead's view of the team marks nothing.
    body += _sections(brief.items, words, brief if brief.role == "rm" else None)
    for m in brief.team:
        line = words["member"].format(
            name=m.name,
            rm=m.rm_id,
            d=m.due_today,
            o=m.overdue,
            m=m.maturing,
            done=m.done,
            later=sum(m.not_now.values()),
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
