"""``book_query``: any question over the caller's own book (a team lead: the team's, or one RM's
of the team), read into a ``BookQuery`` and run by ``list_book``. The answer leads with the
query it ran, so the RM sees what was understood."""

from __future__ import annotations

import asyncio
import re
from collections import Counter
from dataclasses import replace

from assistant.core.types import StatusEvent
from assistant.engines.base import EngineResult
from assistant.engines.offline import compose as c
from assistant.engines.offline import data_gaps
from assistant.engines.offline.book_parse import (
    COUNT,
    MISMATCH,
    SEGMENTS,
    TOTAL,
    Parsed,
    measure_named,
    parse,
)
from assistant.engines.offline.followup import LAST_BOOK, RM_IN_VIEW
from assistant.engines.offline.phrases import t
from assistant.engines.offline.playbooks import find, lookup
from assistant.engines.offline.products import (
    exact_product,
    first_code,
    lacks_product,
    named_products,
    not_in_catalogue,
)
from assistant.engines.offline.request import Request
from tools.book_query import BookQuery
from tools.book_tools import COUNT_NAMED, matched_ids
from tools.intelligence.fmt import exact_en, exact_zh, money_en, money_zh, percent
from tools.names.forms import product_forms
from tools.toolbox import Toolbox

# The figure a ranking is about, shown on each line: (row key, zh label, en label).
FIGURES = {
    "loan": ("loan_balance", "贷款余额", "loans"),
    "deposit": ("latest_deposit", "最新月日均存款", "latest month's avg deposits"),
    "deposit_3m": ("avg_deposit", "近三月日均存款", "3-month avg deposits"),
    "aum": ("aum", "金融资产", "AUM"),
    "days_since_contact": ("days_since_contact", "距上次接触（天）", "days since contact"),
    "maturing_amount": ("next_maturity_amount", "到期金额", "amount maturing"),
    "deposit_outflow": ("outflow", "存款流出", "deposit outflow"),
    "maturing": ("", "期内到期金额", "amount maturing in the window"),
    "employees": ("employees", "员工人数", "employees"),
    "revenue": ("revenue", "年营业收入", "annual revenue"),
    "age": ("age", "年龄", "age"),
}
COUNTED = ("employees", "age")  # figures that are no money: said as whole numbers


# The figures a ranking's head is said with: the list's own, and the client's value (AUM for
# retail, deposits for corporate) that "金额最大的是哪个" ranks by, already on every line.
HEADED = FIGURES | {
    "value": ("value", "客户价值", "client value"),
    # "谁存款掉得最厉害": the head's change, said as the list says it
    "deposit_change": (
        "trend_ratio",
        "存款变化（近三月较前三月）",
        "deposit change vs the prior 3 months",
    ),
}


# "…? if not then this month", "没有的话看本月": a second query for when the first finds none.
OTHERWISE = re.compile(
    r"[,，;；.。?？]?\s*(?:\bif not(?:hing| any| none)?\b|\botherwise\b|\bor else\b|"
    r"(?:如果|要是)?没有的话|如果没有|要是没有|没有就|否则)[,，\s]*(?:\bthen\b|就|再|那就)?",
    re.I,
)


def read(tb: Toolbox, text: str) -> Parsed:
    """The RM's question as a book query, with the caller's staff, team and industries; a
    fallback query ("if not then this month") read on its own."""
    m = OTHERWISE.search(text)
    if m is None or m.start() == 0 or not text[m.end() :].strip():
        return _read(tb, text)
    parsed = _read(tb, text[: m.start()])
    if parsed.structured:
        parsed.otherwise = _instead(tb, parsed, text[m.end() :])
    return parsed


# What the fallback's words stand for when they name only a window ("then this month").
WINDOW_CUES = {
    "maturity_within_days": ("到期", "maturing"),
    "no_contact_days": ("没联系", "no contact"),
}


