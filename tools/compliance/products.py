"""What the check knows about products: which are deposits, which need a risk disclosure, and
the product words that make a sentence about an investment rather than a deposit."""

from __future__ import annotations

import re

from tools.compliance.models import ComplianceContext

DEPOSIT_CATEGORIES = frozenset({"deposit", "cd"})
# Categories whose promotion needs a risk disclosure (理财、基金、保险、外汇衍生 ...).
INVESTMENT_CATEGORIES = frozenset(
    {"wealth", "fund", "insurance", "fx_hedging", "structured_deposit", "gold", "trust"}
)
# Known categories that are neither (loans, payroll, cards ...): no disclosure needed.
OTHER_CATEGORIES = frozenset(
    {"payroll", "cash_management", "loan", "trade_finance", "supply_chain", "card"}
)

# Deposit insurance and the RM's own title mention 保险 / 理财 without promoting anything.
_NOT_PRODUCT_WORDS = re.compile(
    r"存款保险|保险箱|理财经理|理财师|deposit insurance|wealth manager|relationship manager", re.I
)
# Product words only: "idle funds", "thank you for your trust", "gold tier", 黄金周 and
# "look forward" are everyday words in client messages and must not read as a promotion.
INVESTMENT_WORDS = re.compile(
    r"理财|基金|保险|年金|信托|积存金|黄金(?!周)|贵金属|结构性|外汇期权|远期结售汇|期权|股票|债券|"
    r"wealth (?:management|products?)|(?:mutual|hybrid|equity|bond|index|money[- ]market)\s+funds?|"
    r"\bfund products?|insurance|annuit|family trust|trust (?:products?|plans?)|"
    r"gold (?:accumulation|investment|products?|plans?)|precious metals|structured (?:deposits?|products?)|"
    r"\bFX (?:forwards?|options?|hedg)|option collars?|\bstocks?\b|\bequities\b|\bbonds?\b",
    re.I,
)
DEPOSIT_WORDS = re.compile(r"存款|存单|储蓄|\bdeposits?\b|\bCDs?\b|certificate of deposit", re.I)


def strip_non_product_words(text: str) -> str:
    return _NOT_PRODUCT_WORDS.sub(" ", text)


def mentions_investment(text: str) -> bool:
    return bool(INVESTMENT_WORDS.search(strip_non_product_words(text)))


def level_number(level: str | None) -> int:
    """The number of a risk level or grade ("R3" → 3, "C4" → 4); 0 when it has none."""
    return int(level[1]) if level and len(level) == 2 and level[1].isdigit() else 0


def risk_number(ctx: ComplianceContext, code: str) -> int:
    return level_number(ctx.product_risk_levels.get(code))


def is_deposit(ctx: ComplianceContext, code: str) -> bool:
    """A deposit by its category where the category is known to be one kind or another (ours,
    or the bank's disclosure policy naming it an investment or exempt); otherwise — a bank's
    own category names, "term-deposit", "current-account" — by the risk level deposits carry."""
    category = ctx.product_categories.get(code)
    if category in DEPOSIT_CATEGORIES:
        return True
    if category in INVESTMENT_CATEGORIES or category in OTHER_CATEGORIES:
        return False
    policy = ctx.disclosures
    if policy is not None and (policy.rule_for(category) or category in policy.exempt):
        return False
    return risk_number(ctx, code) == 1


def all_deposits(ctx: ComplianceContext) -> bool:
    return bool(ctx.product_codes) and all(is_deposit(ctx, c) for c in ctx.product_codes)


def needs_disclosure(ctx: ComplianceContext, code: str) -> bool:
    """An R2+ investment product, or an R2+ product whose category we were not told."""
    if risk_number(ctx, code) < 2:
        return False
    category = ctx.product_categories.get(code)
    if ctx.disclosures is not None and category in ctx.disclosures.exempt:
        return False
    return category not in OTHER_CATEGORIES


def disclosed_products(ctx: ComplianceContext) -> list[str]:
    return [c for c in ctx.product_codes if needs_disclosure(ctx, c)]
