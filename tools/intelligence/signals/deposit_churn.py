"""Deposit churn (存款流失预警): a gradual slide over a few months or a sudden one-month drop.

Gradual: the mean of the last ``recent_months`` months (3 by default) vs the mean of the
``baseline_months`` before them (3) fell by ``gradual_drop_ratio`` or more — each bank's
playbook says which months it compares ("近两个月较此前三个月下降一半以上").
Sudden (when the policy has the rule): the latest month vs the month before fell by
``sudden_drop_ratio`` or more.
Either baseline must reach the client type's ``min_amount``: a 50% drop of a tiny balance is
noise, not churn. The drop is seen when the month closes, so detection is the first day of
the month after the drop month and the follow-up deadline counts working days from there.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from tools.bank.records import BalanceRecord
from tools.intelligence.fmt import money_en, money_zh, percent, zh_count
from tools.intelligence.metrics import mean_deposit, month_after
from tools.intelligence.policy import DepositChurnPolicy
from tools.intelligence.signals.base import Severity, Signal, SignalContext


class DepositChurnRule:
    kind = "deposit_churn"

    def detect(self, ctx: SignalContext) -> list[Signal]:
        policy = ctx.policy.signals.deposit_churn
        floor = policy.min_amount.get(ctx.client_type, 0.0)  # type: ignore[call-overload]
        m = ctx.metrics
        months = ctx.data.balances
        recent, before = churn_windows(months, policy)
        gradual = self._drop(before, recent, floor, policy.gradual_drop_ratio)
        sudden = (
            self._drop(m.previous_deposit, m.latest_deposit, floor, policy.sudden_drop_ratio)
            if policy.sudden_drop_ratio is not None
            else None
        )
        if gradual is None and sudden is None:
            return []
        # A slide is visible from the first month-end at which the rule held (and has held
        # since); a one-month drop only from the latest month. The follow-up clock starts there.
        detected = (
            ctx.extract_date
            if sudden is not None
            else self._first_visible(ctx, floor, policy.gradual_drop_ratio)
        )
        facts = {
            "pattern": "both"
            if gradual is not None and sudden is not None
            else ("sudden" if sudden is not None else "gradual"),
            "avg_deposit": recent,
            "prev_avg_deposit": before,
            "recent_months": policy.recent_months,
            "baseline_months": policy.baseline_months,
            "gradual_drop_ratio": gradual,
            "gradual_threshold": policy.gradual_drop_ratio,
            "latest_month": m.latest_month,
            "latest_deposit": m.latest_deposit,
            "previous_deposit": m.previous_deposit,
            "sudden_drop_ratio": sudden,
            "sudden_threshold": policy.sudden_drop_ratio,
            "amount_at_risk": self._at_risk(ctx, (recent, before), gradual, sudden),
            "follow_up_working_days": policy.follow_up_working_days,
        }
        zh, en = self._detail(ctx, (recent, before), gradual, sudden)
        return [
            Signal(
                kind=self.kind,
                severity=self._severity(gradual, sudden, policy.gradual_drop_ratio),
                title_zh="存款流失预警",
                title_en="Deposit churn warning",
                detail_zh=zh + f"；{policy.follow_up_working_days} 个工作日内面访或电话",
                detail_en=en
                + f"; visit or call within {policy.follow_up_working_days} working days",
                facts=facts,
                detected_on=detected,
                due_date=ctx.policy.signals.calendar.add_working_days(
                    detected, policy.follow_up_working_days
                ),
                playbook=policy.playbook,
            )
        ]

    @staticmethod
    def _drop(
        before: float | None, after: float | None, floor: float, threshold: float
    ) -> float | None:
        """The drop ratio when it reaches ``threshold`` on a baseline of at least ``floor``."""
        if before is None or after is None or before <= 0 or before < floor:
            return None
        ratio = (before - after) / before
        # Compare rounded ratios so 0.2 is a 20% drop despite float error in (b - a) / b.
        return ratio if round(ratio, 9) >= threshold else None

    @classmethod
    def _first_visible(cls, ctx: SignalContext, floor: float, threshold: float) -> date:
        months = ctx.data.balances
        policy = ctx.policy.signals.deposit_churn
        span = policy.recent_months + policy.baseline_months
        first = len(months) - 1
        for end in range(len(months) - 1, span - 1, -1):
            recent, before = _windows(months, end + 1, policy.recent_months, policy.baseline_months)
            if cls._drop(before, recent, floor, threshold) is None:
                break
            first = end
        return month_after(months[first].month) if months else ctx.extract_date

    @staticmethod
    def _at_risk(
        ctx: SignalContext,
        windows: tuple[float | None, float | None],
        gradual: float | None,
        sudden: float | None,
    ) -> float:
        m = ctx.metrics
        recent, before = windows  # as ``churn_windows`` gives them
        amounts = [0.0]
        if gradual is not None and before is not None and recent is not None:
            amounts.append(before - recent)
        if sudden is not None and m.previous_deposit is not None and m.latest_deposit is not None:
            amounts.append(m.previous_deposit - m.latest_deposit)
        return max(amounts)

    @staticmethod
    def _severity(
        gradual: float | None, sudden: float | None, gradual_threshold: float
    ) -> Severity:
        # A one-month collapse, or a slide twice the trigger, is money already leaving.
        if sudden is not None or (gradual is not None and gradual >= 2 * gradual_threshold):
            return "high"
        return "medium"

    @staticmethod
    def _detail(
        ctx: SignalContext,
        windows: tuple[float | None, float | None],
        gradual: float | None,
        sudden: float | None,
    ) -> tuple[str, str]:
        m = ctx.metrics
        policy = ctx.policy.signals.deposit_churn
        recent, before = windows  # as ``churn_windows`` gives them
        zh, en = [], []
        if gradual is not None and before is not None and recent is not None:
            n, b = policy.recent_months, policy.baseline_months
            zh.append(
                f"近{zh_count(n)}月日均 {money_zh(recent)}，较前{zh_count(b)}月 "
                f"{money_zh(before)} 下降 {percent(gradual)}"
            )
            over = "" if n == b else f" over the {b} months before"
            en.append(
                f"{n}-month average {money_en(recent)}, down {percent(gradual)} from {money_en(before)}{over}"
            )
        if sudden is not None and m.previous_deposit is not None and m.latest_deposit is not None:
            zh.append(
                f"{m.latest_month} 日均 {money_zh(m.latest_deposit)}，较上月 {money_zh(m.previous_deposit)} 下降 {percent(sudden)}"
            )
            en.append(
                f"{m.latest_month} average {money_en(m.latest_deposit)}, down {percent(sudden)} from {money_en(m.previous_deposit)} the month before"
            )
        return "；".join(zh), "; ".join(en)


def churn_windows(
    months: Sequence[BalanceRecord], policy: DepositChurnPolicy
) -> tuple[float | None, float | None]:
    """The two means the bank's churn rule compares over the whole history, recent first (for
    "流出了多少" read as the bank's playbook reads it)."""
    return _windows(months, len(months), policy.recent_months, policy.baseline_months)


def _windows(
    months: Sequence[BalanceRecord], end: int, recent: int, baseline: int
) -> tuple[float | None, float | None]:
    """The mean daily deposit of the ``recent`` months ending before index ``end`` and of the
    ``baseline`` months before them (None where there are no such months)."""
    start = max(end - recent, 0)
    # as ``compute_metrics`` reads a short history: the months there are (none: None)
    return mean_deposit(months[start:end]), mean_deposit(months[max(start - baseline, 0) : start])