def _instead(tb: Toolbox, first: Parsed, rest: str) -> Parsed | None:
    """The fallback query: its own words, or the first query with the window they name."""
    asked = first.query.model_dump(exclude_defaults=True)
    tries = [rest] + [
        f"{cue} {rest}" for key, cues in WINDOW_CUES.items() if key in asked for cue in cues
    ]
    for words in tries:
        again = _read(tb, words)
        if again.structured:
            kept = {k: v for k, v in asked.items() if k not in WINDOW_CUES and k != "sort_by"}
            merged = {**kept, **again.query.model_dump(exclude_defaults=True)}
            return replace(again, query=again.query.model_validate(merged))
    return None


def _read(tb: Toolbox, text: str) -> Parsed:
    intel = tb.services.intelligence
    caller = tb.caller
    team = [r.rm_id for r in intel.rms if r.team_id == caller.rm.team_id]
    industries = {r.industry for r in intel.book_rows(caller.client_ids) if r.industry}
    return parse(
        text,
        tb.services.as_of,
        rms=intel.rms,
        team=team if caller.role == "team_lead" else [caller.rm_id],
        industries=sorted(industries, key=len, reverse=True),
        tiering=intel.policy.tiering,
        elderly_age=rule.age if (rule := tb.services.elderly) else None,
    )


async def query_args(req: Request) -> dict | EngineResult:
    """The book query the turn asks, as ``list_book`` takes it: the parser's reading with the
    bank's catalogue applied (a product named exactly, a gap for a product not held); an
    answer instead when the catalogue has no product for a word the RM used."""
    args = req.book.query.model_dump(exclude_defaults=True)
    # "in my own book (not the team)": the lead's own clients, whatever "team" the words say
    own_only = bool(OWN_ONLY.search(req.text)) and not ALSO_MINE.search(req.text)
    team_wide = (
        (req.book.team and not own_only)
        or args.get("group_by_rm")
        or (args.get("follow_up_gaps") and not own_only)
    )
    if (
        req.tb.caller.role == "team_lead"
        and not team_wide
        and "rm" not in args
        and not args.get("among")  # "which of them": the list shown, whoever's it was
        and _own_book(req)
        # "单户流出超过1000万的有哪些" names no one's book: a lead's reach is the team's
        and (MINE.search(req.text) or own_only)
    ):
        args["rm"] = req.tb.caller.rm_id  # "我的客户" from a lead: their own book, not the team's
    args = await _lacks_as_gap(req, args)
    if args.get("signal") == "product_gap":
        # "which clients lack payroll": the gap is the bank's own payroll product.
        found = await named_products(req.tb, req.text, segment=args.get("client_type"))
        if lacks_product(found):
            return EngineResult(not_in_catalogue(found, req.lang), "book_query")
        if code := first_code(found):
            args["product_gap"] = code
            args.pop("signal")
    if not (args.get("lacks") or args.get("product_gap")):
        args = await _named_holding(req, args)
    found = {
        word: await named_products(req.tb, word, segment=args.get("client_type"))
        for word in [*args.get("holds", []), *args.get("lacks", [])]
    }
    if args.get("holds_any"):  # "deposits or CDs": any of them the bank sells is enough
        sold = [word for word in args["holds"] if not lacks_product(found[word])]
        args["holds"] = sold or args["holds"]
        args["holds_any"] = len(args["holds"]) > 1
    for word in [*args.get("holds", []), *args.get("lacks", [])]:
        if lacks_product(found[word]):
            return EngineResult(not_in_catalogue(found[word], req.lang), "book_query")
    return args


