"""Keep only the citations an answer actually uses, numbered in reading order.

Tools number every passage they retrieve; an answer cites a few. The Answer lists exactly the
cited ones, renumbered [1], [2] … as they first appear; a marker for a passage that was never
retrieved (an LLM inventing "[7]") is removed and flagged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from assistant.core.types import Citation

MARKER = re.compile(r"\[(\d{1,3})\]")


def prune(text: str, citations: list[Citation]) -> tuple[str, list[Citation], list[str]]:
    by_n = {c.n: c for c in citations}
    order: list[int] = []
    for m in MARKER.finditer(text):
        n = int(m.group(1))
        if n in by_n and n not in order:
            order.append(n)
    renumber = {old: new for new, old in enumerate(order, 1)}
    flags: list[str] = []

    def swap(m: re.Match[str]) -> str:
        n = int(m.group(1))
        if n in renumber:
            return f"[{renumber[n]}]"
        if "guard:unknown_citation" not in flags:
            flags.append("guard:unknown_citation")
        return ""

    kept = [by_n[old].model_copy(update={"n": new}) for old, new in renumber.items()]
    return MARKER.sub(swap, text), kept, flags


# --- does the cited passage support its line? --------------------------------------------------
HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")
WORD = re.compile(r"[a-z][a-z0-9]{3,}", re.I)
# Words any line about a client carries; they say nothing about what a passage is about.
COMMON = frozenset(
    [
        "客户",
        "我行",
        "银行",
        "产品",
        "同类",
        "类客",
        "业务",
        "建议",
        "服务",
        "推荐",
        "client",
        "clients",
        "customer",
        "customers",
        "product",
        "products",
        "bank",
        "peers",
        "hold",
        "with",
        "this",
        "that",
        "propose",
        "offer",
        "recommend",
    ]
)
MIN_SHARED_RUN = (
    4  # 「大额存单」 in 「单位大额存单」: a shorter run ("资金", "贷款") is a coincidence
)


def names_product(text: str, names: Iterable[str]) -> bool:
    """``text`` speaks of the product: its code or English name, or a run of its Chinese name
    at least four characters long (the whole name when shorter)."""
    low = text.lower()
    for name in filter(None, names):
        if not HAN_RUN.search(name):
            if name.lower() in low:
                return True
            continue
        core = "".join(HAN_RUN.findall(name))
        need = min(MIN_SHARED_RUN, len(core))
        if any(core[i : i + need] in text for i in range(len(core) - need + 1)):
            return True
    return False


def char_pairs(text: str) -> set[str]:
    """Every pair of adjacent Chinese characters: what a Chinese text is about, without a
    segmenter."""
    return {run[i : i + 2] for run in HAN_RUN.findall(text) for i in range(len(run) - 1)}


def signal_terms(line: str, names: Iterable[str]) -> set[str]:
    """What a line says besides the product: Chinese character pairs and English words."""
    for name in filter(None, names):
        line = line.replace(name, " ")
    words = {w.lower() for w in WORD.findall(line)}
    return (char_pairs(line) | words) - COMMON


def supports(passage: str, line: str, product_names: Iterable[str] = ()) -> bool:
    """A cited passage supports a line about a product when it speaks of that product, or of the
    line's signal (what the line says besides the product: 到期, 流失, 适当性 …). A line with
    neither product nor signal words is not judged."""
    names = [n for n in product_names if n]
    if names and names_product(passage, names):
        return True
    terms = signal_terms(line, names)
    if not terms:
        return not names
    low = passage.lower()
    return any(term in low for term in terms)
