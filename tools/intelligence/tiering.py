"""Customer tiering (客户分层): the first tier, from the top, any of whose rules holds — or,
when the policy names a ``source`` column, the tier the bank's own extract gives the client.

The result carries the rule that decided it and a sentence an RM can repeat to a client or a
team lead ("核心客户：日均存款 5,230 万 ≥ 5,000 万"). A client in the bottom tier is explained
against the nearest rule of the tier above, which is what the RM needs to plan an upgrade.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict

from tools.bank.records import ClientData, ClientRecord, ProductRecord
from tools.intelligence.fmt import money_en, money_zh
from tools.intelligence.metrics import ClientMetrics, compute_metrics
from tools.intelligence.policy import Policies, TierDefinition, TierRule, TierSource

# metric -> (zh label, en label)
METRIC_LABELS = {
    "avg_deposit": ("日均存款", "average daily deposits"),
    "loan_balance": ("贷款余额", "loan balance"),
    "product_count": ("持有产品", "product categories held"),
    "aum": ("金融资产", "financial assets (AUM)"),
}


class TierResult(BaseModel):
    model_config = ConfigDict(frozen=True)

    tier: str
    label_zh: str
    label_en: str
    rank: int  # 0 = the top tier of the client's ladder
    ladder_size: int
    rule_metric: str | None
    value: float | None
    threshold: float | None
    explanation_zh: str
    explanation_en: str
    watch: str | None = None  # the rating that puts the client on the risk watch list


def _shown(metric: str, amount: float) -> tuple[str, str, str]:
    """(zh value, en value, en threshold-style value) for one metric."""
    if metric == "product_count":
        n = f"{amount:g}"
        return f"{n} 类", n, n
    return money_zh(amount), money_en(amount), money_en(amount, currency=False)


def _met(definition: TierDefinition, metrics: ClientMetrics) -> TierRule | None:
    return next((r for r in definition.rules if metrics.value(r.metric) >= r.gte), None)


def _closest(definition: TierDefinition, metrics: ClientMetrics) -> TierRule | None:
    """The rule of ``definition`` the client is nearest to meeting (highest value/threshold)."""
    rules = [r for r in definition.rules if r.gte > 0]
    return max(rules, key=lambda r: metrics.value(r.metric) / r.gte, default=None)


def _matched(
    definition: TierDefinition, rule: TierRule, metrics: ClientMetrics, rank: int, size: int
) -> TierResult:
    zh_label, en_label = METRIC_LABELS[rule.metric]
    value = metrics.value(rule.metric)
    v_zh, v_en, _ = _shown(rule.metric, value)
    t_zh, _, t_en = _shown(rule.metric, rule.gte)
    return TierResult(
        tier=definition.tier,
        label_zh=definition.label_zh,
        label_en=definition.label_en,
        rank=rank,
        ladder_size=size,
        rule_metric=rule.metric,
        value=value,
        threshold=rule.gte,
        explanation_zh=f"{definition.label_zh}：{zh_label} {v_zh} ≥ {t_zh}",
        explanation_en=f"{definition.label_en}: {en_label} {v_en} ≥ {t_en}",
    )


def _fallback(
    definition: TierDefinition, above: TierDefinition | None, metrics: ClientMetrics, rank: int
) -> TierResult:
    rule = _closest(above, metrics) if above else None
    base: dict[str, Any] = {
        "tier": definition.tier,
        "label_zh": definition.label_zh,
        "label_en": definition.label_en,
        "rank": rank,
        "ladder_size": rank + 1,
    }
    if rule is None or above is None:
        return TierResult(
            **base,
            rule_metric=None,
            value=None,
            threshold=None,
            explanation_zh=f"{definition.label_zh}：未达更高层级标准",
            explanation_en=f"{definition.label_en}: no higher tier's rule is met",
        )
    zh_label, en_label = METRIC_LABELS[rule.metric]
    value = metrics.value(rule.metric)
    v_zh, v_en, _ = _shown(rule.metric, value)
    t_zh, _, t_en = _shown(rule.metric, rule.gte)
    return TierResult(
        **base,
        rule_metric=rule.metric,
        value=value,
        threshold=rule.gte,
        explanation_zh=f"{definition.label_zh}：{zh_label} {v_zh}，未达{above.label_zh}门槛 {t_zh}",
        explanation_en=f"{definition.label_en}: {en_label} {v_en}, below the {above.label_en} threshold of {t_en}",
    )


def _given(source: TierSource, ladder: tuple[TierDefinition, ...], value: str) -> TierResult | None:
    """The tier the extract's column gives, explained by its source ("分行级：行内评级")."""
    rank = next((i for i, d in enumerate(ladder) if d.holds(value)), None)
    if rank is None and source.labels == "policy":
        return None
    definition = ladder[rank] if rank is not None else None
    own = source.labels == "extract"
    zh = value if own or definition is None else definition.label_zh
    en = value if own or definition is None else definition.label_en
    shown_zh = "" if value == zh else f" {value}"
    shown_en = "" if value == en else f" {value}"
    return TierResult(
        tier=definition.tier if definition else value,
        label_zh=zh,
        label_en=en,
        rank=rank if rank is not None else len(ladder) - 1,
        ladder_size=len(ladder),
        rule_metric=None,
        value=None,
        threshold=None,
        explanation_zh=f"{zh}：{source.basis_zh}{shown_zh}",
        explanation_en=f"{en}: {source.basis_en}{shown_en}",
    )


