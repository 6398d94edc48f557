"""Action keys: which suggested action an outcome is about, stable from one view to the next.

A key names the client, the signal kind (or the action kind of a profile action), the product
when the signal is about one, and the occurrence's date or period under the outcome policy —
so the brief's maturity line, ``recommend_next_actions``' renewal and ``list_book``'s maturity
signal of the same holding share one key, and a later occurrence of the signal is a new action.

The key is URL-safe (``POST /v1/actions/{key}/outcome``) and carries no personal data: client
ids are the bank's pseudonymous keys (DESIGN §3).
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from assistant.errors import UserError
from tools.outcomes.policy import OutcomePolicy

PREFIX = "a1."  # the key format's version
_SEP = "\x1f"  # a unit separator: never part of an id, a kind or a period
MAX_KEY = 256


@dataclass(frozen=True)
class ActionRef:
    client_id: str
    kind: str
    period: str
    product_code: str | None = None

    @property
    def key(self) -> str:
        raw = _SEP.join((self.client_id, self.kind, self.product_code or "", self.period))
        return PREFIX + base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def parse_key(key: str) -> ActionRef:
    """The action a key names; ``UserError`` for anything that is not a key."""
    if not key.startswith(PREFIX) or len(key) > MAX_KEY:
        raise UserError("not an action key")
    body = key[len(PREFIX) :]
    try:
        raw = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise UserError("not an action key") from None
    parts = raw.split(_SEP)
    if len(parts) != 4 or not all((parts[0], parts[1], parts[3])):
        raise UserError("not an action key")
    ref = ActionRef(parts[0], parts[1], parts[3], parts[2] or None)
    if ref.key != key:  # one spelling per action (no padding or alphabet variants)
        raise UserError("not an action key")
    return ref


def quarter(day: date) -> str:
    return f"{day.year}Q{(day.month - 1) // 3 + 1}"


class Occurrence(Protocol):
    """What a signal, a follow-up gap and a next best action have in common."""

    @property
    def detected_on(self) -> date | None: ...
    @property
    def event_date(self) -> date | None: ...
    @property
    def due_date(self) -> date | None: ...
    @property
    def product_code(self) -> str | None: ...


def ref_of(
    client_id: str, kind: str, item: Occurrence, day: date, policy: OutcomePolicy
) -> ActionRef:
    """The action ``item`` (of signal or action ``kind``) stands for, seen on ``day``."""
    rule = policy.period_rule(kind)
    dated = {
        "event_date": item.event_date,
        "detected_on": item.detected_on,
        "due_date": item.due_date,
    }.get(rule)
    period = dated.isoformat() if dated else quarter(day)
    return ActionRef(client_id, kind, period, item.product_code)


def action_kind(signal_kind: str | None, kind: str) -> str:
    """The kind a next best action is keyed by: its signal's (done with the renewal is done
    with the maturity), or its own for a profile action."""
    return signal_kind or kind
