"""Products the question names, through the bank's catalogue (the ``find_products`` tool)."""

from __future__ import annotations

from assistant.engines.offline.phrases import t
from tools.toolbox import Toolbox


async def named_products(tb: Toolbox, text: str, **scope: str | None) -> dict:
    """The catalogue's products for what ``text`` names, best first (none named: none)."""
    args = {"query": text, **{k: v for k, v in scope.items() if v}}
    return await tb.acall("find_products", args)


def lacks_product(found: dict) -> bool:
    """The question named a product the bank's catalogue does not have."""
    return bool(found["asked_for"]) and not found["products"]


def first_code(found: dict) -> str | None:
    return found["products"][0]["product_code"] if found["products"] else None


def said_first(found: dict, text: str) -> dict:
    """``found`` with the products the text names by name, English name or code in the order
    it names them, ahead of the rest: "推一下远期结汇 配合进口开证用" pitches the first."""
    low = text.lower()

    def at(p: dict) -> int:
        spots = [low.find((p.get(k) or "").lower()) for k in ("name", "name_en", "product_code")]
        return min((i for i in spots if i >= 0), default=len(low) + 1)

    return {**found, "products": sorted(found["products"], key=at)}


def exact_product(found: dict) -> dict | None:
    """The product the question names by its own name, English name or code (a fund's name,
    its code), not by a kind word ("理财", "CD"); None when it names none that way."""
    phrase = (found.get("asked_for") or "").strip().lower()
    if not phrase:
        return None
    return next(
        (
            p
            for p in found["products"]
            if phrase in {(p.get(k) or "").lower() for k in ("name", "name_en", "product_code")}
        ),
        None,
    )


def not_in_catalogue(found: dict, language: str) -> str:
    return t("not_in_catalogue", language).format(product=found["asked_for"])
