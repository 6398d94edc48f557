"""The typed question about a book (客户名单查询) that both engines ask through ``list_book``.

The offline engine parses it from the RM's words (``assistant/engines/offline/book_parse.py``),
the LLM agent fills it as the tool's argument schema; the executor
(``tools.intelligence.book.select``) and the description an answer leads with
(``describe``) read the same fields, so an RM sees what was understood ("按贷款余额排序，前 3 名").

Products are named the way an RM names them ("代发", "LC", "cash pooling") and resolved through
the bank's catalogue by the tool; RMs by name or id, within the caller's entitlement.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from pydantic import BaseModel, Field

SignalKind = Literal[
    "deposit_churn", "maturity", "product_gap", "dormancy", "growth", "suitability", "complaint"
]
# What a book can be ranked or thresholded by. ``value`` is what "biggest" means for the
# client's segment (AUM for retail, average daily deposits for corporate). ``deposit`` is the
# newest month's average daily deposit (月日均), the figure an RM means by "deposits";
# ``deposit_3m`` the last three months' mean (近三月日均), which tiers are measured on.
Measure = Literal[
    "value",
    "deposit",
    "deposit_3m",
    "loan",
    "aum",
    "deposit_change",
    "deposit_outflow",
    "days_since_contact",
    "days_to_maturity",
    "urgency",
    "employees",
    "revenue",
    "age",
    "maturing_amount",
]
# The sort keys of the first version of the schema, kept so old calls still validate.
LegacySort = Literal["trend", "maturity"]
LEGACY_SORTS: dict[str, Measure] = {"trend": "deposit_change", "maturity": "days_to_maturity"}
# Measures ranked smallest first unless the question says otherwise.
ASCENDING: frozenset[str] = frozenset({"deposit_change", "days_to_maturity"})
DEFAULT_SHOWN = 20


# The bound that means "never contacted": ten years, longer than any book's history.
NEVER_CONTACTED = 3660


class Threshold(BaseModel):
    """One measure against a bound: money in CNY, ``deposit_change`` as a signed ratio
    (-0.2: down 20% on the prior three months, by the 3-month average or the latest month),
    days as days."""

    measure: Measure
    op: Literal["gte", "lte"] = Field(description="gte: at least the value; lte: at most")
    value: float


class BookQuery(BaseModel):
    """Filters (all optional, combined with AND), a sort, and how many to show."""

    tier: str | None = Field(
        default=None,
        description="Tier key or label: strategic, core, key, basic, private, wealth, affluent, "
        "mass, or the bank's own tier label",
    )
    tiers: list[str] = Field(
        default_factory=list,
        description="More tiers, any of them with `tier` (战略和核心客户: tier strategic, tiers [core])",
    )
    client_type: Literal["corporate", "retail"] | None = Field(default=None, description="Segment")
    needs_segment: str | None = Field(
        default=None,
        description="Needs-based segment (life stage of a retail client, business stage of a "
        "company) as the bank's tiering policy names it: its key or label",
    )
    industry: str | None = Field(default=None, description="Industry as the extract names it")
    signal: SignalKind | None = Field(default=None, description="Only clients showing this signal")
    holds: list[str] = Field(
        default_factory=list,
        description="Products the client holds, as an RM names them (代发, LC, 资金池, payroll, "
        "大额存单) or by product code; several: all of them (see holds_any)",
    )
    holds_any: bool = Field(
        default=False,
        description="With several `holds`: any one of them is enough (理财/基金/保险, fund or "
        "insurance) rather than all",
    )
    lacks: list[str] = Field(
        default_factory=list, description="Products the client does not hold (same naming)"
    )
    signal_overdue: bool = Field(
        default=False,
        description="Only clients with a signal past its deadline (of `signal`, when given): "
        "超期投诉, overdue complaints",
    )
    risk_watch: bool = Field(
        default=False,
        description="Only clients on the bank's risk watch list (风险关注: their internal rating "
        "is one the tiering policy watches)",
    )
    product_gap: str | None = Field(
        default=None,
        description="Only clients with a product-gap signal for this product code",
    )
    maturity_within_days: int | None = Field(
        default=None,
        ge=0,
        le=3660,
        description="A holding matures within N days (of the products in `holds`, when given)",
    )
    maturity_from_days: int | None = Field(
        default=None,
        ge=0,
        le=3660,
        description="…and no sooner than N days from now (a named month: 12月到期, in December)",
    )
    no_contact_days: int | None = Field(
        default=None,
        ge=1,
        le=NEVER_CONTACTED,
        description=f"No recorded contact for at least N days ({NEVER_CONTACTED}: none on record)",
    )
    contacted_within_days: int | None = Field(
        default=None,
        ge=1,
        le=3650,
        description="A recorded contact within the last N days ('who have I been in touch with')",
    )
    contact_overdue: bool = Field(
        default=False,
        description="Past the tier's service standard: no contact within the tier's contact "
        "interval (按分层服务标准超期未联系, overdue for contact)",
    )
    thresholds: list[Threshold] = Field(
        default_factory=list, description="Bounds on deposits, loans, AUM, deposit change"
    )
    risk_appetite: str | None = Field(default=None, description="Client risk appetite (C1..C5)")
    product_risk_at_least: str | None = Field(
        default=None, description="Holds a product of at least this risk level (R1..R5)"
    )
    suitable_for: str | None = Field(
        default=None,
        description="May buy a product of this risk level (R1..R5): risk appetite C ≥ R",
    )
    risk_mismatch: bool = Field(
        default=False, description="Holds a product riskier than the client's risk appetite"
    )
    rm: str | None = Field(
        default=None,
        description="Team leads: one RM of their team, by name or RM id (an RM: only themself)",
    )
    group_by_rm: bool = Field(
        default=False, description="Team leads: count the matches per RM of the team"
    )
    follow_up_gaps: bool = Field(
        default=False, description="Clients whose required follow-up is overdue"
    )
    include_pending: bool = Field(
        default=False,
        description="With follow_up_gaps: also follow-ups not yet made whose deadline is still ahead",
    )
    sort_by: Measure | LegacySort = Field(
        default="urgency", description="Measure to rank by (urgency: nearest signal deadline)"
    )
    descending: bool | None = Field(
        default=None,
        description="Largest first (default for money and urgency; smallest first for "
        "deposit_change and days_to_maturity)",
    )
    among: list[str] = Field(
        default_factory=list,
        description="Only these clients: the ids of a list already shown ('which of them …')",
    )
    count_only: bool = Field(default=False, description="The question asks how many")
    limit: int = Field(default=DEFAULT_SHOWN, ge=1, le=200, description="How many to show")

    def narrows(self) -> bool:
        """Whether the query picks some clients of the caller's reach (a filter, or one RM of a
        team lead's), not the whole of it (the order and the count only shape the answer)."""
        shape = {"sort_by", "descending", "limit", "count_only", "group_by_rm"}
        return bool(self.model_dump(exclude_defaults=True).keys() - shape)

    def measure(self) -> Measure:
        return LEGACY_SORTS.get(self.sort_by, self.sort_by)  # type: ignore[arg-type,return-value]

    def is_descending(self) -> bool:
        return self.descending if self.descending is not None else self.measure() not in ASCENDING


