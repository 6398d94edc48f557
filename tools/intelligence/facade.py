"""One object for callers that want "everything about this client": tier, signals, actions."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date

from pydantic import BaseModel, ConfigDict

from tools.bank.records import ClientData, ProductRecord
from tools.intelligence.actions import NextBestAction, recommend
from tools.intelligence.book import BookAnalyzer
from tools.intelligence.followup import FollowUpGap, follow_up_gaps
from tools.intelligence.metrics import ClientMetrics, compute_metrics
from tools.intelligence.needs import NeedsResult, assign_needs, needs_values
from tools.intelligence.policy import Policies
from tools.intelligence.signals import PeerStats, Signal, SignalRule, detect_signals
from tools.intelligence.tiering import TierResult, tier_from_metrics


class ClientInsight(BaseModel):
    model_config = ConfigDict(frozen=True)

    as_of: date
    tier: TierResult
    signals: list[Signal]
    actions: list[NextBestAction]
    needs: NeedsResult | None = None  # 需求分群, when the bank's policy defines segments


class ClientIntelligence:
    """Tiering, signals, next best actions, book rows and follow-up gaps under one policy.

    Built once by the wiring module with the loaded policy and the bank's product catalogue
    (``repository.products()``); holds no client data between calls.
    """

    def __init__(
        self,
        policy: Policies,
        products: Mapping[str, ProductRecord],
        rules: Sequence[SignalRule] | None = None,
    ) -> None:
        self.policy = policy
        self.products = products
        self._rules = rules

    def metrics(self, data: ClientData, as_of: date) -> ClientMetrics:
        return compute_metrics(data, self.products, self.policy.tiering.aum_categories, as_of)

    def analyze(self, data: ClientData, peers: PeerStats | None, as_of: date) -> ClientInsight:
        """Tier, signals (most severe first) and ranked next best actions for one client."""
        metrics = self.metrics(data, as_of)
        tier = tier_from_metrics(data.client.client_type, metrics, self.policy, data.client)
        signals = detect_signals(
            data,
            self.products,
            peers,
            self.policy,
            as_of,
            tier=tier,
            metrics=metrics,
            rules=self._rules,
        )
        actions = recommend(data, tier, signals, self.products, self.policy, as_of, metrics=metrics)
        needs = assign_needs(
            self.policy.tiering.needs_segments,
            data.client.client_type,
            needs_values(
                data.client,
                as_of,
                deposit_change=metrics.trend_ratio,
                loan_balance=metrics.loan_balance,
            ),
        )
        return ClientInsight(as_of=as_of, tier=tier, signals=signals, actions=actions, needs=needs)

    def peers(self, population: Iterable[ClientData]) -> PeerStats:
        """Peer statistics over ``population`` (a team, a branch or the whole bank)."""
        return PeerStats.build(population, self.products, self.policy)

    def book(self) -> BookAnalyzer:
        return BookAnalyzer(self.policy, self.products, self._rules)

    def follow_up_gaps(
        self,
        book: Iterable[ClientData],
        peers: PeerStats | None,
        as_of: date,
        *,
        include_pending: bool = False,
    ) -> list[FollowUpGap]:
        return follow_up_gaps(
            book, self.products, peers, self.policy, as_of, include_pending=include_pending
        )