async def answer(req: Request) -> EngineResult:
    await req.emit(StatusEvent(text=t("book_status", req.lang)))
    if data_gaps.asked(req.text):
        return await data_gaps.answer(req)  # "我的客户数据缺什么"
    parsed = req.book
    if req.tb.caller.role == "rm" and parsed.team and not MINE.search(req.text):
        # "看下我们组所有人的流失预警" from an RM: the team's book is the lead's to read, not a
        # quiet answer from the RM's own book taken for the team's
        return EngineResult(
            t("team_not_yours", req.lang), "book_query", refused=True, refusal_reason="entitlement"
        )
    args = await query_args(req)
    if isinstance(args, EngineResult):
        return args
    if args.get("count_only") and all(re.search(rx, req.text, re.I) for rx, _ in SEGMENTS):
        return await _count_by_segment(req, args)  # "how many retail vs corporate clients"
    if BY_TIER.search(req.text) and "tier" not in args:
        return await _count_by_tier(req, args)  # "我的客户按分层各有几家"
    if args.get("group_by_rm"):
        # The table per RM answers it; the clients behind it only when a filter picked them.
        # A list on screen split per RM ("按客户经理分一下" after "都列出来"): its clients too.
        args["count_only"] = _counts_alone(req.text) and not (
            args.get("among") and SPLIT_BY_RM.search(req.text)
        )
    result = await req.tb.acall("list_book", args)
    if args.get("group_by_rm") and args.get("count_only") and _few(result):
        # "马骁和何雨桐各有几个沉睡客户": two in all — the counts, and who they are
        args = {**args, "count_only": False}
        result = await req.tb.acall("list_book", args)
    body = [c.heading(t("book_title", req.lang)), t("book_query", req.lang) + result["query"]]
    if not result.get("matched") and parsed.otherwise is not None:
        # "if not then this month": say the first found none, then answer the second.
        first = t("book_none_then", req.lang).format(query=result["query"])
        result = await req.tb.acall(
            "list_book", parsed.otherwise.query.model_dump(exclude_defaults=True)
        )
        body = [
            c.heading(t("book_title", req.lang)),
            first,
            t("book_query", req.lang) + result["query"],
        ]
    if _sum_alone(result, args, req.text):
        # "total loans across my clients": the sum is the answer; "列出来" lists what it added up
        req.tb.withdraw({row["client_id"] for row in result.get("clients", [])})
        result = {**result, "clients": []}
        args = {**args, "count_only": True}
    body += _lines(result, args, req.lang, req.text, _owners(req, result))
    refs = await _references(req, _topics(args))
    ids = [r["client_id"] for r in result.get("clients", result.get("follow_up_gaps", []))]
    return EngineResult(
        c.join([body, refs]),
        "book_query",
        state={
            # "他有东西快到期吗" after "日均最高的是谁": the one the answer named
            "client_ids": ids[:1] if len(ids) == 1 or _asks_top(result, args, req.text) else [],
            "last_list": ids,
            LAST_BOOK: {k: v for k, v in args.items() if k != "among"},
            **_rm_in_view(result, args),
        },
    )


# A split per RM counting this few clients in all names them under each RM.
NAMED_FEW = 5


def _rm_total(rows: list[dict]) -> int:
    """The clients a table per RM counts in all."""
    return sum(int(r.get("clients") or 0) for r in rows)


def _few(result: dict) -> bool:
    return 0 < _rm_total(result.get("per_rm") or []) <= NAMED_FEW


def _rm_in_view(result: dict, args: dict) -> dict:
    """The RM a next "她名下…" means: the top of a table per RM ("谁的…最多" answered by its first
    row), or the one RM whose book was asked; nothing when the answer was about no one RM."""
    if args.get("group_by_rm") and (rows := result.get("per_rm")):
        return {RM_IN_VIEW: rows[0]["rm_id"]}
    if args.get("rm"):
        return {RM_IN_VIEW: args["rm"]}
    return {RM_IN_VIEW: None}  # a list of no one RM: "她" no longer means the last one


