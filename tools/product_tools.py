"""``find_products``: the bank's products by what an RM calls them (see ``tools.catalogue``)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from tools.catalogue import Catalogue
from tools.toolbox import Toolbox


class FindProductsArgs(BaseModel):
    query: str = Field(
        description="How the RM names the product, in Chinese or English "
        "(大额存单, CD, 理财, 代发, payroll, LC, cash pooling, or the bank's product name)"
    )
    client_id: str | None = Field(
        default=None, description="The client it is for: their segment and holdings pick the fit"
    )
    segment: Literal["corporate", "retail"] | None = None
    limit: int = Field(default=3, ge=1, le=10)


def find_products(tb: Toolbox, args: FindProductsArgs) -> dict:
    segment: str | None = args.segment
    held = frozenset[str]()
    if args.client_id:
        data = tb.client_data(args.client_id)
        segment = segment or data.client.client_type
        held = frozenset(h.product_code for h in data.holdings)
    catalogue = tb.services.catalogue or Catalogue(tb.services.products)
    found = catalogue.resolve(args.query, segment=segment, held=held)
    return {
        "asked_for": found.phrase,
        "in_catalogue": not found.missing,
        "products": [
            {
                "product_code": m.product.product_code,
                "name": m.product.name,
                "name_en": m.product.name_en,
                "category": m.product.category,
                "risk_level": m.product.risk_level,
                "segment": m.product.segment,
                "min_amount": m.product.min_amount,
                "held": m.held,
            }
            for m in found.matches[: args.limit]
        ],
    }
