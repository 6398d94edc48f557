"""Products as an RM names them ("大额存单", "the CD", "代发", "cash pooling"), resolved against
the bank's own catalogue — never against a list of codes.

Two ways a question names a product:

- by the bank's own product name ("薪福通", "Personal Large-denomination CD"): the catalogue's
  names are looked for in the question;
- by a kind of product, in everyday banking words (``PRODUCT_KINDS`` below, widened by the
  bank's search glossary): every catalogue product is scored by how well its name, English
  name, category and description carry those words, and the best ones are kept — with every
  product of a category the words name: "理财" is all of a ``managed-investment`` category
  (via the glossary's "managed investment"), whatever each product is called.

Among the kept products the client's segment decides (a retail client's CD is the retail CD),
then what the client already holds (a maturity reminder is about the CD they hold), then the
lower risk level (the conservative default when a phrase is ambiguous). A kind the catalogue
has no product for is reported as such: the caller answers "the bank has no ...".
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Protocol

from tools.bank.records import ProductRecord
from tools.names.forms import product_forms

# Kinds of product in everyday words, Chinese and English; one kind a tuple, the specific
# before the general (a question naming "股票型基金" is about that, not about any "基金").
# These are the words of banking, not of one bank: no codes, no brand names.
PRODUCT_KINDS: tuple[tuple[str, ...], ...] = (
    ("代发", "工资", "payroll"),
    ("现金管理", "资金池", "cash management", "cash pooling"),
    (
        "大额存单",
        "存单",
        "large-denomination",
        "large denomination",
        "certificate of deposit",
        "cd",
        "cds",
    ),
    ("结构性存款", "structured deposit", "structured deposits"),
    (
        "定期",
        "定存",
        "time deposit",
        "time deposits",
        "fixed deposit",
        "fixed deposits",
        "term deposit",
        "term deposits",
        "td",
        "tds",
    ),
    ("普惠", "小微", "sme loan", "inclusive"),
    ("流动资金贷款", "流贷", "working capital"),
    ("授信", "credit line", "credit lines", "credit facility", "credit facilities"),
    ("信用证", "letter of credit", "letters of credit", "l/c", "lc", "lcs"),
    ("押汇", "export bill"),
    ("贴现", "bill discount", "bill discounting"),
    ("供应链", "supply chain", "supply-chain"),
    ("远期结售汇", "外汇", "汇率", "套保", "fx", "hedging", "hedge"),
    ("期权", "option collar", "fx option", "fx options"),
    ("股票型基金", "股票基金", "equity fund", "equity funds", "stock fund", "stock funds"),
    ("混合型基金", "混合基金", "hybrid fund", "hybrid funds", "mixed fund"),
    ("债券型基金", "债券基金", "债基", "bond fund", "bond funds"),
    ("基金", "fund", "funds"),
    ("平衡型理财", "balanced"),
    ("理财", "wealth management", "wealth product", "wealth products"),
    ("年金", "保险", "annuity", "insurance"),
    ("积存金", "黄金", "gold"),
    ("家族信托", "信托", "family trust", "trust"),
    ("房贷", "按揭", "mortgage"),
    ("信用卡", "credit card", "credit cards"),
)
# How much a match in each of a product's texts counts: its names say what it is, its
# category what family it belongs to, its description only mentions things.
FIELD_WEIGHTS = {"name": 3.0, "name_en": 3.0, "category": 2.0, "description": 1.0}
GLOSSARY_WEIGHT = 0.5  # a glossary synonym is a hint, the RM's own word the evidence
KEEP_RATIO = 0.5  # products scoring under half the best are a different thing
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_RISK = re.compile(r"\d+")
_HYPHEN = re.compile(r"(?<=[a-z])[-‐–](?=[a-z])")


class Glossary(Protocol):
    groups: list[tuple[str, ...]]


@dataclass(frozen=True)
class ProductMatch:
    product: ProductRecord
    score: float
    held: bool


@dataclass(frozen=True)
class Resolution:
    """What a question asked for: the phrase it used (None: no product named) and the
    catalogue's products for it, best first (empty: the bank has none)."""

    phrase: str | None
    matches: tuple[ProductMatch, ...] = ()

    @property
    def missing(self) -> bool:
        return self.phrase is not None and not self.matches