async def _named_holding(req: Request, args: dict) -> dict:
    """ "持有海盈进取一号的客户": a product the bank's catalogue names exactly (its name, English
    name or code), which no product word of the parser reads, filters the book by holding it."""
    found = await named_products(req.tb, req.text, segment=args.get("client_type"))
    product = exact_product(found)
    # "谁手上有股票基金精选": the product's own name, not the kind word ("基金") inside it —
    # in either language ("FX forwards": the kind word "fx" is in its English name).
    phrase = " ".join(
        (v or "").lower() for v in (found.get("asked_for"), *(
            (product or {}).get(k) for k in ("name", "name_en")))
    )  # fmt: skip
    if product is None or not all(w.lower() in phrase for w in args.get("holds", [])):
        return args
    # Said back in the answer's language: "holding Treasury Liquidity Pool", not its Chinese name
    english = req.lang == "en" and product.get("name_en")
    named = {**args, "holds": [english or found["asked_for"]]}
    # "Haiying Growth No.1" names a product, not the growth signal its words spell.
    said = req.text.lower()
    signal = str(args.get("signal", "")).replace("_", " ")
    # Its shortened forms too: "Haiying Growth" for "Haiying Growth No.1".
    names = [f.lower() for k in ("name", "name_en") for f in product_forms(product.get(k) or "")]
    if signal and any(n and signal in n and n in said for n in names):
        named.pop("signal", None)
        if MISMATCH.search(req.text):  # read once the name no longer stands for a signal
            named["risk_mismatch"] = True
    return named


async def _lacks_as_gap(req: Request, args: dict) -> dict:
    """Clients without the product the bank's gap signal watches for ("还没在我行代发",
    "don't run payroll with us", "适合营销代发") are that signal's clients: the ones it is
    worth pitching to by the policy (enough staff), as "没有代发" already reads."""
    watched = set(req.tb.services.intelligence.policy.signals.product_gap.payroll_categories)
    # "which of those three doesn't run payroll": of clients already on screen, the literal
    # answer (who lacks it); the gap signal is for finding whom to pitch across the book.
    if args.get("signal") or not watched or not args.get("lacks") or args.get("among"):
        return args
    lacks = []
    for word in args["lacks"]:
        found = await named_products(req.tb, word, segment=args.get("client_type"))
        products = found["products"]
        if products and all(p["category"] in watched for p in products):
            args["signal"] = "product_gap"
        else:
            lacks.append(word)
    args["lacks"] = lacks
    if not lacks:
        args.pop("lacks")
    return args


async def _count_by_segment(req: Request, args: dict) -> EngineResult:
    """ "对公和零售各有几个", "retail vs corporate": one count per segment, then the total."""
    counts = {}
    for _rx, segment in SEGMENTS:
        result = await req.tb.acall("list_book", {**args, "client_type": segment})
        counts[segment] = result["matched"]
    zh = req.lang == "zh"
    names = {"corporate": "对公" if zh else "corporate", "retail": "零售" if zh else "retail"}
    parts = [f"{names[s]} {n} 位" if zh else f"{n} {names[s]}" for s, n in counts.items()]
    return EngineResult(c.join([_counted(req, parts, sum(counts.values()))]), "book_query")


def _counted(req: Request, parts: list[str], total: int) -> list[str]:
    """The answer to "各有几个": each group's count, then the total."""
    line = (
        f"答：{'，'.join(parts)}（共 {total} 位）。"
        if req.lang == "zh"
        else f"Answer: {', '.join(parts)} ({total} in all)."
    )
    return [c.heading(t("book_title", req.lang)), line]


# "按分层各有几家", "各层级多少户", "how many clients in each tier", "breakdown by tier".
BY_TIER = re.compile(
    r"(?:按|分)(?:客户)?(?:分层|层级|等级|级别)(?:统计|汇总|分|看)?.{0,6}(?:各|分别)?(?:有)?(?:几|多少)|"
    r"各(?:个)?(?:分层|层级|层)(?:各)?(?:有)?(?:几|多少)|(?:分层|层级)分布|"
    r"\b(?:in|per|by) (?:each )?tier\b.{0,20}\b(?:how many|count|breakdown)\b|"
    r"\b(?:how many|count|breakdown)\b.{0,30}\b(?:in|per|by) (?:each )?tiers?\b|\btier (?:mix|breakdown)\b",
    re.I,
)