MEASURE_WORDS: dict[str, tuple[str, str]] = {
    "value": ("客户价值（对公日均存款 / 零售金融资产）", "client value (deposits / AUM)"),
    "deposit": ("最新月日均存款", "average daily deposits, latest month"),
    "deposit_3m": ("近三月日均存款", "3-month average daily deposits"),
    "loan": ("贷款余额", "loan balance"),
    "aum": ("金融资产", "AUM"),
    "deposit_change": ("存款变化（近三月较前三月）", "deposit change vs the prior 3 months"),
    "deposit_outflow": (
        "存款流出金额（按流失预警规则比较的月份）",
        "deposit outflow (over the months the churn rule compares)",
    ),
    "days_since_contact": ("距上次接触天数", "days since the last contact"),
    "age": ("年龄", "age"),
    "maturing_amount": ("最近一笔到期金额", "amount maturing next"),
    "days_to_maturity": ("到期日", "maturity date"),
    "urgency": ("处理紧迫程度", "urgency"),
    "employees": ("员工人数", "employees"),
    "revenue": ("年营业收入", "annual revenue"),
}
SIGNAL_WORDS: dict[str, tuple[str, str]] = {
    "complaint": ("未结投诉", "open complaint"),
    "deposit_churn": ("存款流失预警", "deposit churn"),
    "maturity": ("产品到期", "maturity"),
    "product_gap": ("产品缺口", "product gap"),
    "dormancy": ("休眠", "dormancy"),
    "growth": ("增长", "growth"),
    "suitability": ("适当性不匹配", "suitability mismatch"),
}


