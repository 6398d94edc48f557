"""The figure a client question asks for, answered first: "贷款余额多少", "现在日均多少",
"deposits trend last 6 months", "最近有交易吗".

The profile's snapshot rounds for reading at a glance (1,141 万) and averages over three months;
a question that names one figure wants that figure as the bank holds it — to the yuan, for the
latest month the extract has — or, for a trend, the months themselves and which way they went.
"""

from __future__ import annotations

import re

from assistant.engines.offline.numbers import NUMBER, number
from tools.intelligence.fmt import exact_en, exact_zh, money_en, money_zh, percent, zh_count

IC = re.I
# What a question about one client may ask for; several may be asked at once.
ASKED: list[tuple[str, re.Pattern[str]]] = [
    (
        "trend",
        re.compile(
            r"趋势|走势|变化|波动|每个?月|逐月|按月|近\s*\S{1,3}\s*个?月|过去\s*\S{1,3}\s*个?月|半年|"
            r"\btrend(s|ing)?\b|\bmonth(ly| by month| on month)\b|\bover (the )?(last|past)\b|"
            r"\b(last|past) \w+ months\b",
            IC,
        ),
    ),
    (
        "transactions",
        re.compile(r"交易|流水|动账|转账|\btransactions?\b|\btransacted\b|\bactivity\b", IC),
    ),
    (
        "maturity",
        re.compile(
            r"到期|\bmatur(?:e|es|ed|ing|ity|ities)\b|\bcom(?:e|es|ing) due\b|\bfalls? due\b|"
            r"\bexpir(?:e|es|ing|y)\b",
            IC,
        ),
    ),
    # "今年多大岁数了", "how old is she": read off the ID's date of birth, never the number
    (
        "age",
        re.compile(r"多大(?:岁数|年纪|了)|今年多大|岁数|年纪|年龄|几岁|\bhow old\b|\bage\b", IC),
    ),
    # "年营收多少", "annual revenue?": the figure the extract holds for a company
    (
        "revenue",
        re.compile(
            r"营收|营业收入|年收入|销售收入|销售额|\brevenues?\b|\bturnover\b|\bsales\b", IC
        ),
    ),
    # "流出了多少", "how much left": the last three months against the three before
    (
        "outflow",
        re.compile(
            r"流出|流失|转走|\boutflows?\b|\bhow much (?:has )?(?:left|gone|moved)\b|"
            # "比之前掉了多少", "how much did it drop": a fall in deposits, measured as the outflow
            r"(?:掉|降|跌|少|下降|下滑)了?(?:多少|几成)|"
            r"\bhow (?:much|far) (?:did|has|have) (?:it|they|deposits?|the deposits?) (?:drop|fall|fell|dropped|fallen|declined?)\b",
            IC,
        ),
    ),
    # "为啥不是核心？差多少", "how far from the next tier": the tier above and what is missing
    (
        "tier_gap",
        re.compile(
            r"(?:为啥|为什么|怎么|咋)(?:还)?不是|还?差多少|差(?:了)?(?:多少|几)|够不上|升(?:到|级|为|档)|"
            r"上一(?:层|档|级)|\bhow far (?:from|off|short)\b|\bhow much more\b|\bwhy (?:is|isn'?t|are|aren'?t)\b"
            r".{0,30}\bnot\b|\bwhy not\b|\bshort of\b|\bnext tier\b|\bto (?:reach|make|qualify for|move up)\b",
            IC,
        ),
    ),
    ("loan", re.compile(r"贷款|借款|按揭|授信余额|\bloans?\b|\bmortgages?\b|\bborrow", IC)),
    (
        "deposit",
        re.compile(
            r"日均|存款|余额|\bdeposits?\b|\b(avg|average) daily\b|\bbalances?\b|\bADB\b", IC
        ),
    ),
]
OUTFLOW_WORD = re.compile(r"流出|流失|转走|\boutflows?\b", IC)
DEPOSIT_WORD = re.compile(r"日均|存款|\bdeposits?\b|\bdaily\b", IC)
# "近6个月", "last six months", "半年", "past year": how far back a trend looks.
WINDOW = re.compile(
    rf"(?:近|过去|最近)\s*({NUMBER})\s*个?月|\b(?:last|past)\s+({NUMBER})\s+months?\b|"
    r"(半年)|(一年|全年|\b(?:last|past) (?:12 months|year)\b)",
    IC,
)
TREND_MONTHS = 6  # "trend" with no window: half a year, the tiering's review horizon
IDLE_MONTHS = 3  # "any transactions lately?": the last quarter
STEADY = 0.05  # a change smaller than this over the window reads as flat, not a trend


