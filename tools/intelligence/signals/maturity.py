"""Maturities (到期提醒): one signal per holding maturing within the policy's windows.

The window (30/60/90 days by default) is the smallest one containing the maturity. The due
date is the next contact the playbook asks for: the first contact N days before maturity,
else the second reminder, else the maturity day itself.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from tools.bank.records import HoldingRecord
from tools.intelligence.fmt import money_en, money_zh
from tools.intelligence.signals.base import Severity, Signal, SignalContext

if TYPE_CHECKING:
    from tools.intelligence.policy import MaturityPolicy

_SEVERITY_BY_WINDOW: tuple[Severity, ...] = ("high", "medium", "low")


class MaturityRule:
    kind = "maturity"

    def detect(self, ctx: SignalContext) -> list[Signal]:
        return [s for h in ctx.data.holdings if (s := self._signal(ctx, h)) is not None]

    def _signal(self, ctx: SignalContext, holding: HoldingRecord) -> Signal | None:
        policy = ctx.policy.signals.maturity
        if holding.maturity_date is None:
            return None
        days = (holding.maturity_date - ctx.as_of).days
        windows = policy.windows_days
        index = next((i for i, w in enumerate(windows) if 0 <= days <= w), None)
        if index is None:
            return None
        name_zh, name_en = ctx.product_name(holding.product_code)
        window = windows[index]
        when = holding.maturity_date.isoformat()
        return Signal(
            kind=self.kind,
            severity=_SEVERITY_BY_WINDOW[min(index, 2)],
            title_zh=f"{name_zh} {window} 天内到期",
            title_en=f"{name_en} matures within {window} days",
            detail_zh=f"{name_zh} {money_zh(holding.balance)} 将于 {when} 到期（{days} 天后）",
            detail_en=f"{name_en} of {money_en(holding.balance)} matures on {when} (in {days} days)",
            facts={
                "maturity_date": when,
                "days_to_maturity": days,
                "window_days": window,
                "balance": holding.balance,
                "product_code": holding.product_code,
            },
            product_code=holding.product_code,
            detected_on=ctx.as_of,
            due_date=self._next_contact(ctx, holding),
            playbook=policy.playbook,
            event_date=holding.maturity_date,
        )

    @staticmethod
    def _next_contact(ctx: SignalContext, holding: HoldingRecord) -> date:
        maturity = holding.maturity_date
        assert maturity is not None
        contacts = (*contact_dates(maturity, ctx.policy.signals.maturity), maturity)
        return next((d for d in contacts if d >= ctx.as_of), maturity)


def contact_dates(maturity: date, policy: MaturityPolicy) -> tuple[date, date]:
    """The first contact and the second reminder the policy sets before ``maturity``."""
    return (
        maturity - timedelta(days=policy.first_contact_days_before),
        maturity - timedelta(days=policy.second_contact_days_before),
    )