def tier_from_metrics(
    client_type: str,
    metrics: ClientMetrics,
    policy: Policies,
    client: ClientRecord | None = None,
) -> TierResult:
    """Tier a client whose metrics are already computed (the book path computes them once).

    With ``client`` and a policy ``source``, the extract's own tier wins where it is given."""
    return _watched(_value_tier(client_type, metrics, policy, client), policy, client)


def _value_tier(
    client_type: str, metrics: ClientMetrics, policy: Policies, client: ClientRecord | None
) -> TierResult:
    ladder = policy.tiering.ladder(client_type)
    source = policy.tiering.source
    if source is not None and client is not None:
        value = str(client.attributes.get(source.column) or "").strip()
        given = _given(source, ladder, value) if value else None
        if given is not None:
            return given
    for rank, definition in enumerate(ladder):
        if definition.is_fallback:
            return _fallback(definition, ladder[rank - 1] if rank else None, metrics, rank)
        rule = _met(definition, metrics)
        if rule is not None:
            return _matched(definition, rule, metrics, rank, len(ladder))
    raise AssertionError("policy validation guarantees a fallback tier")  # pragma: no cover


def _watched(tier: TierResult, policy: Policies, client: ClientRecord | None) -> TierResult:
    """The value tier, its explanation extended by the risk overlay when the client's rating
    is on the bank's watch list (tiering by value, needs and risk)."""
    overlay = policy.tiering.risk_overlay
    rating = overlay.watches(client) if overlay is not None and client is not None else None
    if overlay is None or rating is None:
        return tier
    return tier.model_copy(
        update={
            "watch": rating,
            "explanation_zh": f"{tier.explanation_zh}；{overlay.label_zh}（评级 {rating}）：{overlay.standard_zh}",
            "explanation_en": f"{tier.explanation_en}; {overlay.label_en} (rating {rating}): {overlay.standard_en}",
        }
    )


def assign_tier(
    data: ClientData,
    products: Mapping[str, ProductRecord],
    policy: Policies,
    metrics: ClientMetrics | None = None,
) -> TierResult:
    """The client's tier under ``policy``, with the deciding rule and a bilingual explanation."""
    metrics = metrics or compute_metrics(data, products, policy.tiering.aum_categories)
    return tier_from_metrics(data.client.client_type, metrics, policy, data.client)


def next_tier(
    client_type: str, metrics: ClientMetrics, policy: Policies, current: TierResult
) -> dict | None:
    """The tier above ``current`` on the client's ladder and the nearest of its rules the
    client does not yet meet ("为啥不是核心？差多少"): the tier's labels, the metric, the
    threshold, the client's value and what is missing — a gap of 0 or less when the client
    already meets a rule of it (a bank's own rating kept it lower). None at the top."""
    ladder = policy.tiering.ladder(client_type)
    if not 0 < current.rank < len(ladder):
        return None
    above = ladder[current.rank - 1]
    gaps = [(r.gte - metrics.value(r.metric), r) for r in above.rules]
    if not gaps:
        return None
    gap, rule = min(gaps, key=lambda g: g[0] / g[1].gte if g[1].gte else g[0])
    return {
        "tier": above.tier,
        "label_zh": above.label_zh,
        "label_en": above.label_en,
        "metric": rule.metric,
        "threshold": rule.gte,
        "value": round(metrics.value(rule.metric), 2),
        "gap": round(gap, 2),
    }
