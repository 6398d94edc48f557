"""Citations that support the line they sit on.

An action or a signal about a product cites a passage; the passage must speak of that product
or of the line's signal (``assistant.core.citations.supports``). One that does not (a working-
capital-loan offer citing the payroll playbook because its signal rule names one playbook for
every product gap) is replaced by the best passage about the product, or dropped.
"""

from __future__ import annotations

from assistant.core.citations import supports
from assistant.engines.offline.request import Request

UNCITED = "\0uncited"  # a key no passage is found under: the line carries no citation


def product_names(req: Request, code: str | None) -> list[str]:
    product = req.tb.services.products.get(code) if code else None
    if product is None:
        return []
    return [product.name, product.name_en or "", product.product_code]


async def check_support(req: Request, items: list[dict], found: dict[str, dict]) -> None:
    """Point each item (signal or action dict) at a passage that supports it: its own, else
    the best passage about its product (added to ``found``), else none."""
    for item in items:
        key, names = item.get("playbook"), product_names(req, item.get("product_code"))
        passage = found.get(key or "")
        if passage is None or not names or supports(_text(passage), item["title"], names):
            continue
        item["playbook"] = await _replacement(req, item, names, found)


async def _replacement(req: Request, item: dict, names: list[str], found: dict) -> str:
    key = f"product:{item['product_code']}"
    if key in found:
        return key
    query = names[0] if req.lang == "zh" else (names[1] or names[0])
    args = {"query": query, "k": 4}
    for p in (await req.tb.acall("search_playbooks", args))["passages"]:
        if supports(_text(p), item["title"], names):
            found[key] = p
            return key
    return UNCITED


def _text(passage: dict) -> str:
    return " ".join(passage.get(k) or "" for k in ("title", "section", "text"))
