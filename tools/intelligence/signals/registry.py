"""The signal rules Frontline runs, in one explicit list, and ``detect_signals``.

A new rule is a new file under ``signals/`` and one line in ``default_rules``; a bank that
wants a different set passes its own ``rules`` to ``detect_signals``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from tools.bank.records import ClientData, ProductRecord
from tools.intelligence.metrics import ClientMetrics, compute_metrics
from tools.intelligence.policy import Policies
from tools.intelligence.signals.base import Signal, SignalContext, SignalRule, sort_signals
from tools.intelligence.signals.complaint import ComplaintRule
from tools.intelligence.signals.deposit_churn import DepositChurnRule
from tools.intelligence.signals.dormancy import DormancyRule
from tools.intelligence.signals.growth import GrowthRule
from tools.intelligence.signals.maturity import MaturityRule
from tools.intelligence.signals.peers import PeerStats
from tools.intelligence.signals.product_gap import ProductGapRule
from tools.intelligence.signals.suitability import SuitabilityRule
from tools.intelligence.tiering import TierResult, tier_from_metrics


def default_rules() -> list[SignalRule]:
    return [
        DepositChurnRule(),
        MaturityRule(),
        ProductGapRule(),
        DormancyRule(),
        GrowthRule(),
        SuitabilityRule(),
        ComplaintRule(),
    ]


def detect_signals(
    data: ClientData,
    products: Mapping[str, ProductRecord],
    peers: PeerStats | None,
    policy: Policies,
    as_of: date,
    *,
    tier: TierResult | None = None,
    metrics: ClientMetrics | None = None,
    rules: Sequence[SignalRule] | None = None,
) -> list[Signal]:
    """Every signal for one client as of ``as_of``, most severe first.

    ``peers=None`` skips the peer-based product gaps (the payroll rule still runs). ``tier``
    and ``metrics`` may be passed when the caller already computed them for ``as_of``.
    """
    metrics = metrics or compute_metrics(data, products, policy.tiering.aum_categories, as_of)
    tier = tier or tier_from_metrics(data.client.client_type, metrics, policy, data.client)
    ctx = SignalContext(
        data=data,
        products=products,
        metrics=metrics,
        tier=tier,
        peers=peers,
        policy=policy,
        as_of=as_of,
    )
    return sort_signals([s for rule in (rules or default_rules()) for s in rule.detect(ctx)])