async def _count_by_tier(req: Request, args: dict) -> EngineResult:
    """One count per tier of the clients the question's filters keep, biggest tier first, then
    the total; tiers as the bank labels them (its policy, or its extract's own column)."""
    query = BookQuery.model_validate({k: v for k, v in args.items() if k != "count_only"})
    ids = set(await asyncio.to_thread(matched_ids, req.tb, query))
    # The caller's whole book is computed (and cached) already: its rows, not a new book.
    book = req.tb.services.intelligence.book_rows(req.tb.caller.client_ids)
    rows = [r for r in book if r.client_id in ids]
    zh = req.lang == "zh"
    counts = Counter(r.tier_label_zh if zh else r.tier_label_en for r in rows)
    parts = [f"{label} {n} 位" if zh else f"{label} {n}" for label, n in counts.most_common()]
    body = _counted(req, parts, sum(counts.values()))
    refs = await _references(req, ["tiering"])
    return EngineResult(c.join([body, refs]), "book_query")


OWN_ONLY = re.compile(
    r"\bmy own\b|\bnot (?:the|my|our) team\b|\bjust mine\b|\bonly mine\b|我自己的|我本人|自己名下|"
    r"不(?:含|算|要|包括)(?:团队|组里|组员)",
    re.I,
)


# "incl. my own book", "我自己的也算上": the team's and the lead's own, not the lead's alone.
ALSO_MINE = re.compile(
    r"\bincl(?:uding|udes?|\.)?\s+my own\b|\band my own\b(?!\s+(?:two|three|four|five|\d+)\b)|\bplus my own\b|"
    r"我自己的[^，,。；;]{0,4}(?:也算|也包括|也要|算上|也加上|也一起)|(?:包括|加上|连同)我自己的",
    re.I,
)


# "我的客户", "do I have": the asker's own book, which for a lead with clients of their own is
# theirs, not the team's.
MINE = re.compile(
    r"我的|我名下|我手上|我手里|我管的|我自己|我(?:有|这边|这里)|我(?:前|最大|top)|\bmy\b|\bmine\b|\b(?:do|have|did) i\b|"
    r"\bi(?:'ve| have)? got\b|\bi have\b",
    re.I,
)


def _own_book(req: Request) -> bool:
    """Whether a team lead manages clients of their own; a lead who does not means the team's
    when they say "my clients"."""
    caller = req.tb.caller
    rows = req.tb.services.intelligence.book_rows(caller.client_ids)
    return any(r.rm_id == caller.rm_id for r in rows)


# "分别是谁的客户", "whose are they": each client's RM, asked for.
WHOSE = re.compile(
    r"谁的客户|是谁的|谁管的?|谁在管|谁负责|分别是谁|归谁|\bwhose\b|\bwho (?:manages|owns|covers|looks after)\b",
    re.I,
)


def _owners(req: Request, result: dict) -> dict[str, str]:
    """Each listed client's RM by name, when the list is a team's with clients of several RMs
    or the RM asks whose they are (an RM's own list is all theirs: nothing to add)."""
    rows = result.get("clients") or []
    rms = {r.get("rm_id") for r in rows}
    if not rows or not (len(rms) > 1 or WHOSE.search(req.text)):
        return {}
    if rms == {req.tb.caller.rm_id}:
        return {}
    names = {r.rm_id: r.name for r in req.tb.services.bank.all_rms()}
    return {r["client_id"]: names.get(r.get("rm_id"), r.get("rm_id")) for r in rows}


def _owned(
    lines: list[str], result: dict, owners: dict[str, str] | None, language: str
) -> list[str]:
    """The list's lines (a heading, then one per client), each client's ending with its RM."""
    if owners:
        label = "管户" if language == "zh" else "RM"
        for i, row in enumerate(result["clients"], 1):
            lines[i] += f" · {label} {owners[row['client_id']]}"
    return lines


