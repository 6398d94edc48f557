"""Partial display forms (DESIGN §3): what an RM may see of a value in an answer."""

from __future__ import annotations

from assistant.privacy.entities import Entity
from assistant.privacy.places import city_of


def display_form(entity_type: Entity, value: str) -> str:
    """``138****5678``, ``6222 **** **** 1234``, ``z***@example.com``, city only ...;
    names come back whole (entitlement is decided by the caller)."""
    match entity_type:
        case Entity.CLIENT | Entity.PERSON:
            return value
        case Entity.PHONE:
            return _keep(value, 3, 4, "****")
        case Entity.CARD | Entity.ACCOUNT:
            return f"{value[:4]} **** **** {value[-4:]}" if len(value) >= 12 else _keep(value, 2, 2)
        case Entity.ID:
            return _keep(value, 3, 4)
        case Entity.USCC:
            return _keep(value, 4, 4)
        case Entity.EMAIL:
            local, _, domain = value.partition("@")
            return f"{local[:1]}***@{domain}"
        case Entity.ADDRESS:
            return city_of(value)
        case Entity.SECRET:
            return "******"
    return "[redacted]"


def _keep(value: str, head: int, tail: int, stars: str | None = None) -> str:
    """First ``head`` and last ``tail`` characters, the rest hidden; short values keep less."""
    if len(value) < head + tail + 3:
        head, tail = 0, min(2, len(value) // 3)
    hidden = len(value) - head - tail
    return value[:head] + (stars or "*" * hidden) + value[len(value) - tail :]
