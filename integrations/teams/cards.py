"""Adaptive Card rendering (schema 1.5, what Teams desktop and mobile render): an ``Answer`` in,
a card dict out. No SDK calls, no core calls."""

from __future__ import annotations

import base64
import re
from typing import Any, Literal

from assistant.core.types import ActionItem, Answer, Chart, Citation, ClientCard
from assistant.freshness import data_as_of_label

SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json"
FEEDBACK_ACTION = "feedback"

Element = dict[str, Any]

_LABELS = {
    "zh": {
        "clients": "客户概况",
        "actions": "建议行动",
        "sources": "依据",
        "refused": "⛔ 无法提供此信息",
        "id": "客户号",
        "tier": "分层",
        "due": "截止",
        "up": "👍 有帮助",
        "down": "👎 没帮助",
        "stale": "（待复核）",
    },
    "en": {
        "clients": "Clients",
        "actions": "Suggested actions",
        "sources": "Sources",
        "refused": "⛔ I can't help with that",
        "id": "Client id",
        "tier": "Tier",
        "due": "due",
        "up": "👍 Helpful",
        "down": "👎 Not helpful",
        "stale": " (under review)",
    },
}


_MD_IMAGE = re.compile(r"!\[([^\]\n]*)\]\([^)\n]*\)")
_MD_LINK = re.compile(r"\[([^\]\n]*)\]\([^)\n]*\)")
_BARE_URL = re.compile(r"(?i)\b(?:https?|mailto):[^\s`<>()\[\]]+")


def teams_text(text: str) -> str:
    """Answer text as Teams shows it: no images and no links. The core already removed links to
    hosts outside the allow-list; Teams renders the rest as plain text (a link label stays, a
    bare URL becomes code, which Teams does not turn into a link)."""
    text = _MD_IMAGE.sub(lambda m: m.group(1), text)
    text = _MD_LINK.sub(lambda m: m.group(1), text)
    return _BARE_URL.sub(lambda m: f"`{m.group(0)}`", text)


def text_block(text: str, **style: Any) -> Element:
    return {"type": "TextBlock", "text": text, "wrap": True, **style}


def client_container(card: ClientCard, labels: dict[str, str]) -> Element:
    facts = [{"title": labels["id"], "value": card.client_id}]
    if card.tier:
        facts.append({"title": labels["tier"], "value": card.tier})
    items: list[Element] = [
        text_block(card.name, weight="Bolder"),
        {"type": "FactSet", "facts": facts},
    ]
    items += [text_block(f"- {fact}", spacing="None") for fact in card.facts]
    return {"type": "Container", "style": "emphasis", "items": items}


def action_block(item: ActionItem, labels: dict[str, str]) -> Element:
    text = f"**{item.title}** — {item.reason}"
    if item.due:
        text += f" ({labels['due']} {item.due})"
    return text_block(text, spacing="Small")


def citation_block(citation: Citation, labels: dict[str, str]) -> Element:
    title = citation.title or citation.doc_id
    text = f"[{citation.n}] {title} › {citation.section}"
    if citation.stale:
        text += labels["stale"]
    return text_block(text, size="Small", isSubtle=True, spacing="None")


def feedback_actions(answer: Answer, labels: dict[str, str]) -> list[Element]:
    def submit(rating: str) -> Element:
        data = {
            "action": FEEDBACK_ACTION,
            "rating": rating,
            "conversation_id": answer.conversation_id,
            "turn_id": answer.turn_id,
        }
        return {"type": "Action.Submit", "title": labels[rating], "data": data}

    return [submit("up"), submit("down")]


# A bot message's card must stay under Teams' ~28 KB: a chart whose PNG would not fit is said
# by its text alternative alone (the text answer carries the figures either way).
CHART_BYTES = 20_000


def chart_block(chart: Chart) -> Element:
    """A chart as a card image (a PNG in a data URI, its text alternative as ``altText``); in
    personal chats only, as every answer here."""
    from assistant.charts import png

    data = png(chart, dpi=80)
    if len(data) > CHART_BYTES:
        return text_block(f"{chart.title}: {chart.alt}", wrap=True, separator=True)
    return {
        "type": "Container",
        "separator": True,
        "items": [
            text_block(chart.title, weight="Bolder", size="Small"),
            {
                "type": "Image",
                "url": "data:image/png;base64," + base64.b64encode(data).decode("ascii"),
                "altText": chart.alt,
                "size": "Stretch",
            },
        ],
    }


def answer_card(answer: Answer, *, include_text: bool = True) -> Element:
    """The whole answer as one card. ``include_text=False`` when the text travels as the
    message text (a streamed reply) and the card only carries the structured parts."""
    labels = _LABELS.get(answer.language, _LABELS["en"])
    body: list[Element] = []
    if answer.refused:
        body.append(text_block(labels["refused"], color="Attention", weight="Bolder"))
    if include_text:
        body.append(text_block(teams_text(answer.text)))
    if answer.cards:
        body.append(text_block(labels["clients"], weight="Bolder", separator=True))
        body += [client_container(c, labels) for c in answer.cards]
    if answer.actions:
        body.append(text_block(labels["actions"], weight="Bolder", separator=True))
        body += [action_block(a, labels) for a in answer.actions]
    body += [chart_block(c) for c in answer.charts]
    if answer.citations:
        body.append(text_block(labels["sources"], size="Small", weight="Bolder", separator=True))
        body += [citation_block(c, labels) for c in answer.citations]
    if as_of := data_as_of_label(answer.data_as_of, answer.language):
        body.append(text_block(as_of, size="Small", isSubtle=True))
    card: Element = {"type": "AdaptiveCard", "$schema": SCHEMA, "version": "1.5", "body": body}
    if not answer.refused:
        card["actions"] = feedback_actions(answer, labels)
    return card


def feedback_from_submit(value: Any) -> tuple[str, str, Literal["up", "down"]] | None:
    """``(conversation_id, turn_id, rating)`` from an ``Action.Submit`` value, else None."""
    if not isinstance(value, dict) or value.get("action") != FEEDBACK_ACTION:
        return None
    conversation_id, turn_id = value.get("conversation_id"), value.get("turn_id")
    if not isinstance(conversation_id, str) or not isinstance(turn_id, str):
        return None
    if value.get("rating") == "up":
        return conversation_id, turn_id, "up"
    if value.get("rating") == "down":
        return conversation_id, turn_id, "down"
    return None