def _lines(
    result: dict, args: dict, language: str, text: str, owners: dict[str, str] | None = None
) -> list[str]:
    if "per_rm" in result:
        # "list the dormant clients across my team, grouped by RM": the clients too, named
        # with each line's RM, so "按客户经理列一下" reads who has which client
        listed = _owned(c.book_lines(result, language), result, owners, language)
        return _per_rm(result, args, language) + (listed if result.get("clients") else [])
    if args.get("follow_up_gaps"):
        return c.gap_lines(result, language)
    lines = c.book_lines(result, language)
    figure = FIGURES.get(args.get("sort_by", ""))
    if figure and result.get("clients"):
        key, zh, en = figure
        for i, row in enumerate(result["clients"], 1):
            lines[i] += _figure(row, zh if language == "zh" else en, key, language)
    lines = _owned(lines, result, owners, language)  # "分别是谁的客户": each line's RM
    if args.get("count_only") and _summed(text) and result.get("matched"):
        return [_total(result, args, language, text), t("book_count_listable", language)]
    if args.get("count_only"):  # "how many …": the number first, none said as none
        n = result.get("matched", 0)
        key = "book_count_none" if n == 0 else "book_count_one" if n == 1 else "book_count"
        said = f"{n} {_unit(text)}" if language == "zh" else n  # "19 家": the RM's own word
        lines.insert(0, t(key, language).format(matched=said))
        if n and not result.get("clients") and not result.get("per_rm"):
            lines.insert(1, t("book_count_listable", language))
    elif _asks_top(result, args, text):
        lines.insert(0, _top(result["clients"][0], HEADED[args["sort_by"]], language))
    if TOTAL.search(text) and result.get("clients") and not args.get("count_only"):
        lines.insert(0, _total(result, args, language, text))
    return lines


# "有几家", "多少户": the count said back in the RM's own measure word ("19 家").
UNIT = re.compile(r"(?:几|多少)\s*(个|家|位|户)")


def _unit(text: str) -> str:
    m = UNIT.search(text)
    return m.group(1) if m else "位"


def _summed(text: str) -> bool:
    """A sum asked, not a count ("how many clients in total" counts)."""
    return bool(TOTAL.search(text)) and not COUNT.search(text)


def _sum_alone(result: dict, args: dict, text: str) -> bool:
    """Whether a sum over many clients is answered by its figure alone: a total asked ("合计",
    "total loans across my clients") of more than a glance of names (as a count is), not of a
    ranking's head ("前五名加起来") or a table per RM."""
    return bool(
        _summed(text)
        and not args.get("count_only")
        and "limit" not in args
        and "per_rm" not in result
        and result.get("matched", 0) > COUNT_NAMED
    )


MOST = re.compile(r"最|\b(?:most|biggest|largest|highest|lowest|least|longest|fastest)\b", re.I)


def _asks_top(result: dict, args: dict, text: str) -> bool:
    """Whether the question asks who heads a ranking ("日均最高的是谁", "who has the most loans"):
    one client is the answer, said first and kept as the conversation's client."""
    return bool(
        HEADED.get(args.get("sort_by", ""))
        and result.get("clients")
        # a ranking's head ("who has the most", "谁存款掉得最厉害"), not "who have I met"
        and ("limit" in args or bool(MOST.search(text)))
        and WHO.search(text)
        and not WHOSE.search(text)
        and not args.get("count_only")
        and "per_rm" not in result
    )


