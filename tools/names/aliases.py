"""Names the bank itself records for a client besides its legal name: a short name (客户简称),
a translation ("北风货运" for Northwind Freight Co., Ltd.), a passport name. No rule derives
those, so the extract may carry them in an optional ``clients.csv`` column (DESIGN §4.3),
``aliases`` or ``short_name``, several separated by ``|``; they are kept as attributes.
"""

from __future__ import annotations

from collections.abc import Mapping

ALIAS_COLUMNS = ("aliases", "short_name")
SEPARATOR = "|"


def aliases_of(attributes: Mapping[str, object]) -> tuple[str, ...]:
    """The bank's other names for a client, from its extract attributes, in order, deduplicated;
    one-character entries are dropped (they would name half the bank)."""
    out: dict[str, None] = {}
    for column in ALIAS_COLUMNS:
        for alias in str(attributes.get(column) or "").split(SEPARATOR):
            alias = " ".join(alias.split())
            if len(alias) >= 2:
                out.setdefault(alias, None)
    return tuple(out)
