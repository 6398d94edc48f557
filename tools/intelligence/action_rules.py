"""What to do about each signal, and the actions a profile calls for without a signal.

Each builder returns the wording, the amount at stake (for the value score), the deadline and
the playbook that backs the advice. ``actions.recommend`` scores and ranks them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta

from tools.bank.records import ClientData, ProductRecord
from tools.intelligence.metrics import ClientMetrics, category_of
from tools.intelligence.policy import Policies, RiskOverlay
from tools.intelligence.signals.base import Signal
from tools.intelligence.signals.product_gap import offered_to, suits
from tools.intelligence.signals.suitability import level
from tools.intelligence.tiering import TierResult


@dataclass(frozen=True)
class Draft:
    """An action before scoring."""

    kind: str
    title_zh: str
    title_en: str
    reason_zh: str
    reason_en: str
    stake: float  # CNY at stake, for the value score
    due_date: date | None
    playbook: str
    product_code: str | None = None
    signal_kind: str | None = None
    detected_on: date | None = None  # the signal's, for the action's key (tools.outcomes)
    event_date: date | None = None


@dataclass(frozen=True)
class ActionContext:
    data: ClientData
    tier: TierResult
    metrics: ClientMetrics
    products: Mapping[str, ProductRecord]
    policy: Policies
    as_of: date

    def name(self, code: str | None) -> tuple[str, str]:
        product = self.products.get(code or "")
        return (
            (product.name, product.name_en or product.name) if product else (code or "", code or "")
        )


def _from(signal: Signal, kind: str, zh: str, en: str, stake: float) -> Draft:
    return Draft(
        kind=kind,
        title_zh=zh,
        title_en=en,
        reason_zh=signal.detail_zh,
        reason_en=signal.detail_en,
        stake=stake,
        due_date=signal.due_date,
        playbook=signal.playbook,
        product_code=signal.product_code,
        signal_kind=signal.kind,
        detected_on=signal.detected_on,
        event_date=signal.event_date,
    )


def churn(ctx: ActionContext, s: Signal) -> Draft:
    n = s.facts.get(
        "follow_up_working_days", ctx.policy.signals.deposit_churn.follow_up_working_days
    )
    return _from(
        s,
        "churn_visit",
        f"{n} 个工作日内面访，了解资金流向",
        f"Visit within {n} working days to learn where the funds went",
        s.facts.get("amount_at_risk", 0.0),
    )


def maturity(ctx: ActionContext, s: Signal) -> Draft:
    zh, en = ctx.name(s.product_code)
    when = s.facts.get("maturity_date", "")
    category = category_of(s.product_code or "", ctx.products)
    policy = ctx.policy.signals.maturity
    # What a maturing holding calls for depends on its kind: a deposit is renewed, a loan or
    # facility repaid or renewed, anything else reinvested.
    if category in policy.deposit_categories:
        todo = (
            "提前联系续存或转存大额存单",
            "offer a renewal or a large-denomination CD",
            "matures",
        )
    elif category in policy.lending_categories:
        todo = (
            "提前确认还款资金或续贷安排",
            "confirm the repayment or a renewal of the facility",
            "falls due",
        )
    else:
        todo = ("提前联系续作", "contact the client about reinvesting", "matures")
    return _from(
        s,
        "maturity_renewal",
        f"{zh} {when} 到期：{todo[0]}",
        f"{en} {todo[2]} {when}: {todo[1]}",
        s.facts.get("balance", 0.0),
    )


def product_gap(ctx: ActionContext, s: Signal) -> Draft:
    zh, en = ctx.name(s.product_code)
    if s.facts.get("basis") == "payroll":
        return _from(
            s,
            "payroll_offer",
            f"推荐{zh}（代发），带动员工个人业务",
            f"Propose {en} to bring the employees' personal banking",
            ctx.metrics.avg_deposit,
        )
    return _from(s, "product_offer", f"推荐{zh}", f"Propose {en}", ctx.metrics.avg_deposit)


def suitability(ctx: ActionContext, s: Signal) -> Draft:
    return _from(
        s,
        "suitability_review",
        "重新评估风险承受能力，暂停推荐高风险产品",
        "Re-assess the client's risk tolerance; pause higher-risk sales",
        s.facts.get("balance", 0.0),
    )


def dormancy(ctx: ActionContext, s: Signal) -> Draft:
    return _from(
        s,
        "dormant_reactivation",
        "唤醒沉睡客户：电话或面访了解近况",
        "Reactivate: call or visit to learn the client's situation",
        max(ctx.metrics.aum, ctx.metrics.avg_deposit),
    )


GROWTH_OFFERS = 2  # products named for new funds


def growth(ctx: ActionContext, s: Signal) -> Draft:
    """New funds to put to work — in products the client may be offered: of the kinds the
    bank counts as assets under management, offered to the client's segment, not held, and
    within the client's risk grade (a C1 client is offered R1 products, never "wealth"). The
    products are named in the reason: the growth playbook cited beside the action says why
    to act, the client's grade decides what may be offered."""
    offers = _offers_within_grade(ctx)[:GROWTH_OFFERS]
    grade = ctx.data.client.risk_appetite
    # Where new money came from comes first (its use decides what fits, and funds at odds
    # with the business are a money-laundering question), then what may be offered.
    zh = "新增资金：先了解资金来源和用途，再在客户风险承受能力范围内配置"
    en = "New funds: learn where they came from and what they are for, then put them to work within the client's risk appetite"
    draft = _from(s, "growth_upsell", zh, en, s.facts.get("new_funds", 0.0))
    if not offers:
        return draft
    within_zh = f"（{grade} 可配置）" if grade else ""
    within_en = f" (within {grade})" if grade else ""
    names_zh = "、".join(f"{p.name}（{p.risk_level}）" if p.risk_level else p.name for p in offers)
    names_en = ", ".join(p.name_en or p.name for p in offers)
    return replace(
        draft,
        reason_zh=f"{draft.reason_zh}；可选{within_zh}：{names_zh}",
        reason_en=f"{draft.reason_en}; options{within_en}: {names_en}",
    )


