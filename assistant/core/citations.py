"""Keep only the citations an answer actually uses, numbered in reading order.

Tools number every passage they retrieve; an answer cites a few. The Answer lists exactly the
cited ones, renumbered [1], [2] … as they first appear; a marker for a passage that was never
retrieved (an LLM inventing "[7]") is removed and flagged.
"""

from __future__ import annotations

import re

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
