"""The PII entity types of DESIGN §3 and what a detection carries."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Entity(StrEnum):
    """Entity types; the value is also the token prefix (``⟦CLIENT_1⟧``)."""

    CLIENT = "CLIENT"
    PERSON = "PERSON"
    PHONE = "PHONE"
    EMAIL = "EMAIL"
    ID = "ID"  # PRC resident identity card number (身份证)
    USCC = "USCC"  # unified social credit code (统一社会信用代码)
    CARD = "CARD"
    ACCOUNT = "ACCOUNT"
    ADDRESS = "ADDRESS"
    SECRET = "SECRET"  # a password, PIN or one-time code: never kept, never shown back


NAME_ENTITIES = frozenset({Entity.CLIENT, Entity.PERSON})
ALL_ENTITIES = [e.value for e in Entity]


@dataclass(frozen=True, slots=True)
class Detection:
    """One PII span found in a text; offsets index the text the caller passed in."""

    entity_type: Entity
    start: int
    end: int
    score: float
    value: str  # canonical value (what the vault stores); never logged
    client_id: str | None = None
    recognizer: str = ""

    @property
    def length(self) -> int:
        return self.end - self.start