def asked(text: str) -> list[str]:
    """The figures ``text`` asks for, in answer order. A deposit trend is one figure: "存款走势"
    asks for the trend, not also for today's deposit."""
    found = [name for name, rx in ASKED if rx.search(text)]
    if "loan" in found and not DEPOSIT_WORD.search(text):
        found = [f for f in found if f != "deposit"]  # "贷款余额" / "loan balance": the loan's
    if "outflow" in found and "loan" in found and not OUTFLOW_WORD.search(text):
        found = [f for f in found if f != "outflow"]  # "贷款少了多少": the loan fell, not deposits
    if ("trend" in found or "outflow" in found) and "loan" not in found:
        found = [f for f in found if f != "deposit"]  # "存款流出了多少": the outflow's line
    if "maturity" in found and not DEPOSIT_WORD.search(text):
        found = [f for f in found if f != "deposit"]  # "到期余额多少": what matures, not today's
    return found


# "3月", "三月份", "March", "2026-03": one month named, whose figure is asked ("三月份呢" after
# "6月日均多少": the same figure, of that month).
MONTH_NAMES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
NAMED_MONTH = re.compile(
    # not "近三月" / "过去3月" / "前两月" (a span of months), nor "3个月"
    r"(?<![\d年近前后去这上下本每几两])(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月(?:份)?"
    r"(?!\s*(?:内|以内|之内|后|底前|以来))|"
    r"\d{4}[-/年](\d{1,2})(?:月)?(?![\d日号])|"
    # "may" only where it is the month ("in May", "May 2026"), never "may I"
    r"\b(" + "|".join(m for m in MONTH_NAMES if m != "may") + r")[a-z]*\b|"
    r"\b(?:in|of|for|since) (may)\b|\b(may)(?=\s*\d{4}\b|'s\b)",
    IC,
)


# "三月份呢", "and March?": a month alone after a figure asked — the same figure, of that month
MONTH_ALONE = re.compile(
    r"^\s*(?:那|那么|还有)?\s*\S{1,8}\s*(?:呢|的呢|的)\s*[?？]?\s*$|^\s*(?:and|what about|how about)\b",
    IC,
)


def named_month(text: str, months: list[dict]) -> dict | None:
    """The month of ``months`` the text names (the latest of that calendar month); None when
    it names none, or one the extract does not hold."""
    m = NAMED_MONTH.search(text)
    if m is None:
        return None
    if word := m.group(3) or m.group(4) or m.group(5):
        wanted = MONTH_NAMES.index(word.lower()[:3]) + 1
    else:
        raw = m.group(1) or m.group(2)
        value = number(raw)
        wanted = int(value) if value else 0
    if not 1 <= wanted <= 12:
        return None
    held = [row for row in months if str(row.get("month", "")).endswith(f"-{wanted:02d}")]
    return held[-1] if held else None


def lead(text: str, profile: dict, language: str, *, product_named: bool = False) -> list[str]:
    """The lines answering the asked figures, before the snapshot; empty when none is asked or
    the extract holds no months for the client. ``product_named``: the question named a product,
    whose own line already says when it matures."""
    months = profile.get("months") or []
    zh = language == "zh"
    lines: list[str] = []
    month = named_month(text, months)
    wanted = asked(text) or (["deposit"] if month and MONTH_ALONE.search(text) else [])
    if month and month is not months[-1]:
        for name in [n for n in wanted if n in ("deposit", "loan")]:
            key = "loan_balance" if name == "loan" else "avg_daily_deposit"
            lines.append(_of_month(month, key, zh))
        wanted = [n for n in wanted if n not in ("deposit", "loan")]
    for name in wanted:
        if name == "age":
            lines += _age(profile, zh)
        elif name == "revenue":
            lines += _revenue(profile, zh)
        elif name == "maturity":
            lines += [] if product_named else _maturities(profile, zh)
        elif name == "tier_gap":
            lines += _tier_gap(profile, zh)
        elif not months:
            continue
        elif name == "trend":
            lines += _trend(months[-_window(text) :], "loan" in asked(text), zh)
        elif name == "outflow":
            lines += _outflow(profile, zh)
        elif name == "transactions":
            lines.append(_transactions(months[-IDLE_MONTHS:], months, zh))
        elif name == "loan":
            lines.append(_latest(months[-1], "loan_balance", zh))
        else:
            lines.append(_latest(months[-1], "avg_daily_deposit", zh, profile))
    return lines


MATURITIES_SHOWN = 3
_METRIC_WORDS = {
    "avg_deposit": ("近三月日均存款", "3-month average daily deposits"),
    "loan_balance": ("贷款余额", "loans outstanding"),
    "aum": ("金融资产", "assets under management"),
    "product_count": ("持有产品类数", "products held"),
}