def signal_word(kind: str, language: str) -> str:
    """A signal kind as an RM says it ("存款流失预警", "deposit churn"); an unknown kind as is."""
    zh, en = SIGNAL_WORDS.get(kind, (kind, kind))
    return zh if language == "zh" else en


def _money(value: float, zh: bool) -> str:
    if zh:
        return f"{value / 1e8:g} 亿元" if value >= 1e8 else f"{value / 1e4:g} 万元"
    return f"{value / 1e6:g}m" if value >= 1e6 else f"{value / 1e3:g}k"


def _bound(t: Threshold, zh: bool) -> str:
    if t.measure == "deposit_change":
        pct = f"{abs(t.value):.0%}"
        down = t.value < 0
        if zh:
            return f"存款（近三月日均或最新月）较前三月{'下降' if down else '增长'}{pct}以上"
        return (
            f"deposits (3-month average or latest month) {'down' if down else 'up'} {pct}+ "
            "on the prior 3 months"
        )
    name = MEASURE_WORDS[t.measure][0 if zh else 1]
    if t.measure == "age":
        years = f"{t.value:g}"
        if zh:
            return f"年龄{'不低于' if t.op == 'gte' else '不超过'} {years} 岁"
        return f"aged {years}{'+' if t.op == 'gte' else ' or under'}"
    if t.measure == "employees":
        people = f"{t.value:g} 人" if zh else f"{t.value:g}"
        return (
            f"{name}{'不少于' if t.op == 'gte' else '不超过'} {people}"
            if zh
            else (f"{name} {'≥' if t.op == 'gte' else '≤'} {people}")
        )
    days = t.measure.startswith("days")
    if not days and (t.op, t.value) in (("gte", 1.0), ("lte", 0.0)):
        # "有贷款" / "没有贷款": any balance or none, not a bound of one yuan
        have = t.op == "gte"
        return (
            (f"有{name}" if have else f"无{name}")
            if zh
            else (f"{name} > 0" if have else f"no {name}")
        )
    if zh:
        amount = f"{t.value:g} 天" if days else _money(t.value, zh)
        return f"{name}{'不低于' if t.op == 'gte' else '不超过'} {amount}"
    amount = f"{t.value:g} days" if days else _money(t.value, zh)
    return f"{name} {'≥' if t.op == 'gte' else '≤'} {amount}"


def _filters(q: BookQuery, zh: bool, rm_label: str | None) -> list[str]:
    i = 0 if zh else 1
    out = []
    if rm_label:
        out.append(f"{rm_label} 名下" if zh else f"{rm_label}'s clients")
    if q.among:
        n = len(q.among)
        out.append(f"上一份名单中的 {n} 位" if zh else f"among the {n} clients just shown")
    if q.tier or q.tiers:
        said = "、".join([*([q.tier] if q.tier else []), *q.tiers])
        out.append(f"层级：{said}" if zh else f"tier: {said.replace('、', ' or ')}")
    if q.client_type:
        out.append(
            {"corporate": ("对公", "corporate"), "retail": ("零售", "retail")}[q.client_type][i]
        )
    if q.needs_segment:
        out.append(f"需求分群：{q.needs_segment}" if zh else f"needs segment: {q.needs_segment}")
    if q.industry:
        out.append(f"行业：{q.industry}" if zh else f"industry: {q.industry}")
    if q.signal:
        out.append(SIGNAL_WORDS[q.signal][i])
    if q.signal_overdue:
        out.append("已超过处理期限" if zh else "past its deadline")
    if q.risk_watch:
        out.append("风险关注名单" if zh else "on the risk watch list")
    if q.holds:
        joined = ("或" if zh else " or ") if q.holds_any else ("和" if zh else " and ")
        out.append(("持有" if zh else "holding ") + joined.join(q.holds))
    if q.lacks:
        out.append(("未持有" if zh else "without ") + "/".join(q.lacks))
    if q.product_gap:
        out.append(("缺口产品 " if zh else "gap: ") + q.product_gap)
    if q.maturity_within_days is not None:
        d, start = q.maturity_within_days, q.maturity_from_days
        if start:
            out.append(
                f"{start}–{d} 天后有产品到期" if zh else f"a holding matures in {start}–{d} days"
            )
        else:
            out.append(f"{d} 天内有产品到期" if zh else f"a holding matures within {d} days")
    if q.no_contact_days:
        d = q.no_contact_days
        if d >= NEVER_CONTACTED:
            out.append("从未接触" if zh else "no contact on record")
        else:  # the bound is at least d days: "d 天及以上", not "超过 d 天"
            out.append(f"{d} 天及以上未接触" if zh else f"no contact for {d}+ days")
    if q.contact_overdue:
        out.append("超过所在层级服务标准的联系间隔" if zh else "past the tier's contact interval")
    if recent := q.contacted_within_days:
        out.append(f"近 {recent} 天内有接触" if zh else f"contacted within the last {recent} days")
    out += [_bound(t, zh) for t in q.thresholds]
    if q.risk_appetite:
        out.append(f"风险偏好 {q.risk_appetite}" if zh else f"risk appetite {q.risk_appetite}")
    if q.product_risk_at_least:
        r = q.product_risk_at_least
        out.append(f"持有 {r} 及以上产品" if zh else f"holding {r} or riskier products")
    if q.suitable_for:
        r = q.suitable_for
        out.append(f"风险承受能力可购买 {r} 产品" if zh else f"suitable for {r} products")
    if q.risk_mismatch:
        out.append(
            "持有产品风险高于风险承受能力" if zh else "holding products above their risk appetite"
        )
    if q.follow_up_gaps and q.include_pending:
        out.append("尚未跟进（含未到期限）" if zh else "not yet followed up (open or late)")
    elif q.follow_up_gaps:
        out.append("跟进逾期" if zh else "overdue follow-ups")
    return out