def contains(text: str, phrase: str) -> bool:
    """``phrase`` in ``text``: a substring for Chinese, whole words otherwise (case-insensitive)."""
    phrase = phrase.strip().lower()
    if not phrase:
        return False
    if _CJK.search(phrase):
        return phrase in text.lower()
    # "Working-Capital Line" carries "working capital": a hyphen joins words, it is not a letter
    text, phrase = _HYPHEN.sub(" ", text.lower()), _HYPHEN.sub(" ", phrase)
    # "FX forwards", "CDs": an English plural still names the product
    return re.search(rf"(?<![a-z0-9]){re.escape(phrase)}(?:e?s)?(?![a-z0-9])", text) is not None


def _category(category: str) -> str:
    """A category code as words: ``managed-investment`` / ``cash_management`` -> "... ..."."""
    return re.sub(r"[_\-]+", " ", category).strip()


def _of_kind(category: str, phrases: Mapping[str, float]) -> bool:
    """The category is one of the kind's (its label holds one of the kind's words, or is one),
    so each of its products is that kind whatever it is called. A label held *inside* a phrase
    is wider than the kind ("deposit" in "term deposit" also covers current accounts): that
    only scores, it does not make every product a match."""
    label = _category(category)
    return bool(label) and any(contains(label, phrase) for phrase in phrases)


def _fields(product: ProductRecord) -> dict[str, str]:
    return {
        "name": product.name,
        "name_en": product.name_en or "",
        "category": _category(product.category),
        "description": product.description or "",
    }


def _risk(product: ProductRecord) -> int:
    found = _RISK.search(product.risk_level or "")
    return int(found.group()) if found else 99


class Catalogue:
    """The bank's products, searchable by what an RM calls them."""

    def __init__(
        self, products: Mapping[str, ProductRecord], glossary: Glossary | None = None
    ) -> None:
        self.products = dict(products)
        self._synonyms = _synonym_index(glossary)
        # A kind's scores depend only on the catalogue, which never changes: scoring every
        # product's fields against a kind's phrases once is enough.
        self._kind_scores: dict[tuple[str, ...], dict[ProductRecord, float]] = {}
        self._forms = _name_forms(self.products.values())

    def resolve(
        self, text: str, *, segment: str | None = None, held: Collection[str] = ()
    ) -> Resolution:
        """The products ``text`` asks about, for a client of ``segment`` holding ``held``."""
        named = self._named(text)
        if named:
            return Resolution(named[0].name, self._rank(named, {}, segment, held))
        for kind in PRODUCT_KINDS:
            said = next((p for p in kind if contains(text, p)), None)
            if said is None:
                continue
            scores = self._scores(kind)
            if scores:
                return Resolution(said, self._rank(list(scores), scores, segment, held, text))
            return Resolution(said)
        return Resolution(None)

    def _named(self, text: str) -> list[ProductRecord]:
        """Products whose own name (Chinese or English) the text contains, longest first."""
        hits = [
            (max(len(n) for n in names if contains(text, n)), p)
            for p in self.products.values()
            if (names := self._forms[p.product_code]) and any(contains(text, n) for n in names)
        ]
        if not hits:
            return []
        longest = max(length for length, _ in hits)
        return [p for length, p in hits if length == longest]

    def _scores(self, kind: tuple[str, ...]) -> dict[ProductRecord, float]:
        """Products matching a kind's phrases (or their glossary synonyms), scored; shared,
        so read-only to callers."""
        if kind not in self._kind_scores:
            self._kind_scores[kind] = self._score_kind(kind)
        return self._kind_scores[kind]

    def _score_kind(self, kind: tuple[str, ...]) -> dict[ProductRecord, float]:
        phrases = {p: 1.0 for p in kind}
        for p in kind:
            for synonym in self._synonyms.get(p.lower(), ()):
                phrases.setdefault(synonym, GLOSSARY_WEIGHT)
        scores = {p: _score(p, phrases) for p in self.products.values()}
        best = max(scores.values(), default=0.0)
        return {
            p: s
            for p, s in scores.items()
            if s > 0 and (s >= best * KEEP_RATIO or _of_kind(p.category, phrases))
        }

    def _rank(
        self,
        products: list[ProductRecord],
        scores: Mapping[ProductRecord, float],
        segment: str | None,
        held: Collection[str],
        text: str = "",
    ) -> tuple[ProductMatch, ...]:
        fits = [p for p in products if segment is None or p.segment in (segment, "both")]
        # A product only the other segment has is still named (the RM asked about it); the
        # segment's own products come first when there are any.
        chosen = fits or products
        ordered = sorted(
            chosen,
            key=lambda p: (
                -_said_of(text, p),  # "股票基金" is 股票基金精选 before any other fund
                p.product_code not in held,
                -scores.get(p, 0.0),
                _risk(p),
                p.product_code,
            ),
        )
        return tuple(
            ProductMatch(p, round(scores.get(p, 0.0), 2), p.product_code in held) for p in ordered
        )


