"""Block Kit for the morning brief: a ``Brief`` in, a DM's blocks or the App Home view out.
No Slack calls, no core calls.

Every line is the core's restored text (display forms only); the renderer adds structure.
Each next best action carries a "draft it" button whose value is the brief's own draft
request, so a click asks the core exactly what the RM would have typed. Every line the RM can
act on carries "完成 / Done" and a "暂不 / Not now" reason picker (the bank's reasons, from
the brief) whose values are the line's action key.
"""

from __future__ import annotations

import json
from typing import Any

from assistant.brief.model import SECTIONS, Brief, BriefItem
from integrations.slack.blocks import Block, context, escape, section

DRAFT_ACTION = "brief_draft"
DONE_ACTION = "brief_outcome_done"
NOT_NOW_ACTION = "brief_outcome_not_now"
_OPTION_VALUE_LIMIT = 150  # a select option's value cap
_MESSAGE_BLOCKS = 50  # Slack's caps: a message, a Home tab view
_HOME_BLOCKS = 100
_VALUE_LIMIT = 2000  # a button value's cap

_LABELS = {
    "zh": {
        "due_today": "今日待跟进信号",
        "overdue": "逾期未跟进",
        "maturing": "即将到期",
        "actions": "建议行动",
        "draft": "起草",
        "done": "完成",
        "not_now": "暂不",
        "sources": "依据",
        "nothing": "今日暂无待办。",
        "more": "还有 {n} 条未显示，完整晨报见网页助手或 `frontline brief show`。",
        "fallback": "今日晨报",
        "member": "今日到期 {d}，逾期 {o}，即将到期 {m}；完成 {done}，暂不 {later}",
        "count": "（{n}）",
        "of": "{name}（{rm}）",
    },
    "en": {
        "due_today": "Signals due today",
        "overdue": "Overdue follow-ups",
        "maturing": "Maturing soon",
        "actions": "Next best actions",
        "draft": "Draft it",
        "done": "Done",
        "not_now": "Not now",
        "sources": "Sources",
        "nothing": "Nothing due today.",
        "more": "{n} more lines not shown; the full brief is in the web assistant.",
        "fallback": "Your morning brief",
        "member": "{d} due today, {o} overdue, {m} maturing; {done} done, {later} not now",
        "count": " ({n})",
        "of": "{name} ({rm})",
    },
}


def labels(brief: Brief) -> dict[str, str]:
    return _LABELS[brief.language]


def fallback_text(brief: Brief) -> str:
    """Notification text: no client names, because notifications show on lock screens."""
    return f"{labels(brief)['fallback']} · {brief.date.isoformat()}"


def draft_value(item: BriefItem) -> str:
    return json.dumps({"d": item.draft_request or ""}, ensure_ascii=False)[:_VALUE_LIMIT]


def draft_request_of(value: str) -> str | None:
    """The draft request a "draft it" button carries, or None when the value is not ours."""
    try:
        text = json.loads(value)["d"]
    except (ValueError, KeyError, TypeError):
        return None
    return text.strip() if isinstance(text, str) and text.strip() else None


def item_block(item: BriefItem, words: dict[str, str]) -> Block:
    block = section(f"• {escape(item.text)}")
    if item.draft_request:
        block["accessory"] = {
            "type": "button",
            "action_id": DRAFT_ACTION,
            "text": {"type": "plain_text", "text": words["draft"]},
            "value": draft_value(item),
            "accessibility_label": f"{words['draft']}: {item.draft_request}"[:75],
        }
    return block


def outcome_of(action_id: str, action: dict) -> tuple[str, str, str | None] | None:
    """(outcome, action key, reason code) a Done click or a Not-now pick carries; None when
    the payload is not ours."""
    if action_id == DONE_ACTION:
        key = action.get("value")
        return ("done", key, None) if isinstance(key, str) and key else None
    if action_id == NOT_NOW_ACTION:
        value = (action.get("selected_option") or {}).get("value")
        if not isinstance(value, str) or "|" not in value:
            return None
        code, key = value.split("|", 1)
        return ("not_now", key, code) if code and key else None
    return None


def outcome_block(item: BriefItem, brief: Brief, words: dict[str, str]) -> Block | None:
    """Done and the Not-now reason picker for one line the RM can act on."""
    if not item.action_key:
        return None
    elements: list[Block] = [
        {
            "type": "button",
            "action_id": DONE_ACTION,
            "text": {"type": "plain_text", "text": words["done"]},
            "value": item.action_key,
            "style": "primary",
        }
    ]
    options = [
        {
            "text": {"type": "plain_text", "text": r.label[:75]},
            "value": f"{r.code}|{item.action_key}",
        }
        for r in brief.reasons
        if len(f"{r.code}|{item.action_key}") <= _OPTION_VALUE_LIMIT
    ]
    if options:
        elements.append(
            {
                "type": "static_select",
                "action_id": NOT_NOW_ACTION,
                "placeholder": {"type": "plain_text", "text": words["not_now"]},
                "options": options[:100],
            }
        )
    return {"type": "actions", "elements": elements}


def _sections(
    items: list[BriefItem], words: dict[str, str], heading: str = "", brief: Brief | None = None
) -> list[Block]:
    out: list[Block] = []
    for name in SECTIONS:
        chosen = [i for i in items if i.section == name]
        if chosen:
            count = words["count"].format(n=len(chosen))
            out.append(section(f"{heading}*{escape(words[name])}*{count}"))
            for i in chosen:
                out.append(item_block(i, words))
                marks = outcome_block(i, brief, words) if brief is not None else None
                if marks is not None:
                    out.append(marks)
    return out


def brief_blocks(brief: Brief, limit: int = _MESSAGE_BLOCKS) -> list[Block]:
    """The brief as blocks: title, sections (or the team's members), sources; capped."""
    words = labels(brief)
    title = brief.text.split("\n", 1)[0]
    blocks: list[Block] = [{"type": "header", "text": {"type": "plain_text", "text": title[:150]}}]
    # The RM's own lines carry Done / Not now; a lead's view of the team marks nothing.
    blocks += _sections(brief.items, words, brief=brief if brief.role == "rm" else None)
    for member in brief.team:
        counts = words["member"].format(
            d=member.due_today,
            o=member.overdue,
            m=member.maturing,
            done=member.done,
            later=sum(member.not_now.values()),
        )
        who = words["of"].format(name=member.name, rm=member.rm_id)
        blocks.append(section(f"*{escape(who)}*: {counts}"))
        blocks += _sections(member.items, words, heading="  ")
    if not brief.items and not any(m.items for m in brief.team):
        blocks.append(section(escape(words["nothing"])))
    sources = [f"[{c.n}] {escape(c.doc_id)}" for c in brief.citations[:9]]
    tail = [context(f"*{words['sources']}*", *sources)] if sources else []
    room = limit - len(tail)
    if len(blocks) > room:
        hidden = len(blocks) - (room - 1)
        blocks = blocks[: room - 1] + [context(words["more"].format(n=hidden))]
    return blocks + tail


def home_view(brief: Brief) -> dict[str, Any]:
    """The App Home tab (``views.publish``) showing the brief."""
    return {"type": "home", "blocks": brief_blocks(brief, limit=_HOME_BLOCKS)}


def home_notice(text: str) -> dict[str, Any]:
    """The App Home tab with one line and no client data (an unlinked user, an error)."""
    return {"type": "home", "blocks": [section(escape(text))]}
