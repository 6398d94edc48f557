"""How much an action is worth and how soon it is due, each on a 0-1 scale.

Value blends the client's place on its tier ladder with the amount at stake (log-scaled: the
difference between 100 万 and 1,000 万 matters as much as between 1,000 万 and 1 亿).
Urgency halves about every week to the deadline and is 1 once the deadline has passed.
"""

from __future__ import annotations

import math
from datetime import date

from tools.intelligence.tiering import TierResult

# Log10 range of "amount at stake": 1 万 scores 0, 10 亿 scores 1.
_AMOUNT_FLOOR, _AMOUNT_SPAN = 4.0, 5.0
NO_DEADLINE_URGENCY = 0.1
URGENCY_WEIGHT = 0.6  # a deadline the playbook sets outranks a bigger but open opportunity


def amount_score(amount: float) -> float:
    if amount <= 0:
        return 0.0
    return min(1.0, max(0.0, (math.log10(amount) - _AMOUNT_FLOOR) / _AMOUNT_SPAN))


def tier_score(tier: TierResult) -> float:
    """1.0 for the top tier of the client's ladder, 0.0 for the bottom."""
    if tier.ladder_size <= 1:
        return 0.0
    return 1 - tier.rank / (tier.ladder_size - 1)


def value_score(tier: TierResult, amount: float) -> float:
    return round(0.5 * tier_score(tier) + 0.5 * amount_score(amount), 3)


def urgency_score(due: date | None, as_of: date) -> float:
    if due is None:
        return NO_DEADLINE_URGENCY
    days = (due - as_of).days
    return 1.0 if days <= 0 else round(1 / (1 + days / 7), 3)


def combined(value: float, urgency: float) -> float:
    return round(URGENCY_WEIGHT * urgency + (1 - URGENCY_WEIGHT) * value, 3)
