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


def not_in_catalogue(found: dict, language: str) -> str:
    return t("not_in_catalogue", language).format(product=found["asked_for"])