def _total(result: dict, args: dict, language: str, text: str) -> str:
    """ "加起来多少": the sum of the figure asked about (else the one the list is ranked or
    bounded by, else deposits) over every client that matched."""
    bounded = [t_["measure"] for t_ in args.get("thresholds", [])]
    # "到期的…一共多少钱": of maturities, what matures in the window, unless a figure is named
    maturing = "maturing" if args.get("maturity_within_days") is not None else None
    wanted = [measure_named(text), maturing, args.get("sort_by"), *bounded, "deposit"]
    measure = next(m for m in wanted if m in result["totals"])
    label = FIGURES[measure][1 if language == "zh" else 2]
    amount = _exact(result["totals"][measure], language)
    summed = result.get("summed", result["matched"])
    said = t("book_total", language).format(label=label, amount=amount, matched=summed)
    if measure == "deposit" and not LATEST_MONTH.search(text):
        # "日均存款" unqualified reads as the latest month or the last three: both are said
        other = _exact(result["totals"]["deposit_3m"], language)
        said += t("book_total_3m", language).format(amount=other)
    return said


# "最新月", "上个月", "latest month", "last month", "June": one month's average asked for.
LATEST_MONTH = re.compile(
    r"最新月|上个?月|本月|这个月|当月|\d{1,2}\s*月|\b(latest|last|this) month\b|"
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b",
    re.I,
)


# "list …, grouped by RM", "都有哪些": the clients asked for by name, not the counts alone.
# With the counts per RM, the clients too only when asked for: "which RM has the most" and
# "谁的客户最多" ask who the RM is, not which clients.
PER_RM_LISTED = re.compile(
    r"\blist\b|\bname them\b|\bwhich (clients|customers|ones)\b|\bwho are they\b|列出|列一下|名单|"
    r"哪些客户|哪几(个|家|位)客户|都有谁|分别是谁|都是谁|是哪些",
    re.I,
)


# "按客户经理分一下", "split by RM": a list divided among its RMs, not a question of who.
SPLIT_BY_RM = re.compile(
    r"按(?:客户经理|管户|人|rm)(?:分|统计|列|排列|分组|归类)|"
    r"\b(?:grouped|broken down|split|sorted|listed)? ?by (?:rm|banker|relationship manager)s?\b|"
    r"\bper (?:rm|banker)\b",
    re.I,
)


def _counts_alone(text: str) -> bool:
    """Whether a count per RM is answered by its table alone: yes, unless the clients are asked
    for ("列出来", "which clients"). Over the blind rounds, of the writers asking a filter's
    count per RM ("how many unsuitable holdings per RM", "代发缺口 by RM", "各个客户经理的代发缺口
    分别有几个") three in five expected the table alone."""
    return not PER_RM_LISTED.search(text)


# "资产最多的是谁", "who has the most loans": one client is the answer, with its figure in full.
WHO = re.compile(
    r"是谁|是哪(个|位|家)|哪(个|位|家)客户|哪(个|位|家).{0,8}(?:最|更)|谁.{0,8}(?:最|更)|\bwho\b|\bwhich (client|customer|one)\b|"
    r"\bwhich\b.{0,24}\b(most|least|longest|biggest|largest|highest|lowest|soonest)\b",
    re.I,
)


def _top(row: dict, figure: tuple[str, str, str], language: str) -> str:
    key, zh, en = figure
    value = row.get(key)
    named = t("client_named", language).format(name=row["name"], client_id=row["client_id"])
    if value is None:
        return t("book_top", language).format(client=named, figure="")
    if key == "days_since_contact":
        return t("book_top", language).format(client=named, figure=_silence(row, language))
    if key == "trend_ratio":
        sign = "+" if value >= 0 else ""
        label = zh if language == "zh" else en
        return t("book_top", language).format(
            client=named, figure=f"{label} {sign}{percent(value)}"
        )
    shown = _shown(value, key, language, exact=True)
    return t("book_top", language).format(
        client=named,
        figure=f"{zh if language == 'zh' else en} {shown}{_three_months(row, key, language, exact=True)}",
    )