def _offers_within_grade(ctx: ActionContext) -> list[ProductRecord]:
    # the fullest use of what the client may hold first, then the catalogue's order
    offers = offers_within_grade(ctx.data, ctx.products, ctx.policy)
    return sorted(offers, key=lambda p: -(level(p.risk_level) or 0))


def offers_within_grade(
    data: ClientData, products: Mapping[str, ProductRecord], policy: Policies
) -> list[ProductRecord]:
    """The products the client may be offered, in the catalogue's order: of the kinds the bank
    counts as assets under management, offered to the client's segment, not held, and within
    the client's risk grade (a C1 client is offered R1 products only)."""
    held = {h.product_code for h in data.holdings}
    kinds = set(policy.tiering.aum_categories)
    return [
        p
        for p in products.values()
        if p.category in kinds
        and p.product_code not in held
        and offered_to(p, data.client.client_type)
        and suits(p, data.client.risk_appetite)
    ]


def generic(ctx: ActionContext, s: Signal) -> Draft:
    """A signal from a rule this module does not know: follow its playbook."""
    return _from(
        s,
        f"follow_up_{s.kind}",
        f"跟进：{s.title_zh}",
        f"Follow up: {s.title_en}",
        ctx.metrics.avg_deposit,
    )


def complaint(ctx: ActionContext, s: Signal) -> Draft:
    late = s.facts.get("overdue")
    return _from(
        s,
        "complaint_resolution",
        f"办结{s.facts.get('category', '')}投诉并回访客户"
        + ("（已逾期，报团队长）" if late else ""),
        f"Resolve the {s.facts.get('category', '')} complaint and call the client back"
        + (" (overdue: tell the team lead)" if late else ""),
        max(ctx.metrics.aum, ctx.metrics.avg_deposit),
    )


SIGNAL_ACTIONS: dict[str, Callable[[ActionContext, Signal], Draft]] = {
    "deposit_churn": churn,
    "maturity": maturity,
    "product_gap": product_gap,
    "suitability": suitability,
    "dormancy": dormancy,
    "growth": growth,
    "complaint": complaint,
}


def service_cadence(ctx: ActionContext) -> Draft | None:
    """The tier's service standard asks for contact every N days and it has been longer."""
    standard = ctx.policy.tiering.service_standards.get(ctx.tier.tier)
    days = ctx.metrics.days_since_last_interaction
    if standard is None or (days is not None and days <= standard.contact_every_days):
        return None
    every = standard.contact_every_days
    since_zh = f"已 {days} 天未联系" if days is not None else "尚无联系记录"
    since_en = f"last contact {days} days ago" if days is not None else "no contact on record"
    due = ctx.as_of - timedelta(days=days - every) if days is not None else ctx.as_of
    return Draft(
        kind="service_cadence",
        title_zh=f"按{ctx.tier.label_zh}服务标准联系客户",
        title_en=f"Contact the client per the {ctx.tier.label_en} service standard",
        reason_zh=f"{since_zh}，标准为每 {every} 天至少联系一次",
        reason_en=f"{since_en}; the standard is at least every {every} days",
        stake=max(ctx.metrics.aum, ctx.metrics.avg_deposit),
        due_date=due,
        playbook=standard.playbook,
    )