def describe(
    q: BookQuery,
    language: str,
    rm_label: str | None = None,
    tier_labels: Mapping[str, str] | None = None,
    product_names: Mapping[str, str] | None = None,
) -> str:
    """The query as the RM should read it back: "按贷款余额排序，前 3 名；条件：对公".
    ``tier_labels``: each tier key as the bank names it in ``language`` ("strategic" ->
    "战略客户"); a tier the RM said in other words is shown as said. ``product_names``: a
    product code as the catalogue names it in ``language``."""
    zh = language == "zh"
    q = _in_words(q, zh, tier_labels, product_names)
    filters = _filters(q, zh, rm_label)
    if q.group_by_rm:
        head = "按客户经理汇总" if zh else "per RM of the team"
    elif q.count_only:
        head = "计数" if zh else "count"
    else:
        measure = MEASURE_WORDS[q.measure()][0 if zh else 1]
        order = q.is_descending()
        if zh:
            head = f"按{measure}{'从高到低' if order else '从低到高'}排序"
        else:
            head = f"by {measure}, {'highest' if order else 'lowest'} first"
        if q.limit < DEFAULT_SHOWN:
            head += f"，前 {q.limit} 名" if zh else f", top {q.limit}"
    if zh:
        return head + ("；条件：" + "，".join(filters) if filters else "")
    return head + ("; where " + ", ".join(filters) if filters else "")


def describe_segment(
    q: BookQuery,
    language: str,
    rm_label: str | None = None,
    tier_labels: Mapping[str, str] | None = None,
    product_names: Mapping[str, str] | None = None,
) -> str:
    """The clients a query selects, without its order (a campaign's segment): "层级：核心客户，
    对公" or "全部客户"."""
    zh = language == "zh"
    filters = _filters(_in_words(q, zh, tier_labels, product_names), zh, rm_label)
    if not filters:
        return "全部客户" if zh else "every client"
    return "，".join(filters) if zh else ", ".join(filters)


def _in_words(
    q: BookQuery,
    zh: bool,
    tier_labels: Mapping[str, str] | None,
    product_names: Mapping[str, str] | None,
) -> BookQuery:
    """Tier and needs-segment keys and a gap's product code as the bank names them."""
    if tier_labels:
        said = [tier_labels.get(t, t) for t in [q.tier, *q.tiers] if t]
        q = q.model_copy(update={"tier": said[0] if said else None, "tiers": said[1:]})
        if q.needs_segment:
            q = q.model_copy(
                update={"needs_segment": tier_labels.get(q.needs_segment, q.needs_segment)}
            )
    if q.product_gap and product_names and q.product_gap in product_names:
        # "gap: SAL-AGENCY" reads as "gap: Salary Agency (SAL-AGENCY)"
        q = q.model_copy(
            update={"product_gap": f"{product_names[q.product_gap]}（{q.product_gap}）"
                    if zh else f"{product_names[q.product_gap]} ({q.product_gap})"}
        )  # fmt: skip
    return q