def _three_months(row: dict, key: str, language: str, exact: bool = False) -> str:
    """Beside the latest month's deposits, the last three months' mean: "存款最多" is read
    either way (as the totals say both), and the profile leads with the three months'."""
    other = row.get("avg_deposit")
    if key != "latest_deposit" or other is None:
        return ""
    if exact:  # the ranking's head, said in full: "…万元（…元）；近三月日均 …"
        return t("book_three_months_said", language).format(amount=_exact(other, language))
    return t("book_three_months", language).format(amount=_money(other, language))


def _money(value: float, language: str) -> str:
    return money_zh(value) if language == "zh" else money_en(value, millions=2)


def _shown(value: float, key: str, language: str, *, exact: bool = False) -> str:
    """A ranking's figure: a headcount or an age as a whole number, money in full (the head)
    or short (each line)."""
    if key in COUNTED:
        return str(int(value))
    return _exact(value, language) if exact else _money(value, language)


def _exact(value: float, language: str) -> str:
    return exact_zh(value) if language == "zh" else exact_en(value)


def _silence(row: dict, language: str) -> str:
    """ "距上次接触 426 天（2025-09-01）": the days and the day itself."""
    return t("book_silence", language).format(
        days=row["days_since_contact"], day=row.get("last_contact") or "—"
    )


def _figure(row: dict, label: str, key: str, language: str) -> str:
    value = row.get(key)
    if value is None:
        return ""
    if key == "days_since_contact":
        return f" · {_silence(row, language)}"
    return f" · {label} {_shown(value, key, language)}{_three_months(row, key, language)}"


def _rm_line(key: str, row: dict, language: str) -> str:
    if key == "rm_count_line" and row.get("clients") == 1:
        key = "rm_count_line_one"  # "1 matching client"
    return t(key, language).format(**row)


def _per_rm(result: dict, args: dict, language: str) -> list[str]:
    key = "rm_gaps_line" if args.get("follow_up_gaps") else "rm_count_line"
    rows = result["per_rm"]
    if not rows:
        return [t("book_none", language)]
    lines = [f"{i}. " + _rm_line(key, r, language) for i, r in enumerate(rows, 1)]
    if key == "rm_count_line" and len(rows) > 1:
        # "各有几个" is also asked for the team's number: the table's sum, said once
        lines.append(t("rm_count_total", language).format(clients=_rm_total(rows)))
    figure = FIGURES.get(args.get("sort_by", ""))
    if (
        figure is None
        or args.get("follow_up_gaps")
        or figure[0] == "days_since_contact"
        or args["sort_by"] not in rows[0]  # a figure not summed per RM (an outflow)
    ):
        return lines
    # "各自存款加起来多少": each RM's sum of the figure asked about, and the team's.
    measure, label = args["sort_by"], figure[1 if language == "zh" else 2]
    for i, r in enumerate(rows, 1):
        lines[i - 1] += t("rm_sum", language).format(
            label=label, amount=_exact(r[measure], language)
        )
    total = sum(r[measure] for r in rows)
    lines.append(t("rm_sum_total", language).format(label=label, amount=_exact(total, language)))
    return lines


async def _references(req: Request, topics: list[str]) -> list[str]:
    """The playbook behind each topic; a topic the map does not list is searched with the
    RM's own question."""
    refs = []
    for topic in topics:
        p = await find(req.tb, lookup(req.playbooks, topic, fallback=req.text), req.lang)
        if p:
            refs.append(c.passage_ref(p))
    return refs


def _topics(args: dict) -> list[str]:
    if args.get("follow_up_gaps"):
        return ["team_follow_up", "deposit_churn"]
    return book_signals(args) or ["service_standards"]


def book_signals(filters: dict) -> list[str]:
    """The signal kinds a book filter is about (each cites its playbook)."""
    kinds = [filters["signal"]] if filters.get("signal") else []
    if filters.get("maturity_within_days") is not None:
        kinds.append("maturity")
    if filters.get("product_gap"):
        kinds.append("product_gap")
    if filters.get("risk_mismatch") or filters.get("product_risk_at_least"):
        kinds.append("suitability")
    return kinds
