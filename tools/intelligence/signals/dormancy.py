"""Dormancy (沉睡客户): no transactions for N months and no RM contact for M days.

Both must hold: a client the RM spoke to last week is being served, whatever the ledger says.
Detection is the first day after the month in which the idle streak reached N months, so a
client idle for a year was detected half a year ago — and the follow-up clock ran from then.
"""

from __future__ import annotations

from tools.intelligence.metrics import month_after
from tools.intelligence.signals.base import Signal, SignalContext


class DormancyRule:
    kind = "dormancy"

    def detect(self, ctx: SignalContext) -> list[Signal]:
        policy = ctx.policy.signals.dormancy
        idle = ctx.metrics.months_without_transactions
        silent = ctx.metrics.days_since_last_interaction
        if idle < policy.months_without_transactions:
            return []
        if silent is not None and silent < policy.days_without_interaction:
            return []
        # balances[-1] is the latest month; the streak reached N months (idle - N) months ago.
        reached = ctx.data.balances[-1 - (idle - policy.months_without_transactions)].month
        detected = month_after(reached)
        silent_zh = f"{silent} 天无接触记录" if silent is not None else "无接触记录"
        days = policy.follow_up_working_days
        silent_en = (
            f"no contact logged for {silent} days"
            if silent is not None
            else "no contact ever logged"
        )
        return [
            Signal(
                kind=self.kind,
                severity="medium",
                title_zh="沉睡客户",
                title_en="Dormant client",
                # the window the playbook gives for the first contact, as the churn and
                # suitability signals say theirs
                detail_zh=f"连续 {idle} 个月无交易，{silent_zh}；{days} 个工作日内首次唤醒接触",
                detail_en=f"No transactions for {idle} months, {silent_en}; first contact "
                f"within {days} working days",
                facts={
                    "months_without_transactions": idle,
                    "days_since_last_interaction": silent,
                    "months_threshold": policy.months_without_transactions,
                    "days_threshold": policy.days_without_interaction,
                },
                detected_on=detected,
                due_date=ctx.policy.signals.calendar.add_working_days(
                    detected, policy.follow_up_working_days
                ),
                playbook=policy.playbook,
            )
        ]
