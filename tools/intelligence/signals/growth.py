"""Deposit growth (存款增长): the last 3 months' average up by ``growth_ratio`` or more.

Growth is an opening, not a problem: fresh funds are the moment to propose wealth or
structured deposits before they drift elsewhere. The baseline must reach the churn rule's
``min_amount`` for the client type, for the same reason: from 1 yuan to 2 is not growth.
"""

from __future__ import annotations

from tools.intelligence.fmt import money_en, money_zh, percent
from tools.intelligence.signals.base import Signal, SignalContext


class GrowthRule:
    kind = "growth"

    def detect(self, ctx: SignalContext) -> list[Signal]:
        policy = ctx.policy.signals.growth
        floor = ctx.policy.signals.deposit_churn.min_amount.get(ctx.client_type, 0.0)  # type: ignore[call-overload]
        before, after = ctx.metrics.prev_avg_deposit, ctx.metrics.avg_deposit
        if not before or before < floor:
            return []
        ratio = after / before - 1
        if round(ratio, 9) < policy.growth_ratio:
            return []
        return [
            Signal(
                kind=self.kind,
                severity="low",
                title_zh="存款增长",
                title_en="Deposit growth",
                detail_zh=f"近三月日均 {money_zh(after)}，较前三月 {money_zh(before)} 增长 {percent(ratio)}",
                detail_en=f"3-month average {money_en(after)}, up {percent(ratio)} from {money_en(before)}",
                facts={
                    "avg_deposit": after,
                    "prev_avg_deposit": before,
                    "growth_ratio": ratio,
                    "threshold": policy.growth_ratio,
                    "new_funds": after - before,
                },
                detected_on=ctx.extract_date,
                playbook=policy.playbook,
            )
        ]
