"""Product gaps (产品缺口): what the client's peers hold and the client does not, plus payroll.

Peer rule: a product held by at least ``peer_holding_ratio`` of the client's peers (same
type and tier, and for corporates the same industry — see ``PeerStats``), offered to the
client's segment, and not held by the client. Groups smaller than ``min_peers`` say nothing.

Payroll rule: a company with ``payroll_min_employees`` or more and no payroll product (代发,
a product of the policy's ``payroll_categories``) is the bank's entry point to those
employees (公私联动), whatever its peers do.
"""

from __future__ import annotations

from tools.bank.records import ProductRecord
from tools.intelligence.fmt import percent
from tools.intelligence.signals.base import Signal, SignalContext
from tools.intelligence.signals.suitability import level


def offered_to(product: ProductRecord, client_type: str) -> bool:
    return product.segment in (client_type, "both")


def suits(product: ProductRecord, risk_appetite: str | None) -> bool:
    """Whether a client of ``risk_appetite`` (C1–C5) may be offered ``product`` (R1–R5): a
    product above the client's grade is no gap to fill — the suitability rule forbids it. An
    unknown grade on either side decides nothing."""
    grade, risk = level(risk_appetite), level(product.risk_level)
    return grade is None or risk is None or risk <= grade


class ProductGapRule:
    kind = "product_gap"

    def detect(self, ctx: SignalContext) -> list[Signal]:
        held = {h.product_code for h in ctx.data.holdings}
        payroll = self._payroll(ctx, held)
        peer = self._peer_gaps(ctx, held, skip={s.product_code for s in payroll})
        return payroll + peer

    def _payroll(self, ctx: SignalContext, held: set[str]) -> list[Signal]:
        policy = ctx.policy.signals.product_gap
        employees = ctx.data.client.employees or 0
        if ctx.client_type != "corporate" or employees < policy.payroll_min_employees:
            return []
        payroll = [p for p in ctx.products.values() if p.category in policy.payroll_categories]
        if not payroll or any(p.product_code in held for p in payroll):
            return []
        product = payroll[0]
        name_en = product.name_en or product.name
        return [
            Signal(
                kind=self.kind,
                severity="medium",
                title_zh=f"未开通{product.name}",
                title_en=f"No {name_en}",
                detail_zh=f"员工 {employees} 人（≥ {policy.payroll_min_employees} 人）但未在我行代发工资",
                detail_en=f"{employees} employees (≥ {policy.payroll_min_employees}) but no payroll with the bank",
                facts={
                    "basis": "payroll",
                    "employees": employees,
                    "threshold": policy.payroll_min_employees,
                },
                product_code=product.product_code,
                detected_on=ctx.as_of,
                playbook=policy.playbook,
            )
        ]

    def _peer_gaps(self, ctx: SignalContext, held: set[str], skip: set[str | None]) -> list[Signal]:
        policy = ctx.policy.signals.product_gap
        if ctx.peers is None:
            return []
        view = ctx.peers.view(ctx.data, ctx.tier.tier)
        if view.peer_count < policy.min_peers:
            return []
        gaps = sorted(
            (
                (code, ratio)
                for code, ratio in view.ratios.items()
                if round(ratio, 9) >= policy.peer_holding_ratio
                and code not in held
                and code not in skip
                and code in ctx.products
                and offered_to(ctx.products[code], ctx.client_type)
                and suits(ctx.products[code], ctx.data.client.risk_appetite)
            ),
            key=lambda item: (-item[1], item[0]),
        )
        return [self._peer_signal(ctx, code, ratio, view.peer_count) for code, ratio in gaps]

    def _peer_signal(self, ctx: SignalContext, code: str, ratio: float, peers: int) -> Signal:
        policy = ctx.policy.signals.product_gap
        name_zh, name_en = ctx.product_name(code)
        return Signal(
            kind=self.kind,
            severity="low",
            title_zh=f"同类客户多持有{name_zh}",
            title_en=f"Peers hold {name_en}",
            detail_zh=f"同层级{'同行业' if ctx.client_type == 'corporate' else ''}客户中 {percent(ratio)} 持有{name_zh}（{peers} 户），该客户未持有",
            detail_en=f"{percent(ratio)} of {peers} peers in the same tier{' and industry' if ctx.client_type == 'corporate' else ''} hold {name_en}; this client does not",
            facts={
                "basis": "peers",
                "peer_ratio": ratio,
                "peer_count": peers,
                "threshold": policy.peer_holding_ratio,
                "tier": ctx.tier.tier,
            },
            product_code=code,
            detected_on=ctx.as_of,
            playbook=policy.peer_playbook or policy.playbook,
        )
