"""Block Kit rendering: an ``Answer`` in, Slack blocks out. No Slack calls, no core calls.

Slack limits a section's text to 3,000 characters and a message to 50 blocks; the renderer
splits long text and caps the number of blocks so a long answer never makes ``chat.update``
fail with ``invalid_blocks``.
"""

from __future__ import annotations

import json
import re
from typing import Any

from assistant.core.types import ActionItem, Answer, Citation, ClientCard
from assistant.freshness import data_as_of_label

FEEDBACK_UP = "feedback_up"
FEEDBACK_DOWN = "feedback_down"
FEEDBACK_BLOCK_ID = "frontline_feedback"

_SECTION_LIMIT = 2900
_MAX_BLOCKS = 50

Block = dict[str, Any]

_LABELS = {
    "zh": {
        "clients": "客户概况",
        "actions": "建议行动",
        "sources": "依据",
        "refused": ":no_entry: 无法提供此信息",
        "useful": "这个回答有帮助吗？",
        "up": "有帮助",
        "down": "没帮助",
        "stale": "（待复核）",
        "due": "截止",
    },
    "en": {
        "clients": "Clients",
        "actions": "Suggested actions",
        "sources": "Sources",
        "refused": ":no_entry: I can't help with that",
        "useful": "Was this useful?",
        "up": "Helpful",
        "down": "Not helpful",
        "stale": " (under review)",
        "due": "due",
    },
}


# --- Markdown -> mrkdwn ------------------------------------------------------------------

_BOLD = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")
_LINK = re.compile(r"\[([^\]]+)\]\((https?://[^)\s]+)\)")
_HEADING = re.compile(r"^#{1,6}\s+(.+)$", re.MULTILINE)
_BULLET = re.compile(r"^(\s*)[-*+]\s+", re.MULTILINE)


def escape(text: str) -> str:
    """Escape the three characters Slack treats as control characters in mrkdwn."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def to_mrkdwn(markdown: str) -> str:
    """Convert the simple Markdown the engines emit (bold, headings, bullets, links) to mrkdwn."""
    text = escape(markdown)
    text = _LINK.sub(lambda m: f"<{m.group(2)}|{m.group(1)}>", text)
    text = _HEADING.sub(lambda m: f"*{m.group(1).strip()}*", text)
    text = _BULLET.sub(lambda m: f"{m.group(1)}• ", text)
    return _BOLD.sub(lambda m: f"*{m.group(1) or m.group(2)}*", text)


def _chunks(text: str, limit: int = _SECTION_LIMIT) -> list[str]:
    """Split on paragraph, then line boundaries, so no chunk exceeds Slack's section limit."""
    chunks: list[str] = []
    current = ""
    for line in text.splitlines(keepends=True):
        while len(line) > limit:
            chunks.extend([current] if current else [])
            current = ""
            chunks.append(line[:limit])
            line = line[limit:]
        if len(current) + len(line) > limit:
            chunks.append(current)
            current = ""
        current += line
    if current.strip():
        chunks.append(current)
    return [c.strip("\n") for c in chunks if c.strip()]


# --- blocks ------------------------------------------------------------------------------


def section(text: str) -> Block:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def context(*texts: str) -> Block:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": t} for t in texts]}


def text_blocks(markdown: str) -> list[Block]:
    return [section(chunk) for chunk in _chunks(to_mrkdwn(markdown))]


def card_block(card: ClientCard) -> Block:
    head = f"*{escape(card.name)}* `{escape(card.client_id)}`"
    if card.tier:
        head += f" · {escape(card.tier)}"
    facts = "\n".join(f"• {escape(f)}" for f in card.facts)
    return section(f"{head}\n{facts}" if facts else head)


def action_line(item: ActionItem, labels: dict[str, str]) -> str:
    line = f"• *{escape(item.title)}* — {escape(item.reason)}"
    if item.due:
        line += f" ({labels['due']} {escape(item.due)})"
    return line


def citation_line(citation: Citation, labels: dict[str, str]) -> str:
    title = citation.title or citation.doc_id
    line = f"[{citation.n}] {escape(title)} › {escape(citation.section)}"
    return line + (labels["stale"] if citation.stale else "")


def feedback_value(conversation_id: str, turn_id: str) -> str:
    return json.dumps({"c": conversation_id, "t": turn_id}, separators=(",", ":"))


def parse_feedback_value(value: str) -> tuple[str, str] | None:
    """``(conversation_id, turn_id)`` from a button value, or None when it is not ours."""
    try:
        data = json.loads(value)
        return str(data["c"]), str(data["t"])
    except (ValueError, KeyError, TypeError):
        return None


def feedback_block(answer: Answer, labels: dict[str, str]) -> Block:
    value = feedback_value(answer.conversation_id, answer.turn_id)
    buttons = [
        (FEEDBACK_UP, f":thumbsup: {labels['up']}"),
        (FEEDBACK_DOWN, f":thumbsdown: {labels['down']}"),
    ]
    return {
        "type": "actions",
        "block_id": FEEDBACK_BLOCK_ID,
        "elements": [
            {
                "type": "button",
                "action_id": action_id,
                "text": {"type": "plain_text", "text": text, "emoji": True},
                "value": value,
            }
            for action_id, text in buttons
        ],
    }


def render_answer(answer: Answer) -> list[Block]:
    """The full answer: text, client cards, actions, citations, feedback buttons."""
    labels = _LABELS.get(answer.language, _LABELS["en"])
    if answer.refused:
        return render_refused(answer)
    blocks = text_blocks(answer.text)
    if answer.cards:
        blocks += [{"type": "divider"}, context(f"*{labels['clients']}*")]
        blocks += [card_block(card) for card in answer.cards]
    if answer.actions:
        lines = "\n".join(action_line(a, labels) for a in answer.actions)
        blocks.append(section(f"*{labels['actions']}*\n{lines}"))
    if answer.citations:
        sources = [citation_line(c, labels) for c in answer.citations[:9]]  # context: <= 10 items
        blocks.append(context(f"*{labels['sources']}*", *sources))
    if as_of := data_as_of_label(answer.data_as_of, answer.language):
        blocks.append(context(as_of))
    blocks = blocks[: _MAX_BLOCKS - 2]
    blocks += [context(labels["useful"]), feedback_block(answer, labels)]
    return blocks


def render_refused(answer: Answer) -> list[Block]:
    labels = _LABELS.get(answer.language, _LABELS["en"])
    blocks = [context(labels["refused"]), *text_blocks(answer.text)]
    return blocks[:_MAX_BLOCKS]


def render_notice(text: str) -> list[Block]:
    """A one-line message (placeholder, privacy note, refusal, error) with no client data."""
    return [section(escape(text))]
