"""Next best actions (下一步最佳行动), ranked by value and urgency.

Every action names the playbook that backs it, so the answer can cite the bank's own
procedure rather than the assistant's opinion. Signal-driven actions inherit the signal's
deadline; profile-driven ones (service cadence, 公私联动, FX hedging) come from the client's
record. See ``scoring`` for how value and urgency combine.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from pydantic import BaseModel, ConfigDict

from tools.bank.records import ClientData, ProductRecord
from tools.intelligence.action_rules import (
    PROFILE_ACTIONS,
    SIGNAL_ACTIONS,
    ActionContext,
    Draft,
    generic,
    risk_watch,
)
from tools.intelligence.metrics import ClientMetrics, compute_metrics
from tools.intelligence.policy import Policies
from tools.intelligence.scoring import combined, urgency_score, value_score
from tools.intelligence.signals.base import Signal
from tools.intelligence.tiering import TierResult


class NextBestAction(BaseModel):
    model_config = ConfigDict(frozen=True)

    kind: str  # e.g. churn_visit, maturity_renewal, payroll_offer, service_cadence
    title_zh: str
    title_en: str
    reason_zh: str
    reason_en: str
    value_score: float
    urgency_score: float
    score: float
    due_date: date | None
    playbook: str
    product_code: str | None = None
    signal_kind: str | None = None  # None for profile-driven actions
    detected_on: date | None = None  # the signal's (see ``tools.outcomes.keys``)
    event_date: date | None = None


def _scored(draft: Draft, tier: TierResult, as_of: date) -> NextBestAction:
    value = value_score(tier, draft.stake)
    urgency = urgency_score(draft.due_date, as_of)
    return NextBestAction(
        kind=draft.kind,
        title_zh=draft.title_zh,
        title_en=draft.title_en,
        reason_zh=draft.reason_zh,
        reason_en=draft.reason_en,
        value_score=value,
        urgency_score=urgency,
        score=combined(value, urgency),
        due_date=draft.due_date,
        playbook=draft.playbook,
        product_code=draft.product_code,
        signal_kind=draft.signal_kind,
        detected_on=draft.detected_on,
        event_date=draft.event_date,
    )


def _drafts(ctx: ActionContext, signals: Sequence[Signal]) -> list[Draft]:
    drafts = [SIGNAL_ACTIONS.get(s.kind, generic)(ctx, s) for s in signals]
    drafts += [d for build in PROFILE_ACTIONS if (d := build(ctx)) is not None]
    return drafts


def recommend(
    data: ClientData,
    tier: TierResult,
    signals: Sequence[Signal],
    products: Mapping[str, ProductRecord],
    policy: Policies,
    as_of: date,
    *,
    metrics: ClientMetrics | None = None,
    limit: int | None = None,
) -> list[NextBestAction]:
    """Next best actions for one client, highest score first (earliest deadline breaks ties)."""
    metrics = metrics or compute_metrics(data, products, policy.tiering.aum_categories, as_of)
    ctx = ActionContext(
        data=data, tier=tier, metrics=metrics, products=products, policy=policy, as_of=as_of
    )
    drafts = _drafts(ctx, signals)
    paused = policy.signals.complaint.paused_actions if policy.signals.complaint else ()
    if paused and any(s.kind == "complaint" for s in signals):
        # An open complaint: resolved first; no offer while marketing to the client is paused.
        drafts = [d for d in drafts if d.kind not in paused]
    overlay = policy.tiering.risk_overlay
    if overlay is not None and tier.watch:
        # On the risk watch list: no growth offer; the watch standard's visit first.
        drafts = [d for d in drafts if d.kind not in overlay.blocked_actions]
        drafts.insert(0, risk_watch(ctx, overlay, tier.watch))
    actions = [_scored(d, tier, as_of) for d in drafts]
    actions.sort(key=lambda a: (-a.score, a.due_date or date.max, a.kind))
    return actions[:limit] if limit is not None else actions
