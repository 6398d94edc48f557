"""Follow-up gaps for team leads (跟进缺口): a signal whose playbook sets a deadline, and no
qualifying contact by the client's RM between detection and that deadline.

Which signals carry a deadline comes from the policy: every section of ``signals.yaml`` with
``follow_up_working_days`` (churn 5, suitability 3, dormancy 10 by default), and the channels
that count from its ``follow_up_channels`` (churn: a visit or a phone call; unset: any).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from pydantic import BaseModel, ConfigDict

from tools.bank.records import ClientData, InteractionRecord, ProductRecord
from tools.intelligence.policy import Policies
from tools.intelligence.signals.base import Signal
from tools.intelligence.signals.peers import PeerStats
from tools.intelligence.signals.registry import default_rules, detect_signals


class FollowUpGap(BaseModel):
    model_config = ConfigDict(frozen=True)

    client_id: str
    rm_id: str
    signal_kind: str
    detected_on: date
    due_date: date
    days_overdue: int  # negative: still open, that many days left (include_pending=True)
    playbook: str
    product_code: str | None = None
    late_follow_up_on: date | None = None  # a qualifying contact after the deadline, if any
    event_date: date | None = None  # the signal's (see ``tools.outcomes.keys``)


@dataclass(frozen=True)
class FollowUpRequirement:
    kind: str
    working_days: int
    channels: tuple[str, ...] | None  # None: any channel counts


def requirements(policy: Policies) -> dict[str, FollowUpRequirement]:
    """Signal kind -> what the playbook requires, read from the signal policy."""
    found = {}
    for kind, section in policy.signals:
        days = getattr(section, "follow_up_working_days", None)
        if days is not None:
            found[kind] = FollowUpRequirement(
                kind, days, getattr(section, "follow_up_channels", None)
            )
    return found


def qualifies(interaction: InteractionRecord, rm_id: str, need: FollowUpRequirement) -> bool:
    """A contact by the client's own RM on a channel the requirement accepts."""
    return interaction.rm_id == rm_id and (
        need.channels is None or interaction.channel in need.channels
    )


def _gap(
    data: ClientData, signal: Signal, need: FollowUpRequirement, as_of: date
) -> FollowUpGap | None:
    detected, due = signal.detected_on, signal.due_date
    if detected is None or due is None:
        return None
    rm_id = data.client.rm_id
    contacts = sorted(
        i.date
        for i in data.interactions
        if qualifies(i, rm_id, need) and detected <= i.date <= as_of
    )
    if any(d <= due for d in contacts):
        return None
    return FollowUpGap(
        client_id=data.client.client_id,
        rm_id=rm_id,
        signal_kind=signal.kind,
        detected_on=detected,
        due_date=due,
        days_overdue=(as_of - due).days,
        playbook=signal.playbook,
        product_code=signal.product_code,
        late_follow_up_on=contacts[0] if contacts else None,
        event_date=signal.event_date,
    )


def client_gaps(
    data: ClientData,
    signals: Iterable[Signal],
    needs: Mapping[str, FollowUpRequirement],
    as_of: date,
    *,
    include_pending: bool = False,
) -> list[FollowUpGap]:
    """One client's gaps from signals already detected (a caller that analysed the client
    need not detect again): one per signal kind, the earliest deadline."""
    found: list[FollowUpGap] = []
    seen: set[str] = set()
    for signal in sorted(
        (s for s in signals if s.kind in needs), key=lambda s: s.due_date or date.max
    ):
        gap = _gap(data, signal, needs[signal.kind], as_of) if signal.kind not in seen else None
        if gap is not None and (include_pending or gap.days_overdue > 0):
            found.append(gap)
            seen.add(signal.kind)
    return found


def follow_up_gaps(
    book: Iterable[ClientData],
    products: Mapping[str, ProductRecord],
    peers: PeerStats | None,
    policy: Policies,
    as_of: date,
    *,
    include_pending: bool = False,
) -> list[FollowUpGap]:
    """Missed follow-ups across ``book``, most overdue first.

    A gap is reported once its deadline has passed (``as_of`` after ``due_date``); with
    ``include_pending`` also the open ones, so a lead can chase them before they are late.
    One gap per client and signal kind (the earliest deadline).
    """
    needs = requirements(policy)
    rules = [r for r in default_rules() if r.kind in needs]  # product gaps carry no deadline
    gaps: list[FollowUpGap] = []
    for data in book:
        signals = detect_signals(data, products, peers, policy, as_of, rules=rules)
        gaps += client_gaps(data, signals, needs, as_of, include_pending=include_pending)
    return sorted(gaps, key=lambda g: (-g.days_overdue, g.client_id, g.signal_kind))
