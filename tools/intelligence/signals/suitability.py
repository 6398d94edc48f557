"""Suitability (适当性): a client with risk appetite Cn holding a product rated above Rn.

One signal per mismatched holding. It is a compliance finding, so it is always high severity
and the follow-up deadline (re-assess the client's risk tolerance) is short.
"""

from __future__ import annotations

from tools.bank.records import HoldingRecord
from tools.intelligence.signals.base import Signal, SignalContext

# A lookup, not a regex: this runs for every holding of every client in a book.
_LEVELS = {f"{prefix}{n}": n for prefix in "CRcr" for n in range(1, 6)}


def level(code: str | None) -> int | None:
    """``"C3"`` / ``"R3"`` -> 3; anything else -> None."""
    return _LEVELS.get((code or "").strip())


class SuitabilityRule:
    kind = "suitability"

    def detect(self, ctx: SignalContext) -> list[Signal]:
        appetite = level(ctx.data.client.risk_appetite)
        if appetite is None:  # unassessed clients are a KYC matter, not a mismatch
            return []
        return [s for h in ctx.data.holdings if (s := self._signal(ctx, h, appetite)) is not None]

    def _signal(self, ctx: SignalContext, holding: HoldingRecord, appetite: int) -> Signal | None:
        product = ctx.products.get(holding.product_code)
        if not ctx.policy.invests_in(product):
            return None  # a loan or a card: the grade governs investments, not credit
        risk = level(product.risk_level) if product else None
        if risk is None or risk <= appetite:
            return None
        policy = ctx.policy.signals.suitability
        name_zh, name_en = ctx.product_name(holding.product_code)
        detected = ctx.extract_date
        return Signal(
            kind=self.kind,
            severity="high",
            title_zh="适当性不匹配",
            title_en="Suitability mismatch",
            detail_zh=f"风险承受能力 C{appetite}，持有 R{risk} 产品{name_zh}；{policy.follow_up_working_days} 个工作日内重新评估",
            detail_en=f"Risk appetite C{appetite} holds R{risk} product {name_en}; re-assess within {policy.follow_up_working_days} working days",
            facts={
                "risk_appetite": f"C{appetite}",
                "product_risk": f"R{risk}",
                "balance": holding.balance,
            },
            product_code=holding.product_code,
            detected_on=detected,
            due_date=ctx.policy.signals.calendar.add_working_days(
                detected, policy.follow_up_working_days
            ),
            playbook=policy.playbook,
        )