def _tier_gap(profile: dict, zh: bool) -> list[str]:
    """What the client lacks for the tier above, by the tiering policy's nearest rule; said as
    the top tier when there is none above (a bank's own rating is said as the bank's)."""
    up, label = profile.get("next_tier"), profile.get("tier_label") or ""
    if not up:
        return [
            f"已是{label}，没有更高一档的差距可算。"
            if zh
            else f"Already {label}: no tier above to measure against."
        ]
    metric = up["metric"]
    said = _METRIC_WORDS.get(metric, (metric, metric))[0 if zh else 1]
    if metric == "product_count":
        fmt = (lambda v: f"{v:g} 类") if zh else (lambda v: f"{v:g}")
        gap = fmt(up["gap"])
    else:
        fmt = money_zh if zh else money_en
        gap = exact_zh(up["gap"]) if zh else exact_en(up["gap"])
    if up["gap"] <= 0:  # the rule is met: the tier is the bank's own rating, not a shortfall
        if zh:
            return [
                f"已达到{up['label_zh']}的规则（{said} ≥ {fmt(up['threshold'])}，目前 "
                f"{fmt(up['value'])}）；现为{label}，按行内评级。"
            ]
        return [
            f"Meets the {up['label_en']} rule ({said} of at least {fmt(up['threshold'])}; the "
            f"client has {fmt(up['value'])}); the tier shown, {label}, is the bank's own rating."
        ]
    if zh:
        return [
            f"距{up['label_zh']}还差 {gap}：{up['label_zh']}要求{said} ≥ {fmt(up['threshold'])}，"
            f"目前 {fmt(up['value'])}。"
        ]
    return [
        f"{gap} short of {up['label_en']}: it needs {said} of at least {fmt(up['threshold'])}; "
        f"the client has {fmt(up['value'])}."
    ]


def _age(profile: dict, zh: bool) -> list[str]:
    """The client's age as of the bank's day; said as unknown when no date of birth is on file
    (a company, or an ID without one)."""
    age = profile.get("age")
    if age is None:
        return [
            "年龄：档案中没有出生日期，无法得知。"
            if zh
            else "Age: not on file (no date of birth is recorded)."
        ]
    return [
        f"年龄：{age} 岁（按证件出生日期）"
        if zh
        else f"Age: {age} (from the date of birth on file)"
    ]


def _revenue(profile: dict, zh: bool) -> list[str]:
    """The annual revenue the extract gives, to the yuan; said as not on file when it has none."""
    revenue = profile.get("annual_revenue")
    if revenue is None:
        return ["年营业收入：档案中没有记录。" if zh else "Annual revenue: not on file."]
    value = float(revenue)
    return [f"年营业收入：{exact_zh(value)}" if zh else f"Annual revenue: {exact_en(value)}"]


def dated_holdings(profile: dict) -> tuple[list[dict], list[dict]]:
    """The profile's holdings that have a maturity date, soonest first: (those still to mature
    from the extract's day on, all of them)."""
    dated = sorted(
        (h for h in profile.get("holdings") or [] if h.get("maturity_date")),
        key=lambda h: h["maturity_date"],
    )
    today = str(profile.get("as_of") or "")
    return [h for h in dated if h["maturity_date"] >= today], dated


def _maturities(profile: dict, zh: bool) -> list[str]:
    """ "any maturities coming up for them?", "她什么时候有到期的": the holdings that mature from
    the extract's day on, soonest first, each with its amount — or that none does."""
    due, _ = dated_holdings(profile)
    if not due:
        return ["- 没有待到期的持仓" if zh else "- Nothing they hold is due to mature"]
    exact = exact_zh if zh else exact_en
    lines = []
    for h in due[:MATURITIES_SHOWN]:
        amount = exact(h["balance"]) if h.get("balance") else None
        if zh:
            tail = f"，金额 {amount}" if amount else ""
            lines.append(
                f"- {h['maturity_date']} 到期：{h['product']}（{h['product_code']}）{tail}"
            )
        else:
            tail = f", amount {amount}" if amount else ""
            lines.append(
                f"- Matures {h['maturity_date']}: {h['product']} ({h['product_code']}){tail}"
            )
    return lines


def _outflow(profile: dict, zh: bool) -> list[str]:
    """The recent months' average daily deposit against the months before, as the bank's churn
    rule counts them (the profile's ``outflow_window``: 3 on 3 by default), and the difference:
    what has left (or come in); nothing without the months before."""
    window = (profile.get("metrics") or {}).get("outflow_window")  # the bank's churn rule's months
    if not window:
        return []
    now, before = window["recent_avg"], window["baseline_avg"]
    recent, baseline = window["recent_months"], window["baseline_months"]
    if now is None or not before:
        return []
    gone = before - now
    share = percent(abs(gone) / before)
    if zh:
        way = "减少" if gone > 0 else "增加"
        return [
            f"- 存款{'流出' if gone > 0 else '流入'}：近{zh_count(recent)}月日均 {money_zh(now)}，"
            f"较前{zh_count(baseline)}月 {money_zh(before)} {way} {exact_zh(abs(gone))}（{share}）"
        ]
    way = "down" if gone > 0 else "up"
    return [
        f"- Deposit {'outflow' if gone > 0 else 'inflow'}: {recent}-month average {money_en(now)}, "
        f"{way} {exact_en(abs(gone))} ({share}) on the {baseline} months before ({money_en(before)})"
    ]