def _holds(ctx: ActionContext, categories: tuple[str, ...]) -> bool:
    return any(category_of(h.product_code, ctx.products) in categories for h in ctx.data.holdings)


def synergy(ctx: ActionContext) -> Draft | None:
    """A payroll company with many employees: bring its staff to retail banking (公私联动)."""
    employees = ctx.data.client.employees or 0
    minimum = ctx.policy.signals.product_gap.payroll_min_employees
    if (
        ctx.data.client.client_type != "corporate"
        or employees < minimum
        or not _holds(ctx, ctx.policy.signals.product_gap.payroll_categories)
    ):
        return None
    return Draft(
        kind="corporate_retail_synergy",
        title_zh="公私联动：为代发员工提供个人金融服务",
        title_en="Corporate-retail synergy: serve the payroll employees",
        reason_zh=f"员工 {employees} 人且已在我行代发",
        reason_en=f"{employees} employees paid through the bank",
        stake=ctx.metrics.avg_deposit,
        due_date=None,
        playbook=ctx.policy.signals.actions.corporate_retail_synergy.playbook,
    )


def fx_hedging(ctx: ActionContext) -> Draft | None:
    """An exporter without FX hedging carries the currency risk on its own books."""
    client = ctx.data.client
    rule = ctx.policy.signals.actions.fx_hedging
    codes = {h.product_code for h in ctx.data.holdings}
    by_industry = client.industry in rule.export_industries
    if not (by_industry or codes & rule.export_products) or _holds(ctx, rule.categories):
        return None
    offer = _fx_product(ctx)
    zh, en = ctx.name(offer)
    why_zh = "外贸行业" if by_industry else "使用出口贸易融资"
    why_en = "foreign-trade industry" if by_industry else "uses export trade finance"
    return Draft(
        kind="fx_hedging",
        title_zh=f"推荐汇率避险{f'（{zh}）' if offer else ''}",
        title_en=f"Propose FX hedging{f' ({en})' if offer else ''}",
        reason_zh=f"{why_zh}，未做汇率避险",
        reason_en=f"{why_en}, no FX hedging in place",
        stake=ctx.metrics.avg_deposit,
        due_date=None,
        playbook=rule.playbook,
        product_code=offer,
    )


def _fx_product(ctx: ActionContext) -> str | None:
    """The lowest-risk hedging product the client's risk appetite allows (or the lowest-risk)."""
    options = sorted(
        (
            p
            for p in ctx.products.values()
            if p.category in ctx.policy.signals.actions.fx_hedging.categories
        ),
        key=lambda p: (level(p.risk_level) or 9, p.product_code),
    )
    appetite = level(ctx.data.client.risk_appetite)
    allowed = [p for p in options if appetite is None or (level(p.risk_level) or 9) <= appetite]
    chosen = allowed or options
    return chosen[0].product_code if chosen else None


def risk_watch(ctx: ActionContext, overlay: RiskOverlay, rating: str) -> Draft:
    """A client on the bank's risk watch list: visited by the watch standard (from the last
    contact), whatever the value tier asks."""
    days = ctx.metrics.days_since_last_interaction
    every = overlay.visit_every_days
    due = ctx.as_of if days is None else ctx.as_of - timedelta(days=days - every)
    return Draft(
        kind="risk_watch",
        title_zh=f"按{overlay.label_zh}标准走访（评级 {rating}）",
        title_en=f"Visit per the {overlay.label_en} standard (rating {rating})",
        reason_zh=overlay.standard_zh,
        reason_en=overlay.standard_en,
        stake=max(ctx.metrics.loan_balance, ctx.metrics.avg_deposit),
        due_date=due,
        playbook=overlay.playbook,
    )


PROFILE_ACTIONS: tuple[Callable[[ActionContext], Draft | None], ...] = (
    service_cadence,
    synergy,
    fx_hedging,
)
