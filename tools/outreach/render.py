"""Filling template slots: each single slot is a list of alternatives and the first whose
placeholders all have values wins, so a missing fact drops a phrase instead of leaving a gap."""

from __future__ import annotations

import re
from string import Formatter

from tools.intelligence.fmt import money_en, money_zh
from tools.outreach.models import OutreachRequest

_FORMATTER = Formatter()


def fields_of(text: str) -> set[str]:
    return {name for _, name, _, _ in _FORMATTER.parse(text) if name}


def renders(text: str, slots: dict[str, str]) -> bool:
    return all(slots.get(name) for name in fields_of(text))


def first(alternatives: list[str] | str, slots: dict[str, str]) -> str:
    """The first alternative whose placeholders all have values ("" when none does)."""
    options = [alternatives] if isinstance(alternatives, str) else alternatives
    for text in options:
        if renders(text, slots):
            return text.format(**slots)
    return ""


def each(items: list[str], slots: dict[str, str]) -> list[str]:
    """Every item whose placeholders all have values, filled in."""
    return [text.format(**slots) for text in items if renders(text, slots)]


def slots_for(request: OutreachRequest) -> dict[str, str]:
    """Placeholder values. Only tokens name the client or contact; an RM's name is not client
    PII. Facts come last so they cannot replace the addressee."""
    zh = request.language == "zh"
    product = request.product
    slots = {
        "addressee": request.contact_token or request.client_token,
        "client": request.client_token,
        "you": ("贵司" if request.client_type == "corporate" else "您") if zh else "you",
        "tier": request.tier or "",
        "product": ""
        if product is None
        else (product.name if zh else product.name_en or product.name),
        "risk": "" if product is None else product.risk_level,
        # the amount it starts from ("20 万起"), when the catalogue gives one
        "minimum": ""
        if product is None or not product.min_amount
        else (money_zh(product.min_amount) if zh else money_en(product.min_amount)),
    }
    facts = {k: v.strip() for k, v in request.facts.items() if k not in slots}
    facts["rm"] = facts.pop("rm_name", "")
    return {**slots, **facts}


# Words English writes with a capital: days and months, typed lower-case in a hurry.
_PROPER = re.compile(
    r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|"
    r"june|july|august|september|october|november|december)\b"
)


def as_sentence(point: str, language: str) -> str:
    """An RM point as one sentence of its own, so a violation removes only that point. In
    English it starts with a capital, and days and months are capitalised ("we can meet next
    tuesday" is written "We can meet next Tuesday.")."""
    point = " ".join(point.split())
    if point and language != "zh":
        point = _PROPER.sub(lambda m: m.group(0).capitalize(), point)
        if not re.match(r"[a-z]+[A-Z]", point):  # "iPhone", "eCNY" keep their own case
            point = point[0].upper() + point[1:]
    if point and point[-1] not in "。！？!?.；;":
        point += "。" if language == "zh" else "."
    return point


def join(sentences: list[str], language: str) -> str:
    return ("" if language == "zh" else " ").join(s for s in sentences if s)
