"""The bank's own other names for a client (``clients.csv`` ``aliases`` / ``short_name``)."""

from __future__ import annotations

import pytest

from tools.names.aliases import aliases_of


@pytest.mark.parametrize(
    ("attributes", "expected"),
    [
        ({}, ()),
        ({"aliases": ""}, ()),
        ({"aliases": "北风货运| Northwind  Freight |北风货运"}, ("北风货运", "Northwind Freight")),
        ({"short_name": "东升"}, ("东升",)),
        ({"aliases": "Wong Ka Yan", "short_name": "黄生|X"}, ("Wong Ka Yan", "黄生")),
        ({"segment_note": "key account"}, ()),
    ],
)
def test_aliases_come_from_the_extracts_alias_columns(attributes, expected) -> None:
    assert aliases_of(attributes) == expected