def _said_of(text: str, product: ProductRecord) -> int:
    """The longest run of the product's own name the text carries, when it is more than a kind
    word (three characters or more)."""
    said = text.lower()
    best = 0
    for name in (product.name, product.name_en):
        if name:
            match = SequenceMatcher(None, name.lower(), said, autojunk=False).find_longest_match()
            best = max(best, match.size)
    return best if best >= 3 else 0


def _score(product: ProductRecord, phrases: Mapping[str, float]) -> float:
    """How well the product's texts carry the kind's words. A category label held inside a
    phrase ("deposit" in "term deposit") adds to a product the words already name, and alone
    is no evidence: it is wider than the kind."""
    total, named = 0.0, False
    for field, text in _fields(product).items():
        direct = [w for phrase, w in phrases.items() if contains(text, phrase)]
        wider = field == "category" and text and any(contains(p, text) for p in phrases)
        weights = direct or ([w for p, w in phrases.items() if contains(p, text)] if wider else [])
        named = named or bool(direct)
        if weights:
            total += FIELD_WEIGHTS[field] * max(weights)
    return total if named else 0.0


def _synonym_index(glossary: Glossary | None) -> dict[str, tuple[str, ...]]:
    """phrase (lower case) -> the other phrases of its glossary group."""
    index: dict[str, tuple[str, ...]] = {}
    for group in getattr(glossary, "groups", None) or ():
        for phrase in group:
            index.setdefault(phrase.lower(), tuple(p for p in group if p != phrase))
    return index


def _name_forms(products: Iterable[ProductRecord]) -> dict[str, list[str]]:
    """Each product's names and their shortened forms, and the tails of its names that no other
    product's name holds ("Liquidity Pool" of "Treasury Liquidity Pool"): how RMs say a product
    they know, which still names it alone."""
    products = list(products)
    forms = {
        p.product_code: [
            f for n in (p.name, p.name_en) if n for f in product_forms(n) if len(f) >= 2
        ]
        for p in products
    }
    everyone = [(n or "").lower() for p in products for n in (p.name, p.name_en)]
    for p in products:
        for name in filter(None, (p.name, p.name_en)):
            for tail in [*_tails(name), *_unbranded(name, [q.name for q in products])]:
                if sum(tail.lower() in other for other in everyone) == 1:
                    forms[p.product_code].append(tail)
    return forms


# Who a product is for, not whose: "单位" / "个人" before a name is its segment, never a brand.
_SEGMENT_HEADS = ("单位", "个人", "对公", "对私", "企业", "公司", "私行", "零售")


def _unbranded(name: str, names: list[str]) -> list[str]:
    """A Chinese name without the brand its series shares ("进取一号" of "海盈进取一号" beside
    "海盈稳享90天"), with its own shortened forms: RMs drop a brand every product of the series
    carries. Kept only when it is still three characters or more."""
    if name.isascii():
        return []
    for k in range(min(4, len(name) - 3), 1, -1):
        head = name[:k]
        if head in _SEGMENT_HEADS or not any(o != name and o.startswith(head) for o in names):
            continue
        return list(product_forms(name[k:]))  # the rest is 3 characters or more (``k``)
    return []


def _tails(name: str) -> list[str]:
    """The name without its first words, at least two words left ("Liquidity Pool" of
    "Treasury Liquidity Pool"). Not in Chinese: without word breaks, a tail is as often part of
    another word ("年期定期存款") as a name."""
    words = name.split()
    return [" ".join(words[i:]) for i in range(1, len(words) - 1)]
