"""Peer statistics for peer-based product gaps, computed once over a population.

Peers are clients of the same type and tier, and for corporates the same industry: a Key
manufacturing company is compared with other Key manufacturers, not with a Strategic bank or
a retail saver. Build it once per book or team (or the whole bank) and share it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from tools.bank.records import ClientData, ClientRecord, ProductRecord
from tools.intelligence.policy import Policies
from tools.intelligence.tiering import TierResult, assign_tier

PeerKey = tuple[str, str, str | None]


def peer_key(client: ClientRecord, tier: str) -> PeerKey:
    industry = client.industry if client.client_type == "corporate" else None
    return (client.client_type, tier, industry)


@dataclass
class _Group:
    members: set[str] = field(default_factory=set)
    holders: Counter[str] = field(default_factory=Counter)  # product code -> clients holding it


@dataclass(frozen=True)
class PeerView:
    """What a client's peers hold: ``ratios[code]`` = share of peers holding ``code``."""

    peer_count: int
    ratios: dict[str, float]


class PeerStats:
    def __init__(self, groups: Mapping[PeerKey, _Group] | None = None) -> None:
        self._groups = dict(groups or {})

    @classmethod
    def from_population(
        cls,
        datas: Iterable[ClientData],
        products: Mapping[str, ProductRecord],
        tiers: Mapping[str, str | TierResult],
    ) -> PeerStats:
        """Peer statistics over ``datas``; ``tiers`` maps client_id -> tier (name or result).

        Codes not in ``products`` are ignored: a product the catalogue no longer sells is
        no gap to fill.
        """
        groups: dict[PeerKey, _Group] = {}
        for data in datas:
            tier = tiers[data.client.client_id]
            name = tier.tier if isinstance(tier, TierResult) else tier
            group = groups.setdefault(peer_key(data.client, name), _Group())
            group.members.add(data.client.client_id)
            group.holders.update(
                {h.product_code for h in data.holdings if h.product_code in products}
            )
        return cls(groups)

    @classmethod
    def build(
        cls, datas: Iterable[ClientData], products: Mapping[str, ProductRecord], policy: Policies
    ) -> PeerStats:
        """Tier every client under ``policy``, then compute the statistics."""
        datas = list(datas)
        tiers = {d.client.client_id: assign_tier(d, products, policy) for d in datas}
        return cls.from_population(datas, products, tiers)

    def view(self, data: ClientData, tier: str) -> PeerView:
        """The client's peers, excluding the client itself when it is in the population."""
        group = self._groups.get(peer_key(data.client, tier))
        if group is None:
            return PeerView(0, {})
        count = len(group.members)
        own: set[str] = set()
        if data.client.client_id in group.members:
            count -= 1
            own = {h.product_code for h in data.holdings}
        if count <= 0:
            return PeerView(0, {})
        ratios = {code: (n - (code in own)) / count for code, n in group.holders.items()}
        return PeerView(count, {code: r for code, r in ratios.items() if r > 0})