def _window(text: str) -> int:
    m = WINDOW.search(text)
    if not m:
        return TREND_MONTHS
    if m.group(3):
        return 6
    if m.group(4):
        return 12
    value = number(m.group(1) or m.group(2) or "")
    return max(2, min(int(value or TREND_MONTHS), 12))


def _of_month(month: dict, key: str, zh: bool) -> str:
    """One named month's figure, to the yuan."""
    value, when = month[key], month["month"]
    if key == "loan_balance":
        return (
            f"- {when} 月末贷款余额：{exact_zh(value)}"
            if zh
            else f"- Loan balance ({when}): {exact_en(value)}"
        )
    if zh:
        return f"- {when} 日均存款：{exact_zh(value)}"
    return f"- Average daily deposits ({when}): {exact_en(value)}"


def _latest(month: dict, key: str, zh: bool, profile: dict | None = None) -> str:
    value = month[key]
    if key == "loan_balance":
        if not value:  # "那贷款呢？" of a client who owes nothing: say so, not "0 元"
            if zh:
                return f"- 无贷款：{month['month']} 月末贷款余额为 0"
            return f"- No loans: the loan balance at the end of {month['month']} is 0"
        if zh:
            return f"- 贷款余额（{month['month']} 月末）：{exact_zh(value)}"
        return f"- Loan balance ({month['month']}): {exact_en(value)}"
    avg = (profile or {}).get("metrics", {}).get("avg_deposit_3m")
    if zh:
        also = f"；近三月日均 {money_zh(avg)}" if avg is not None else ""
        return f"- 最新月（{month['month']}）日均存款：{exact_zh(value)}{also}"
    also = f"; 3-month average {money_en(avg)}" if avg is not None else ""
    return f"- Average daily deposits, latest month ({month['month']}): {exact_en(value)}{also}"


def _trend(window: list[dict], loans: bool, zh: bool) -> list[str]:
    key = "loan_balance" if loans else "avg_daily_deposit"
    first, last = window[0], window[-1]
    money = money_zh if zh else money_en
    series = ("、" if zh else ", ").join(f"{m['month']} {money(m[key])}" for m in window)
    what = (
        ("贷款余额" if loans else "日均存款") if zh else ("loan balance" if loans else "deposits")
    )
    n = len(window)
    if not first[key]:
        verdict = (
            f"近 {n} 个月{what}：" if zh else f"{what.capitalize()} over the last {n} months: "
        )
        return [f"- {verdict}{series}"]
    change = last[key] / first[key] - 1
    if zh:
        way = "基本持平" if abs(change) < STEADY else ("下降" if change < 0 else "上升")
        head = (
            f"近 {n} 个月{what}{way}：{first['month']} {money(first[key])} → "
            f"{last['month']} {money(last[key])}（{'+' if change >= 0 else ''}{percent(change)}）"
        )
        return [f"- {head}", f"- 逐月：{series}"]
    way = (
        "broadly flat"
        if abs(change) < STEADY
        else ("down (declining)" if change < 0 else "up (rising)")
    )
    head = (
        f"{what.capitalize()} over the last {n} months: {way}, {money(first[key])} in "
        f"{first['month']} → {money(last[key])} in {last['month']} "
        f"({'+' if change >= 0 else ''}{percent(change)})"
    )
    return [f"- {head}", f"- By month: {series}"]


def _transactions(recent: list[dict], months: list[dict], zh: bool) -> str:
    counts = [m["transaction_count"] for m in recent]
    if any(c is None for c in counts):
        return "- 交易笔数：数据未报送" if zh else "- Transaction counts: not reported"
    total = sum(counts)
    n = len(recent)
    if total:
        if zh:
            return f"- 近 {n} 个月共 {total} 笔交易（{recent[-1]['month']} 当月 {counts[-1]} 笔）"
        return (
            f"- {total} transactions in the last {n} months ({counts[-1]} in {recent[-1]['month']})"
        )
    idle = 0
    for m in reversed(months):
        if m["transaction_count"] != 0:
            break
        idle += 1
    if zh:
        return f"- 没有交易：近 {n} 个月交易笔数为 0（已连续 {idle} 个月无交易）"
    return f"- No transactions: none in the last {n} months ({idle} months in a row without any)"
